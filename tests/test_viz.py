"""Tests of kg.viz: the self-contained HTML page."""

from __future__ import annotations

import base64
import hashlib
import json
import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from conftest import BEIJING, CIIE, EVIL, EVIL_ORG, MACRON, XI

from kg.config import Settings
from kg.model import ENTITY_TYPES
from kg.viz import json_for_html, page_data, select_entities, write_html

TESTS = Path(__file__).resolve().parent
DATA_RE = re.compile(r'<script type="application/json" id="kg-data">(.*?)</script>', re.DOTALL)


@pytest.fixture
def page(extraction, settings, tmp_path) -> str:
    path = tmp_path / "out" / "graph.html"
    write_html(extraction, path, settings)
    return path.read_bytes().decode("utf-8")


def embedded_data(html_text: str) -> dict:
    (raw,) = DATA_RE.findall(html_text)
    return json.loads(raw)


def test_utf8_meta_and_font_stack(page):
    assert page.startswith("<!DOCTYPE html>")
    assert '<meta charset="utf-8">' in page
    assert '"Noto Sans CJK SC", "Source Han Sans SC", "PingFang SC", "Microsoft YaHei", sans-serif' in page
    assert "习近平" in page  # raw UTF-8 in the JSON, not only \u escapes


def test_no_network_request(page):
    assert not re.search(r"""\b(?:src|href)\s*=\s*["']?\s*(?:https?:)?//""", page, re.IGNORECASE)
    assert not re.search(r"""url\(\s*["']?\s*(?:https?:)?//""", page, re.IGNORECASE)
    assert not re.search(r"@import", page, re.IGNORECASE)
    assert "<link" not in page
    # Every script is inline.
    assert not re.search(r"<script[^>]*\bsrc=", page, re.IGNORECASE)
    csp = re.search(r'http-equiv="Content-Security-Policy" content="([^"]*)"', page).group(1)
    assert "default-src &#x27;none&#x27;" in csp


def test_inline_scripts_match_the_csp_hashes(page):
    scripts = re.findall(r"<script>(.*?)</script>", page, re.DOTALL)
    assert len(scripts) == 2  # vis-network and ours
    assert "vis-network" in scripts[0][:200]
    for body in scripts:
        digest = base64.b64encode(hashlib.sha256(body.encode("utf-8")).digest()).decode()
        assert f"sha256-{digest}" in page


def test_hostile_text_is_escaped(page, extraction):
    assert "<script>alert(1)</script>" not in page
    assert "alert(1)</script>" not in page
    assert "\u2028" not in page and "\u2029" not in page
    # Only the three script elements we wrote close (vis-network itself holds a "<script>"
    # string literal, so openings are not counted).
    assert len(re.findall(r"</script", page, re.IGNORECASE)) == 3
    (raw,) = DATA_RE.findall(page)
    assert "<" not in raw and ">" not in raw and "&" not in raw
    data = embedded_data(page)
    labels = {n["id"]: n["label"] for n in data["nodes"]}
    assert labels[EVIL_ORG] == EVIL
    assert any("<script>alert(1)</script>" in text for _, text in data["sentences"])


def test_embedded_data_matches_page_data(page, extraction, settings):
    assert embedded_data(page) == page_data(extraction, settings)


def test_showing_n_of_m(extraction, tmp_path):
    path = tmp_path / "g.html"
    write_html(extraction, path, Settings(html_max_nodes=3))
    text = path.read_text(encoding="utf-8")
    assert "showing 3 of 10 entities" in text
    data = embedded_data(text)
    # Most mentioned first (3 mentions: 习近平, 马克龙), then ties at 2 broken by id.
    assert {n["id"] for n in data["nodes"]} == {XI, MACRON, "Enterprise:华为技术有限公司"}
    ids = {n["id"] for n in data["nodes"]}
    assert all(e["from"] in ids and e["to"] in ids for e in data["edges"])


def test_all_nodes_by_default(page, extraction):
    assert f"showing {len(extraction.entities)} of {len(extraction.entities)} entities" in page


def test_select_entities_order(extraction):
    top = select_entities(extraction, 4)
    assert [e.id for e in top] == sorted(e.id for e in top)
    assert {e.id for e in top} == {XI, MACRON, "Enterprise:华为技术有限公司", CIIE}


def test_nodes_and_edges(page, extraction):
    data = embedded_data(page)
    nodes = {n["id"]: n for n in data["nodes"]}
    assert nodes[BEIJING]["type"] == "Place"
    assert nodes[BEIJING]["aliases"] == ["北京市"]
    assert nodes[BEIJING]["mentions"] == 2
    assert all(isinstance(n["x"], int) and isinstance(n["y"], int) for n in nodes.values())
    assert len({(n["x"], n["y"]) for n in nodes.values()}) == len(nodes)
    colors = {n["type"]: n["color"] for n in nodes.values()}
    assert len(set(colors.values())) == len(ENTITY_TYPES)
    relations = [e for e in data["edges"] if e["kind"] == "relation"]
    coocs = [e for e in data["edges"] if e["kind"] == "cooccurrence"]
    assert len(relations) == len(extraction.relations)
    assert len(coocs) == len(extraction.cooccurrences)
    met = next(e for e in relations if e["type"] == "met")
    assert met["directed"] is False
    assert [data["sentences"][i][1][:3] for i in met["evidence"]] == ["新华社", "马克龙"]
    visited = next(e for e in relations if e["type"] == "visited")
    assert visited["directed"] is True
    assert all(e["color"] == coocs[0]["color"] for e in coocs)


def test_evidence_capped(extraction, tmp_path):
    data = page_data(extraction, Settings(max_evidence=1))
    met = next(e for e in data["edges"] if e["type"] == "met")
    assert len(met["evidence"]) == 1 and met["evidenceTotal"] == 2


def test_legend_lists_the_six_types(page):
    legend = re.search(r'<ul class="legend" aria-label="entity types">(.*?)</ul>', page).group(1)
    for t in ENTITY_TYPES:
        assert f"</span>{t}</li>" in legend


def test_deterministic_bytes(extraction, settings, tmp_path):
    a, b = tmp_path / "a.html", tmp_path / "b.html"
    write_html(extraction, a, settings)
    write_html(extraction, b, settings)
    assert a.read_bytes() == b.read_bytes()


_CHILD = """
import sys
sys.path[:0] = [{tests!r}, {root!r}]
from conftest import make_extraction
from kg.config import Settings
from kg.viz import write_html
write_html(make_extraction(), sys.argv[1], Settings())
"""


def test_deterministic_across_processes(tmp_path):
    code = _CHILD.format(tests=str(TESTS), root=str(TESTS.parent))
    outputs = []
    for seed in ("1", "2"):
        out = tmp_path / f"{seed}.html"
        env = {**os.environ, "PYTHONHASHSEED": seed}
        subprocess.run([sys.executable, "-c", code, str(out)], check=True, env=env)
        outputs.append(out.read_bytes())
    assert outputs[0] == outputs[1]


def test_no_side_effects_in_working_directory(extraction, settings, tmp_path, monkeypatch):
    import pyvis.network

    def refuse(*args, **kwargs):
        raise AssertionError("pyvis's own writer must not be used")

    monkeypatch.setattr(pyvis.network.Network, "write_html", refuse)
    monkeypatch.setattr(pyvis.network.Network, "show", refuse)
    work = tmp_path / "cwd"
    work.mkdir()
    monkeypatch.chdir(work)
    write_html(extraction, tmp_path / "g.html", settings)
    assert list(work.iterdir()) == []


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ("</script>", '"\\u003c/script\\u003e"'),
        ("a&b", '"a\\u0026b"'),
        ("\u2028\u2029", '"\\u2028\\u2029"'),
        ("北京", '"北京"'),
    ],
)
def test_json_for_html(value, expected):
    assert json_for_html(value) == expected
    assert json.loads(json_for_html(value)) == value


# A smoke run of the page script under node with a minimal DOM and vis stub: it must run
# without errors, never touch innerHTML, and the click/search/toggle handlers must work.
_HARNESS = r"""
const fs = require("fs");
const html = fs.readFileSync(process.argv[2], "utf8");
const data = /<script type="application\/json" id="kg-data">([\s\S]*?)<\/script>/.exec(html)[1];
const scripts = [...html.matchAll(/<script>([\s\S]*?)<\/script>/g)].map((m) => m[1]);
class El {
  constructor(tag) { this.tagName = tag; this.children = []; this.text = ""; this.listeners = {};
                     this.className = ""; this.value = ""; this.checked = true; }
  set textContent(v) { this.text = String(v); this.children = []; }
  get textContent() { return this.text + this.children.map((c) => c.textContent).join("\n"); }
  set innerHTML(v) { throw new Error("innerHTML used"); }
  appendChild(c) { this.children.push(c); return c; }
  removeChild(c) { this.children.splice(this.children.indexOf(c), 1); return c; }
  get firstChild() { return this.children[0] || null; }
  addEventListener(type, f) { this.listeners[type] = f; }
}
const byId = {};
for (const id of ["graph", "details", "show-cooc", "kg-names", "search", "search-msg", "search-form"]) {
  byId[id] = new El("x");
}
byId["kg-data"] = new El("script");
byId["kg-data"].textContent = data;
global.document = { getElementById: (id) => byId[id], createElement: (t) => new El(t) };
let net = null;
global.vis = {
  DataSet: class { constructor(items) { this.items = new Map(items.map((i) => [i.id, i])); }
                   update(list) { list.forEach((u) => Object.assign(this.items.get(u.id), u)); } },
  Network: class { constructor(c, d, o) { this.d = d; this.o = o; this.h = {}; net = this; }
                   on(e, f) { this.h[e] = f; } selectNodes(ids) { this.selected = ids; }
                   focus(id) { this.focused = id; } },
};
new Function(scripts[scripts.length - 1])();
const out = {};
const parsed = JSON.parse(data);
const met = parsed.edges.find((e) => e.type === "met");
net.h.click({ nodes: [], edges: [met.id] });
out.edgePanel = byId.details.textContent;
net.h.click({ nodes: [process.argv[3]], edges: [] });
out.nodePanel = byId.details.textContent;
byId.search.value = process.argv[4];
byId["search-form"].listeners.submit({ preventDefault() {} });
out.focused = net.focused;
byId["show-cooc"].checked = false;
byId["show-cooc"].listeners.change();
out.hidden = [...net.d.edges.items.values()].filter((e) => e.hidden).length;
out.physics = net.o.physics.enabled;
out.options = byId["kg-names"].children.length;
out.title = net.d.nodes.items.get(process.argv[3]).title.textContent;
console.log(JSON.stringify(out));
"""


@pytest.mark.skipif(shutil.which("node") is None, reason="node is not installed")
def test_page_script_runs(page, extraction, tmp_path):
    html_path = tmp_path / "page.html"
    html_path.write_text(page, encoding="utf-8")
    harness = tmp_path / "harness.js"
    harness.write_text(_HARNESS, encoding="utf-8")
    result = subprocess.run(
        ["node", str(harness), str(html_path), EVIL_ORG, "进博会"],
        capture_output=True,
        text=True,
        encoding="utf-8",
        check=True,
    )
    out = json.loads(result.stdout)
    assert "马克龙此次访问北京" in out["edgePanel"]
    assert "2024-11-05-xinhua-001" in out["edgePanel"]
    assert EVIL in out["nodePanel"] and "Organization" in out["nodePanel"]
    assert EVIL in out["title"]
    assert out["focused"] == CIIE
    assert out["hidden"] == len(extraction.cooccurrences)
    assert out["physics"] is False
    assert out["options"] > len(extraction.entities)
