"""Places on a map: ``places.geojson`` and the offline page ``map.html``.

``places.geojson`` is an RFC 7946 FeatureCollection with one Point per Place entity whose
gazetteer coordinates are known and valid (today the Chinese divisions: the world
gazetteer carries no coordinates). Coordinates are ``[longitude, latitude]`` in that
order, as RFC 7946 requires, rounded to six decimals (about 0.1 m, the precision the
gazetteer gives). The gazetteer's coordinates come from the cpca table, whose source
does not state a datum; at the scale of a province or a county the difference between
WGS 84 and China's GCJ-02 (a few hundred metres) does not show.

Each feature's ``properties`` are flat scalars, so GIS tools (QGIS, geopandas) read
them as columns:

- ``id``: the entity id of ``entities.csv`` and ``relations.csv`` (``place/cn-110000``);
  ``iri``: the entity's IRI in the RDF exports;
- ``name``, ``type`` (always ``Place``), ``kind`` (province, prefecture, county … from
  the gazetteer), ``adcode`` (a string, so ``"110000"`` never becomes a number; ``null``
  for a place without one);
- ``mentions`` (all mentions in the corpus), ``documents`` (the number of documents
  naming the place), ``first_seen`` and ``last_seen`` (the earliest and latest ISO date of
  those documents, ``null`` when none is dated);
- one count per typed relation (``holds_position`` … ``met``): how many distinct typed
  relations of that type have the place as head or tail.

Features are ordered most mentioned first, then by id; the file has one feature per line
and the same extraction always gives the same bytes.

The page is written by :mod:`kg.export.map_page`; both files come from ``write_map``.
"""

from __future__ import annotations

import json
import math
from collections import Counter
from collections.abc import Mapping
from pathlib import Path
from typing import Any

from kg.config import Settings
from kg.export.html.doctables import iso_date
from kg.export.rdf import entity_iris
from kg.model import RELATION_TYPES, Entity, Extraction

#: The files ``write_map`` writes into the output folder.
GEOJSON_FILE = "places.geojson"
MAP_FILE = "map.html"
MAP_OUTPUTS: tuple[str, ...] = (GEOJSON_FILE, MAP_FILE)


def coordinates(entity: Entity) -> tuple[float, float] | None:
    """``(longitude, latitude)`` of a place, or ``None`` when it has none or they are not
    valid WGS 84 degrees (not numbers, not finite, or out of range).

    >>> coordinates(Entity("place/cn-110000", "Place", "北京市", attrs=(("lat", "39.904211"), ("lon", "116.407394"))))
    (116.407394, 39.904211)
    >>> coordinates(Entity("place/x", "Place", "x", attrs=(("lat", "95"), ("lon", "10")))) is None
    True
    """
    lon_text, lat_text = entity.attr("lon").strip(), entity.attr("lat").strip()
    if not lon_text or not lat_text:
        return None
    try:
        lon, lat = float(lon_text), float(lat_text)
    except ValueError:
        return None
    if not (math.isfinite(lon) and math.isfinite(lat) and -180 <= lon <= 180 and -90 <= lat <= 90):
        return None
    # + 0.0 turns a -0.0 into 0.0, so the text never says "-0.0"
    return round(lon, 6) + 0.0, round(lat, 6) + 0.0


def place_entities(ex: Extraction) -> list[Entity]:
    """Every Place entity, most mentioned first, then by id (the order of the file and
    of the page's list)."""
    return sorted((e for e in ex.entities if e.type == "Place"), key=lambda e: (-e.mentions, e.id))


def relation_counts(ex: Extraction, ids: set[str]) -> dict[str, Counter[str]]:
    """For each entity in ``ids``: relation type -> number of distinct typed relations
    with the entity as head or tail (a relation from a place to itself counts once)."""
    out: dict[str, Counter[str]] = {i: Counter() for i in ids}
    for r in ex.relations:
        for end in {r.head, r.tail}:
            if end in out:
                out[end][r.type] += 1
    return out


def seen(entity: Entity, dates: dict[str, str]) -> tuple[str | None, str | None]:
    """The first and last ISO date among the entity's documents (``None`` when undated)."""
    isos = sorted(d for d in (dates.get(doc, "") for doc in entity.documents) if d)
    return (isos[0], isos[-1]) if isos else (None, None)


def document_dates(ex: Extraction) -> dict[str, str]:
    """Document id -> its date as ``YYYY-MM-DD`` (``""`` when it has no day)."""
    return {dx.doc.id: iso_date(dx.doc.date) for dx in ex.docs}


class PlaceFacts:
    """What ``places.geojson`` and ``map.html`` both read about the places of one
    extraction, worked out once when ``write_map`` writes both: the Place entities in file
    order (``entities``), their coordinates (``xy``, entity id -> ``coordinates``),
    typed relation counts (``relations``), the document dates (``dates``) and each
    place's first and last date (``seen``)."""

    def __init__(self, ex: Extraction) -> None:
        self.entities = place_entities(ex)
        self.xy = {e.id: coordinates(e) for e in self.entities}
        self.relations = relation_counts(ex, set(self.xy))
        self.dates = document_dates(ex)
        self._seen: dict[str, tuple[str | None, str | None]] = {}

    def seen(self, entity: Entity) -> tuple[str | None, str | None]:
        got = self._seen.get(entity.id)
        if got is None:
            got = self._seen[entity.id] = seen(entity, self.dates)
        return got


def place_features(
    ex: Extraction, iris: Mapping[str, str] | None = None, *, places: PlaceFacts | None = None
) -> list[dict[str, Any]]:
    """The GeoJSON Features of the places with coordinates (see the module docstring);
    ``iris``: ``entity_iris(ex)`` when the caller has them already; ``places``: the
    extraction's ``PlaceFacts`` when the caller has them already."""
    facts = places if places is not None else PlaceFacts(ex)
    located = [(e, xy) for e in facts.entities if (xy := facts.xy[e.id]) is not None]
    counts = facts.relations
    if iris is None:
        iris = entity_iris(ex) if located else {}
    features = []
    for e, (lon, lat) in located:
        first, last = facts.seen(e)
        props: dict[str, Any] = {
            "id": e.id,
            "iri": str(iris[e.id]),
            "name": e.name,
            "type": e.type,
            "kind": e.attr("kind") or None,
            "adcode": e.attr("adcode") or None,
            "mentions": e.mentions,
            "documents": len(e.documents),
            "first_seen": first,
            "last_seen": last,
        }
        rels = counts[e.id]
        extra = sorted(set(rels) - set(RELATION_TYPES))
        props.update((t, rels.get(t, 0)) for t in (*RELATION_TYPES, *extra))
        features.append(
            {
                "type": "Feature",
                "id": e.id,
                "geometry": {"type": "Point", "coordinates": [lon, lat]},
                "properties": props,
            }
        )
    return features


def geojson_text(ex: Extraction, iris: Mapping[str, str] | None = None, *, places: PlaceFacts | None = None) -> str:
    """``places.geojson`` as text: a FeatureCollection, one feature per line, UTF-8
    characters as they are, no NaN (``allow_nan=False`` raises rather than write one);
    ``iris`` and ``places`` as for ``place_features``."""
    features = place_features(ex, iris, places=places)
    if not features:
        return '{"type":"FeatureCollection","features":[]}\n'
    # one encoder for all; a feature is a tree made here, nothing to check for cycles
    dump = json.JSONEncoder(ensure_ascii=False, separators=(",", ":"), allow_nan=False, check_circular=False).encode
    body = ",\n".join(map(dump, features))
    return '{"type":"FeatureCollection","features":[\n' + body + "\n]}\n"


def _write_text(path: Path, text: str) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    with open(path, "w", encoding="utf-8", newline="\n") as f:
        f.write(text)


def write_geojson(ex: Extraction, path: str | Path) -> None:
    """Write ``places.geojson`` (see ``geojson_text``) to ``path``."""
    _write_text(Path(path), geojson_text(ex))


def write_map(
    ex: Extraction, outdir: str | Path, settings: Settings, *, iris: Mapping[str, str] | None = None
) -> list[str]:
    """Write ``places.geojson`` and ``map.html`` into ``outdir``; return their names.
    ``iris``: ``entity_iris(ex)`` (as strings) when the caller has them already.

    Both are rendered before either is written, so a failure leaves neither half-made.
    """
    from kg.export.map_page import render_map  # the page module imports this one

    out = Path(outdir)
    places = PlaceFacts(ex)  # read by both
    geojson = geojson_text(ex, iris, places=places)
    page = render_map(ex, settings, places=places)
    _write_text(out / GEOJSON_FILE, geojson)
    _write_text(out / MAP_FILE, page)
    return list(MAP_OUTPUTS)
