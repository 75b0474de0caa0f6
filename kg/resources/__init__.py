"""Load the knowledge kept as data under ``data/``: gazetteers, lexicons and rules.

Every file is UTF-8 text (TSV, plain word lists or TOML) that a domain expert can edit
without reading Python. Files are validated when they are loaded: a malformed line
raises ``ResourceError`` naming ``file:line``, so a typo fails at start-up instead of
silently emptying the graph.

Layout of the data directory::

    gazetteer/cn_divisions.tsv   adcode name short level parent lon lat abbr
    gazetteer/cn_current_names.tsv  adcode name year  (divisions renamed since the list)
    gazetteer/world.tsv          id name aliases kind parent lon lat
    gazetteer/abbreviations.tsv  abbreviation place-id [alone]   (中美关系: 中, 美; 俄将…: alone)
    lexicon/entities.tsv         name type aliases [domain]  (well-known bodies, programmes, events)
    lexicon/clubs.tsv            name type aliases domain    (sports clubs and leagues)
    lexicon/companies.tsv        name type aliases domain    (well-known companies and brands)
    lexicon/domains.tsv          domain pattern         (words that make a sentence one about a domain)
    lexicon/surnames.txt         Chinese surnames (whitespace separated, # comments)
    lexicon/titles.txt           titles and roles (书记, 总经理, 记者 …)
    lexicon/title_prefixes.txt   words before a title (副, 常务, 中方 …)
    lexicon/person_stop.txt      words tagged as names that are not names
    lexicon/translit_chars.txt   characters of transliterated foreign names
    lexicon/not_entities.txt     bare references and generic words (省委, 我省, 公司 …)
    lexicon/bare_bodies.txt      bodies named by a bare word after a level (市政协, 省人大常委会)
    lexicon/regional_bodies.txt  bodies each of several regions has one of (立法会, 廉政公署)
    lexicon/epithets.txt         forms naming a place by an epithet (新中国): never its canonical name
    lexicon/international_bodies.txt  organisations of many states (北约, 东盟): located in none
    lexicon/holidays.tsv         holidays and observance days (春节, 世界读书日): events no relation takes
    lexicon/short_forms.tsv      kind full short (人民政府 -> 政府, 高新技术产业开发区 -> 高新区)
    lexicon/industry_words.txt   words of a business inside a company's name (开发, 拍卖 …)
    rules/suffixes.tsv           suffix type body min_body
    rules/relations.toml         [[rule]] tables: relation, engine, head, tail, triggers …
    rules/entities.toml          [[rule]] tables: id, types, function or pattern, examples …

An overlay folder (``--data-dir``) holds only the files a user changes: its tables and
word lists extend kg's own, its rules files replace them (:mod:`kg.resources.overlay`
says why). A user dictionary (``--user-dict``) adds names, one a line
(:func:`kg.resources.lexicon.load_user_dict`).

This module holds :class:`Resources` and :func:`load_resources`, which puts the files
together; each file is read by a loader beside the data it knows about:
:mod:`kg.resources.files` (word lists and TSV tables), :mod:`kg.resources.gazetteer`,
:mod:`kg.resources.lexicon` and :mod:`kg.resources.rules`. Every name is importable from
``kg.resources`` as well.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass, field
from functools import cached_property
from importlib import resources as importlib_resources
from pathlib import Path

from kg.errors import ResourceError
from kg.resources.files import read_tsv, read_words
from kg.resources.gazetteer import Place, load_abbreviations, load_alone_abbreviations, load_places
from kg.resources.lexicon import (
    USER_DICT_TYPE,
    LexEntry,
    add_user_entries,
    load_dictionary,
    load_domains,
    load_lexicon,
    load_short_forms,
    load_user_dict,
)
from kg.resources.overlay import RESOURCE_FILES, DataSource, check_overlay, fingerprint
from kg.resources.rules import (
    BODY_KINDS,
    ENGINES,
    EntityRules,
    RelationRule,
    RuleExample,
    SuffixRule,
    load_entity_rules,
    load_relation_rules,
    load_suffixes,
)

__all__ = [
    "BODY_KINDS",
    "ENGINES",
    "RESOURCE_FILES",
    "USER_DICT_TYPE",
    "DataSource",
    "LexEntry",
    "Place",
    "RelationRule",
    "Resources",
    "RuleExample",
    "SuffixRule",
    "default_data_dir",
    "load_abbreviations",
    "load_dictionary",
    "load_domains",
    "load_lexicon",
    "load_places",
    "load_relation_rules",
    "load_resources",
    "load_short_forms",
    "load_suffixes",
    "load_user_dict",
    "read_tsv",
    "read_words",
]


@dataclass(frozen=True)
class Resources:
    """Everything extraction needs besides the document, loaded once."""

    places: Mapping[str, Place]
    lexicon: tuple[LexEntry, ...]
    surnames: frozenset[str]
    titles: tuple[str, ...]
    person_stop: frozenset[str]
    translit_chars: frozenset[str]
    not_entities: frozenset[str]
    suffixes: tuple[SuffixRule, ...]
    relation_rules: tuple[RelationRule, ...]
    #: The segmenter dictionary: word -> (frequency, tag), to tell common words from names.
    dictionary: Mapping[str, tuple[int, str]] = field(default_factory=dict)
    #: what ``load_resources`` takes to load these resources again (worker processes do):
    #: kg's data folder as a string, or the DataSource of an overlay and user dictionaries
    data_dir: str | DataSource = ""
    #: one-character abbreviations of countries (中, 美) -> place id
    country_abbr: Mapping[str, str] = field(default_factory=dict)
    #: the abbreviations of ``country_abbr`` read as their country wherever the segmenter
    #: keeps them as a word of their own (俄, 叙: the third column of abbreviations.tsv)
    abbr_alone: frozenset[str] = frozenset()
    #: words of a business inside a company's name (开发, 拍卖), verbs to the tagger
    industry_words: frozenset[str] = frozenset()
    #: domain -> the words that make a sentence one about it (lexicon/domains.tsv)
    domains: Mapping[str, re.Pattern[str]] = field(default_factory=dict)
    #: names and aliases of the user dictionaries: the segmenter keeps each whole, whatever
    #: its length, since the user asked for exactly that
    user_forms: frozenset[str] = frozenset()
    #: hash of the overlay's data files and the user dictionaries ("" with kg's data alone)
    fingerprint: str = ""
    #: bodies named by a bare word after a level (人大常委会, 政协, 委), longest first so
    #: that a reader trying them in order takes 人大常委会 before 人大
    bare_bodies: tuple[str, ...] = ()
    #: bodies each of several regions has one of, named bare in its papers (立法会): the
    #: bare name is the one such body a document names in full
    regional_bodies: frozenset[str] = frozenset()
    #: forms that name a place by an epithet (新中国): an alias, never the canonical name
    #: where the document writes another form of the place
    epithets: frozenset[str] = frozenset()
    #: organisations of many states (北约, 东盟), located in none: a country named right
    #: before one is listed with it (美国北约), not its place
    international_bodies: frozenset[str] = frozenset()
    #: the names and aliases of the holidays and observance days (lexicon/holidays.tsv):
    #: events by name that no relation takes as head or tail
    holidays: frozenset[str] = frozenset()
    #: the entity rules of rules/entities.toml; those with a pattern run through
    #: kg.extract.patterns
    entity_rules: EntityRules = field(default_factory=lambda: EntityRules((), ()))
    #: words that may stand before a title in a run of titles (副, 常务, 中方: 中方主席)
    title_prefixes: tuple[str, ...] = ()
    #: (kind, full words, short words) of lexicon/short_forms.tsv: a state body's formal
    #: words and the everyday ones (人民政府, 政府), a zone's name's end and its short form
    #: (高新技术产业开发区, 高新区), kg's rows first, then an overlay's
    short_forms: tuple[tuple[str, str, str], ...] = ()

    @cached_property
    def title_set(self) -> frozenset[str]:
        """The titles as a set, for membership (``titles`` is ordered longest first, for
        the readers that try them in turn)."""
        return frozenset(self.titles)

    @cached_property
    def gated_forms(self) -> dict[str, LexEntry]:
        """Lexicon forms that name their entry only in a sentence of the entry's domain.

        A form of an entry with a domain is ambiguous when the file marks it ``~`` (拜仁,
        暴雪 = a blizzard, 西班牙人 = Spaniards) or when it is also a place (米兰, 亚马逊).
        """
        out: dict[str, LexEntry] = {}
        for e in self.lexicon:
            if not e.domain:
                continue
            for form in (e.name, *e.aliases):
                if form in e.gated or form in self.place_forms:
                    out.setdefault(form, e)
        return out

    @cached_property
    def province_abbr(self) -> dict[str, str]:
        """One-character province abbreviations (晋, 冀, 蜀) -> place id."""
        return {a: p.id for p in self.places.values() for a in p.abbr if len(a) == 1}

    @cached_property
    def place_forms(self) -> dict[str, tuple[str, ...]]:
        """Surface form -> place ids, full names before short forms."""
        full: dict[str, list[str]] = {}
        short: dict[str, list[str]] = {}
        for p in self.places.values():
            full.setdefault(p.name, []).append(p.id)
            for s in p.short:
                short.setdefault(s, []).append(p.id)
        out: dict[str, tuple[str, ...]] = {}
        for form in sorted(full.keys() | short.keys()):
            ids, more = full.get(form, ()), short.get(form)
            out[form] = (*ids, *(i for i in more if i not in ids)) if more else tuple(ids)
        return out

    @cached_property
    def lexicon_forms(self) -> dict[str, LexEntry]:
        out: dict[str, LexEntry] = {}
        for e in self.lexicon:
            for form in (e.name, *e.aliases):
                out.setdefault(form, e)
        return out

    @cached_property
    def suffix_map(self) -> dict[str, SuffixRule]:
        return {r.suffix: r for r in self.suffixes}

    @cached_property
    def span_types(self) -> dict[str, str]:
        """Suffix -> the type flat span output gives the names it reads, where the public
        PER/LOC/ORG corpora class them otherwise than the graph (``span_type`` column)."""
        return {r.suffix: r.span_type for r in self.suffixes if r.span_type}

    @cached_property
    def max_suffix(self) -> int:
        return max((len(r.suffix) for r in self.suffixes), default=0)

    def user_words(self) -> list[tuple[str, int, str]]:
        """Words the segmenter should keep whole: places, curated names, suffixes."""
        tags = {"Person": "nr", "Place": "ns", "Organization": "nt", "Enterprise": "nt", "Initiative": "nz", "Event": "nz"}
        words: dict[str, tuple[int, str]] = {}
        for form, ids in self.place_forms.items():
            place = self.places[ids[0]]
            if place.kind == "county" and form != place.name:
                # a county's short form (中站, 安新) only counts where the segmenter itself
                # finds the word; as a user word it would cut ordinary text apart
                continue
            if len(form) >= 2 and self.common_word(form) is False:
                words[form] = (50_000, "ns")
        gated = self.gated_forms
        for form, e in self.lexicon_forms.items():
            # two-character forms are left to the segmenter: 中共 as a user word would cut
            # 中共同成长 apart; Latin forms (Valve, Epic Games) never reach its dictionary.
            # Every form of three characters or more is given: the rules read the tokens
            # around a known name (the body walk stops at 钓鱼台国宾馆 in 北京钓鱼台国宾馆,
            # 中央全面深化改革委员会 opens 中央全面深化改革委员会第二十四次会议), and a name the
            # segmenter does not know is cut across its edges. A word added here moves the
            # cuts of the sentences holding it only (the segmenter's total is fixed:
            # kg.extract.segment.USER_MASS)
            long_enough = len(form) >= 3 or (form in self.user_forms and len(form) >= 2)
            if long_enough and form not in gated and " " not in form and any("\u4e00" <= c <= "\u9fff" for c in form):
                words[form] = (80_000, tags[e.type])
        for t in self.titles:
            words.setdefault(t, (20_000, "n"))
        for r in self.suffixes:
            # 年会上 → 年会 / 上: name suffixes end tokens, so the suffix grammar sees them;
            # a festival (电影节, 艺术节) keeps the dictionary's weight: made heavier it would
            # cut 电影节目 (a programme, far more frequent) into 电影节 | 目
            festival = r.suffix.endswith("节") and r.suffix in self.dictionary
            if len(r.suffix) >= 2 and r.body != "place" and not festival:
                words.setdefault(r.suffix, (20_000, "n"))
        return [(w, f, t) for w, (f, t) in sorted(words.items())]

    def common_word(self, word: str, threshold: int = 400) -> bool:
        """True when ``word`` is an ordinary dictionary word rather than a name.

        A word is common when the dictionary knows it with a frequency above
        ``threshold`` and a tag that is not a place or organisation tag.
        """
        hit = self.dictionary.get(word)
        if hit is None:
            return False
        freq, tag = hit
        return freq > threshold and not tag.startswith(("ns", "nt"))

    def parent_chain(self, place_id: str) -> list[str]:
        """Ids of the ancestors of a place, nearest first."""
        out = []
        seen = set()
        cur = self.places.get(place_id)
        while cur is not None and cur.parent and cur.parent not in seen:
            seen.add(cur.parent)
            out.append(cur.parent)
            cur = self.places.get(cur.parent)
        return out


def default_data_dir() -> Path:
    """The folder of kg's data as installed (package ``kg._data``: a wheel, or ``data/`` of
    an editable checkout), else ``data/`` beside the package when kg runs from a checkout
    that is not installed (``PYTHONPATH=.``).

    ``kg._data`` is a regular package (``data/__init__.py``), so ``files()`` is a real
    folder; anything else (a zip import) is refused with a clear error rather than
    turned into a string that names no file.
    """
    try:
        located = importlib_resources.files("kg._data")
    except ModuleNotFoundError:
        located = None
    if isinstance(located, Path):
        return located
    here = Path(__file__).resolve().parents[2] / "data"  # kg/resources/__init__.py -> the checkout
    if (here / "rules" / "relations.toml").is_file():
        return here
    raise ResourceError(f"kg's data folder cannot be found (kg._data resolves to {located!r})")


_CACHE: dict[tuple[str, str, str], Resources] = {}


def load_resources(
    data_dir: str | Path | DataSource | None = None, user_dict: str | Path | tuple[str | Path, ...] = ()
) -> Resources:
    """Load and validate every data file: kg's own data, with the files of the overlay
    folder ``data_dir`` on top (see :mod:`kg.resources.overlay`: tables and word lists
    extend, rules files replace) and the names of the user dictionaries ``user_dict``
    (see :func:`load_user_dict`).

    Cached within a process under the overlay, the user dictionaries and a hash of their
    contents, so an edited file is read again. ``data_dir`` may also be the
    :class:`DataSource` of an earlier load (``Resources.data_dir``), as worker processes
    give it.
    """
    builtin = default_data_dir()
    source = DataSource.of(data_dir, user_dict)
    if source.overlay and Path(source.overlay) == builtin.resolve():
        source = DataSource("", source.user_dicts)  # kg's own folder named as the overlay
    overlay_files = check_overlay(Path(source.overlay)) if source.overlay else []
    key = (str(builtin.resolve()), source.overlay, fingerprint(source, overlay_files) if source != DataSource() else "")
    if key in _CACHE:
        return _CACHE[key]

    def words(rel: str) -> list[str]:
        return [w for p in source.extending(builtin, rel) for w in read_words(p)]

    titles = sorted(set(words("lexicon/titles.txt")), key=lambda t: (-len(t), t))
    places = load_places(builtin, source)
    domains: dict[str, re.Pattern[str]] = {}
    for path in source.extending(builtin, "lexicon/domains.tsv"):
        domains.update(load_domains(path))  # an overlay's domain replaces the built-in one
    lexicon: tuple[LexEntry, ...] = ()
    holidays: set[str] = set()
    for layer in (builtin, Path(source.overlay) if source.overlay else None):
        if layer is None:
            continue
        part: tuple[LexEntry, ...] = ()
        for rel in ("lexicon/entities.tsv", "lexicon/clubs.tsv", "lexicon/companies.tsv", "lexicon/holidays.tsv"):
            if not (layer / rel).is_file() and layer is not builtin:
                continue
            seen = {e.name for e in part}
            more = load_lexicon(layer / rel, domains)
            if rel == "lexicon/holidays.tsv":
                holidays.update(form for e in more for form in (e.name, *e.aliases))
            for e in more:
                if e.name in seen:
                    raise ResourceError(f"{layer / rel}: {e.name} is listed in another lexicon file as well")
            part += more
        # an overlay's entry replaces the built-in entry of the same name, where it stood
        mine = {e.name: e for e in part}
        lexicon = tuple(mine.pop(e.name, e) for e in lexicon) + tuple(mine.values())
    user_forms: frozenset[str] = frozenset()
    for path in source.user_dicts:
        lexicon, forms = add_user_entries(lexicon, Path(path), load_user_dict(Path(path)))
        user_forms |= forms
    plain = source == DataSource()
    res = Resources(
        places=places,
        country_abbr=load_abbreviations(source.extending(builtin, "gazetteer/abbreviations.tsv"), places),
        abbr_alone=load_alone_abbreviations(source.extending(builtin, "gazetteer/abbreviations.tsv")),
        lexicon=lexicon,
        domains=domains,
        surnames=frozenset(words("lexicon/surnames.txt")),
        titles=tuple(titles),
        title_prefixes=tuple(sorted(set(words("lexicon/title_prefixes.txt")))),
        person_stop=frozenset(words("lexicon/person_stop.txt")),
        translit_chars=frozenset("".join(words("lexicon/translit_chars.txt"))),
        not_entities=frozenset(words("lexicon/not_entities.txt")),
        bare_bodies=tuple(sorted(set(words("lexicon/bare_bodies.txt")), key=lambda w: (-len(w), w))),
        industry_words=frozenset(words("lexicon/industry_words.txt")),
        regional_bodies=frozenset(words("lexicon/regional_bodies.txt")),
        epithets=frozenset(words("lexicon/epithets.txt")),
        international_bodies=frozenset(words("lexicon/international_bodies.txt")),
        short_forms=tuple(r for p in source.extending(builtin, "lexicon/short_forms.tsv") for r in load_short_forms(p)),
        holidays=frozenset(holidays),
        suffixes=load_suffixes(source.replacing(builtin, "rules/suffixes.tsv")),
        relation_rules=load_relation_rules(source.replacing(builtin, "rules/relations.toml")),
        entity_rules=load_entity_rules(source.replacing(builtin, "rules/entities.toml")),
        dictionary=load_dictionary(),
        data_dir=str(builtin.resolve()) if plain else source,
        user_forms=user_forms,
        fingerprint=key[2],
    )
    _CACHE[key] = res
    return res
