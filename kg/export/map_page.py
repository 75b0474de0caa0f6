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

Like ``graph.html`` the page speaks the reader's language (``Settings.lang``: Chinese by
default, English on request): its words are ``MAP_WORDS`` below, the gazetteer kinds
``KIND_LABELS`` and the relation names those of :mod:`kg.export.html.labels`.

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
from kg.export.geo import PlaceFacts
from kg.export.html.labels import relation_label
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


#: The gazetteer kinds as the reader sees them (English keeps the machine name).
KIND_LABELS: dict[str, dict[str, str]] = {
    "zh": {
        "province": "省级",
        "prefecture": "地级",
        "county": "县级",
        "country": "国家",
        "state": "州/省",
        "city": "城市",
        "region": "地区",
        "sea": "海域",
        NO_KIND: "其他",
    },
    "en": {},
}

#: The page's own words, like graph.html's in :mod:`kg.export.html.labels`: the template
#: reads them as ``t``, map.js as ``data.ui``, filling ``{n}``-style fields itself.
MAP_WORDS: dict[str, dict[str, str]] = {
    "zh": {
        "heading": "地点",
        "caption": "{n} 个地点中有 {m} 个有坐标",
        "colour": "颜色",
        "colour_by": "按",
        "colour_label": "地点的着色方式",
        "by_kind": "地点级别",
        "relation": "关系：{r}",
        "dates": "文档日期",
        "from": "从",
        "to": "到",
        "first_date": "起始日期",
        "last_date": "结束日期",
        "all_dates": "全部时间",
        "help": "圆的大小：所选时间内的提及次数。滚轮缩放，拖动平移，点击地点查看其文档。"
        "地图不画任何边界：只有经纬度和经纬网。",
        "places": "地点",
        "map_label": "地点地图",
        "panel_hint": "点击地点查看详情和文档。",
        "visible": "绘出 {n} 个地点，提及 {m} 次",
        "visible_period": "（{a} 至 {b}）",
        "in_rel": "有「{r}」关系（颜色越深越多，最多 {n} 条）",
        "in_none": "没有",
        "id": "标识",
        "kind": "级别",
        "adcode": "行政区划代码",
        "lonlat": "经度, 纬度",
        "mentions": "提及",
        "in_period": "（所选时间内 {n} 次）",
        "documents": "文档数",
        "first_seen": "最早出现",
        "last_seen": "最晚出现",
        "relations_h": "类型关系",
        "documents_h": "文档",
        "undated": "无日期",
        "mention_1": "提及 {n} 次",
        "mention_n": "提及 {n} 次",
        "more_docs": "另有 {n} 篇文档",
        "unmapped": "{n} 个地点没有坐标（不在地图上）",
    },
    "en": {
        "heading": "Places",
        "caption": "{m} of {n} places have coordinates",
        "colour": "Colour",
        "colour_by": "by",
        "colour_label": "colour the places by",
        "by_kind": "kind of place",
        "relation": "relation: {r}",
        "dates": "Document dates",
        "from": "from",
        "to": "to",
        "first_date": "first date",
        "last_date": "last date",
        "all_dates": "all dates",
        "help": "Circle size: mentions in the chosen period. Scroll to zoom, drag to move, "
        "click a place for its documents. The map draws no boundaries: longitude and latitude "
        "only, with a graticule.",
        "places": "Places",
        "map_label": "map of the places",
        "panel_hint": "Click a place to see its details and documents.",
        "visible": "{n} places drawn, {m} mentions",
        "visible_period": " from {a} to {b}",
        "in_rel": "in a {r} relation (darker: more, up to {n})",
        "in_none": "in none",
        "id": "id",
        "kind": "kind",
        "adcode": "adcode",
        "lonlat": "longitude, latitude",
        "mentions": "mentions",
        "in_period": " ({n} in the period)",
        "documents": "documents",
        "first_seen": "first seen",
        "last_seen": "last seen",
        "relations_h": "Typed relations",
        "documents_h": "Documents",
        "undated": "undated",
        "mention_1": "{n} mention",
        "mention_n": "{n} mentions",
        "more_docs": "and {n} more documents",
        "unmapped": "{n} places without coordinates (not on the map)",
    },
}


def _kind_order(kind: str) -> tuple[int, str]:
    order = list(KIND_COLORS)
    return (order.index(kind), kind) if kind in order else (len(order), kind)


def map_data(ex: Extraction, lang: str = "zh", *, places: PlaceFacts | None = None) -> dict[str, Any]:
    """The JSON the page carries; lists refer to each other by index (``places``: the
    extraction's ``kg.export.geo.PlaceFacts`` when the caller has them already).

    - ``lang`` and ``ui``: the page's language and its words (``MAP_WORDS``);
    - ``kinds``: ``[kind, colour, label]``; ``relations``: ``[type, colour, label]`` (every
      typed relation, in ``RELATION_TYPES`` order; ``label`` in ``lang``);
    - ``docs``: ``[id, title or "", ISO date or ""]`` of the documents naming a place,
      dated first in date order, then by id; ``dates``: their distinct ISO dates, sorted;
    - ``places``: every Place entity, most mentioned first: ``id``, ``name``, ``kind``
      (index), ``adcode``, ``xy`` (``[longitude, latitude]`` or ``null``), ``m``
      (mentions), ``d`` (``[doc index, mentions in it]``, in document order), ``r``
      (relation counts in ``relations`` order), ``first``/``last`` (ISO dates or ``""``).
    """
    facts = places if places is not None else PlaceFacts(ex)
    entities = facts.entities
    dates = facts.dates
    per_doc: dict[str, dict[str, int]] = {e.id: {} for e in entities}
    entity_of = ex.entity_of.get
    for dx in ex.docs:
        doc_id = dx.doc.id
        for de in dx.entities:
            counts = per_doc.get(entity_of((doc_id, de.name)))  # a place's counts, else None
            if counts is not None:
                counts[doc_id] = counts.get(doc_id, 0) + de.mentions
    titles = {dx.doc.id: dx.doc.title for dx in ex.docs}
    named = {d for e in entities for d in (*e.documents, *per_doc[e.id])}
    docs = sorted(named, key=lambda d: (not dates.get(d, ""), dates.get(d, ""), d))
    doc_index = {d: i for i, d in enumerate(docs)}
    kinds = sorted({e.attr("kind") or NO_KIND for e in entities}, key=_kind_order)
    kind_index = {k: i for i, k in enumerate(kinds)}
    rel_types = list(RELATION_TYPES) + sorted({r.type for r in ex.relations} - set(RELATION_TYPES))
    rels = facts.relations
    out_places = []
    for e in entities:
        counts = per_doc[e.id]
        # a document listing the place without a mention count still dates it
        for d in e.documents:
            counts.setdefault(d, 0)
        first, last = facts.seen(e)
        out_places.append(
            {
                "id": e.id,
                "name": e.name,
                "kind": kind_index[e.attr("kind") or NO_KIND],
                "adcode": e.attr("adcode"),
                "xy": list(xy) if (xy := facts.xy[e.id]) else None,
                "m": e.mentions,
                "d": sorted([doc_index[d], n] for d, n in counts.items()),
                "r": [rels[e.id].get(t, 0) for t in rel_types],
                "first": first or "",
                "last": last or "",
            }
        )
    return {
        "lang": lang,
        "ui": dict(MAP_WORDS[lang]),
        "kinds": [[k, KIND_COLORS.get(k, UNKNOWN_COLOR), KIND_LABELS[lang].get(k, k)] for k in kinds],
        "relations": [[t, RELATION_COLORS.get(t, UNKNOWN_COLOR), relation_label(t, lang)] for t in rel_types],
        "docs": [[d, titles.get(d, ""), dates.get(d, "")] for d in docs],
        "dates": sorted({dates[d] for d in docs if dates.get(d)}),
        "places": out_places,
    }


#: The page's name in error messages about its templates.
PAGE = "map.html"


def render_map(ex: Extraction, settings: Settings, *, title: str = "", places: PlaceFacts | None = None) -> str:
    """``map.html`` as a string. Of ``settings`` only ``lang`` (the interface's language)
    changes the map: every place is drawn, places being few next to the graph page's
    entities. ``places`` as for ``map_data``."""
    data = map_data(ex, settings.lang, places=places)
    words = data["ui"]
    script, style = own_script("map.js", PAGE), own_style("map.css", PAGE)
    csp = (
        "default-src 'none'; "
        f"script-src {csp_hash(script)}; style-src {csp_hash(style)}; "
        "img-src data:; base-uri 'none'; form-action 'none'"
    )
    drawn = sum(1 for p in data["places"] if p["xy"])
    return template("map.html.j2", PAGE).render(
        csp=csp,
        lang=settings.lang,
        t=words,
        heading=words["heading"] + (f": {title}" if title else ""),
        caption=words["caption"].format(m=drawn, n=len(data["places"])),
        data=data,
        dates=data["dates"],
        page_js=Markup(script),
        page_css=Markup(style),
    )
