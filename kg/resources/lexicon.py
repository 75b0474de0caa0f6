"""The lexicon: curated entities, the domains that gate ambiguous forms, and the
segmenter's dictionary (``lexicon/*.tsv``; the word lists are read by
:func:`kg.resources.files.read_words`).

    lexicon/entities.tsv   name type aliases [domain]  (well-known bodies, programmes, events)
    lexicon/clubs.tsv      name type aliases domain    (sports clubs and leagues)
    lexicon/companies.tsv  name type aliases domain    (well-known companies and brands)
    lexicon/domains.tsv    domain pattern         (words that make a sentence one about a domain)
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path

from kg.errors import ResourceError
from kg.model import ENTITY_TYPES
from kg.resources.files import read_tsv, split_cell


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
