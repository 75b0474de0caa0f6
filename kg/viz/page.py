"""The page itself: markup, style and script around the data, written as one offline file."""

from __future__ import annotations

import base64
import functools
import hashlib
import html
import importlib.util
import json
import re
from pathlib import Path

from ..config import Settings
from ..errors import ResourceError
from ..model import COOCCURS, Entity, Extraction
from .neighbourhood import ego_network, find_entity
from .pagedata import page_data
from .style import FONT_STACK

#: Whether co-occurrence edges are drawn when the page opens. They outnumber the typed
#: relations five to one and mostly link everything to the few most mentioned entities,
#: so the page opens on the typed relations; they still shape the layout.
COOCCURRENCE_SHOWN = False

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


_CSS = """
html, body { margin: 0; height: 100%; }
body { font-family: FONTS; font-size: 14px; color: #222; display: flex; overflow: hidden; }
button, input { font: inherit; }
#controls { width: 270px; flex: none; overflow-y: auto; border-right: 1px solid #ddd;
  padding: 8px 12px; box-sizing: border-box; }
#controls h1 { font-size: 17px; margin: 2px 0 4px; overflow-wrap: anywhere; }
#count, #visible { color: #555; font-size: 13px; margin: 4px 0; }
#search-form { display: flex; gap: 4px; margin-top: 8px; }
#search { flex: 1; min-width: 0; }
#search-msg { color: #a33; font-size: 13px; margin: 2px 0; min-height: 1em; }
#results { list-style: none; margin: 0; padding: 0; }
#results button { display: block; width: 100%; text-align: left; border: 0; background: none;
  padding: 2px 4px; cursor: pointer; overflow-wrap: anywhere; }
#results button:hover, #results button:focus { background: #eef3fb; }
#results .hint { color: #777; font-size: 12px; margin-left: 6px; }
fieldset { border: 1px solid #ddd; border-radius: 4px; margin: 10px 0 0; padding: 4px 8px 6px; }
legend { font-size: 13px; color: #555; padding: 0 4px; }
.filter { display: flex; align-items: center; gap: 5px; font-size: 13px; line-height: 1.7; }
.filter .n { color: #888; margin-left: auto; }
.swatch { display: inline-block; width: 11px; height: 11px; border-radius: 50%; flex: none; }
.line { display: inline-block; width: 18px; height: 0; border-top: 3px solid; flex: none; }
.line.dashed { border-top-style: dashed; border-top-width: 2px; }
#min-weight { width: 4.5em; }
.dates label { display: flex; justify-content: space-between; gap: 6px; font-size: 13px; margin: 3px 0; }
.help { color: #777; font-size: 12px; margin-top: 12px; }
#graph { flex: 1; min-width: 0; background: #fff; }
#panel { width: 340px; flex: none; overflow-y: auto; border-left: 1px solid #ddd;
  padding: 8px 12px; box-sizing: border-box; }
#panel h2 { font-size: 16px; margin: 4px 0 8px; overflow-wrap: anywhere; display: flex;
  align-items: center; gap: 6px; flex-wrap: wrap; }
#panel h3 { font-size: 14px; margin: 14px 0 4px; }
#panel dl { display: grid; grid-template-columns: max-content 1fr; gap: 2px 10px; margin: 0; }
#panel dt { color: #666; }
#panel dd { margin: 0; overflow-wrap: anywhere; }
#panel ol, #panel ul { padding-left: 1.4em; margin: 4px 0; }
#panel li { margin-bottom: 6px; overflow-wrap: anywhere; }
#panel ul.edges { list-style: none; padding-left: 0; }
#panel ul.edges li { margin-bottom: 3px; }
#panel .doc, #panel .rule { display: block; color: #666; font-size: 12px; }
#panel .rule { color: #888; }
button.link { border: 0; background: none; padding: 0; color: #1a5fb4; cursor: pointer;
  text-align: left; overflow-wrap: anywhere; }
button.link:hover { text-decoration: underline; }
.kg-tip { max-width: 320px; white-space: normal; font-family: FONTS; }
""".replace("FONTS", FONT_STACK)

# The page script. Data is read from #kg-data and only ever reaches the DOM through
# textContent or as canvas labels; nothing is parsed as HTML.
_JS = r"""
(function () {
  "use strict";
  var data = JSON.parse(document.getElementById("kg-data").textContent);
  var N = data.nodes, E = data.edges, DOCS = data.docs, SENT = data.sentences;
  var TYPES = data.types, RELS = data.relations, COOC = RELS.length - 1;
  var LABEL_PX = 13, MAX_LABELS = 90, MAX_DOCS = 50, MAX_COOC = 15;

  function $(id) { return document.getElementById(id); }
  function el(tag, text, cls) {
    var node = document.createElement(tag);
    if (text !== undefined && text !== null) { node.textContent = String(text); }
    if (cls) { node.className = cls; }
    return node;
  }
  function clear(node) { while (node.firstChild) { node.removeChild(node.firstChild); } }
  function swatch(color) {
    var s = el("span", null, "swatch");
    s.style.background = color;
    return s;
  }
  function label(i) { return N[i].label; }
  function docLine(i) {
    var d = DOCS[i], parts = [d[1] || d[0]];
    if (d[2]) { parts.push(d[2]); }
    if (d[1]) { parts.push(d[0]); }
    return parts.join(" \u00b7 ");
  }
  function width(e) {
    var w = Math.log2(Math.max(e.w, 1));
    return e.k === COOC ? Math.min(0.5 + 0.75 * w, 4) : Math.min(1.5 + 1.5 * w, 8);
  }
  var edgesOf = N.map(function () { return []; });
  E.forEach(function (e, j) {
    edgesOf[e.f].push(j);
    if (e.t !== e.f) { edgesOf[e.t].push(j); }
  });
  var byRank = N.map(function (n, i) { return i; });
  byRank.sort(function (a, b) { return N[a].rank - N[b].rank; });

  // ---- filters
  var typeBoxes = Array.prototype.slice.call(document.querySelectorAll("input.type-filter"));
  var relBoxes = Array.prototype.slice.call(document.querySelectorAll("input.rel-filter"));
  var minWeight = $("min-weight"), hideIsolated = $("hide-isolated");
  var dateFrom = $("date-from"), dateTo = $("date-to");
  var nodeOn = [], edgeOn = [];

  function inRange(docs, f) {
    if (!f.dated) { return true; }
    for (var i = 0; i < docs.length; i++) {
      var iso = DOCS[docs[i]][3];
      if (iso && iso >= f.from && iso <= f.to) { return true; }
    }
    return false;
  }
  function filters() {
    var f = { types: [], rels: [], min: Math.max(1, parseInt(minWeight.value, 10) || 1) };
    typeBoxes.forEach(function (b) { f.types[+b.value] = b.checked; });
    relBoxes.forEach(function (b) { f.rels[+b.value] = b.checked; });
    f.from = dateFrom ? (dateFrom.value || dateFrom.min) : "";
    f.to = dateTo ? (dateTo.value || dateTo.max) : "";
    f.dated = !!dateFrom && (f.from > dateFrom.min || f.to < dateTo.max);
    return f;
  }
  function compute() {
    var f = filters();
    nodeOn = N.map(function (n) { return f.types[n.type] !== false && inRange(n.docs, f); });
    edgeOn = E.map(function (e) {
      return f.rels[e.k] !== false && e.w >= f.min && nodeOn[e.f] && nodeOn[e.t] && inRange(e.d, f);
    });
    if (hideIsolated.checked) {
      var linked = N.map(function () { return false; });
      edgeOn.forEach(function (on, j) { if (on) { linked[E[j].f] = true; linked[E[j].t] = true; } });
      nodeOn = nodeOn.map(function (on, i) { return on && (linked[i] || i === data.focus); });
    }
    var shownNodes = nodeOn.filter(Boolean).length, shownEdges = edgeOn.filter(Boolean).length;
    $("visible").textContent = shownNodes + " entities and " + shownEdges + " edges visible";
  }

  // ---- the network
  function nodeTip(n) {
    var box = el("div", null, "kg-tip");
    box.appendChild(el("strong", n.label));
    box.appendChild(el("div", TYPES[n.type][0] + " \u00b7 " + n.mentions + " mentions"));
    if (n.aliases.length) { box.appendChild(el("div", n.aliases.join(" | "))); }
    return box;
  }
  function edgeTip(e) {
    var box = el("div", null, "kg-tip");
    box.appendChild(el("strong", label(e.f) + " \u2014 " + RELS[e.k][0] + " \u2014 " + label(e.t)));
    box.appendChild(el("div", (e.k === COOC ? "sentences: " : "evidence: ") + e.w));
    return box;
  }
  compute();
  var nodes = new vis.DataSet(N.map(function (n, i) {
    var c = TYPES[n.type][1];
    return {
      id: i, label: n.label, x: n.x, y: n.y, size: n.size, title: nodeTip(n), hidden: !nodeOn[i],
      font: { size: 0 },
      color: { background: c, border: c, highlight: { background: c, border: "#111" },
               hover: { background: c, border: "#111" } }
    };
  }));
  var edges = new vis.DataSet(E.map(function (e, j) {
    var rel = RELS[e.k], cooc = e.k === COOC;
    return {
      id: j, from: e.f, to: e.t, width: width(e), title: edgeTip(e), hidden: !edgeOn[j],
      color: { color: rel[1], highlight: rel[1], hover: rel[1], opacity: cooc ? 0.7 : 0.9 },
      arrows: { to: { enabled: rel[2], scaleFactor: 0.5 } },
      dashes: cooc,
      smooth: cooc ? false : { enabled: true, type: "curvedCW", roundness: 0.12 }
    };
  }));
  var many = E.length > 4000;
  var network = new vis.Network($("graph"), { nodes: nodes, edges: edges }, {
    physics: { enabled: false },
    layout: { improvedLayout: false },
    interaction: { hover: true, tooltipDelay: 200, hideEdgesOnDrag: many, hideEdgesOnZoom: many },
    nodes: { shape: "dot", borderWidth: 1,
             font: { face: data.font, size: 0, strokeWidth: 3, strokeColor: "#ffffff" },
             scaling: { label: { maxVisible: 20, drawThreshold: 5 } } },
    edges: { selectionWidth: 2, hoverWidth: 0.5 }
  });

  // ---- labels: the most important nodes in view whose labels do not overlap, at a
  // constant size on screen; picked again after every zoom, pan or filter change.
  var measure = document.createElement("canvas").getContext("2d");
  measure.font = LABEL_PX + "px " + data.font;
  var textWidth = N.map(function (n) { return measure.measureText(n.label).width; });
  var fontOf = N.map(function () { return 0; });
  function relabel() {
    var scale = network.getScale(), unit = 1 / scale, size = LABEL_PX * unit;
    var rect = $("graph").getBoundingClientRect();
    var a = network.DOMtoCanvas({ x: 0, y: 0 }), b = network.DOMtoCanvas({ x: rect.width, y: rect.height });
    var selected = network.getSelectedNodes();
    var order = selected.concat(byRank.filter(function (i) { return selected.indexOf(i) < 0; }));
    var inView = byRank.filter(function (i) {
      var n = N[i];
      return nodeOn[i] && n.x >= a.x && n.x <= b.x && n.y >= a.y && n.y <= b.y;
    }).slice(0, 300);
    var boxes = [], want = N.map(function () { return 0; });
    function apart(p, q) { return p[2] < q[0] || p[0] > q[2] || p[3] < q[1] || p[1] > q[3]; }
    for (var j = 0; j < order.length && boxes.length < MAX_LABELS; j++) {
      var i = order[j], n = N[i];
      if (!nodeOn[i] || n.x < a.x || n.x > b.x || n.y < a.y || n.y > b.y) { continue; }
      var w = (textWidth[i] + 6) * unit, top = n.y + n.size, h = (LABEL_PX + 5) * unit;
      var box = [n.x - w / 2, top, n.x + w / 2, top + h];
      // A label may not cover another label, nor a more important node.
      var free = boxes.every(function (o) { return apart(box, o); }) && inView.every(function (k) {
        var m = N[k], r = m.size;
        return m.rank >= n.rank || apart(box, [m.x - r, m.y - r, m.x + r, m.y + r]);
      });
      if (free) { boxes.push(box); want[i] = size; }
    }
    var updates = [];
    want.forEach(function (s, i) {
      if (Math.abs(s - fontOf[i]) > 1e-9) { fontOf[i] = s; updates.push({ id: i, font: { size: s } }); }
    });
    if (updates.length) { nodes.update(updates); }
  }
  var pending = null;
  function relabelSoon() {
    if (pending) { clearTimeout(pending); }
    pending = setTimeout(function () { pending = null; relabel(); }, 80);
  }
  network.on("zoom", relabelSoon);
  network.on("dragEnd", relabelSoon);
  network.on("resize", relabelSoon);

  function apply() {
    var before = { n: nodeOn, e: edgeOn };
    compute();
    var nu = [], eu = [];
    nodeOn.forEach(function (on, i) { if (on !== before.n[i]) { nu.push({ id: i, hidden: !on }); } });
    edgeOn.forEach(function (on, j) { if (on !== before.e[j]) { eu.push({ id: j, hidden: !on }); } });
    if (nu.length) { nodes.update(nu); }
    if (eu.length) { edges.update(eu); }
    relabel();
  }
  typeBoxes.concat(relBoxes, [hideIsolated]).forEach(function (b) { b.addEventListener("change", apply); });
  minWeight.addEventListener("input", apply);
  if (dateFrom) {
    dateFrom.addEventListener("change", apply);
    dateTo.addEventListener("change", apply);
    $("date-reset").addEventListener("click", function () {
      dateFrom.value = dateFrom.min;
      dateTo.value = dateTo.max;
      apply();
    });
  }

  // ---- details panel
  var details = $("details");
  function link(text, go) {
    var b = el("button", text, "link");
    b.type = "button";
    b.addEventListener("click", go);
    return b;
  }
  function field(dl, key, value) {
    if (value === undefined || value === null || value === "") { return; }
    dl.appendChild(el("dt", key));
    var dd = el("dd");
    if (typeof value === "object") { dd.appendChild(value); } else { dd.textContent = String(value); }
    dl.appendChild(dd);
  }
  function heading(parts) {
    var h = el("h2");
    parts.forEach(function (p) { h.appendChild(typeof p === "string" ? document.createTextNode(p) : p); });
    details.appendChild(h);
  }
  function selectNode(i) {
    network.selectNodes([i]);
    showNode(i);
    relabel();
  }
  function selectEdge(j) {
    network.selectEdges([j]);
    showEdge(j);
  }
  function showNode(i) {
    var n = N[i];
    clear(details);
    heading([swatch(TYPES[n.type][1]), n.label]);
    var dl = el("dl");
    field(dl, "type", TYPES[n.type][0]);
    field(dl, "aliases", n.aliases.join(" | "));
    field(dl, "mentions", n.mentions);
    field(dl, "documents", n.docs.length);
    field(dl, "id", n.id);
    n.attrs.forEach(function (kv) { field(dl, kv[0], kv[1]); });
    if (!nodeOn[i]) { field(dl, "shown", "no: hidden by the filters"); }
    details.appendChild(dl);
    var rel = edgesOf[i].filter(function (j) { return E[j].k !== COOC; });
    var co = edgesOf[i].filter(function (j) { return E[j].k === COOC; });
    [[rel, "Relations", rel.length], [co, "Co-occurs with", MAX_COOC]].forEach(function (group) {
      if (!group[0].length) { return; }
      group[0].sort(function (x, y) { return E[y].w - E[x].w || x - y; });
      var list = group[0].slice(0, group[2]);
      details.appendChild(el("h3", group[1] + " (" + (list.length < group[0].length ?
        list.length + " of " : "") + group[0].length + ")"));
      var ul = el("ul", null, "edges");
      list.forEach(function (j) {
        var e = E[j], out = e.f === i, other = out ? e.t : e.f;
        var text = e.k === COOC ? label(other) + " (" + e.w + ")" :
          (RELS[e.k][2] ? (out ? "\u2192 " : "\u2190 ") : "") + RELS[e.k][0] + " " + label(other) + " (" + e.w + ")";
        var li = el("li");
        li.appendChild(link(text, function () { selectEdge(j); }));
        ul.appendChild(li);
      });
      details.appendChild(ul);
    });
    var docs = n.docs.slice(0, MAX_DOCS);
    details.appendChild(el("h3", "Documents (" + (docs.length < n.docs.length ?
      "first " + docs.length + " of " : "") + n.docs.length + ")"));
    var ol = el("ol", null, "docs");
    docs.forEach(function (d) {
      var li = el("li");
      li.appendChild(el("span", DOCS[d][1] || DOCS[d][0], "title"));
      var meta = [DOCS[d][2], DOCS[d][1] ? DOCS[d][0] : ""].filter(Boolean).join(" \u00b7 ");
      if (meta) { li.appendChild(el("span", meta, "doc")); }
      ol.appendChild(li);
    });
    details.appendChild(ol);
  }
  function showEdge(j) {
    var e = E[j], rel = RELS[e.k];
    clear(details);
    heading([label(e.f) + (rel[2] ? " \u2192 " : " \u2014 ") + rel[0] + (rel[2] ? " \u2192 " : " \u2014 ") + label(e.t)]);
    var dl = el("dl");
    field(dl, "from", link(label(e.f), function () { selectNode(e.f); }));
    field(dl, "relation", rel[0]);
    field(dl, "to", link(label(e.t), function () { selectNode(e.t); }));
    if (e.k === COOC) {
      field(dl, "weight", e.w + " sentences");
      field(dl, "documents", e.docs);
      field(dl, "pmi", e.pmi);
      field(dl, "npmi", e.npmi);
    } else {
      field(dl, "weight", e.w + " evidence sentence" + (e.w === 1 ? "" : "s"));
      var rules = [];
      e.ev.forEach(function (p) { var r = data.rules[p[1]]; if (rules.indexOf(r) < 0) { rules.push(r); } });
      field(dl, "rules", rules.join(", "));
    }
    field(dl, "documents cited", e.d.length);
    details.appendChild(dl);
    details.appendChild(el("h3", "Evidence" + (e.ev.length < e.n ?
      " (first " + e.ev.length + " of " + e.n + ")" : " (" + e.n + ")")));
    var ol = el("ol", null, "evidence");
    e.ev.forEach(function (p) {
      var s = SENT[p[0]], li = el("li");
      li.appendChild(el("span", docLine(s[0]), "doc"));
      li.appendChild(el("span", s[1], "sentence"));
      if (e.k !== COOC) { li.appendChild(el("span", "rule: " + data.rules[p[1]], "rule")); }
      ol.appendChild(li);
    });
    details.appendChild(ol);
  }
  network.on("click", function (params) {
    if (params.nodes.length) { showNode(params.nodes[0]); }
    else if (params.edges.length) { showEdge(params.edges[0]); }
  });

  // ---- search over names and aliases
  var names = N.map(function (n) {
    return [n.label].concat(n.aliases).map(function (s) { return s.toLowerCase(); });
  });
  var search = $("search"), message = $("search-msg"), results = $("results");
  function find(query) {
    var q = query.trim().toLowerCase(), hits = [];
    if (!q) { return hits; }
    names.forEach(function (list, i) {
      var best = 9, via = null;
      list.forEach(function (s, k) {
        var at = s.indexOf(q), score = at < 0 ? 9 : (s === q ? 0 : at === 0 ? 2 : 4) + (k ? 1 : 0);
        if (score < best) { best = score; via = k ? N[i].aliases[k - 1] : null; }
      });
      if (best < 9) { hits.push({ node: i, score: best, alias: via }); }
    });
    hits.sort(function (x, y) {
      return x.score - y.score || N[y.node].mentions - N[x.node].mentions || x.node - y.node;
    });
    return hits.slice(0, 12);
  }
  function choose(i) {
    message.textContent = nodeOn[i] ? "" : N[i].label + " is hidden by the filters";
    if (nodeOn[i]) {
      network.focus(i, { scale: Math.max(network.getScale(), 1), animation: false });
    }
    selectNode(i);
  }
  function listResults() {
    var hits = find(search.value);
    clear(results);
    hits.forEach(function (h) {
      var li = el("li"), b = el("button", N[h.node].label);
      b.type = "button";
      b.appendChild(el("span", TYPES[N[h.node].type][0] + (h.alias ? " \u00b7 alias " + h.alias : ""), "hint"));
      b.addEventListener("click", function () { choose(h.node); });
      li.appendChild(b);
      results.appendChild(li);
    });
    message.textContent = search.value.trim() && !hits.length ? "no entity has this name" : "";
    return hits;
  }
  search.addEventListener("input", listResults);
  $("search-form").addEventListener("submit", function (ev) {
    ev.preventDefault();
    var hits = listResults();
    if (hits.length) { choose(hits[0].node); }
  });

  // ---- first view
  network.fit({ animation: false });
  relabel();
  if (data.focus !== null) { selectNode(data.focus); }
  network.once("afterDrawing", function () { document.body.setAttribute("data-ready", "1"); });
  // Handles for scripts run against the page (the browser tests and bench/html_page.py).
  window.kg = { network: network, nodes: nodes, edges: edges, data: data, find: find, choose: choose,
                apply: apply, visible: function () { return { nodes: nodeOn.slice(), edges: edgeOn.slice() }; } };
})();
"""


def _csp_hash(script: str) -> str:
    digest = hashlib.sha256(script.encode("utf-8")).digest()
    return "'sha256-" + base64.b64encode(digest).decode("ascii") + "'"


def _controls(data: dict) -> str:
    """The filter boxes (entity types, relation types, weight, dates) as markup."""
    nodes, edges = data["nodes"], data["edges"]
    per_type = [0] * len(data["types"])
    for n in nodes:
        per_type[n["type"]] += 1
    per_rel = [0] * len(data["relations"])
    for e in edges:
        per_rel[e["k"]] += 1
    esc = html.escape
    types = "".join(
        f'<label class="filter"><input type="checkbox" class="type-filter" value="{i}" checked>'
        f'<span class="swatch" style="background:{esc(color)}"></span>{esc(name)}'
        f'<span class="n">{per_type[i]}</span></label>\n'
        for i, (name, color) in enumerate(data["types"])
    )
    rels = []
    for k, (name, color, _directed) in enumerate(data["relations"]):
        cooc = name == COOCCURS
        checked = " checked" if (COOCCURRENCE_SHOWN or not cooc) else ""
        extra = ' id="show-cooc"' if cooc else ""
        dashed = " dashed" if cooc else ""
        rels.append(
            f'<label class="filter"><input type="checkbox" class="rel-filter" value="{k}"{extra}{checked}>'
            f'<span class="line{dashed}" style="border-color:{esc(color)}"></span>{esc(name)}'
            f'<span class="n">{per_rel[k]}</span></label>\n'
        )
    isos = sorted({d[3] for d in data["docs"] if d[3]})
    dates = ""
    if isos:
        lo, hi = esc(isos[0]), esc(isos[-1])
        dates = (
            '<fieldset class="dates"><legend>Document dates</legend>\n'
            f'<label>from <input type="date" id="date-from" min="{lo}" max="{hi}" value="{lo}"></label>\n'
            f'<label>to <input type="date" id="date-to" min="{lo}" max="{hi}" value="{hi}"></label>\n'
            '<button type="button" id="date-reset">all dates</button>\n'
            "</fieldset>\n"
        )
    return (
        f'<fieldset id="types"><legend>Entity types</legend>\n{types}</fieldset>\n'
        f'<fieldset id="relations"><legend>Relations (edge colour)</legend>\n{"".join(rels)}</fieldset>\n'
        '<fieldset><legend>Weight</legend>\n<label class="filter">at least '
        '<input type="number" id="min-weight" min="1" step="1" value="1"> sentences</label>\n</fieldset>\n'
        f"{dates}"
        '<label class="filter"><input type="checkbox" id="hide-isolated"> hide entities without a visible edge'
        "</label>\n"
    )


def render_html(
    ex: Extraction, settings: Settings, *, focus: str | None = None, scope: str = "", title: str = ""
) -> str:
    """The page as a string (see ``write_html``)."""
    vis_js, vis_css = _vis_assets()
    data = page_data(ex, settings, focus=focus, scope=scope)
    csp = (
        "default-src 'none'; "
        f"script-src {_csp_hash(vis_js)} {_csp_hash(_JS)}; "
        "style-src 'unsafe-inline'; img-src data:; base-uri 'none'; form-action 'none'"
    )
    heading = "Knowledge graph" + (f": {title}" if title else "")
    return f"""<!DOCTYPE html>
<html lang="zh">
<head>
<meta charset="utf-8">
<meta http-equiv="Content-Security-Policy" content="{html.escape(csp)}">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>{html.escape(heading)}</title>
<style>
{vis_css}
</style>
<style>{_CSS}</style>
</head>
<body>
<aside id="controls">
<h1>{html.escape(heading)}</h1>
<p id="count">{html.escape(str(data["caption"]))}</p>
<form id="search-form" role="search">
<input id="search" type="search" placeholder="name or alias" aria-label="find an entity by name or alias"
 autocomplete="off">
<button type="submit">Find</button>
</form>
<p id="search-msg" role="status"></p>
<ol id="results"></ol>
{_controls(data)}<p id="visible"></p>
<p class="help">Node size: mentions. Edge width: evidence sentences. Scroll to zoom, drag to
move; labels of smaller entities appear as you zoom in. Click a node or an edge for its
documents and evidence.</p>
</aside>
<main id="graph"></main>
<aside id="panel"><div id="details">
<p>Click a node or an edge to see its details and evidence.</p>
</div></aside>
<script type="application/json" id="kg-data">{json_for_html(data)}</script>
<script>{vis_js}</script>
<script>{_JS}</script>
</body>
</html>
"""


def write_html(
    ex: Extraction,
    path: str | Path,
    settings: Settings,
    *,
    focus: str | None = None,
    scope: str = "",
    title: str = "",
) -> None:
    """Write the interactive graph page to ``path`` (UTF-8, self-contained, deterministic).

    Nodes are the ``settings.html_max_nodes`` most mentioned entities (with ``focus``,
    an entity id, the nearest to it first; the page then opens with it selected),
    coloured by type and sized by mentions; edges are the typed relations (coloured by
    type, arrows, width by evidence) and the co-occurrences (grey, dashed, off when the
    page opens) between them. The page filters by entity type, relation type, weight and
    document dates, finds entities by name or alias, and shows a node's documents or an
    edge's evidence sentences (at most ``settings.max_evidence``, fewer for a
    co-occurrence) on click. ``title``
    is added to the page heading, ``scope`` to the "showing N of M entities" line.
    """
    p = Path(path)
    p.parent.mkdir(parents=True, exist_ok=True)
    with open(p, "w", encoding="utf-8", newline="\n") as f:
        f.write(render_html(ex, settings, focus=focus, scope=scope, title=title))


def write_ego_html(
    ex: Extraction,
    name: str,
    path: str | Path,
    settings: Settings,
    *,
    depth: int = 1,
    cooccurrence: bool = True,
) -> tuple[Entity, Extraction]:
    """Write the page of the entity called ``name`` (name, alias or id; see
    ``find_entity``) and its neighbourhood (see ``ego_network``); return the entity and
    the neighbourhood. The page opens with the entity selected."""
    centre = find_entity(ex, name)
    sub = ego_network(ex, centre.id, depth, cooccurrence)
    steps = f"{depth} step{'' if depth == 1 else 's'}"
    through = "" if cooccurrence else " through typed relations"
    write_html(
        sub,
        path,
        settings,
        focus=centre.id,
        title=centre.name,
        scope=f"within {steps} of {centre.name}{through}",
    )
    return centre, sub
