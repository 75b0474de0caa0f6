"""The interactive HTML view: one self-contained, offline page.

The page is written here rather than with pyvis's ``write_html``/``show``: those copy a
``lib/`` folder into the working directory, write without an encoding and load resources
from CDNs. Only the vis-network JavaScript and CSS that ship inside the pyvis package are
used, inlined, so the page makes no network request; a Content-Security-Policy with
``default-src 'none'`` and hashes of our two scripts makes that a guarantee and keeps any
script smuggled in through the data from running.

Data from documents never becomes markup: it travels as JSON in
``<script type="application/json" id="kg-data">`` with ``<``, ``>``, ``&``, U+2028 and
U+2029 escaped (so ``</script>`` inside a sentence cannot close the tag), and the page
builds its panels and tooltips with ``createElement``/``textContent``.

Node positions are computed here (networkx ``spring_layout`` with a fixed seed) and the
physics simulation is off, so a large graph opens at once. The output depends only on the
input: same extraction and settings, same bytes.
"""

from __future__ import annotations

import base64
import functools
import hashlib
import html
import importlib.util
import json
import math
import re
from pathlib import Path

import networkx as nx

from .config import Settings
from .errors import ResourceError
from .graph import sorted_evidence
from .model import COOCCURS, ENTITY_TYPES, RELATION_TYPES, SYMMETRIC, Entity, Evidence, Extraction

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
    "met": "#7f7f7f",
}
COOCCURRENCE_COLOR = "#c8c8c8"

FONT_STACK = '"Noto Sans CJK SC", "Source Han Sans SC", "PingFang SC", "Microsoft YaHei", sans-serif'

#: Seed of the layout, fixed so the page is the same on every run.
LAYOUT_SEED = 20240601

_VIS_DIR = ("templates", "lib", "vis-9.1.2")


@functools.lru_cache(maxsize=1)
def _vis_assets() -> tuple[str, str]:
    """The vis-network JavaScript and CSS shipped inside the pyvis package."""
    spec = importlib.util.find_spec("pyvis")
    if spec is None or not spec.submodule_search_locations:
        raise ResourceError("pyvis is not installed; it provides vis-network for graph.html")
    base = Path(next(iter(spec.submodule_search_locations))).joinpath(*_VIS_DIR)
    try:
        js = (base / "vis-network.min.js").read_text(encoding="utf-8")
        css = (base / "vis-network.css").read_text(encoding="utf-8")
    except OSError as e:
        raise ResourceError(f"{base}: vis-network files not found in pyvis: {e}") from e
    # Neither file contains these today; the guard keeps a future version from closing our
    # <script>/<style> element early. Both replacements mean the same to JS and CSS.
    js = re.sub(r"</(script)", r"<\\/\1", js, flags=re.IGNORECASE).replace("<!--", "<\\!--")
    css = re.sub(r"</(style)", r"<\\/\1", css, flags=re.IGNORECASE)
    return js, css


def json_for_html(obj: object) -> str:
    """JSON safe to place inside a ``<script>`` element.

    >>> json_for_html({"t": "</script><b>&"})
    '{"t":"\\\\u003c/script\\\\u003e\\\\u003cb\\\\u003e\\\\u0026"}'
    """
    text = json.dumps(obj, ensure_ascii=False, separators=(",", ":"), allow_nan=False)
    for raw, escaped in (
        ("<", "\\u003c"),
        (">", "\\u003e"),
        ("&", "\\u0026"),
        ("\u2028", "\\u2028"),
        ("\u2029", "\\u2029"),
    ):
        text = text.replace(raw, escaped)
    return text


def select_entities(ex: Extraction, limit: int) -> list[Entity]:
    """The ``limit`` most mentioned entities (ties broken by id), sorted by id."""
    top = sorted(ex.entities, key=lambda e: (-e.mentions, e.id))[:limit]
    return sorted(top, key=lambda e: e.id)


def _layout(node_ids: list[str], weights: dict[tuple[str, str], float]) -> dict[str, tuple[int, int]]:
    """Integer positions from a seeded spring layout, scaled with the number of nodes."""
    n = len(node_ids)
    if n == 0:
        return {}
    if n == 1:
        return {node_ids[0]: (0, 0)}
    g = nx.Graph()
    g.add_nodes_from(node_ids)
    for (a, b), w in sorted(weights.items()):
        g.add_edge(a, b, weight=1.0 + math.log(w))
    pos = nx.spring_layout(g, seed=LAYOUT_SEED, scale=80.0 * math.sqrt(n), weight="weight")
    return {node: (round(float(xy[0])), round(float(xy[1]))) for node, xy in pos.items()}


def _finite(value: float) -> float | None:
    return round(float(value), 6) if value is not None and math.isfinite(value) else None


class _Sentences:
    """Evidence sentences stored once and referred to by index (sentences are shared by
    many co-occurrence edges, so this keeps the page small)."""

    def __init__(self) -> None:
        self.rows: list[list[str]] = []
        self._index: dict[tuple[str, str], int] = {}

    def refs(self, evidence: list[Evidence]) -> list[int]:
        out: list[int] = []
        for e in evidence:
            key = (e.doc, e.text)
            if key not in self._index:
                self._index[key] = len(self.rows)
                self.rows.append([e.doc, e.text])
            i = self._index[key]
            if i not in out:
                out.append(i)
        return out


def page_data(ex: Extraction, settings: Settings) -> dict[str, object]:
    """Everything the page shows, as JSON-ready values (the content of ``#kg-data``)."""
    shown = select_entities(ex, settings.html_max_nodes)
    ids = {e.id for e in shown}
    limit = settings.max_evidence
    sentences = _Sentences()

    weights: dict[tuple[str, str], float] = {}

    def bump(a: str, b: str, w: float) -> None:
        key = (a, b) if a < b else (b, a)
        if a != b:
            weights[key] = weights.get(key, 0.0) + w

    edges: list[dict[str, object]] = []
    relations = sorted(
        (r for r in ex.relations if r.head in ids and r.tail in ids),
        key=lambda r: (r.head, r.type, r.tail),
    )
    for i, r in enumerate(relations):
        bump(r.head, r.tail, float(max(r.weight, 1)))
        edges.append(
            {
                "id": f"r{i}",
                "kind": "relation",
                "from": r.head,
                "to": r.tail,
                "type": r.type,
                "directed": r.type not in SYMMETRIC,
                "color": RELATION_COLORS.get(r.type, UNKNOWN_COLOR),
                "width": round(min(1.5 + 1.5 * math.log2(max(r.weight, 1)), 8.0), 2),
                "weight": r.weight,
                "rules": sorted({e.rule for e in r.evidence if e.rule}),
                "evidenceTotal": len(r.evidence),
                "evidence": sentences.refs(sorted_evidence(r.evidence, limit)),
            }
        )
    coocs = sorted((c for c in ex.cooccurrences if c.a in ids and c.b in ids), key=lambda c: (c.a, c.b))
    for i, c in enumerate(coocs):
        bump(c.a, c.b, float(max(c.count, 1)))
        edges.append(
            {
                "id": f"c{i}",
                "kind": "cooccurrence",
                "from": c.a,
                "to": c.b,
                "type": COOCCURS,
                "directed": False,
                "color": COOCCURRENCE_COLOR,
                "width": round(min(0.5 + 0.75 * math.log2(max(c.count, 1)), 4.0), 2),
                "weight": c.count,
                "count": c.count,
                "documents": c.documents,
                "pmi": _finite(c.pmi),
                "npmi": _finite(c.npmi),
                "rules": [],
                "evidenceTotal": len(c.evidence),
                "evidence": sentences.refs(sorted_evidence(c.evidence, limit)),
            }
        )

    pos = _layout([e.id for e in shown], weights)
    nodes = [
        {
            "id": e.id,
            "label": e.name,
            "type": e.type,
            "color": TYPE_COLORS.get(e.type, UNKNOWN_COLOR),
            "aliases": list(e.aliases),
            "mentions": e.mentions,
            "documents": len(e.documents),
            "attrs": [[k, v] for k, v in e.attrs],
            "size": round(8.0 + 4.0 * math.log2(1 + max(e.mentions, 0)), 2),
            "x": pos[e.id][0],
            "y": pos[e.id][1],
        }
        for e in shown
    ]
    return {
        "shown": len(shown),
        "total": len(ex.entities),
        "font": FONT_STACK,
        "nodes": nodes,
        "edges": edges,
        "sentences": sentences.rows,
    }


_CSS = """
html, body { margin: 0; height: 100%; }
body { font-family: FONTS; font-size: 14px; color: #222; display: flex; flex-direction: column; }
header { padding: 6px 12px; border-bottom: 1px solid #ddd; display: flex; flex-wrap: wrap;
  align-items: center; gap: 6px 18px; }
header h1 { font-size: 16px; margin: 0; }
#count { color: #555; }
#search { width: 14em; }
#search-msg { color: #a33; }
main { flex: 1; display: flex; min-height: 0; }
#graph { flex: 1; min-width: 0; background: #fff; }
#panel { width: 340px; overflow-y: auto; border-left: 1px solid #ddd; padding: 8px 12px; }
#panel h2 { font-size: 16px; margin: 4px 0 8px; overflow-wrap: anywhere; }
#panel h3 { font-size: 14px; margin: 12px 0 4px; }
#panel dl { display: grid; grid-template-columns: max-content 1fr; gap: 2px 10px; margin: 0; }
#panel dt { color: #666; }
#panel dd { margin: 0; overflow-wrap: anywhere; }
#panel ol { padding-left: 1.4em; margin: 4px 0; }
#panel li { margin-bottom: 6px; }
#panel .doc { display: block; color: #666; font-size: 12px; overflow-wrap: anywhere; }
.legend { display: flex; flex-wrap: wrap; gap: 4px 10px; list-style: none; margin: 0; padding: 0;
  font-size: 12px; }
.legend li { display: flex; align-items: center; gap: 4px; }
.swatch { display: inline-block; width: 11px; height: 11px; border-radius: 50%; }
.line { display: inline-block; width: 16px; height: 0; border-top: 3px solid; }
.line.dashed { border-top-style: dashed; }
.kg-tip { max-width: 320px; white-space: normal; font-family: FONTS; }
""".replace("FONTS", FONT_STACK)

# The page script. Data is read from #kg-data and only ever reaches the DOM through
# textContent or as canvas labels; nothing is parsed as HTML.
_JS = r"""
(function () {
  "use strict";
  var data = JSON.parse(document.getElementById("kg-data").textContent);
  var nodeById = new Map();
  var edgeById = new Map();
  data.nodes.forEach(function (n) { nodeById.set(n.id, n); });
  data.edges.forEach(function (e) { edgeById.set(e.id, e); });

  function el(tag, text, cls) {
    var node = document.createElement(tag);
    if (text !== undefined && text !== null) { node.textContent = String(text); }
    if (cls) { node.className = cls; }
    return node;
  }
  function label(id) {
    var n = nodeById.get(id);
    return n ? n.label : id;
  }
  function nodeTip(n) {
    var box = el("div", null, "kg-tip");
    box.appendChild(el("strong", n.label));
    box.appendChild(el("div", n.type + " \u00b7 " + n.mentions + " mentions"));
    if (n.aliases.length) { box.appendChild(el("div", n.aliases.join(" | "))); }
    return box;
  }
  function edgeTip(e) {
    var box = el("div", null, "kg-tip");
    box.appendChild(el("strong", label(e.from) + " \u2014 " + e.type + " \u2014 " + label(e.to)));
    box.appendChild(el("div", (e.kind === "relation" ? "evidence: " : "sentences: ") + e.weight));
    return box;
  }

  var nodes = new vis.DataSet(data.nodes.map(function (n) {
    return {
      id: n.id, label: n.label, x: n.x, y: n.y, size: n.size, title: nodeTip(n),
      color: { background: n.color, border: n.color,
               highlight: { background: n.color, border: "#222" },
               hover: { background: n.color, border: "#222" } }
    };
  }));
  var edges = new vis.DataSet(data.edges.map(function (e) {
    var item = {
      id: e.id, from: e.from, to: e.to, width: e.width, title: edgeTip(e),
      color: { color: e.color, highlight: e.color, hover: e.color },
      arrows: { to: { enabled: e.directed, scaleFactor: 0.6 } }
    };
    if (e.kind === "cooccurrence") {
      item.dashes = true;
      item.smooth = false;
    } else {
      item.smooth = { enabled: true, type: "curvedCW", roundness: 0.15 };
    }
    return item;
  }));

  var container = document.getElementById("graph");
  var network = new vis.Network(container, { nodes: nodes, edges: edges }, {
    physics: { enabled: false },
    layout: { improvedLayout: false },
    interaction: { hover: true, tooltipDelay: 150, hideEdgesOnDrag: data.edges.length > 2000 },
    nodes: { shape: "dot", font: { face: data.font, size: 14 } },
    edges: { selectionWidth: 2 }
  });

  var details = document.getElementById("details");
  function clear() {
    while (details.firstChild) { details.removeChild(details.firstChild); }
  }
  function field(dl, key, value) {
    if (value === undefined || value === null || value === "") { return; }
    dl.appendChild(el("dt", key));
    dl.appendChild(el("dd", value));
  }
  function showNode(id) {
    var n = nodeById.get(id);
    if (!n) { return; }
    clear();
    details.appendChild(el("h2", n.label));
    var dl = el("dl");
    field(dl, "type", n.type);
    field(dl, "aliases", n.aliases.join(" | "));
    field(dl, "mentions", n.mentions);
    field(dl, "documents", n.documents);
    field(dl, "id", n.id);
    n.attrs.forEach(function (kv) { field(dl, kv[0], kv[1]); });
    details.appendChild(dl);
  }
  function showEdge(id) {
    var e = edgeById.get(id);
    if (!e) { return; }
    clear();
    details.appendChild(el("h2", label(e.from) + " \u2014 " + e.type + " \u2014 " + label(e.to)));
    var dl = el("dl");
    field(dl, "relation", e.type);
    if (e.kind === "cooccurrence") {
      field(dl, "sentences", e.count);
      field(dl, "documents", e.documents);
      field(dl, "pmi", e.pmi);
      field(dl, "npmi", e.npmi);
    } else {
      field(dl, "evidence", e.weight);
      field(dl, "rule", e.rules.join(", "));
    }
    details.appendChild(dl);
    var shown = e.evidence.length;
    details.appendChild(el("h3", "Evidence" + (shown < e.evidenceTotal ?
      " (first " + shown + " of " + e.evidenceTotal + ")" : "")));
    var list = el("ol");
    e.evidence.forEach(function (i) {
      var s = data.sentences[i];
      var item = el("li");
      item.appendChild(el("span", s[0], "doc"));
      item.appendChild(el("span", s[1], "sentence"));
      list.appendChild(item);
    });
    details.appendChild(list);
  }
  network.on("click", function (params) {
    if (params.nodes.length) { showNode(params.nodes[0]); }
    else if (params.edges.length) { showEdge(params.edges[0]); }
  });

  var toggle = document.getElementById("show-cooc");
  toggle.addEventListener("change", function () {
    var hidden = !toggle.checked;
    edges.update(data.edges.filter(function (e) { return e.kind === "cooccurrence"; })
      .map(function (e) { return { id: e.id, hidden: hidden }; }));
  });

  var names = document.getElementById("kg-names");
  var seen = new Set();
  data.nodes.forEach(function (n) {
    [n.label].concat(n.aliases).forEach(function (name) {
      if (seen.has(name)) { return; }
      seen.add(name);
      var option = document.createElement("option");
      option.value = name;
      names.appendChild(option);
    });
  });
  var search = document.getElementById("search");
  var message = document.getElementById("search-msg");
  function find(query) {
    var q = query.trim().toLowerCase();
    if (!q) { return null; }
    var partial = null;
    for (var i = 0; i < data.nodes.length; i++) {
      var n = data.nodes[i];
      var all = [n.label].concat(n.aliases).map(function (s) { return s.toLowerCase(); });
      if (all.indexOf(q) >= 0) { return n; }
      if (partial === null && all.some(function (s) { return s.indexOf(q) >= 0; })) { partial = n; }
    }
    return partial;
  }
  function go() {
    var n = find(search.value);
    message.textContent = n ? "" : (search.value.trim() ? "not found" : "");
    if (!n) { return; }
    network.selectNodes([n.id]);
    network.focus(n.id, { scale: 1.2, animation: false });
    showNode(n.id);
  }
  document.getElementById("search-form").addEventListener("submit", function (ev) {
    ev.preventDefault();
    go();
  });
})();
"""


def _csp_hash(script: str) -> str:
    digest = hashlib.sha256(script.encode("utf-8")).digest()
    return "'sha256-" + base64.b64encode(digest).decode("ascii") + "'"


def _legend() -> str:
    items = [
        f'<li><span class="swatch" style="background:{TYPE_COLORS[t]}"></span>{html.escape(t)}</li>'
        for t in ENTITY_TYPES
    ]
    rel = [
        f'<li><span class="line" style="border-color:{RELATION_COLORS[t]}"></span>{html.escape(t)}</li>'
        for t in RELATION_TYPES
    ]
    rel.append(
        f'<li><span class="line dashed" style="border-color:{COOCCURRENCE_COLOR}"></span>'
        f"{html.escape(COOCCURS)}</li>"
    )
    return (
        '<ul class="legend" aria-label="entity types">' + "".join(items) + "</ul>\n"
        '<ul class="legend" aria-label="relation types">' + "".join(rel) + "</ul>"
    )


def render_html(ex: Extraction, settings: Settings) -> str:
    """The page as a string (see ``write_html``)."""
    vis_js, vis_css = _vis_assets()
    data = page_data(ex, settings)
    csp = (
        "default-src 'none'; "
        f"script-src {_csp_hash(vis_js)} {_csp_hash(_JS)}; "
        "style-src 'unsafe-inline'; img-src data:; base-uri 'none'; form-action 'none'"
    )
    count = f"showing {data['shown']} of {data['total']} entities"
    return f"""<!DOCTYPE html>
<html lang="zh">
<head>
<meta charset="utf-8">
<meta http-equiv="Content-Security-Policy" content="{html.escape(csp)}">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>Knowledge graph</title>
<style>
{vis_css}
</style>
<style>{_CSS}</style>
</head>
<body>
<header>
<h1>Knowledge graph</h1>
<span id="count">{html.escape(count)}</span>
<form id="search-form" role="search">
<input id="search" type="search" list="kg-names" placeholder="name or alias" aria-label="find an entity">
<button type="submit">Find</button>
<span id="search-msg" role="status"></span>
</form>
<label><input type="checkbox" id="show-cooc" checked> co-occurrence edges</label>
{_legend()}
</header>
<main>
<div id="graph"></div>
<aside id="panel"><div id="details">
<p>Click a node or an edge to see its details and evidence.</p>
</div></aside>
</main>
<datalist id="kg-names"></datalist>
<script type="application/json" id="kg-data">{json_for_html(data)}</script>
<script>{vis_js}</script>
<script>{_JS}</script>
</body>
</html>
"""


def write_html(ex: Extraction, path: str | Path, settings: Settings) -> None:
    """Write the interactive graph page to ``path`` (UTF-8, self-contained, deterministic).

    Nodes are the ``settings.html_max_nodes`` most mentioned entities, coloured by type;
    edges are the typed relations (coloured, with arrows, width by weight) and the
    co-occurrences (grey, dashed, can be hidden) between them. Clicking an edge lists its
    evidence sentences (at most ``settings.max_evidence``); clicking a node shows its type,
    aliases and mentions; the search box finds a node by name or alias.
    """
    p = Path(path)
    p.parent.mkdir(parents=True, exist_ok=True)
    with open(p, "w", encoding="utf-8", newline="\n") as f:
        f.write(render_html(ex, settings))
