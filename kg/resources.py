"""Load the knowledge kept as data under ``data/``: gazetteers, lexicons and rules.

Every file is UTF-8 text (TSV, plain word lists or TOML) that a domain expert can edit
without reading Python. Files are validated when they are loaded: a malformed line
raises ``ResourceError`` naming ``file:line``, so a typo fails at start-up instead of
silently emptying the graph.

Layout of the data directory::

    gazetteer/cn_divisions.tsv   adcode name short level parent lon lat abbr
    gazetteer/cn_current_names.tsv  adcode name year  (divisions renamed since the list)
    gazetteer/world.tsv          id name aliases kind parent lon lat
    gazetteer/abbreviations.tsv  abbreviation place-id   (中美关系: 中, 美)
    lexicon/entities.tsv         name type aliases [domain]  (well-known bodies, programmes, events)
    lexicon/clubs.tsv            name type aliases domain    (sports clubs and leagues)
    lexicon/companies.tsv        name type aliases domain    (well-known companies and brands)
    lexicon/domains.tsv          domain pattern         (words that make a sentence one about a domain)
    lexicon/surnames.txt         Chinese surnames (whitespace separated, # comments)
    lexicon/titles.txt           titles and roles (书记, 总经理, 记者 …)
    lexicon/person_stop.txt      words tagged as names that are not names
    lexicon/translit_chars.txt   characters of transliterated foreign names
    lexicon/not_entities.txt     bare references and generic words (省委, 我省, 公司 …)
    lexicon/industry_words.txt   words of a business inside a company's name (开发, 拍卖 …)
    rules/suffixes.tsv           suffix type body min_body
    rules/relations.toml         [[rule]] tables: relation, engine, head, tail, triggers …
"""

from __future__ import annotations

import csv
import re
import tomllib
from collections.abc import Mapping
from dataclasses import dataclass, field
from functools import cached_property
from importlib import resources as importlib_resources
from pathlib import Path

from kg.errors import ResourceError
from kg.model import ENTITY_TYPES, RELATION_TYPES

ENGINES = ("title", "adjacent", "trigger", "pair", "venue")
BODY_KINDS = ("place", "proper", "nominal", "phrase")


@dataclass(frozen=True, slots=True)
class Place:
    """A gazetteer place: a Chinese division (``cn:<adcode>``) or a world place."""

    id: str
    name: str
    short: tuple[str, ...]
    kind: str
    parent: str = ""
    lon: str = ""
    lat: str = ""
    abbr: tuple[str, ...] = ()

    @property
    def adcode(self) -> str:
        return self.id[3:] if self.id.startswith("cn:") else ""


@dataclass(frozen=True, slots=True)
class LexEntry:
    """A curated entity with its aliases."""

    name: str
    type: str
    aliases: tuple[str, ...]
    #: the domain (sport, finance, auction …) whose sentences the ambiguous forms need
    domain: str = ""
    #: forms marked ``~`` in the file: they name the entry only in a sentence of its domain
    gated: tuple[str, ...] = ()


@dataclass(frozen=True, slots=True)
class SuffixRule:
    suffix: str
    type: str
    body: str
    min_body: int


@dataclass(frozen=True, slots=True)
class RuleExample:
    """A sentence of a relation rule's specification and the head and tail it names."""

    text: str
    head: str
    tail: str


@dataclass(frozen=True, slots=True)
class RelationRule:
    id: str
    relation: str
    engine: str
    head: frozenset[str]
    tail: frozenset[str]
    triggers: tuple[str, ...]
    blockers: tuple[str, ...] = ()
    before_trigger: bool = False
    max_gap: int = 40
    #: which mention before the trigger is the head: "nearest-person" (the nearest person,
    #: else the clause's first allowed mention; listed names share it) or "first"
    subject: str = "nearest-person"
    #: store the relation from the object to the subject: 山西举办…推进会 → 推进会 located_in 山西
    reverse: bool = False
    #: sentences the rule must turn into (head, relation, tail): its specification, run by
    #: the test suite, so a change to an engine shows at once which rule it breaks
    examples: tuple[RuleExample, ...] = ()
    #: hard negatives: look-alike sentences where the rule must not produce that relation
    counter_examples: tuple[RuleExample, ...] = ()


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
    data_dir: str = ""
    #: one-character abbreviations of countries (中, 美) -> place id
    country_abbr: Mapping[str, str] = field(default_factory=dict)
    #: words of a business inside a company's name (开发, 拍卖), verbs to the tagger
    industry_words: frozenset[str] = frozenset()
    #: domain -> the words that make a sentence one about it (lexicon/domains.tsv)
    domains: Mapping[str, re.Pattern[str]] = field(default_factory=dict)

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
        for form in sorted(set(full) | set(short)):
            out[form] = tuple(full.get(form, [])) + tuple(i for i in short.get(form, []) if i not in full.get(form, []))
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
            # 中共同成长 apart; Latin forms (Valve, Epic Games) never reach its dictionary
            if len(form) >= 3 and form not in gated and " " not in form and any("\u4e00" <= c <= "\u9fff" for c in form):
                words[form] = (80_000, tags[e.type])
        for t in self.titles:
            words.setdefault(t, (20_000, "n"))
        for r in self.suffixes:
            # 年会上 → 年会 / 上: name suffixes end tokens, so the suffix grammar sees them
            if len(r.suffix) >= 2 and r.body != "place":
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
    here = Path(__file__).resolve().parent.parent / "data"
    if (here / "rules" / "relations.toml").is_file():
        return here
    raise ResourceError(f"kg's data folder cannot be found (kg._data resolves to {located!r})")


def _lines(path: Path) -> list[tuple[int, str]]:
    try:
        text = path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as e:
        raise ResourceError(f"{path}: cannot read: {e}") from e
    return [(n, line) for n, line in enumerate(text.splitlines(), 1)]


def read_words(path: Path) -> list[str]:
    """Whitespace-separated words, ``#`` starts a comment."""
    words = []
    for _n, line in _lines(path):
        line = line.split("#", 1)[0]
        words.extend(line.split())
    return words


def read_tsv(path: Path, columns: tuple[str, ...], *, header: bool) -> list[tuple[int, dict[str, str]]]:
    """Rows of a TSV file as dicts; ``#`` lines are comments; wrong widths are errors."""
    rows = []
    lines = [(n, line) for n, line in _lines(path) if line.strip() and not line.startswith("#")]
    if header:
        if not lines:
            raise ResourceError(f"{path}: empty file, expected a header")
        n, first = lines[0]
        got = tuple(first.split("\t"))
        if got[: len(columns)] != columns:
            raise ResourceError(f"{path}:{n}: header must start with {' '.join(columns)}, not {' '.join(got)}")
        lines = lines[1:]
    for n, line in lines:
        cells = next(csv.reader([line], delimiter="\t", quoting=csv.QUOTE_NONE))
        if len(cells) < len(columns):
            cells += [""] * (len(columns) - len(cells))
        if len(cells) > len(columns) and any(c.strip() for c in cells[len(columns) :]):
            raise ResourceError(f"{path}:{n}: expected {len(columns)} columns ({' '.join(columns)}), got {len(cells)}")
        rows.append((n, {c: v.strip() for c, v in zip(columns, cells)}))
    return rows


def _split(value: str) -> tuple[str, ...]:
    return tuple(v.strip() for v in value.split("|") if v.strip())


def load_places(data: Path) -> dict[str, Place]:
    places: dict[str, Place] = {}
    cn = data / "gazetteer" / "cn_divisions.tsv"
    cols = ("adcode", "name", "short", "level", "parent", "lon", "lat", "abbr")
    for n, r in read_tsv(cn, cols, header=True):
        code = r["adcode"]
        if not (len(code) == 6 and code.isdigit()) or not r["name"]:
            raise ResourceError(f"{cn}:{n}: needs a 6-digit adcode and a name")
        pid = f"cn:{code}"
        if pid in places:
            raise ResourceError(f"{cn}:{n}: duplicate adcode {code}")
        parent = f"cn:{r['parent']}" if r["parent"] else "CN"
        places[pid] = Place(pid, r["name"], _split(r["short"]), r["level"], parent, r["lon"], r["lat"], _split(r["abbr"]))
    renamed = data / "gazetteer" / "cn_current_names.tsv"
    if renamed.is_file():
        for n, r in read_tsv(renamed, ("adcode", "name", "year"), header=False):
            pid = f"cn:{r['adcode']}"
            if pid not in places or not r["name"]:
                raise ResourceError(f"{renamed}:{n}: unknown adcode {r['adcode']!r} or empty name")
            old = places[pid]
            short = tuple(dict.fromkeys((*old.short, old.name)))  # the former name stays a form
            places[pid] = Place(pid, r["name"], short, old.kind, old.parent, old.lon, old.lat, old.abbr)
    # 崇礼县 (now 崇礼区), 安陆县 (now 安陆市): most districts and county-level cities were
    # counties before; the former county name stays a form where no place bears it now
    taken = {f for p in places.values() for f in (p.name, *p.short)}
    for pid, p in list(places.items()):
        if p.kind != "county" or not p.name.endswith(("区", "市")):
            continue
        former = tuple(
            f"{x}县" for x in dict.fromkeys((p.name[:-1], *p.short)) if len(x) >= 2 and not x.endswith(("县", "区", "市")) and f"{x}县" not in taken
        )
        if former:
            taken.update(former)
            places[pid] = Place(pid, p.name, (*p.short, *former), p.kind, p.parent, p.lon, p.lat, p.abbr)
    world = data / "gazetteer" / "world.tsv"
    for n, r in read_tsv(world, ("id", "name", "aliases", "kind", "parent", "lon", "lat"), header=True):
        if not r["id"] or not r["name"] or not r["kind"]:
            raise ResourceError(f"{world}:{n}: needs id, name and kind")
        if r["id"] in places:
            raise ResourceError(f"{world}:{n}: duplicate id {r['id']}")
        places[r["id"]] = Place(r["id"], r["name"], _split(r["aliases"]), r["kind"], r["parent"], r["lon"], r["lat"])
    for pid, p in places.items():
        if p.parent and p.parent not in places:
            raise ResourceError(f"gazetteer: place {pid} ({p.name}) names unknown parent {p.parent}")
    return places


def load_abbreviations(path: Path, places: Mapping[str, Place]) -> dict[str, str]:
    out: dict[str, str] = {}
    for n, r in read_tsv(path, ("abbreviation", "place"), header=False):
        if len(r["abbreviation"]) != 1:
            raise ResourceError(f"{path}:{n}: an abbreviation is one character, not {r['abbreviation']!r}")
        if r["place"] not in places:
            raise ResourceError(f"{path}:{n}: unknown place id {r['place']!r}")
        if r["abbreviation"] in out:
            raise ResourceError(f"{path}:{n}: {r['abbreviation']!r} is listed twice")
        out[r["abbreviation"]] = r["place"]
    return out


def load_domains(path: Path) -> dict[str, re.Pattern[str]]:
    """``domain<TAB>pattern``: a regular expression of the words that make a sentence one
    about the domain (主场|客场|联赛 for sport)."""
    out: dict[str, re.Pattern[str]] = {}
    for n, r in read_tsv(path, ("domain", "pattern"), header=False):
        if not r["domain"].isidentifier() or not r["pattern"]:
            raise ResourceError(f"{path}:{n}: expected a domain name and a pattern")
        if r["domain"] in out:
            raise ResourceError(f"{path}:{n}: domain {r['domain']!r} is listed twice")
        try:
            out[r["domain"]] = re.compile(r["pattern"])
        except re.error as e:
            raise ResourceError(f"{path}:{n}: bad pattern for {r['domain']!r}: {e}") from None
    return out


def load_lexicon(path: Path, domains: Mapping[str, re.Pattern[str]] | None = None) -> tuple[LexEntry, ...]:
    """Curated entries: ``name<TAB>type<TAB>aliases[<TAB>domain]``. A form written ``~form``
    is ambiguous: it names the entry only in a sentence of the entry's domain."""
    out = []
    names: set[str] = set()
    for n, r in read_tsv(path, ("name", "type", "aliases", "domain"), header=False):
        if r["type"] not in ENTITY_TYPES:
            raise ResourceError(f"{path}:{n}: unknown entity type {r['type']!r} (use {', '.join(ENTITY_TYPES)})")
        name = r["name"].removeprefix("~")
        if not name:
            raise ResourceError(f"{path}:{n}: empty name")
        if name in names:
            raise ResourceError(f"{path}:{n}: {name} is listed twice")
        if r["domain"] and r["domain"] not in (domains or {}):
            raise ResourceError(f"{path}:{n}: unknown domain {r['domain']!r} (see lexicon/domains.tsv)")
        forms = (r["name"], *_split(r["aliases"]))
        gated = tuple(f[1:] for f in forms if f.startswith("~"))
        if gated and not r["domain"]:
            raise ResourceError(f"{path}:{n}: forms marked ~ need a domain in the fourth column")
        if any(not f.strip("~") for f in forms):
            raise ResourceError(f"{path}:{n}: an empty alias")
        names.add(name)
        out.append(LexEntry(name, r["type"], tuple(f.removeprefix("~") for f in forms[1:]), r["domain"], gated))
    return tuple(out)


def load_suffixes(path: Path) -> tuple[SuffixRule, ...]:
    out = []
    for n, r in read_tsv(path, ("suffix", "type", "body", "min_body"), header=False):
        if r["type"] not in ENTITY_TYPES:
            raise ResourceError(f"{path}:{n}: unknown entity type {r['type']!r}")
        if r["body"] not in BODY_KINDS:
            raise ResourceError(f"{path}:{n}: body must be one of {', '.join(BODY_KINDS)}, not {r['body']!r}")
        if not r["min_body"].isdigit():
            raise ResourceError(f"{path}:{n}: min_body must be a number")
        if any(x.suffix == r["suffix"] for x in out):
            raise ResourceError(f"{path}:{n}: suffix {r['suffix']!r} is listed twice")
        out.append(SuffixRule(r["suffix"], r["type"], r["body"], int(r["min_body"])))
    return tuple(out)


def load_relation_rules(path: Path) -> tuple[RelationRule, ...]:
    try:
        data = tomllib.loads(path.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, tomllib.TOMLDecodeError) as e:
        raise ResourceError(f"{path}: {e}") from e
    out = []
    allowed = {
        "id", "relation", "engine", "head", "tail", "triggers", "blockers", "before_trigger",
        "max_gap", "subject", "reverse", "examples", "counter_examples",
    }
    for i, raw in enumerate(data.get("rule", []), 1):
        where = f"{path}: rule {i} ({raw.get('id', '?')})"
        unknown = set(raw) - allowed
        if unknown:
            raise ResourceError(f"{where}: unknown key(s) {', '.join(sorted(unknown))}")
        if raw.get("relation") not in RELATION_TYPES:
            raise ResourceError(f"{where}: unknown relation {raw.get('relation')!r}")
        if raw.get("engine") not in ENGINES:
            raise ResourceError(f"{where}: engine must be one of {', '.join(ENGINES)}")
        if raw.get("subject", "nearest-person") not in ("nearest-person", "first"):
            raise ResourceError(f"{where}: subject must be nearest-person or first")
        for side in ("head", "tail"):
            bad = [t for t in raw.get(side, []) if t not in ENTITY_TYPES]
            if bad or not raw.get(side):
                raise ResourceError(f"{where}: {side} needs entity types, got {raw.get(side)!r}")
        examples = _rule_examples(raw.get("examples", []), f"{where}: examples")
        if not examples:
            # a rule without examples cannot be checked against anything: refuse it
            raise ResourceError(f"{where}: needs at least one example (examples = [{{text, head, tail}}])")
        counter = _rule_examples(raw.get("counter_examples", []), f"{where}: counter_examples")
        out.append(
            RelationRule(
                id=str(raw.get("id") or f"{raw['relation']}.{raw['engine']}"),
                relation=raw["relation"],
                engine=raw["engine"],
                head=frozenset(raw["head"]),
                tail=frozenset(raw["tail"]),
                triggers=tuple(sorted(raw.get("triggers", []), key=lambda t: (-len(t), t))),
                blockers=tuple(raw.get("blockers", [])),
                before_trigger=bool(raw.get("before_trigger", False)),
                max_gap=int(raw.get("max_gap", 40)),
                subject=str(raw.get("subject", "nearest-person")),
                reverse=bool(raw.get("reverse", False)),
                examples=examples,
                counter_examples=counter,
            )
        )
    return tuple(out)


def _rule_examples(raw: object, where: str) -> tuple[RuleExample, ...]:
    """A list of ``{text, head, tail}`` tables; the head and tail must occur in the text."""
    if not isinstance(raw, list):
        raise ResourceError(f"{where}: must be a list of {{text, head, tail}} tables")
    out = []
    for n, item in enumerate(raw, 1):
        if not isinstance(item, dict) or set(item) != {"text", "head", "tail"}:
            raise ResourceError(f"{where} {n}: needs exactly the keys text, head and tail")
        if not all(isinstance(item[k], str) and item[k] for k in ("text", "head", "tail")):
            raise ResourceError(f"{where} {n}: text, head and tail must be non-empty strings")
        for k in ("head", "tail"):
            if item[k] not in item["text"]:
                raise ResourceError(f"{where} {n}: {k} {item[k]!r} does not occur in the text")
        out.append(RuleExample(item["text"], item["head"], item["tail"]))
    return tuple(out)


def load_dictionary() -> dict[str, tuple[int, str]]:
    """The jieba dictionary shipped with the jieba package (shared by both backends)."""
    import jieba

    path = Path(jieba.__file__).parent / "dict.txt"
    out: dict[str, tuple[int, str]] = {}
    with open(path, encoding="utf-8") as f:
        for line in f:
            parts = line.split()
            if len(parts) >= 3:
                out[parts[0]] = (int(parts[1]), parts[2])
    return out


_CACHE: dict[str, Resources] = {}


def load_resources(data_dir: str | Path | None = None) -> Resources:
    """Load and validate every data file (cached per directory within a process)."""
    data = Path(data_dir) if data_dir is not None else default_data_dir()
    key = str(data.resolve())
    if key in _CACHE:
        return _CACHE[key]
    lex = data / "lexicon"
    titles = sorted(set(read_words(lex / "titles.txt")), key=lambda t: (-len(t), t))
    places = load_places(data)
    domains = load_domains(lex / "domains.tsv")
    lexicon: tuple[LexEntry, ...] = ()
    for fname in ("entities.tsv", "clubs.tsv", "companies.tsv"):
        seen = {e.name: e for e in lexicon}
        part = load_lexicon(lex / fname, domains)
        for e in part:
            if e.name in seen:
                raise ResourceError(f"{lex / fname}: {e.name} is listed in another lexicon file as well")
        lexicon += part
    res = Resources(
        places=places,
        country_abbr=load_abbreviations(data / "gazetteer" / "abbreviations.tsv", places),
        lexicon=lexicon,
        domains=domains,
        surnames=frozenset(read_words(lex / "surnames.txt")),
        titles=tuple(titles),
        person_stop=frozenset(read_words(lex / "person_stop.txt")),
        translit_chars=frozenset("".join(read_words(lex / "translit_chars.txt"))),
        not_entities=frozenset(read_words(lex / "not_entities.txt")),
        industry_words=frozenset(read_words(lex / "industry_words.txt")),
        suffixes=load_suffixes(data / "rules" / "suffixes.tsv"),
        relation_rules=load_relation_rules(data / "rules" / "relations.toml"),
        dictionary=load_dictionary(),
        data_dir=key,
    )
    _CACHE[key] = res
    return res
