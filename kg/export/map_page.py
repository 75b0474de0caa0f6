"""``map.html``: the places of the corpus on an offline map page.

The page draws every place with coordinates (see :mod:`kg.export.geo`) as a circle on an
SVG map of its own: longitude and latitude projected equirectangularly around the middle
latitude of the places, with a graticule and its degrees. It draws no province or
country outlines: no boundary data on the package registries is both well kept and
openly licensed (the Chinese outlines packaged there are copied from a commercial map
service), and China requires maps showing its boundaries to be approved before they are
published, which a page of our own making is not.

Circles are sized by mentions within the chosen period and coloured by the gazetteer
kind (province, prefecture, county …) or, when a relation is chosen, by how many typed
relations of that kind the place takes part in. Two sliders choose the period (document
dates); a list names the places drawn, most mentioned first, and the places without
coordinates below it, so none is silently left out.

Rendering is shared with ``graph.html`` (:mod:`kg.export.html.render`): the templates
``map.html.j2`` (markup, autoescaped), ``map.css`` and ``map.js`` live in
``kg/export/html/templates/``; document strings reach the page only as JSON inside
``<script type="application/json" id="map-data">`` with ``<``, ``>`` and ``&`` escaped,
and the script builds everything with ``textContent``. A Content-Security-Policy with
``default-src 'none'`` and the hashes of our one script and one style makes the page
fetch nothing and run nothing else.
"""

from __future__ import annotations

from typing import Any

from markupsafe import Markup

from kg.config import Settings
from kg.export.geo import coordinates, document_dates, place_entities, relation_counts, seen
from kg.export.html.render import csp_hash, own_script, own_style, template
from kg.export.html.style import RELATION_COLORS, UNKNOWN_COLOR
from kg.model import RELATION_TYPES, Extraction

#: Circle colour per gazetteer kind: Chinese levels first, then the world gazetteer's kinds.
KIND_COLORS: dict[str, str] = {
    "province": "#4e79a7",
    "prefecture": "#59a14f",
    "county": "#f28e2b",
    "country": "#e15759",
    "state": "#b07aa1",
    "city": "#76b7b2",
    "region": "#c9a227",
    "sea": "#9c755f",
}
#: The kind shown for a place the gazetteer gives none.
NO_KIND = "other"


def _kind_order(kind: str) -> tuple[int, str]:
    order = list(KIND_COLORS)
    return (order.index(kind), kind) if kind in order else (len(order), kind)


def map_data(ex: Extraction) -> dict[str, Any]:
    """The JSON the page carries; lists refer to each other by index.

    - ``kinds``: ``[kind, colour]``; ``relations``: ``[type, colour]`` (every typed
      relation, in ``RELATION_TYPES`` order);
    - ``docs``: ``[id, title or "", ISO date or ""]`` of the documents naming a place,
      dated first in date order, then by id; ``dates``: their distinct ISO dates, sorted;
    - ``places``: every Place entity, most mentioned first: ``id``, ``name``, ``kind``
      (index), ``adcode``, ``xy`` (``[longitude, latitude]`` or ``null``), ``m``
      (mentions), ``d`` (``[doc index, mentions in it]``, in document order), ``r``
      (relation counts in ``relations`` order), ``first``/``last`` (ISO dates or ``""``).
    """
    places = place_entities(ex)
    ids = {e.id for e in places}
    dates = document_dates(ex)
    per_doc: dict[str, dict[str, int]] = {e.id: {} for e in places}
    for dx in ex.docs:
        for de in dx.entities:
            eid = ex.entity_of.get((dx.doc.id, de.name))
            if eid in ids:
                counts = per_doc[eid]
                counts[dx.doc.id] = counts.get(dx.doc.id, 0) + de.mentions
    titles = {dx.doc.id: dx.doc.title for dx in ex.docs}
    named = {d for e in places for d in (*e.documents, *per_doc[e.id])}
    docs = sorted(named, key=lambda d: (not dates.get(d, ""), dates.get(d, ""), d))
    doc_index = {d: i for i, d in enumerate(docs)}
    kinds = sorted({e.attr("kind") or NO_KIND for e in places}, key=_kind_order)
    kind_index = {k: i for i, k in enumerate(kinds)}
    rel_types = list(RELATION_TYPES) + sorted({r.type for r in ex.relations} - set(RELATION_TYPES))
    rels = relation_counts(ex, ids)
    out_places = []
    for e in places:
        counts = per_doc[e.id]
        # a document listing the place without a mention count still dates it
        for d in e.documents:
            counts.setdefault(d, 0)
        first, last = seen(e, dates)
        out_places.append(
            {
                "id": e.id,
                "name": e.name,
                "kind": kind_index[e.attr("kind") or NO_KIND],
                "adcode": e.attr("adcode"),
                "xy": list(xy) if (xy := coordinates(e)) else None,
                "m": e.mentions,
                "d": sorted([doc_index[d], n] for d, n in counts.items()),
                "r": [rels[e.id].get(t, 0) for t in rel_types],
                "first": first or "",
                "last": last or "",
            }
        )
    return {
        "kinds": [[k, KIND_COLORS.get(k, UNKNOWN_COLOR)] for k in kinds],
        "relations": [[t, RELATION_COLORS.get(t, UNKNOWN_COLOR)] for t in rel_types],
        "docs": [[d, titles.get(d, ""), dates.get(d, "")] for d in docs],
        "dates": sorted({dates[d] for d in docs if dates.get(d)}),
        "places": out_places,
    }


#: The page's name in error messages about its templates.
PAGE = "map.html"


def render_map(ex: Extraction, settings: Settings, *, title: str = "") -> str:
    """``map.html`` as a string. ``settings`` is the build's; no setting changes the map
    today (every place is drawn: places are few next to the graph page's entities)."""
    del settings
    data = map_data(ex)
    script, style = own_script("map.js", PAGE), own_style("map.css", PAGE)
    csp = (
        "default-src 'none'; "
        f"script-src {csp_hash(script)}; style-src {csp_hash(style)}; "
        "img-src data:; base-uri 'none'; form-action 'none'"
    )
    drawn = sum(1 for p in data["places"] if p["xy"])
    return template("map.html.j2", PAGE).render(
        csp=csp,
        heading="Places" + (f": {title}" if title else ""),
        caption=f"{drawn} of {len(data['places'])} places have coordinates",
        data=data,
        dates=data["dates"],
        page_js=Markup(script),
        page_css=Markup(style),
    )
