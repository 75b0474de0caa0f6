// The concordance tab (用例) of graph.html's panel: the mentions of the selected entity
// with their context, sortable by clicking a column head, exportable as CSV.
//
// Loaded before graph.js, it only defines window.kgKwic(details, i, page); graph.js calls
// it after it has drawn an entity's details (page: data, node, inPeriod, dated). It puts
// two tabs under the heading, 详情 (what graph.js drew) and 用例, and remembers the open
// tab and the order from one entity to the next. The rows come from data.kwic (see
// kg/export/html/kwicdata.py): per drawn entity [doc, start, left, mention or "" for the
// entity's name, right]; data.kwic.n holds the number of all its mentions. Every string
// reaches the page through textContent; the CSV is a Blob downloaded through a link, no
// request leaves the page.
(function () {
  "use strict";
  var state = { tab: "details", sort: "date", desc: false };
  var COLUMNS = ["date", "doc", "left", "mention", "right"];

  function el(tag, text, cls) {
    var node = document.createElement(tag);
    if (text !== undefined && text !== null) { node.textContent = String(text); }
    if (cls) { node.className = cls; }
    return node;
  }
  function fmt(T, key, fields) {
    return T[key].replace(/\{(\w+)\}/g, function (m, k) { return String(fields[k]); });
  }
  // Strings compare by code unit, as kg kwic compares them by code point (the same order
  // for Chinese text); the left context is read from the mention outwards.
  function cmp(a, b) { return a < b ? -1 : a > b ? 1 : 0; }
  function reversed(s) { return Array.from(s).reverse().join(""); }

  // A mention as an object: the page's row with its document's fields looked up.
  function expand(data, node, r) {
    var doc = data.docs[r[0]], mention = r[3] || node.label;
    return { d: r[0], id: doc[0], title: doc[1], date: doc[2], start: r[1], end: r[1] + Array.from(mention).length,
             left: r[2], mention: mention, right: r[4] };
  }
  function sorted(rows) {
    var key = {
      date: function (a, b) { return a.d - b.d; },
      doc: function (a, b) { return cmp(a.title, b.title) || a.d - b.d; },
      left: function (a, b) { return cmp(reversed(a.left), reversed(b.left)); },
      mention: function (a, b) { return cmp(a.mention, b.mention); },
      right: function (a, b) { return cmp(a.right, b.right); }
    }[state.sort];
    var out = rows.slice();
    out.sort(function (a, b) {
      var c = key(a, b);
      return (state.desc ? -c : c) || a.d - b.d || a.start - b.start;
    });
    return out;
  }

  // ---- CSV: the columns of kg kwic's CSV that the page knows, for Excel (a byte-order
  // mark and CRLF, as kg's --excel tables); "title" is the document's name on the page.
  function csvField(v) {
    var s = String(v);
    return /[",\r\n]/.test(s) ? '"' + s.replace(/"/g, '""') + '"' : s;
  }
  function csvText(node, rows) {
    var lines = [["entity", "doc", "title", "date", "start", "end", "left", "mention", "right"]];
    rows.forEach(function (r) {
      lines.push([node.id, r.id, r.title, r.date, r.start, r.end, r.left, r.mention, r.right]);
    });
    return "\ufeff" + lines.map(function (l) { return l.map(csvField).join(","); }).join("\r\n") + "\r\n";
  }
  function download(name, text) {
    var url = URL.createObjectURL(new Blob([text], { type: "text/csv;charset=utf-8" }));
    var a = el("a");
    a.href = url;
    a.download = "kwic-" + name.replace(/[\\/:*?"<>|\s]+/g, "_").slice(0, 60) + ".csv";
    document.body.appendChild(a);
    a.click();
    document.body.removeChild(a);
    setTimeout(function () { URL.revokeObjectURL(url); }, 1000);
  }

  function table(page, node, rows, T) {
    var box = el("div");
    var shown = sorted(rows.filter(function (r) { return page.inPeriod(r.d); }));
    var bar = el("div", null, "kwic-bar");
    if (page.dated) { bar.appendChild(el("span", fmt(T, "in_period", { a: shown.length, b: rows.length }), "note")); }
    var button = el("button", T.csv);
    button.type = "button";
    button.id = "kwic-csv";
    button.disabled = !shown.length;
    button.addEventListener("click", function () { download(node.label, csvText(node, shown)); });
    bar.appendChild(button);
    box.appendChild(bar);
    var t = el("table", null, "kwic"), head = el("tr");
    COLUMNS.forEach(function (c) {
      var th = el("th"), b = el("button", T[c] + (state.sort === c ? (state.desc ? " \u25bc" : " \u25b2") : ""));
      b.type = "button";
      b.setAttribute("data-sort", c);
      b.addEventListener("click", function () {
        state.desc = state.sort === c ? !state.desc : false;
        state.sort = c;
        box.parentNode.replaceChild(table(page, node, rows, T), box);
      });
      th.appendChild(b);
      head.appendChild(th);
    });
    var thead = el("thead"), tbody = el("tbody");
    thead.appendChild(head);
    shown.forEach(function (r) {
      var tr = el("tr");
      var doc = el("td", r.title, "kwic-doc");
      doc.title = r.id;
      [el("td", r.date, "kwic-date"), doc, el("td", r.left, "kwic-left"), el("td", r.mention, "kwic-mention"),
       el("td", r.right, "kwic-right")].forEach(function (td) { tr.appendChild(td); });
      tbody.appendChild(tr);
    });
    t.appendChild(thead);
    t.appendChild(tbody);
    box.appendChild(t);
    box.appendChild(el("p", T.sort_hint, "note"));
    return box;
  }

  // An edge's details have no tabs: the panel goes back to its width.
  var panelDetails = document.getElementById("details");
  if (panelDetails && window.MutationObserver) {
    new MutationObserver(function () {
      if (!panelDetails.querySelector(".tabs")) { panelDetails.parentNode.classList.remove("wide"); }
    }).observe(panelDetails, { childList: true });
  }

  window.kgKwic = function (details, i, page) {
    var K = page.data.kwic, T = K.ui, node = page.node;
    var raw = i < K.rows.length ? K.rows[i] : [], total = i < K.n.length ? K.n[i] : 0;
    var rows = raw.map(function (r) { return expand(page.data, node, r); });
    var info = el("div", null, "pane"), conc = el("div", null, "pane kwic-pane");
    var heading = details.firstChild;
    while (heading.nextSibling) { info.appendChild(heading.nextSibling); }
    if (!rows.length) {
      conc.appendChild(el("p", T.none, "note"));
    } else {
      if (total > rows.length) { conc.appendChild(el("p", fmt(T, "sample", { n: total, a: rows.length }), "note")); }
      conc.appendChild(table(page, node, rows, T));
    }
    var tabs = el("div", null, "tabs"), buttons = {};
    tabs.setAttribute("role", "tablist");
    [["details", T.details, info], ["kwic", T.tab + " (" + total + ")", conc]].forEach(function (tab) {
      var b = el("button", tab[1]);
      b.type = "button";
      b.id = "tab-" + tab[0];
      b.setAttribute("role", "tab");
      b.addEventListener("click", function () { state.tab = tab[0]; show(); });
      buttons[tab[0]] = [b, tab[2]];
      tabs.appendChild(b);
    });
    function show() {
      Object.keys(buttons).forEach(function (k) {
        var on = k === state.tab;
        buttons[k][0].setAttribute("aria-selected", on ? "true" : "false");
        buttons[k][1].hidden = !on;
      });
      // The table needs room: the panel widens while it is open.
      details.parentNode.classList.toggle("wide", state.tab === "kwic");
    }
    details.appendChild(tabs);
    details.appendChild(info);
    details.appendChild(conc);
    show();
  };
})();
