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
