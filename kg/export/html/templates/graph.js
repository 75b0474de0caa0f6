(function () {
  "use strict";
  var data = JSON.parse(document.getElementById("kg-data").textContent);
  var T = data.ui, DOCS = data.docs, SENT = data.sentences, PER = data.periods;
  var TYPES = data.types, RELS = data.relations, COOC = RELS.length - 1;
  var DRAWN = data.nodes.length, DRAWN_EDGES = data.edges.length;
  var LABEL_PX = 13, MAX_LABELS = 90, MAX_DOCS = 50, MAX_COOC = 15, PLAY_MS = 1200;

  function $(id) { return document.getElementById(id); }
  function el(tag, text, cls) {
    var node = document.createElement(tag);
    if (text !== undefined && text !== null) { node.textContent = String(text); }
    if (cls) { node.className = cls; }
    return node;
  }
  function clear(node) { while (node.firstChild) { node.removeChild(node.firstChild); } }
  function swatch(color) { var s = el("span", null, "swatch"); s.style.background = color; return s; }
  // An interface string with its {fields} filled in (the words come from data.ui).
  function fmt(key, fields) {
    return T[key].replace(/\{(\w+)\}/g, function (m, k) { return String(fields[k]); });
  }
  function size(mentions) { return Math.round((8 + 4 * Math.log2(1 + Math.max(mentions, 0))) * 100) / 100; }

  // Every entity: the drawn nodes, then the others (data.more, most mentioned first),
  // which get a place on the canvas only when a search adds them.
  var N = data.nodes.concat(data.more.map(function (m, i) {
    return { id: m[0], label: m[1], type: m[2], aliases: m[3], mentions: m[4], docs: m[5], attrs: [],
             size: size(m[4]), x: 0, y: 0, rank: DRAWN + i, more: true };
  }));
  // The edges of entities not drawn come as rows (see MORE_EDGE_FIELDS in pagedata.py).
  var E = data.edges.concat(data.more_edges.map(function (r) {
    var e = { f: r[0], t: r[1], k: r[2], w: r[3], n: r[4], ev: r[5], d: r[6] };
    if (r[7]) { e.c = r[7]; }
    if (e.k === COOC) { e.docs = r[8]; e.pmi = r[9]; e.npmi = r[10]; }
    return e;
  }));
  var present = N.map(function (n, i) { return i < DRAWN; });
  var edgePresent = E.map(function (e, j) { return j < DRAWN_EDGES; });
  function label(i) { return N[i].label; }
  function typeName(t) { return TYPES[t][2]; }
  function relName(k) { return RELS[k][3]; }
  function docLine(i) { return [DOCS[i][1], DOCS[i][2]].filter(Boolean).join(" \u00b7 "); }
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
  var nodeOn = [], edgeOn = [], weightNow = [], f = {};

  function filters() {
    var g = { types: [], rels: [], min: Math.max(1, parseInt(minWeight.value, 10) || 1), dated: false };
    typeBoxes.forEach(function (b) { g.types[+b.value] = b.checked; });
    relBoxes.forEach(function (b) { g.rels[+b.value] = b.checked; });
    if (dateFrom) {
      var a = +dateFrom.value, b = +dateTo.value;
      g.from = PER[Math.min(a, b)][1];
      g.to = PER[Math.max(a, b)][2];
      g.dated = Math.min(a, b) > 0 || Math.max(a, b) < PER.length - 1;
    }
    return g;
  }
  function inPeriod(d) {
    var iso = DOCS[d][3];
    return !f.dated || (!!iso && iso >= f.from && iso <= f.to);
  }
  function inRange(docs) { return !f.dated || docs.some(inPeriod); }
  // An edge's weight within the chosen period, from its evidence per document.
  function periodWeight(e) {
    if (!f.dated) { return e.w; }
    var inside = 0, all = 0;
    e.d.forEach(function (d, k) {
      var c = e.c ? e.c[k] : 1;
      all += c;
      if (inPeriod(d)) { inside += c; }
    });
    return inside && all ? Math.max(1, Math.round(e.w * inside / all)) : 0;
  }
  function compute() {
    f = filters();
    nodeOn = N.map(function (n, i) { return present[i] && f.types[n.type] !== false && inRange(n.docs); });
    weightNow = E.map(function (e, j) { return edgePresent[j] ? periodWeight(e) : 0; });
    edgeOn = E.map(function (e, j) {
      return edgePresent[j] && f.rels[e.k] !== false && weightNow[j] >= f.min && nodeOn[e.f] && nodeOn[e.t];
    });
    if (hideIsolated.checked) {
      var linked = N.map(function () { return false; });
      edgeOn.forEach(function (on, j) { if (on) { linked[E[j].f] = true; linked[E[j].t] = true; } });
      nodeOn = nodeOn.map(function (on, i) { return on && (linked[i] || i === data.focus); });
    }
    var added = present.filter(Boolean).length - DRAWN;
    $("visible").textContent = fmt("visible", { nodes: nodeOn.filter(Boolean).length,
      edges: edgeOn.filter(Boolean).length }) + (added ? fmt("added", { n: added }) : "");
  }
  function width(e, w) {
    var x = Math.log2(Math.max(w, 1));
    return e.k === COOC ? Math.min(0.5 + 0.75 * x, 4) : Math.min(1.5 + 1.5 * x, 8);
  }

  // ---- the network
  function nodeTip(n) {
    var box = el("div", null, "kg-tip");
    box.appendChild(el("strong", n.label));
    box.appendChild(el("div", typeName(n.type) + " \u00b7 " + fmt("mentions_n", { n: n.mentions })));
    if (n.aliases.length) { box.appendChild(el("div", n.aliases.join(" | "))); }
    return box;
  }
  function edgeTip(e) {
    var box = el("div", null, "kg-tip");
    box.appendChild(el("strong", label(e.f) + " \u2014 " + relName(e.k) + " \u2014 " + label(e.t)));
    box.appendChild(el("div", fmt(e.k === COOC ? "sentences_n" : "evidence_n", { n: e.w })));
    return box;
  }
  function visNode(i) {
    var n = N[i], c = TYPES[n.type][1];
    return {
      id: i, label: n.label, x: n.x, y: n.y, size: n.size, title: nodeTip(n), hidden: !nodeOn[i],
      font: { size: 0 },
      color: { background: c, border: c, highlight: { background: c, border: "#111" },
               hover: { background: c, border: "#111" } }
    };
  }
  var widthOf = [];
  function visEdge(j) {
    var e = E[j], rel = RELS[e.k], cooc = e.k === COOC;
    widthOf[j] = width(e, weightNow[j]);
    return {
      id: j, from: e.f, to: e.t, width: widthOf[j], title: edgeTip(e), hidden: !edgeOn[j],
      color: { color: rel[1], highlight: rel[1], hover: rel[1], opacity: cooc ? 0.7 : 0.9 },
      arrows: { to: { enabled: rel[2], scaleFactor: 0.5 } },
      dashes: cooc,
      smooth: cooc ? false : { enabled: true, type: "curvedCW", roundness: 0.12 }
    };
  }
  compute();
  var nodes = new vis.DataSet(data.nodes.map(function (n, i) { return visNode(i); }));
  var edges = new vis.DataSet(data.edges.map(function (e, j) { return visEdge(j); }));
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
    var scale = network.getScale(), unit = 1 / scale, px = LABEL_PX * unit;
    var rect = $("graph").getBoundingClientRect();
    var a = network.DOMtoCanvas({ x: 0, y: 0 }), b = network.DOMtoCanvas({ x: rect.width, y: rect.height });
    function seen(i) { var n = N[i]; return nodeOn[i] && n.x >= a.x && n.x <= b.x && n.y >= a.y && n.y <= b.y; }
    var selected = network.getSelectedNodes();
    var order = selected.concat(byRank.filter(function (i) { return selected.indexOf(i) < 0; }));
    var inView = byRank.filter(seen).slice(0, 300);
    var boxes = [], want = N.map(function () { return 0; });
    function apart(p, q) { return p[2] < q[0] || p[0] > q[2] || p[3] < q[1] || p[1] > q[3]; }
    for (var j = 0; j < order.length && boxes.length < MAX_LABELS; j++) {
      var i = order[j], n = N[i];
      if (!seen(i)) { continue; }
      var w = (textWidth[i] + 6) * unit, top = n.y + n.size, h = (LABEL_PX + 5) * unit;
      var box = [n.x - w / 2, top, n.x + w / 2, top + h];
      // A label may not cover another label, nor a more important node.
      var free = boxes.every(function (o) { return apart(box, o); }) && inView.every(function (k) {
        var m = N[k], r = m.size;
        return m.rank >= n.rank || apart(box, [m.x - r, m.y - r, m.x + r, m.y + r]);
      });
      if (free) { boxes.push(box); want[i] = px; }
    }
    var updates = [];
    want.forEach(function (s, i) {
      if (present[i] && Math.abs(s - fontOf[i]) > 1e-9) { fontOf[i] = s; updates.push({ id: i, font: { size: s } }); }
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
    nodeOn.forEach(function (on, i) { if (present[i] && on !== before.n[i]) { nu.push({ id: i, hidden: !on }); } });
    edgeOn.forEach(function (on, j) {
      if (!edgePresent[j]) { return; }
      var w = width(E[j], weightNow[j]), u = { id: j };
      if (on !== before.e[j]) { u.hidden = !on; }
      if (w !== widthOf[j]) { u.width = widthOf[j] = w; }
      if (Object.keys(u).length > 1) { eu.push(u); }
    });
    if (nu.length) { nodes.update(nu); }
    if (eu.length) { edges.update(eu); }
    relabel();
    if (current) { current[0](current[1]); }
  }
  typeBoxes.concat(relBoxes, [hideIsolated]).forEach(function (b) { b.addEventListener("change", apply); });
  minWeight.addEventListener("input", apply);

  // ---- the time slider: two ends over data.periods, and a play button that steps
  // through the periods one by one.
  var playing = null;
  function showPeriod() {
    var a = +dateFrom.value, b = +dateTo.value;
    $("period").textContent = a === b ? PER[a][0] : PER[a][0] + " \u2013 " + PER[b][0];
  }
  function setPeriod(a, b) { dateFrom.value = a; dateTo.value = b; showPeriod(); apply(); }
  function stop() { if (playing) { clearInterval(playing); playing = null; $("play").textContent = T.play; } }
  if (dateFrom) {
    [dateFrom, dateTo].forEach(function (r) {
      r.addEventListener("input", function () {
        // The ends cannot cross: the one moved pushes the other.
        if (+dateFrom.value > +dateTo.value) {
          if (r === dateFrom) { dateTo.value = dateFrom.value; } else { dateFrom.value = dateTo.value; }
        }
        showPeriod();
        apply();
      });
    });
    $("date-reset").addEventListener("click", function () { stop(); setPeriod(0, PER.length - 1); });
    $("play").addEventListener("click", function () {
      if (playing) { stop(); return; }
      var a = +dateFrom.value, b = +dateTo.value;
      var p = a === b && a < PER.length - 1 ? a + 1 : 0;
      setPeriod(p, p);
      $("play").textContent = T.pause;
      playing = setInterval(function () {
        if (p >= PER.length - 1) { stop(); return; }
        p += 1;
        setPeriod(p, p);
      }, PLAY_MS);
    });
  }

  // ---- details panel; the open one is drawn again when the filters or the period change
  var details = $("details"), current = null;
  function link(text, go) {
    var b = el("button", text, "link");
    b.type = "button";
    b.addEventListener("click", go);
    return b;
  }
  function field(dl, key, value) {
    if (value === undefined || value === null || value === "") { return; }
    dl.appendChild(el("dt", T[key] || key));
    var dd = el("dd");
    if (typeof value === "object") { dd.appendChild(value); } else { dd.textContent = String(value); }
    dl.appendChild(dd);
  }
  function heading(parts) {
    var h = el("h2");
    parts.forEach(function (p) { h.appendChild(typeof p === "string" ? document.createTextNode(p) : p); });
    details.appendChild(h);
  }
  function counted(key, shown, all) {
    return T[key] + " (" + (shown < all ? fmt("of", { a: shown, b: all }) : all) + ")";
  }
  function selectNode(i) { network.selectNodes([i]); showNode(i); relabel(); }
  function selectEdge(j) { network.selectEdges([j]); showEdge(j); }
  function showNode(i) {
    var n = N[i];
    current = [showNode, i];
    clear(details);
    heading([swatch(TYPES[n.type][1]), n.label]);
    var dl = el("dl");
    field(dl, "type", typeName(n.type));
    field(dl, "aliases", n.aliases.join(" | "));
    field(dl, "mentions", n.mentions);
    field(dl, "documents", n.docs.length);
    field(dl, "id", n.id);
    n.attrs.forEach(function (kv) { field(dl, kv[0], kv[1]); });
    if (!nodeOn[i]) { field(dl, "shown", T.shown_no); }
    details.appendChild(dl);
    var rel = edgesOf[i].filter(function (j) { return E[j].k !== COOC && edgePresent[j]; });
    var co = edgesOf[i].filter(function (j) { return E[j].k === COOC && edgePresent[j]; });
    [[rel, "relations_h", rel.length], [co, "cooccurs_h", MAX_COOC]].forEach(function (group) {
      if (!group[0].length) { return; }
      group[0].sort(function (x, y) { return weightNow[y] - weightNow[x] || E[y].w - E[x].w || x - y; });
      var list = group[0].slice(0, group[2]);
      details.appendChild(el("h3", counted(group[1], list.length, group[0].length)));
      var ul = el("ul", null, "edges");
      list.forEach(function (j) {
        var e = E[j], out = e.f === i, other = out ? e.t : e.f;
        var text = (e.k === COOC ? "" : (RELS[e.k][2] ? (out ? "\u2192 " : "\u2190 ") : "") + relName(e.k) + " ") +
          label(other) + " (" + weightNow[j] + ")";
        var li = el("li");
        li.appendChild(link(text, function () { selectEdge(j); }));
        ul.appendChild(li);
      });
      details.appendChild(ul);
    });
    if (n.more) { details.appendChild(el("p", T.only_page_edges, "note")); }
    var docs = n.docs.slice(0, MAX_DOCS), inside = n.docs.filter(inPeriod).length;
    details.appendChild(el("h3", counted("documents_h", docs.length, n.docs.length)));
    if (f.dated) { details.appendChild(el("p", fmt("in_period", { a: inside, b: n.docs.length }), "note")); }
    var ol = el("ol", null, "docs");
    docs.forEach(function (d) {
      var li = el("li", null, inPeriod(d) ? "" : "outside");
      li.appendChild(el("span", DOCS[d][1], "title"));
      if (DOCS[d][2]) { li.appendChild(el("span", DOCS[d][2], "doc")); }
      ol.appendChild(li);
    });
    details.appendChild(ol);
    if (window.kgKwic) { window.kgKwic(details, i, { data: data, node: n, inPeriod: inPeriod, dated: f.dated }); }
  }
  function showEdge(j) {
    var e = E[j], rel = RELS[e.k], arrow = rel[2] ? " \u2192 " : " \u2014 ";
    current = [showEdge, j];
    clear(details);
    heading([label(e.f) + arrow + relName(e.k) + arrow + label(e.t)]);
    var dl = el("dl");
    field(dl, "from_node", link(label(e.f), function () { selectNode(e.f); }));
    field(dl, "relation", relName(e.k));
    field(dl, "to_node", link(label(e.t), function () { selectNode(e.t); }));
    var unit = e.k === COOC ? "sentences_n" : "evidence_n";
    var all = fmt(unit, { n: e.w });
    field(dl, "weight_f", f.dated ? fmt("in_period", { a: weightNow[j], b: all }) : all);
    if (e.k === COOC) {
      field(dl, "documents", e.docs);
      field(dl, "pmi", e.pmi);
      field(dl, "npmi", e.npmi);
    } else {
      var rules = [];
      e.ev.forEach(function (p) { var r = data.rules[p[1]]; if (rules.indexOf(r) < 0) { rules.push(r); } });
      field(dl, "rules", rules.join(", "));
    }
    field(dl, "docs_cited", e.d.length);
    details.appendChild(dl);
    var inside = e.ev.filter(function (p) { return inPeriod(SENT[p[0]][0]); }).length;
    details.appendChild(el("h3", T.evidence_h + " (" + (e.ev.length < e.n ?
      fmt("first_of", { a: e.ev.length, b: e.n }) : e.n) + ")"));
    if (f.dated) { details.appendChild(el("p", fmt("in_period", { a: inside, b: e.ev.length }), "note")); }
    var ol = el("ol", null, "evidence");
    e.ev.forEach(function (p) {
      var s = SENT[p[0]], out = !inPeriod(s[0]), li = el("li", null, out ? "outside" : "");
      li.appendChild(el("span", docLine(s[0]) + (out ? T.outside : ""), "doc"));
      li.appendChild(el("span", s[1], "sentence"));
      if (e.k !== COOC) { li.appendChild(el("span", T.rule + data.rules[p[1]], "rule")); }
      ol.appendChild(li);
    });
    details.appendChild(ol);
  }
  network.on("click", function (params) {
    if (params.nodes.length) { showNode(params.nodes[0]); } else if (params.edges.length) { showEdge(params.edges[0]); }
  });

  // ---- entities that are not drawn: a search adds one with its neighbours, placed
  // beside the drawn neighbours (or right of the graph when it has none).
  var addedCount = 0;
  function place(i, x, y) { N[i].x = Math.round(x); N[i].y = Math.round(y); present[i] = true; }
  function addEntity(i) {
    if (present[i]) { return 0; }
    var around = [];
    edgesOf[i].forEach(function (j) {
      var o = E[j].f === i ? E[j].t : E[j].f;
      if (o !== i && around.indexOf(o) < 0) { around.push(o); }
    });
    var anchors = around.filter(function (k) { return present[k]; }), x, y;
    var turn = 2.39996 * addedCount++, reach = 90 + 10 * (addedCount % 5);
    if (anchors.length) {
      x = anchors.reduce(function (s, k) { return s + N[k].x; }, 0) / anchors.length + reach * Math.cos(turn);
      y = anchors.reduce(function (s, k) { return s + N[k].y; }, 0) / anchors.length + reach * Math.sin(turn);
    } else {
      var xs = N.filter(function (n, k) { return present[k]; });
      x = Math.max.apply(null, xs.map(function (n) { return n.x; }).concat([0])) + 200;
      y = reach * Math.sin(turn) * 3;
    }
    place(i, x, y);
    var fresh = around.filter(function (k) { return !present[k]; });
    fresh.forEach(function (k, m) {
      var a = turn + 2 * Math.PI * m / fresh.length, r = 70 + N[i].size + N[k].size;
      place(k, x + r * Math.cos(a), y + r * Math.sin(a));
    });
    var added = [i].concat(fresh), links = [];
    added.forEach(function (k) {
      edgesOf[k].forEach(function (j) {
        if (!edgePresent[j] && present[E[j].f] && present[E[j].t]) { edgePresent[j] = true; links.push(j); }
      });
    });
    compute();
    // Its edges may all be co-occurrences, which the page opens without: show them then.
    var cooc = $("show-cooc");
    if (cooc && !cooc.checked && links.length && links.every(function (j) { return !edgeOn[j]; }) &&
        links.some(function (j) { return E[j].k === COOC; })) {
      cooc.checked = true;
      compute();
    }
    nodes.add(added.map(visNode));
    edges.add(links.map(visEdge));
    apply();
    return fresh.length;
  }

  // ---- search over the names and aliases of every entity, drawn or not
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
    var msg = "";
    if (!present[i]) { msg = fmt("added_msg", { name: N[i].label, n: addEntity(i) }); }
    if (nodeOn[i]) {
      network.focus(i, { scale: Math.max(network.getScale(), 1), animation: false });
    } else {
      msg = fmt("hidden", { name: N[i].label });
    }
    message.textContent = msg;
    message.className = nodeOn[i] ? "ok" : "";
    selectNode(i);
  }
  function listResults() {
    var hits = find(search.value);
    clear(results);
    hits.forEach(function (h) {
      var li = el("li"), b = el("button", N[h.node].label);
      b.type = "button";
      var hint = [typeName(N[h.node].type)];
      if (h.alias) { hint.push(T.alias + " " + h.alias); }
      if (!present[h.node]) { hint.push(T.not_drawn); }
      b.appendChild(el("span", hint.join(" \u00b7 "), "hint"));
      b.addEventListener("click", function () { choose(h.node); });
      li.appendChild(b);
      results.appendChild(li);
    });
    message.textContent = search.value.trim() && !hits.length ? T.no_match : "";
    message.className = "";
    return hits;
  }
  search.addEventListener("input", listResults);
  $("search-form").addEventListener("submit", function (ev) {
    ev.preventDefault();
    var hits = listResults();
    if (hits.length) { choose(hits[0].node); }
  });

  // ---- fit the view to what is visible; reset every filter to how the page opened
  function fit() {
    var ids = nodeOn.map(function (on, i) { return on ? i : -1; }).filter(function (i) { return i >= 0; });
    network.fit({ nodes: ids.length ? ids : undefined, animation: false });
    relabel();
  }
  function reset() {
    stop();
    typeBoxes.concat(relBoxes, [hideIsolated]).forEach(function (b) { b.checked = b.defaultChecked; });
    minWeight.value = minWeight.defaultValue;
    if (dateFrom) { dateFrom.value = 0; dateTo.value = PER.length - 1; showPeriod(); }
    apply();
    fit();
  }
  $("fit").addEventListener("click", fit);
  $("reset").addEventListener("click", reset);

  // ---- first view
  network.fit({ animation: false });
  relabel();
  if (data.focus !== null) { selectNode(data.focus); }
  network.once("afterDrawing", function () { document.body.setAttribute("data-ready", "1"); });
  // Handles for scripts run against the page (the browser tests and bench/html_page.py).
  window.kg = { network: network, nodes: nodes, edges: edges, data: data, all: N, find: find, choose: choose,
                apply: apply, fit: fit, reset: reset, addEntity: addEntity,
                present: function () { return present.slice(); },
                weights: function () { return weightNow.slice(); },
                visible: function () { return { nodes: nodeOn.slice(), edges: edgeOn.slice() }; } };
})();
