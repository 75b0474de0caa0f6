"""The look kg's pictures share: colours per entity and relation type, and the font stack.

Used by the graph page, the charts (``kg.analysis.charts``) and the GEXF export (``kg.analysis``),
so an entity type has the same colour everywhere.
"""

from __future__ import annotations

#: Node colour per entity type (in ``ENTITY_TYPES`` order); unknown types are grey.
TYPE_COLORS: dict[str, str] = {
    "Person": "#e15759",
    "Place": "#4e79a7",
    "Organization": "#59a14f",
    "Enterprise": "#f28e2b",
    "Initiative": "#b07aa1",
    "Event": "#c9a227",
}
UNKNOWN_COLOR = "#9e9e9e"

#: Edge colour per relation type.
RELATION_COLORS: dict[str, str] = {
    "holds_position": "#d62728",
    "located_in": "#1f77b4",
    "part_of": "#17becf",
    "visited": "#9467bd",
    "attended": "#ff7f0e",
    "proposed": "#8c564b",
    "participates_in": "#e377c2",
    "cooperates_with": "#2ca02c",
    "met": "#555555",
}
COOCCURRENCE_COLOR = "#b4b4b4"

FONT_STACK = (
    '"Noto Sans CJK SC", "Source Han Sans SC", "Microsoft YaHei", "PingFang SC", '
    '"WenQuanYi Micro Hei", sans-serif'
)
