"""The gazetteer: Chinese divisions and world places (``gazetteer/*.tsv``).

    gazetteer/cn_divisions.tsv   adcode name short level parent lon lat abbr
    gazetteer/cn_current_names.tsv  adcode name year  (divisions renamed since the list)
    gazetteer/world.tsv          id name aliases kind parent lon lat
    gazetteer/abbreviations.tsv  abbreviation place-id [alone]   (中美关系: 中, 美; 俄将…: alone)

An overlay folder's files extend these (see :mod:`kg.resources.overlay`).
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path

from kg.errors import ResourceError
from kg.resources.files import read_tsv, split_cell
from kg.resources.overlay import DataSource


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


def load_places(data: Path, source: DataSource | None = None) -> dict[str, Place]:
    """The places of ``data`` (kg's data folder) and of the overlay of ``source``: an
    overlay's row adds a place, or replaces the built-in place of the same id."""
    src = source or DataSource()
    places: dict[str, Place] = {}
    cols = ("adcode", "name", "short", "level", "parent", "lon", "lat", "abbr")
    for cn in src.extending(data, "gazetteer/cn_divisions.tsv"):
        seen: set[str] = set()
        for n, r in read_tsv(cn, cols, header=True):
            code = r["adcode"]
            if not (len(code) == 6 and code.isdigit()) or not r["name"]:
                raise ResourceError(f"{cn}:{n}: needs a 6-digit adcode and a name")
            pid = f"cn:{code}"
            if pid in seen:
                raise ResourceError(f"{cn}:{n}: duplicate adcode {code}")
            seen.add(pid)
            parent = f"cn:{r['parent']}" if r["parent"] else "CN"
            places[pid] = Place(pid, r["name"], split_cell(r["short"]), r["level"], parent, r["lon"], r["lat"],
                                split_cell(r["abbr"]))
    for renamed in src.extending(data, "gazetteer/cn_current_names.tsv"):
        if not renamed.is_file():
            continue
        for n, r in read_tsv(renamed, ("adcode", "name", "year"), header=False):
            pid = f"cn:{r['adcode']}"
            if pid not in places or not r["name"]:
                raise ResourceError(f"{renamed}:{n}: unknown adcode {r['adcode']!r} or empty name")
            old = places[pid]
            if old.name == r["name"]:
                continue  # renamed already: an overlay that copies this file
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
    chinese = set(places)
    for world in src.extending(data, "gazetteer/world.tsv"):
        seen = set()
        for n, r in read_tsv(world, ("id", "name", "aliases", "kind", "parent", "lon", "lat"), header=True):
            if not r["id"] or not r["name"] or not r["kind"]:
                raise ResourceError(f"{world}:{n}: needs id, name and kind")
            if r["id"] in seen or r["id"] in chinese:
                raise ResourceError(f"{world}:{n}: duplicate id {r['id']}")
            seen.add(r["id"])
            places[r["id"]] = Place(r["id"], r["name"], split_cell(r["aliases"]), r["kind"], r["parent"], r["lon"], r["lat"])
    for pid, p in places.items():
        if p.parent and p.parent not in places:
            raise ResourceError(f"gazetteer: place {pid} ({p.name}) names unknown parent {p.parent}")
    return places


def load_abbreviations(path: Path | list[Path], places: Mapping[str, Place]) -> dict[str, str]:
    """One-character abbreviations -> place id, from one file or several (kg's own, then an
    overlay's, whose row replaces a built-in row of the same abbreviation)."""
    out: dict[str, str] = {}
    for p in [path] if isinstance(path, Path) else path:
        seen: set[str] = set()
        for n, r in read_tsv(p, ("abbreviation", "place", "use"), header=False):
            if len(r["abbreviation"]) != 1:
                raise ResourceError(f"{p}:{n}: an abbreviation is one character, not {r['abbreviation']!r}")
            if r["place"] not in places:
                raise ResourceError(f"{p}:{n}: unknown place id {r['place']!r}")
            if r["abbreviation"] in seen:
                raise ResourceError(f"{p}:{n}: {r['abbreviation']!r} is listed twice")
            if r["use"] not in ("", ALONE):
                raise ResourceError(f"{p}:{n}: the third column is empty or {ALONE!r}, not {r['use']!r}")
            seen.add(r["abbreviation"])
            out[r["abbreviation"]] = r["place"]
    return out


#: The mark of the third column of abbreviations.tsv for an abbreviation read as its country
#: wherever the segmenter keeps it as a word of its own (俄将…, 叙政府军, 帮助俄渡过).
ALONE = "alone"


def load_alone_abbreviations(path: Path | list[Path]) -> frozenset[str]:
    """The abbreviations whose third column in abbreviations.tsv says ``alone`` (checked,
    with the other columns, by ``load_abbreviations``)."""
    out: set[str] = set()
    for p in [path] if isinstance(path, Path) else path:
        for _n, r in read_tsv(p, ("abbreviation", "place", "use"), header=False):
            if r["use"] == ALONE:
                out.add(r["abbreviation"])
            else:
                out.discard(r["abbreviation"])  # an overlay's row without the mark takes it back
    return frozenset(out)
