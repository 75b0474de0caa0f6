"""The lexicon: curated entities, the domains that gate ambiguous forms, and the
segmenter's dictionary (``lexicon/*.tsv``; the word lists are read by
:func:`kg.resources.files.read_words`).

    lexicon/entities.tsv   name type aliases [domain]  (well-known bodies, programmes, events)
    lexicon/clubs.tsv      name type aliases domain    (sports clubs and leagues)
    lexicon/companies.tsv  name type aliases domain    (well-known companies and brands)
    lexicon/domains.tsv    domain pattern         (words that make a sentence one about a domain)

A user dictionary (``--user-dict``) adds names on top of these:
:func:`load_user_dict` reads it and :func:`add_user_entries` puts it into the lexicon.
"""

from __future__ import annotations

import gc
import importlib.util
import io
import re
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path

from kg.errors import ResourceError
from kg.model import ENTITY_TYPES
from kg.resources.files import read_lines, read_tsv, split_cell


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
        forms = (r["name"], *split_cell(r["aliases"]))
        gated = tuple(f[1:] for f in forms if f.startswith("~"))
        if gated and not r["domain"]:
            raise ResourceError(f"{path}:{n}: forms marked ~ need a domain in the fourth column")
        if any(not f.strip("~") for f in forms):
            raise ResourceError(f"{path}:{n}: an empty alias")
        names.add(name)
        out.append(LexEntry(name, r["type"], tuple(f.removeprefix("~") for f in forms[1:]), r["domain"], gated))
    return tuple(out)


#: The type of a user dictionary's name written without one. Names a user finds missing
#: are mostly people's: organisations, places and events end in a suffix the rules know
#: (…集团, …县, …会议) and the gazetteer lists places, while a person's name is a bare
#: surname and given name that the segmenter may cut apart (李家超 -> 李家 / 超).
USER_DICT_TYPE = "Person"
#: What separates a user dictionary's aliases: commas (ASCII or full-width) or | as in
#: lexicon/*.tsv.
_ALIAS_SEPARATORS = re.compile(r"[,，|]")


#: The kinds of rows of lexicon/short_forms.tsv: words inside a body's name, and the end of
#: a development zone's name.
SHORT_FORM_KINDS = ("body", "zone")


def load_short_forms(path: Path) -> tuple[tuple[str, str, str], ...]:
    """The rows ``(kind, full words, short words)`` of a short-forms table, in its order
    (the alias merger tries a body's rows in order: the longer words are listed first).
    A row of another kind, or whose short words are not shorter, is a ``ResourceError``
    naming ``file:line``."""
    out = []
    for n, row in read_tsv(path, ("kind", "full", "short"), header=True):
        kind, full, short = row["kind"], row["full"], row["short"]
        if kind not in SHORT_FORM_KINDS:
            raise ResourceError(f"{path}:{n}: kind must be one of {', '.join(SHORT_FORM_KINDS)}, not {kind!r}")
        if not short or len(short) >= len(full):
            raise ResourceError(f"{path}:{n}: the short words ({short!r}) must be shorter than the full ones ({full!r})")
        out.append((kind, full, short))
    return tuple(out)


def load_user_dict(path: Path) -> list[tuple[int, LexEntry]]:
    """The names of a user dictionary with their line numbers.

    One name a line: ``name[<TAB>type[<TAB>alias1,alias2 …]]``; the type is one of the
    entity types (default :data:`USER_DICT_TYPE`), aliases are separated by commas or
    ``|``. Blank lines and lines starting with ``#`` are skipped. A malformed line is a
    ``ResourceError`` naming ``file:line`` and the reason, never skipped: a name that is
    silently dropped would be missing from the graph with nothing said.
    """
    out: list[tuple[int, LexEntry]] = []
    first: dict[str, int] = {}
    for n, line in read_lines(path):
        if not line.strip() or line.lstrip().startswith("#"):
            continue
        cells = [c.strip() for c in line.split("\t")]
        where = f"{path}:{n}"
        if len(cells) > 3 and any(cells[3:]):
            raise ResourceError(f"{where}: expected at most 3 tab-separated columns (name, type, aliases), got {len(cells)}")
        name, kind, aliases = (*cells, "", "")[:3]
        words = name.split()
        if len(words) > 1 and any(w in ENTITY_TYPES or w.isdigit() for w in words[1:]):
            raise ResourceError(f"{where}: columns are separated by a tab, not spaces ({name!r})")
        if not name:
            raise ResourceError(f"{where}: empty name")
        kind = kind or USER_DICT_TYPE
        if kind not in ENTITY_TYPES:
            raise ResourceError(f"{where}: unknown entity type {kind!r} (use {', '.join(ENTITY_TYPES)})")
        forms = [name, *(a.strip() for a in _ALIAS_SEPARATORS.split(aliases))] if aliases else [name]
        if any(not f for f in forms):
            raise ResourceError(f"{where}: an empty alias")
        if any(f.startswith("~") for f in forms):
            raise ResourceError(f"{where}: forms marked ~ need a domain, which only lexicon/*.tsv has (see --data-dir)")
        if name in first:
            raise ResourceError(f"{where}: {name} is listed twice (first on line {first[name]})")
        first[name] = n
        out.append((n, LexEntry(name, kind, tuple(f for f in dict.fromkeys(forms[1:]) if f != name))))
    return out


def add_user_entries(
    lexicon: tuple[LexEntry, ...], path: Path, entries: list[tuple[int, LexEntry]]
) -> tuple[tuple[LexEntry, ...], frozenset[str]]:
    """``lexicon`` with the names of a user dictionary (``path``, read by :func:`load_user_dict`)
    and the forms they add.

    A name the lexicon has already, with the same type, gets the user's aliases added to
    its own (李家超 with 李特首 when 李家超 is listed). A name of another type, or a name or
    alias that is already a form of another entry, is a ``ResourceError``: the user's
    line would otherwise be overruled by the built-in entry without a word.
    """
    out = list(lexicon)
    index = {e.name: i for i, e in enumerate(out)}
    owner = {f: e for e in out for f in (e.name, *e.aliases)}
    added: list[str] = []
    for n, entry in entries:
        where = f"{path}:{n}"
        known = out[index[entry.name]] if entry.name in index else None
        if known is not None and known.type != entry.type:
            raise ResourceError(
                f"{where}: {entry.name} is a {known.type} in kg's lexicon; a user dictionary adds names and "
                f"aliases but does not change a type (put the entry in lexicon/entities.tsv of a --data-dir)"
            )
        for form in (entry.name, *entry.aliases):
            other = owner.get(form)
            if other is not None and other.name != entry.name:
                raise ResourceError(f"{where}: {form} already names {other.name} ({other.type}) in the lexicon")
        if known is not None:
            new = tuple(a for a in entry.aliases if a not in known.aliases)
            out[index[entry.name]] = LexEntry(known.name, known.type, known.aliases + new, known.domain, known.gated)
        else:
            index[entry.name] = len(out)
            out.append(entry)
        for form in (entry.name, *entry.aliases):
            owner[form] = out[index[entry.name]]
        added += [entry.name, *entry.aliases]
    return tuple(out), frozenset(added)


#: A segmenter dictionary as jieba ships it: every line ``word freq tag``, one space apart,
#: the frequency in digits. A file in this shape is read in one split; any other (tabs,
#: CRLF, a line of two or four fields, a signed frequency) is read line by line.
_PLAIN_DICTIONARY = re.compile(r"(?:\S++ \d++ \S++\n)*+")


def jieba_dictionary() -> Path:
    """The path of the dictionary shipped with the jieba package, found without importing
    jieba (its import costs a tenth of a second, for a path)."""
    spec = importlib.util.find_spec("jieba")
    folders = list(spec.submodule_search_locations or ()) if spec is not None else []
    if not folders:
        raise ResourceError("the jieba package is not installed: kg reads its dictionary (pip install jieba)")
    return Path(folders[0]) / "dict.txt"


def load_dictionary(path: Path | None = None) -> dict[str, tuple[int, str]]:
    """The segmenter dictionary, word -> (frequency, tag): jieba's own (shared by both
    backends) unless ``path`` names another file in its format.

    Lines of fewer than three fields are skipped and fields after the third ignored, as
    jieba reads them; a word listed twice keeps its last line. A frequency that is no
    integer is a ``ResourceError`` naming the line.
    """
    path = path or jieba_dictionary()
    try:
        text = path.read_bytes().decode("utf-8")
    except OSError as e:
        raise ResourceError(f"{path}: cannot read the segmenter dictionary: {e.strerror or e}") from e
    except UnicodeDecodeError as e:
        raise ResourceError(f"{path}: cannot read the segmenter dictionary: not UTF-8 ({e.reason} at byte {e.start})") from e
    if not _PLAIN_DICTIONARY.fullmatch(text):
        return _dictionary_lines(path, text)
    # Every line is three fields, so the fields of the whole text fall into three columns.
    # Built in C loops (a loop over 350,000 lines took 0.4 s); the collector is paused
    # meanwhile, as the tuples made hold no cycle that it could free.
    fields = text.split()
    collecting = gc.isenabled()
    gc.disable()
    try:
        return dict(zip(fields[0::3], zip(map(int, fields[1::3]), fields[2::3])))
    finally:
        if collecting:
            gc.enable()


def _dictionary_lines(path: Path, text: str) -> dict[str, tuple[int, str]]:
    """``load_dictionary`` of a file in another shape, a line at a time (lines end as a file
    opened as text ends them: \\n, \\r\\n or \\r)."""
    out: dict[str, tuple[int, str]] = {}
    for n, line in enumerate(io.StringIO(text, newline=None), 1):
        parts = line.split()
        if len(parts) >= 3:
            try:
                out[parts[0]] = (int(parts[1]), parts[2])
            except ValueError:
                raise ResourceError(f"{path}:{n}: the frequency of {parts[0]!r} is no integer: {parts[1]!r}") from None
    return out
