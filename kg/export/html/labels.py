"""The words of graph.html in the reader's language: Chinese by default, English on request.

The page is read mostly by people who read Chinese, so its buttons, filter names, entity
types and relation names are Chinese unless ``Settings.lang`` is ``"en"``. The data keeps
the machine names (``holds_position``, ``Person``) for scripts and tests; these tables give
the words shown beside them. ``ui`` strings go to the script as ``data.ui`` and to the
template as ``t``; ``{n}``-style fields in them are filled by the script.
"""

from __future__ import annotations

from collections.abc import Sequence

from kg.config import PAGE_LANGUAGES as LANGUAGES  # noqa: F401  (the languages below)
from kg.model import COOCCURS

_TYPES = {
    "zh": {
        "Person": "人物",
        "Place": "地点",
        "Organization": "机构",
        "Enterprise": "企业",
        "Initiative": "倡议",
        "Event": "事件",
    },
    "en": {},
}

_RELATIONS = {
    "zh": {
        "holds_position": "担任职务",
        "located_in": "位于",
        "part_of": "隶属",
        "visited": "访问/视察",
        "attended": "出席",
        "proposed": "提出",
        "participates_in": "参与",
        "cooperates_with": "合作",
        "met": "会见",
        COOCCURS: "共现",
    },
    "en": {COOCCURS: "co-occurrence"},
}

_UI = {
    "zh": {
        "heading": "知识图谱",
        "search": "名称或别名",
        "search_label": "按名称或别名查找实体",
        "find": "查找",
        "fit": "适应窗口",
        "reset": "重置",
        "types": "实体类型",
        "relations": "关系（边的颜色）",
        "weight": "权重",
        "at_least": "至少",
        "sentences_unit": "句",
        "dates": "时间",
        "from": "从",
        "to": "到",
        "play": "播放",
        "pause": "暂停",
        "all_dates": "全部时间",
        "hide_isolated": "隐藏没有可见边的实体",
        "help": "节点大小：提及次数。边的宽度：证据句数（按所选时间）。滚轮缩放，拖动平移；"
        "放大后显示较小实体的名称。点击节点或边查看文档和证据。",
        "panel_hint": "点击节点或边查看详情和证据。",
        "visible": "可见 {nodes} 个实体、{edges} 条边",
        "added": "（另加 {n} 个）",
        "no_match": "没有实体叫这个名字",
        "hidden": "{name} 被筛选条件隐藏",
        "added_msg": "已加入 {name} 及其 {n} 个相邻实体",
        "not_drawn": "未绘出",
        "alias": "别名",
        "mentions_n": "提及 {n} 次",
        "type": "类型",
        "aliases": "别名",
        "mentions": "提及",
        "documents": "文档",
        "id": "标识",
        "shown": "显示",
        "shown_no": "否：被筛选条件隐藏",
        "relations_h": "关系",
        "cooccurs_h": "共现",
        "documents_h": "文档",
        "of": "{a} / {b}",
        "first_of": "前 {a} / {b}",
        "from_node": "起点",
        "relation": "关系",
        "to_node": "终点",
        "weight_f": "权重",
        "sentences_n": "{n} 句",
        "evidence_n": "{n} 条证据句",
        "pmi": "PMI",
        "npmi": "NPMI",
        "rules": "规则",
        "rule": "规则：",
        "docs_cited": "引用文档",
        "evidence_h": "证据",
        "in_period": "所选时间内 {a} / {b}",
        "outside": "（所选时间以外）",
        "only_page_edges": "此页只带这个实体最强的几条边",
    },
    "en": {
        "heading": "Knowledge graph",
        "search": "name or alias",
        "search_label": "find an entity by name or alias",
        "find": "Find",
        "fit": "Fit view",
        "reset": "Reset",
        "types": "Entity types",
        "relations": "Relations (edge colour)",
        "weight": "Weight",
        "at_least": "at least",
        "sentences_unit": "sentences",
        "dates": "Document dates",
        "from": "from",
        "to": "to",
        "play": "Play",
        "pause": "Pause",
        "all_dates": "all dates",
        "hide_isolated": "hide entities without a visible edge",
        "help": "Node size: mentions. Edge width: evidence sentences (in the chosen period). Scroll "
        "to zoom, drag to move; labels of smaller entities appear as you zoom in. Click a node "
        "or an edge for its documents and evidence.",
        "panel_hint": "Click a node or an edge to see its details and evidence.",
        "visible": "{nodes} entities and {edges} edges visible",
        "added": " ({n} added)",
        "no_match": "no entity has this name",
        "hidden": "{name} is hidden by the filters",
        "added_msg": "added {name} and {n} neighbours",
        "not_drawn": "not drawn",
        "alias": "alias",
        "mentions_n": "{n} mentions",
        "type": "type",
        "aliases": "aliases",
        "mentions": "mentions",
        "documents": "documents",
        "id": "id",
        "shown": "shown",
        "shown_no": "no: hidden by the filters",
        "relations_h": "Relations",
        "cooccurs_h": "Co-occurs with",
        "documents_h": "Documents",
        "of": "{a} of {b}",
        "first_of": "first {a} of {b}",
        "from_node": "from",
        "relation": "relation",
        "to_node": "to",
        "weight_f": "weight",
        "sentences_n": "{n} sentences",
        "evidence_n": "{n} evidence sentences",
        "pmi": "pmi",
        "npmi": "npmi",
        "rules": "rules",
        "rule": "rule: ",
        "docs_cited": "documents cited",
        "evidence_h": "Evidence",
        "in_period": "{a} of {b} in the chosen period",
        "outside": " (outside the chosen period)",
        "only_page_edges": "this page carries only the strongest edges of this entity",
    },
}


def type_label(name: str, lang: str) -> str:
    """The entity type as the reader sees it (unknown types keep their name).

    >>> type_label("Person", "zh"), type_label("Person", "en"), type_label("Ship", "zh")
    ('人物', 'Person', 'Ship')
    """
    return _TYPES[lang].get(name, name)


def relation_label(name: str, lang: str) -> str:
    """The relation type as the reader sees it: Chinese, or English words for ``en``.

    >>> relation_label("holds_position", "zh"), relation_label("holds_position", "en")
    ('担任职务', 'holds position')
    """
    return _RELATIONS[lang].get(name, name.replace("_", " ") if lang == "en" else name)


def ui(lang: str) -> dict[str, str]:
    """Every interface string of the page in ``lang``."""
    return dict(_UI[lang])


def caption(shown: int, total: int, scope: str, budget: Sequence[int] | None, lang: str) -> str:
    """The "showing N of M entities" line in ``lang`` (``budget``: co-occurrence edges kept
    of all between the drawn entities, when some were left out).

    >>> caption(3, 10, "", [2, 6], "zh")
    '显示 10 个实体中的 3 个；共现边只显示最强的 2 条（共 6 条）'
    """
    if lang == "en":
        text = f"showing {shown} of {total} entities" + (f" {scope}" if scope else "")
        if budget:
            text += f"; the strongest {budget[0]} of {budget[1]} co-occurrence edges"
        return text
    text = f"显示 {total} 个实体中的 {shown} 个" + (f"（{scope}）" if scope else "")
    if budget:
        text += f"；共现边只显示最强的 {budget[0]} 条（共 {budget[1]} 条）"
    return text


def ego_scope(name: str, depth: int, typed_only: bool, lang: str) -> str:
    """What an ego page covers, for its caption.

    >>> ego_scope("习近平", 1, False, "en"), ego_scope("习近平", 2, True, "zh")
    ('within 1 step of 习近平', '习近平 2 步以内，只经类型关系')
    """
    if lang == "en":
        steps = f"{depth} step{'' if depth == 1 else 's'}"
        return f"within {steps} of {name}" + (" through typed relations" if typed_only else "")
    return f"{name} {depth} 步以内" + ("，只经类型关系" if typed_only else "")
