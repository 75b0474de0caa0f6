(function () {
  "use strict";
  // The places of #map-data (fields: kg/export/map_page.py, map_data) drawn on an SVG map.
  // Every string from a document goes into the page through textContent or an attribute
  // value set with setAttribute, never as markup.
  var data = JSON.parse(document.getElementById("map-data").textContent);
  var P = data.places, DOCS = data.docs, DATES = data.dates, KINDS = data.kinds, RELS = data.relations;
  var T = data.ui;
  var SVGNS = "http://www.w3.org/2000/svg";
  var LABELS = 25, MAX_DOCS = 50, PAD = 48, NONE_COLOUR = "#c8c8c8";

  function $(id) { return document.getElementById(id); }
  function el(tag, text, cls) {
    var node = document.createElement(tag);
    if (text !== undefined && text !== null) { node.textContent = String(text); }
    if (cls) { node.className = cls; }
    return node;
  }
  function shape(tag, attrs, text) {
    var node = document.createElementNS(SVGNS, tag);
    Object.keys(attrs || {}).forEach(function (k) { node.setAttribute(k, String(attrs[k])); });
    if (text !== undefined) { node.textContent = String(text); }
    return node;
  }
  // An interface word of data.ui with its {name} fields filled in.
  function say(key, fields) {
    return T[key].replace(/\{(\w+)\}/g, function (all, k) {
      return fields && Object.prototype.hasOwnProperty.call(fields, k) ? String(fields[k]) : all;
    });
  }
  function clear(node) { while (node.firstChild) { node.removeChild(node.firstChild); } }
  function dot(colour) {
    var s = shape("svg", { width: 12, height: 12, "class": "dot", "aria-hidden": "true" });
    s.appendChild(shape("circle", { cx: 6, cy: 6, r: 5, fill: colour }));
    return s;
  }

  // ---- projection: equirectangular around the middle latitude, fitted to the SVG
  var canvas = $("canvas");
  var W = Math.max(canvas.clientWidth, 300), H = Math.max(canvas.clientHeight, 300);
  canvas.setAttribute("viewBox", "0 0 " + W + " " + H);
  var mapped = [];
  P.forEach(function (p, i) { if (p.xy) { mapped.push(i); } });
  var lon0 = 0, lon1 = 0, lat0 = 0, lat1 = 0;
  if (mapped.length) {
    lon0 = lon1 = P[mapped[0]].xy[0];
    lat0 = lat1 = P[mapped[0]].xy[1];
    mapped.forEach(function (i) {
      var xy = P[i].xy;
      lon0 = Math.min(lon0, xy[0]); lon1 = Math.max(lon1, xy[0]);
      lat0 = Math.min(lat0, xy[1]); lat1 = Math.max(lat1, xy[1]);
    });
  }
  // at least two degrees each way, so one place or one city's districts are not a blur
  function widen(lo, hi, min) {
    var mid = (lo + hi) / 2, half = Math.max((hi - lo) / 2, min / 2);
    return [mid - half, mid + half];
  }
  var lons = widen(lon0, lon1, 2), lats = widen(lat0, lat1, 2);
  lon0 = lons[0]; lon1 = lons[1]; lat0 = Math.max(lats[0], -89); lat1 = Math.min(lats[1], 89);
  var squeeze = Math.cos(((lat0 + lat1) / 2) * Math.PI / 180);
  var scale = Math.min((W - 2 * PAD) / ((lon1 - lon0) * squeeze), (H - 2 * PAD) / (lat1 - lat0));
  var offX = (W - (lon1 - lon0) * squeeze * scale) / 2, offY = (H - (lat1 - lat0) * scale) / 2;
  function project(lon, lat) {
    return [offX + (lon - lon0) * squeeze * scale, offY + (lat1 - lat) * scale];
  }

  var view = shape("g", { id: "view" }), axes = shape("g");
  canvas.appendChild(view);
  canvas.appendChild(axes);
  var grid = shape("g", { "class": "grid-layer" }), dots = shape("g"), names = shape("g");
  view.appendChild(grid); view.appendChild(dots); view.appendChild(names);

  function degrees(v, pos, neg) {
    var a = Math.abs(Math.round(v * 100) / 100);
    return a + "\u00b0" + (v > 0 ? pos : v < 0 ? neg : "");
  }
  var gridLabels = [];
  (function graticule() {
    var span = Math.max(lon1 - lon0, lat1 - lat0), steps = [0.5, 1, 2, 5, 10, 15, 30, 45];
    var step = steps[steps.length - 1];
    for (var s = 0; s < steps.length; s++) { if (span / steps[s] <= 8) { step = steps[s]; break; } }
    var gx0 = Math.floor((lon0 - step) / step) * step, gx1 = Math.ceil((lon1 + step) / step) * step;
    var gy0 = Math.max(Math.floor((lat0 - step) / step) * step, -90), gy1 = Math.min(Math.ceil((lat1 + step) / step) * step, 90);
    var x, y, a, b;
    for (x = gx0; x <= gx1 + 1e-9; x += step) {
      a = project(x, gy0); b = project(x, gy1);
      grid.appendChild(shape("line", { x1: a[0], y1: a[1], x2: b[0], y2: b[1], "class": "grid" }));
      gridLabels.push({ node: axes.appendChild(shape("text", { "class": "grid-label" }, degrees(x, "E", "W"))), x: a[0] });
    }
    for (y = gy0; y <= gy1 + 1e-9; y += step) {
      a = project(gx0, y); b = project(gx1, y);
      grid.appendChild(shape("line", { x1: a[0], y1: a[1], x2: b[0], y2: b[1], "class": "grid" }));
      gridLabels.push({ node: axes.appendChild(shape("text", { "class": "grid-label" }, degrees(y, "N", "S"))), y: a[1] });
    }
  })();

  var circles = [], labels = [];
  P.forEach(function (p, i) {
    if (!p.xy) { circles.push(null); labels.push(null); return; }
    var xy = project(p.xy[0], p.xy[1]);
    var c = shape("circle", { cx: xy[0], cy: xy[1], r: 4, "class": "place", "data-index": i });
    c.appendChild(shape("title", {}, p.name));
    c.addEventListener("click", function (ev) { ev.stopPropagation(); select(i); });
    dots.appendChild(c);
    circles.push(c);
    var t = shape("text", { x: xy[0], y: xy[1], "class": "label" }, p.name);
    names.appendChild(t);
    labels.push(t);
  });

  // ---- state: the period, the colouring, the zoom
  var from = 0, to = Math.max(DATES.length - 1, 0), colourBy = -1, chosen = -1;
  var zoom = 1, tx = 0, ty = 0;
  var inPeriod = P.map(function (p) { return p.m; });
  var shown = P.map(function (p) { return !!p.xy; });

  function narrowed() { return DATES.length > 0 && (from > 0 || to < DATES.length - 1); }
  function period() {
    var narrow = narrowed(), lo = DATES[from], hi = DATES[to];
    P.forEach(function (p, i) {
      if (!narrow) { inPeriod[i] = p.m; shown[i] = !!p.xy; return; }
      var m = 0, any = false;
      p.d.forEach(function (dm) {
        var iso = DOCS[dm[0]][2];
        if (iso && iso >= lo && iso <= hi) { any = true; m += dm[1]; }
      });
      inPeriod[i] = m;
      shown[i] = !!p.xy && any;
    });
  }
  function radius(m) { return 3 + 2.5 * Math.log2(1 + Math.max(m, 0)); }
  function maxRel(k) {
    var top = 0;
    mapped.forEach(function (i) { top = Math.max(top, P[i].r[k]); });
    return top;
  }
  function colour(i) {
    var p = P[i];
    if (colourBy < 0) { return [KINDS[p.kind][1], 0.85]; }
    var n = p.r[colourBy], top = maxRel(colourBy);
    return n > 0 ? [RELS[colourBy][1], 0.35 + 0.65 * n / top] : [NONE_COLOUR, 0.5];
  }
  function order() {
    var idx = [];
    shown.forEach(function (on, i) { if (on) { idx.push(i); } });
    idx.sort(function (a, b) { return inPeriod[b] - inPeriod[a] || a - b; });
    return idx;
  }

  function draw() {
    var top = order(), labelled = {};
    top.slice(0, LABELS).forEach(function (i) { labelled[i] = true; });
    P.forEach(function (p, i) {
      var c = circles[i];
      if (!c) { return; }
      if (!shown[i]) {
        c.setAttribute("display", "none");
        labels[i].setAttribute("display", "none");
        return;
      }
      var r = radius(inPeriod[i]) / zoom, fill = colour(i);
      c.removeAttribute("display");
      c.setAttribute("r", r.toFixed(3));
      c.setAttribute("fill", fill[0]);
      c.setAttribute("fill-opacity", fill[1].toFixed(3));
      c.setAttribute("class", i === chosen ? "place chosen" : "place");
      var t = labels[i];
      if (labelled[i] || i === chosen) {
        var xy = project(p.xy[0], p.xy[1]);
        t.removeAttribute("display");
        t.setAttribute("x", (xy[0] + r + 2 / zoom).toFixed(3));
        t.setAttribute("y", (xy[1] + 4 / zoom).toFixed(3));
        t.setAttribute("font-size", (12 / zoom).toFixed(3));
        t.setAttribute("stroke-width", (3 / zoom).toFixed(3));
      } else {
        t.setAttribute("display", "none");
      }
    });
    var mentions = 0;
    top.forEach(function (i) { mentions += inPeriod[i]; });
    $("visible").textContent = say("visible", { n: top.length, m: mentions }) +
      (narrowed() ? say("visible_period", { a: DATES[from], b: DATES[to] }) : "");
    list(top);
    legend();
  }

  function legend() {
    var box = $("legend");
    clear(box);
    if (colourBy < 0) {
      KINDS.forEach(function (kind, k) {
        var n = mapped.filter(function (i) { return P[i].kind === k; }).length;
        if (!n) { return; }
        var li = el("li");
        li.appendChild(dot(kind[1]));
        li.appendChild(el("span", kind[2]));
        li.appendChild(el("span", n, "n"));
        box.appendChild(li);
      });
      return;
    }
    var some = mapped.filter(function (i) { return P[i].r[colourBy] > 0; }).length;
    var yes = el("li"), no = el("li");
    yes.appendChild(dot(RELS[colourBy][1]));
    yes.appendChild(el("span", say("in_rel", { r: RELS[colourBy][2], n: maxRel(colourBy) })));
    yes.appendChild(el("span", some, "n"));
    no.appendChild(dot(NONE_COLOUR));
    no.appendChild(el("span", say("in_none")));
    no.appendChild(el("span", mapped.length - some, "n"));
    box.appendChild(yes);
    box.appendChild(no);
  }

  function list(top) {
    var box = $("places");
    clear(box);
    top.forEach(function (i) {
      var b = el("button", null, i === chosen ? "chosen" : "");
      b.type = "button";
      b.appendChild(dot(colour(i)[0]));
      b.appendChild(el("span", P[i].name));
      b.appendChild(el("span", inPeriod[i], "n"));
      b.addEventListener("click", function () { select(i); });
      var li = el("li");
      li.appendChild(b);
      box.appendChild(li);
    });
  }

  function details(i) {
    var p = P[i], box = $("details");
    clear(box);
    box.appendChild(el("h2", p.name));
    var dl = el("dl");
    function row(k, v) { dl.appendChild(el("dt", k)); dl.appendChild(el("dd", v)); }
    row(T.id, p.id);
    row(T.kind, KINDS[p.kind][2]);
    if (p.adcode) { row(T.adcode, p.adcode); }
    if (p.xy) { row(T.lonlat, p.xy[0] + ", " + p.xy[1]); }
    row(T.mentions, p.m + (narrowed() ? say("in_period", { n: inPeriod[i] }) : ""));
    row(T.documents, p.d.length);
    if (p.first) { row(T.first_seen, p.first); row(T.last_seen, p.last); }
    box.appendChild(dl);
    var rels = el("ul");
    p.r.forEach(function (n, k) { if (n) { rels.appendChild(el("li", RELS[k][2] + ": " + n)); } });
    if (rels.firstChild) { box.appendChild(el("h3", T.relations_h)); box.appendChild(rels); }
    box.appendChild(el("h3", T.documents_h));
    var ol = el("ol");
    p.d.slice(0, MAX_DOCS).forEach(function (dm) {
      var d = DOCS[dm[0]], li = el("li", d[1] || d[0]), about = [d[2] || T.undated];
      if (d[1]) { about.push(d[0]); }
      about.push(say(dm[1] === 1 ? "mention_1" : "mention_n", { n: dm[1] }));
      li.appendChild(el("span", about.join(" \u00b7 "), "doc"));
      ol.appendChild(li);
    });
    box.appendChild(ol);
    if (p.d.length > MAX_DOCS) { box.appendChild(el("p", say("more_docs", { n: p.d.length - MAX_DOCS }))); }
  }

  function select(i) {
    chosen = i;
    details(i);
    draw();
  }

  (function unmapped() {
    var missing = P.filter(function (p) { return !p.xy; });
    $("unmapped-summary").textContent = say("unmapped", { n: missing.length });
    var box = $("unmapped-list");
    P.forEach(function (p, i) {
      if (p.xy) { return; }
      var b = el("button", p.name + " \u00b7 " + p.m, "link"), li = el("li");
      b.type = "button";
      b.addEventListener("click", function () { select(i); });
      li.appendChild(b);
      box.appendChild(li);
    });
    if (!missing.length) { $("unmapped").hidden = true; }
  })();

  // ---- controls
  var fromBox = $("date-from"), toBox = $("date-to");
  function setRange(a, b) {
    if (!DATES.length) { return; }
    a = Math.max(0, Math.min(a, DATES.length - 1));
    b = Math.max(0, Math.min(b, DATES.length - 1));
    if (a > b) { var s = a; a = b; b = s; }
    from = a; to = b;
    fromBox.value = String(a); toBox.value = String(b);
    $("date-from-text").textContent = DATES[a];
    $("date-to-text").textContent = DATES[b];
    period();
    draw();
    if (chosen >= 0) { details(chosen); }
  }
  if (fromBox && toBox) {
    fromBox.addEventListener("input", function () {
      setRange(Math.min(+fromBox.value, to), to);
    });
    toBox.addEventListener("input", function () {
      setRange(from, Math.max(+toBox.value, from));
    });
    $("date-reset").addEventListener("click", function () { setRange(0, DATES.length - 1); });
  }
  $("colour-by").addEventListener("change", function () {
    colourBy = parseInt($("colour-by").value, 10);
    draw();
  });

  // The degrees stay at the top and left edges whatever the zoom: longitudes along the
  // top, latitudes down the left, each where its grid line crosses the edge.
  function place() {
    view.setAttribute("transform", "translate(" + tx + " " + ty + ") scale(" + zoom + ")");
    gridLabels.forEach(function (g) {
      if (g.x !== undefined) {
        g.node.setAttribute("x", (tx + zoom * g.x + 3).toFixed(2));
        g.node.setAttribute("y", "14");
      } else {
        g.node.setAttribute("x", "4");
        g.node.setAttribute("y", (ty + zoom * g.y - 3).toFixed(2));
      }
    });
  }
  function svgPoint(ev) {
    var box = canvas.getBoundingClientRect();
    var k = Math.max(W / box.width, H / box.height);  // the viewBox is fitted ("meet")
    return [(ev.clientX - box.left - (box.width - W / k) / 2) * k, (ev.clientY - box.top - (box.height - H / k) / 2) * k, k];
  }
  canvas.addEventListener("wheel", function (ev) {
    ev.preventDefault();
    var pt = svgPoint(ev), next = Math.max(0.5, Math.min(60, zoom * Math.exp(-ev.deltaY * 0.0015)));
    tx = pt[0] - (pt[0] - tx) * (next / zoom);
    ty = pt[1] - (pt[1] - ty) * (next / zoom);
    zoom = next;
    place();
    draw();
  }, { passive: false });
  var drag = null;
  canvas.addEventListener("mousedown", function (ev) { drag = { x: ev.clientX, y: ev.clientY, tx: tx, ty: ty }; });
  window.addEventListener("mousemove", function (ev) {
    if (!drag) { return; }
    var k = svgPoint(ev)[2];
    tx = drag.tx + (ev.clientX - drag.x) * k;
    ty = drag.ty + (ev.clientY - drag.y) * k;
    place();
  });
  window.addEventListener("mouseup", function () { drag = null; });

  place();
  draw();
  // What tests/test_browser_map.py drives the page through.
  window.kgmap = {
    data: data,
    setRange: setRange,
    select: select,
    colour: function (k) { $("colour-by").value = String(k); colourBy = k; draw(); },
    drawn: function () {
      return circles.filter(function (c) { return c && c.getAttribute("display") !== "none"; }).length;
    },
    fill: function (i) { return circles[i] ? circles[i].getAttribute("fill") : null; },
    radius: function (i) { return circles[i] ? parseFloat(circles[i].getAttribute("r")) : null; }
  };
  document.body.setAttribute("data-ready", "1");
})();
