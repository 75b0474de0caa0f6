"""graph.html in a real browser: headless Chromium driven by Playwright, network blocked.

The pages are opened from disk with every request that is not a ``file:`` URL aborted
(and recorded, so a request to the network fails the test), in the system's Chromium
(tests/offline_browser.py; the ``browser`` fixture of tests/conftest.py). Without
/usr/bin/chromium these tests are skipped.
"""

from __future__ import annotations

import csv
import io
import json
import struct
import zlib
from dataclasses import replace
from pathlib import Path

import pytest
from conftest import D1, D2, MACRON, XI, ev, make_extraction
from offline_browser import CHROMIUM, OfflinePage

from kg.config import Settings
from kg.export.html import ego_network, write_html
from kg.model import (
    Cooccurrence,
    DocEntity,
    DocExtraction,
    Document,
    Entity,
    Evidence,
    Extraction,
    Mention,
    Relation,
    Sentence,
)
from kg.pipeline import build, default_corpus

pytestmark = pytest.mark.skipif(not CHROMIUM.exists(), reason="/usr/bin/chromium is not installed")


class Page(OfflinePage):
    """graph.html opened offline (see tests/offline_browser.py), with what its tests ask of it."""

    def visible_ids(self) -> set[str]:
        return set(self.js("() => kg.nodes.get({filter: n => !n.hidden}).map(n => kg.data.nodes[n.id].id)"))

    def index(self, entity_id: str) -> int:
        return self.js("id => kg.data.nodes.findIndex(n => n.id === id)", entity_id)

    def details(self) -> str:
        return self.page.inner_text("#details")

    def click_canvas(self, canvas_point: dict) -> None:
        """Click the graph at a point given in canvas coordinates."""
        dom = self.js("p => kg.network.canvasToDOM(p)", canvas_point)
        box = self.page.locator("#graph").bounding_box()
        self.page.mouse.click(box["x"] + dom["x"], box["y"] + dom["y"])


@pytest.fixture(scope="module")
def sample_build(tmp_path_factory):
    out = tmp_path_factory.mktemp("sample")
    return out, build([default_corpus()], out).extraction


@pytest.fixture(scope="module")
def sample_html(sample_build) -> Path:
    return sample_build[0] / "graph.html"


@pytest.fixture
def small(browser, sample_build):
    """The sample corpus with only its 60 most mentioned entities drawn."""
    out, ex = sample_build
    path = out / "small.html"
    if not path.exists():
        write_html(ex, path, Settings(html_max_nodes=60))
    page = Page(browser, path)
    yield page
    page.close()


@pytest.fixture
def sample(browser, sample_html):
    page = Page(browser, sample_html)
    yield page
    page.close()


def test_sample_page_draws_offline_with_labels(sample, tmp_path):
    data = sample.js("() => ({nodes: kg.data.nodes.length, drawn: kg.network.body.nodeIndices.length})")
    assert data["nodes"] > 100 and data["drawn"] == data["nodes"]
    # Labels are readable at the default zoom for the most important entities.
    labelled = sample.js(
        "() => { const s = kg.network.getScale();"
        " return kg.nodes.get().filter(n => !n.hidden && n.font.size * s >= 12).map(n => n.label); }"
    )
    assert 15 <= len(labelled) <= 120
    assert "习近平" in labelled
    assert "显示" in sample.page.inner_text("#count")
    # Something is drawn: the canvas has coloured pixels, and so has the screenshot.
    coloured = sample.js(
        "() => { const c = document.querySelector('#graph canvas');"
        " const d = c.getContext('2d').getImageData(0, 0, c.width, c.height).data; let n = 0;"
        " for (let i = 0; i < d.length; i += 4) { if (d[i + 3] > 0 && (d[i] < 200 || d[i + 1] < 200)) n++; }"
        " return n; }"
    )
    assert coloured > 2000
    shot = tmp_path / "sample.png"
    sample.page.screenshot(path=str(shot))
    assert shot.stat().st_size > 30_000
    box = sample.page.locator("#graph").bounding_box()
    middle = {
        "x": box["x"] + box["width"] / 2 - 200,
        "y": box["y"] + box["height"] / 2 - 150,
        "width": 400,
        "height": 300,
    }
    assert _distinct_colours(sample.page.screenshot(clip=middle)) > 20


def test_search_finds_aliases(sample):
    sample.page.fill("#search", "太重集团")
    first = sample.page.locator("#results button").first
    assert first.inner_text().startswith("太原重型机械集团有限公司")
    assert "别名 太重集团" in first.inner_text()
    sample.page.press("#search", "Enter")
    target = sample.index("enterprise/太原重型机械集团有限公司")
    assert sample.js("() => kg.network.getSelectedNodes()") == [target]
    assert sample.details().startswith("太原重型机械集团有限公司")
    assert "太重集团" in sample.details()
    sample.page.fill("#search", "党中央")
    sample.page.locator("#results button").first.click()
    assert sample.js("() => kg.network.getSelectedNodes()") == [sample.index("organization/中共中央")]
    sample.page.fill("#search", "没有这个名字")
    assert sample.page.inner_text("#search-msg") == "没有实体叫这个名字"


def test_filters_hide_types_relations_and_weak_edges(sample):
    types = sample.js("() => kg.data.types.map(t => t[0])")
    place = types.index("Place")
    places = set(sample.js(f"() => kg.data.nodes.filter(n => n.type === {place}).map(n => n.id)"))
    assert places and places <= sample.visible_ids()
    sample.page.locator(f"input.type-filter[value='{place}']").uncheck()
    assert sample.visible_ids().isdisjoint(places)
    assert sample.visible_ids()
    sample.page.locator(f"input.type-filter[value='{place}']").check()
    assert places <= sample.visible_ids()

    def shown_edges() -> list[dict]:
        return sample.js("() => kg.edges.get({filter: e => !e.hidden}).map(e => kg.data.edges[e.id])")

    rels = sample.js("() => kg.data.relations.map(r => r[0])")
    cooc = rels.index("co_occurs_with")
    assert shown_edges() and all(e["k"] != cooc for e in shown_edges())  # off at first
    sample.page.check("#show-cooc")
    assert any(e["k"] == cooc for e in shown_edges())
    held = rels.index("holds_position")
    sample.page.locator(f"input.rel-filter[value='{held}']").uncheck()
    assert all(e["k"] != held for e in shown_edges())
    before = len(shown_edges())
    sample.page.fill("#min-weight", "3")
    strong = shown_edges()
    assert strong and len(strong) < before and all(e["w"] >= 3 for e in strong)
    sample.page.check("#hide-isolated")
    linked = {sample.js("i => kg.data.nodes[i].id", i) for e in strong for i in (e["f"], e["t"])}
    assert sample.visible_ids() == linked


def test_click_node_and_edge_fill_the_panel(sample):
    target = sample.index("person/常书铭")
    point = sample.js(f"() => kg.network.getPositions([{target}])[{target}]")
    sample.js(
        f"() => kg.network.moveTo({{position: kg.network.getPositions([{target}])[{target}], scale: 1.5}})"
    )
    sample.click_canvas(point)
    text = sample.details()
    assert text.startswith("常书铭")
    assert "人物" in text and "提及" in text and "文档" in text
    assert "担任职务" in text  # his relations are listed

    # An edge: put the middle of a typed relation under the pointer, away from nodes.
    edge = sample.js(
        """() => {
          const cooc = kg.data.relations.length - 1;
          for (const [j, e] of kg.data.edges.entries()) {
            if (e.k === cooc || e.f === e.t) continue;
            const mid = kg.network.body.edges[j].edgeType.getPoint(0.5);
            const clear = kg.data.nodes.every(n => Math.hypot(n.x - mid.x, n.y - mid.y) > n.size + 25);
            if (clear) return {id: j, mid: mid};
          }
          return null;
        }"""
    )
    assert edge is not None
    sample.js("p => kg.network.moveTo({position: p, scale: 1.5})", edge["mid"])
    sample.click_canvas(edge["mid"])
    assert sample.js("() => kg.network.getSelectedEdges()") == [edge["id"]]
    text = sample.details()
    assert "关系" in text and "权重" in text and "证据" in text and "规则：" in text
    expected = sample.js(
        "j => { const e = kg.data.edges[j]; return kg.data.sentences[e.ev[0][0]][1]; }", edge["id"]
    )
    assert expected in text


def set_period(page: Page, start: int, end: int) -> None:
    """Move the time slider's ends as a user would: each fires an input event."""
    page.js(
        """([a, b]) => { for (const [id, v] of [["date-from", a], ["date-to", b]]) {
             const r = document.getElementById(id); r.value = v;
             r.dispatchEvent(new Event("input", {bubbles: true})); } }""",
        [start, end],
    )


def test_date_range_filters_by_the_documents(browser, tmp_path):
    path = tmp_path / "dated.html"
    write_html(make_extraction(), path, Settings())
    page = Page(browser, path)
    assert {XI, MACRON} <= page.visible_ids()
    assert page.page.inner_text("#period") == "2024-11-05 – 2024-11-07"
    set_period(page, 1, 2)
    assert page.page.inner_text("#period") == "2024-11-06 – 2024-11-07"
    # 习近平 is only named on 11-05; 马克龙 also on 11-06.
    assert XI not in page.visible_ids() and MACRON in page.visible_ids()
    met = page.js("() => kg.data.edges.findIndex(e => kg.data.relations[e.k][0] === 'met')")
    assert page.js(f"() => kg.edges.get({met}).hidden") is True
    page.page.click("#date-reset")
    assert {XI, MACRON} <= page.visible_ids()
    page.close()


def test_slider_rescales_widths_and_follows_in_the_open_panel(browser, tmp_path):
    ex = make_extraction()
    # 习近平 met 马克龙: two sentences on 11-05, one on 11-06.
    three = (ev(D1, 1, "meet_context"), ev(D1, 0, "meet_verb"), ev(D2, 1, "meet_verb"))
    ex = replace(
        ex,
        relations=tuple(replace(r, evidence=three) if r.type == "met" else r for r in ex.relations),
        entities=tuple(replace(e, documents=(D1, D2)) if e.id == XI else e for e in ex.entities),
    )
    path = tmp_path / "widths.html"
    write_html(ex, path, Settings())
    page = Page(browser, path)
    met = page.js("() => kg.data.edges.findIndex(e => kg.data.relations[e.k][0] === 'met')")
    page.js(f"() => {{ kg.network.selectEdges([{met}]); kg.network.body.emitter.emit('click', {{nodes: [], edges: [{met}]}}); }}")
    assert "证据 (3)" in page.details()
    assert page.js("() => document.querySelectorAll('#details li.outside').length") == 0
    wide = page.js(f"() => kg.edges.get({met}).width")
    set_period(page, 1, 1)  # 11-06 only: one of the three sentences
    assert page.js(f"() => kg.weights()[{met}]") == 1
    assert page.js(f"() => kg.edges.get({met}).width") < wide
    assert page.js(f"() => kg.edges.get({met}).hidden") is False
    # The open panel is drawn again: the two sentences of 11-05 are greyed and marked.
    outside = page.js("() => [...document.querySelectorAll('#details li.outside')].map(li => li.textContent)")
    assert len(outside) == 2 and all("所选时间以外" in t for t in outside)
    assert "所选时间内 1 / 3" in page.details()
    set_period(page, 2, 2)  # 11-07: no sentence
    assert page.js(f"() => kg.edges.get({met}).hidden") is True
    page.page.click("#date-reset")
    assert page.js(f"() => kg.edges.get({met}).width") == wide
    assert page.js("() => document.querySelectorAll('#details li.outside').length") == 0
    # Play steps through the days, one at a time; a second click pauses.
    page.page.click("#play")
    assert page.page.inner_text("#period") == "2024-11-05"
    assert page.page.inner_text("#play") == "暂停"
    page.page.wait_for_function("() => document.getElementById('period').textContent === '2024-11-06'", timeout=5000)
    page.page.click("#play")
    assert page.page.inner_text("#play") == "播放"
    page.close()


def test_search_adds_an_entity_that_is_not_drawn(small):
    # An entity outside the 60 drawn that has a typed relation with one that is drawn.
    target = small.js(
        """() => { const drawn = kg.data.nodes.length, cooc = kg.data.relations.length - 1;
             for (const r of kg.data.more_edges) {
               if (r[2] !== cooc && (r[0] < drawn) !== (r[1] < drawn)) return Math.max(r[0], r[1]); }
             return null; }"""
    )
    assert target is not None and not small.js(f"() => kg.present()[{target}]")
    name, entity_id = small.js(f"() => [kg.all[{target}].label, kg.all[{target}].id]")
    small.page.fill("#search", name)
    first = small.page.locator("#results button").first
    assert first.inner_text().startswith(name) and "未绘出" in first.inner_text()
    small.page.press("#search", "Enter")
    assert small.js(f"() => kg.present()[{target}]") is True
    assert small.js(f"() => kg.nodes.get({target}).hidden") is False
    assert small.js("() => kg.network.getSelectedNodes()") == [target]
    assert small.details().startswith(name) and entity_id in small.details()
    assert small.page.inner_text("#search-msg").startswith(f"已加入 {name}")
    # Focused: the entity is drawn in the middle of the view.
    dom = small.js(f"() => kg.network.canvasToDOM(kg.network.getPositions([{target}])[{target}])")
    box = small.page.locator("#graph").bounding_box()
    assert abs(dom["x"] - box["width"] / 2) < 5 and abs(dom["y"] - box["height"] / 2) < 5
    # Its neighbours came with it, and its typed relation is a visible edge.
    links = small.js(
        f"""() => kg.data.more_edges.map((r, k) => [r, kg.data.edges.length + k])
             .filter(([r]) => r[0] === {target} || r[1] === {target})
             .map(([r, j]) => ({{other: r[0] === {target} ? r[1] : r[0], j: j, typed: r[2] !== kg.data.relations.length - 1}}))"""
    )
    present = small.js("() => kg.present()")
    assert all(present[link["other"]] for link in links)
    visible = small.js("() => kg.visible().edges")
    assert any(visible[link["j"]] for link in links if link["typed"])
    assert small.js("() => kg.edges.get().length") > small.js("() => kg.data.edges.length")
    assert "另加" in small.page.inner_text("#visible")


def test_fit_and_reset(small):
    place = small.js("() => kg.data.types.findIndex(t => t[0] === 'Place')")
    small.page.locator(f"input.type-filter[value='{place}']").uncheck()
    small.page.fill("#min-weight", "3")
    small.js("() => kg.network.moveTo({position: {x: 5000, y: 5000}, scale: 4})")

    def on_screen() -> int:
        return small.js(
            """() => { const r = document.getElementById('graph').getBoundingClientRect();
                 return kg.nodes.get({filter: n => !n.hidden}).filter(n => {
                   const p = kg.network.canvasToDOM({x: n.x, y: n.y});
                   return p.x >= 0 && p.y >= 0 && p.x <= r.width && p.y <= r.height; }).length; }"""
        )

    shown = len(small.visible_ids())
    assert 0 < shown < 60 and on_screen() == 0
    small.page.click("#fit")
    assert on_screen() == shown  # every visible entity in view, the filters kept
    assert len(small.visible_ids()) == shown
    small.page.click("#reset")
    assert small.page.locator(f"input.type-filter[value='{place}']").is_checked()
    assert small.page.input_value("#min-weight") == "1"
    assert len(small.visible_ids()) == 60 and on_screen() == 60


def test_interface_in_chinese_and_english(browser, sample, tmp_path):
    text = sample.page.inner_text("#controls")
    for word in ("知识图谱", "查找", "适应窗口", "重置", "实体类型", "人物", "地点", "机构", "担任职务", "位于",
                 "会见", "共现", "权重", "时间", "播放", "全部时间"):
        assert word in text, word
    assert sample.page.get_attribute("#search", "placeholder") == "名称或别名"
    assert "可见" in sample.page.inner_text("#visible")
    path = tmp_path / "en.html"
    write_html(make_extraction(), path, Settings(lang="en"))
    page = Page(browser, path)
    text = page.page.inner_text("#controls")
    for word in ("Knowledge graph", "Find", "Fit view", "Reset", "Entity types", "Person", "holds position",
                 "co-occurrence", "Play"):
        assert word in text, word
    page.page.fill("#search", "习近平")
    page.page.press("#search", "Enter")
    assert "Person" in page.details() and "mentions" in page.details()
    page.close()


def test_ego_page_opens_on_its_centre(browser, tmp_path):
    ex = make_extraction()
    path = tmp_path / "ego.html"
    write_html(ego_network(ex, XI, 1), path, Settings(), focus=XI, title="习近平")
    page = Page(browser, path)
    assert page.details().startswith("习近平")
    assert page.js("() => kg.network.getSelectedNodes()") == [page.index(XI)]
    assert page.visible_ids() == {XI, MACRON, "Place:北京", "Initiative:一带一路"}
    page.close()


PAYLOADS = ("<script>window.__pwned=1</script>", '<img src=x onerror="window.__pwned=2">')


def _hostile_extraction() -> Extraction:
    """Names, aliases, a title, a sentence and a rule carrying markup."""
    script, img = PAYLOADS
    text = f"{script}与{img}签署协议。"
    doc = Document(id=f"doc {script}", text=text, title=f"title {img}", date="2024-01-02")
    ev = Evidence(doc=doc.id, sentence=0, start=0, end=len(text), text=text, rule=f"rule {script}")
    a = Entity(f"Organization:{script}", "Organization", script, (f"alias {img}",), 2, (doc.id,))
    b = Entity(f"Enterprise:{img}", "Enterprise", img, (), 1, (doc.id,))
    return Extraction(
        docs=(
            DocExtraction(doc, (), (), (DocEntity(script, "Organization"), DocEntity(img, "Enterprise")), ()),
        ),
        entities=(a, b),
        relations=(Relation(a.id, "cooperates_with", b.id, (ev,)),),
        cooccurrences=(Cooccurrence(a.id, b.id, 1, 1, 0.5, 0.5, (ev,)),),
        sentence_total=1,
    )


def test_injected_markup_stays_text(browser, tmp_path):
    path = tmp_path / "hostile.html"
    write_html(
        _hostile_extraction(), path, Settings(), focus=f"Organization:{PAYLOADS[0]}", title=PAYLOADS[0]
    )
    page = Page(browser, path)
    page.page.fill("#search", "alias <img")
    assert PAYLOADS[1] in page.page.inner_text("#results")
    page.page.press("#search", "Enter")
    panel = page.details()
    assert panel.startswith(PAYLOADS[0]) and f"alias {PAYLOADS[1]}" in panel
    page.js("() => kg.network.selectEdges([0])")
    page.js("() => kg.network.body.emitter.emit('click', {nodes: [], edges: [0]})")
    panel = page.details()
    assert f"{PAYLOADS[0]}与{PAYLOADS[1]}签署协议。" in panel
    assert f"title {PAYLOADS[1]}" in panel and f"rule {PAYLOADS[0]}" in panel
    assert PAYLOADS[0] in page.page.inner_text("h1")
    page.page.wait_for_timeout(200)  # an onerror would have fired by now
    assert page.js("() => window.__pwned") is None
    assert page.js("() => document.images.length") == 0
    assert page.js("() => document.scripts.length") == 4  # the data, vis-network, kwic.js, graph.js
    page.close()


def test_markup_from_a_real_input_stays_text(browser, tmp_path):
    """Through the whole pipeline: a JSONL record whose title holds a script."""
    record = {
        "id": "inj-1",
        "title": f"{PAYLOADS[0]}会见{PAYLOADS[1]}",
        "date": "2024-03-01",
        "text": "国家主席习近平在北京会见法国总统马克龙。",
    }
    corpus = tmp_path / "in.jsonl"
    corpus.write_text(json.dumps(record, ensure_ascii=False) + "\n", encoding="utf-8")
    build([corpus], tmp_path / "out")
    page = Page(browser, tmp_path / "out" / "graph.html")
    page.page.fill("#search", "习近平")
    page.page.press("#search", "Enter")
    assert f"{PAYLOADS[0]}会见{PAYLOADS[1]}" in page.details()
    page.page.wait_for_timeout(200)
    assert page.js("() => window.__pwned") is None
    assert page.js("() => document.images.length") == 0
    page.close()


def _distinct_colours(png: bytes) -> int:
    """Number of distinct pixel colours in an 8-bit RGB(A) PNG (enough to tell a drawn
    page from a blank one without an image library)."""
    assert png[:8] == b"\x89PNG\r\n\x1a\n"
    pos, chunks, header = 8, [], None
    while pos < len(png):
        (length,) = struct.unpack(">I", png[pos : pos + 4])
        kind, body = png[pos + 4 : pos + 8], png[pos + 8 : pos + 8 + length]
        if kind == b"IHDR":
            header = struct.unpack(">IIBBBBB", body)
        elif kind == b"IDAT":
            chunks.append(body)
        pos += 12 + length
    width, height, depth, colour, *_ = header
    assert depth == 8 and colour in (2, 6)
    bpp = 3 if colour == 2 else 4
    raw = zlib.decompress(b"".join(chunks))
    stride = width * bpp
    prev = bytearray(stride)
    seen = set()
    for y in range(height):
        line = raw[y * (stride + 1) : (y + 1) * (stride + 1)]
        kind, cur = line[0], bytearray(line[1:])
        for i in range(stride):
            a = cur[i - bpp] if i >= bpp else 0
            b, c = prev[i], prev[i - bpp] if i >= bpp else 0
            if kind == 1:
                cur[i] = (cur[i] + a) & 255
            elif kind == 2:
                cur[i] = (cur[i] + b) & 255
            elif kind == 3:
                cur[i] = (cur[i] + (a + b) // 2) & 255
            elif kind == 4:
                p = a + b - c
                pa, pb, pc = abs(p - a), abs(p - b), abs(p - c)
                cur[i] = (cur[i] + (a if pa <= pb and pa <= pc else b if pb <= pc else c)) & 255
        if y % 8 == 0:  # every eighth row is plenty
            seen.update(bytes(cur[i : i + 3]) for i in range(0, stride, bpp))
        prev = cur
    return len(seen)


def test_distinct_colours_of_a_blank_png():
    def chunk(kind: bytes, body: bytes) -> bytes:
        return struct.pack(">I", len(body)) + kind + body + struct.pack(">I", zlib.crc32(kind + body))

    raw = b"".join(b"\x00" + b"\xff\xff\xff" * 4 for _ in range(4))
    png = (
        b"\x89PNG\r\n\x1a\n"
        + chunk(b"IHDR", struct.pack(">IIBBBBB", 4, 4, 8, 2, 0, 0, 0))
        + chunk(b"IDAT", zlib.compress(raw))
        + chunk(b"IEND", b"")
    )
    assert _distinct_colours(png) == 1


def test_fit_and_reset_without_dates(browser, tmp_path):
    ex = make_extraction()
    undated = replace(ex, docs=tuple(replace(dx, doc=replace(dx.doc, date="")) for dx in ex.docs))
    path = tmp_path / "undated.html"
    write_html(undated, path, Settings())
    page = Page(browser, path)
    assert page.js("() => document.getElementById('play')") is None
    page.page.locator("input.type-filter[value='0']").uncheck()
    assert XI not in page.visible_ids()
    page.page.click("#fit")
    page.page.click("#reset")
    assert XI in page.visible_ids()
    page.close()  # no script error


# --- the concordance tab (kwic.js)

ROWS_JS = "() => [...document.querySelectorAll('table.kwic tbody tr')].map(tr => [...tr.cells].map(c => c.textContent))"


def test_concordance_tab_lists_sorts_and_exports(small):
    i = small.js("() => kg.find('晋中')[0].node")
    small.js(f"() => kg.choose({i})")
    kwic = small.js(f"() => ({{rows: kg.data.kwic.rows[{i}], n: kg.data.kwic.n[{i}], label: kg.all[{i}].label}})")
    assert kwic["label"] == "晋中市" and len(kwic["rows"]) > 10
    assert small.page.inner_text("#tab-kwic") == f"用例 ({kwic['n']})"
    assert not small.page.locator("table.kwic").is_visible()  # the details tab is open first
    small.page.click("#tab-kwic")
    assert small.page.locator("table.kwic").is_visible()
    assert not small.page.locator("#details dl").is_visible()
    rows = small.js(ROWS_JS)
    assert len(rows) == len(kwic["rows"])
    # date, document, left, mention, right: as carried, the name filled in where left out
    assert [r[2:] for r in rows] == [[r[2], r[3] or kwic["label"], r[4]] for r in kwic["rows"]]
    assert {r[3] for r in rows} >= {"晋中市", "我市"}
    dates = [r[0] for r in rows]
    assert dates == sorted(dates, key=lambda d: (not d, d))  # date order, undated last
    small.page.click("th button[data-sort=right]")
    by_right = small.js(ROWS_JS)
    assert [r[4] for r in by_right] == sorted(r[4] for r in rows)
    small.page.click("th button[data-sort=right]")  # again: the other way round
    assert [r[4] for r in small.js(ROWS_JS)] == sorted((r[4] for r in rows), reverse=True)
    assert small.page.inner_text("th button[data-sort=right]").endswith("\u25bc")
    small.page.click("th button[data-sort=left]")  # by the characters nearest the mention first
    assert [r[2][::-1] for r in small.js(ROWS_JS)] == sorted(r[2][::-1] for r in rows)
    shown = small.js(ROWS_JS)
    with small.page.expect_download() as done:
        small.page.click("#kwic-csv")
    download = done.value
    assert download.suggested_filename == "kwic-晋中市.csv"
    raw = Path(download.path()).read_bytes()
    assert raw.startswith("\ufeff".encode()) and b"\r\n" in raw
    table = list(csv.reader(io.StringIO(raw.decode("utf-8-sig"), newline="")))
    assert table[0] == ["entity", "doc", "title", "date", "start", "end", "left", "mention", "right"]
    assert [[r[3], r[6], r[7], r[8]] for r in table[1:]] == [[r[0], r[2], r[3], r[4]] for r in shown]
    assert {r[0] for r in table[1:]} == {"place/cn-140700"}
    # The open tab and the order stay for the next entity.
    small.js("() => kg.choose(kg.find('习近平')[0].node)")
    assert small.page.get_attribute("#tab-kwic", "aria-selected") == "true"
    xi = small.js(ROWS_JS)
    assert xi and all(r[3] for r in xi)
    assert [r[2][::-1] for r in xi] == sorted(r[2][::-1] for r in xi)
    assert small.js("() => document.getElementById('panel').classList.contains('wide')")  # room for the table
    small.js("() => kg.network.body.emitter.emit('click', {nodes: [], edges: [0]})")  # an edge: no tabs
    assert not small.js("() => document.getElementById('panel').classList.contains('wide')")
    small.js("() => kg.choose(kg.find('习近平')[0].node)")
    small.page.click("#tab-details")
    assert small.page.locator("#details dl").is_visible() and not small.page.locator("table.kwic").is_visible()
    assert not small.js("() => document.getElementById('panel').classList.contains('wide')")


def test_concordance_tab_follows_the_period(small):
    i = small.js("() => kg.find('晋中')[0].node")
    small.js(f"() => kg.choose({i})")
    small.page.click("#tab-kwic")
    every = small.js(ROWS_JS)
    last = small.js("() => kg.data.periods.length - 1")
    set_period(small, last, last)
    inside = small.js(ROWS_JS)
    day = small.js(f"() => kg.data.periods[{last}]")
    assert 0 < len(inside) < len(every)
    assert all(day[1] <= r[0] <= day[2] for r in inside)
    assert f"所选时间内 {len(inside)} / {len(every)} 条" in small.details()
    small.page.click("#date-reset")
    assert len(small.js(ROWS_JS)) == len(every)


def test_concordance_markup_stays_text(browser, tmp_path):
    ex = _hostile_extraction()
    script, img = PAYLOADS
    (dx,) = ex.docs
    text = dx.doc.text
    mentions = (
        Mention(0, len(script), script, "Organization", 0, "lexicon", script, script),
        Mention(len(script) + 1, len(text) - 5, img, "Enterprise", 0, "lexicon", img, img),
    )
    sentence = Sentence(0, 0, len(text), text)
    ex = replace(ex, docs=(replace(dx, sentences=(sentence,), mentions=mentions),),
                 entity_of={(dx.doc.id, script): ex.entities[0].id, (dx.doc.id, img): ex.entities[1].id})
    path = tmp_path / "hostile-kwic.html"
    write_html(ex, path, Settings(lang="en"))
    page = Page(browser, path)
    page.js(f"() => kg.choose({page.index(ex.entities[1].id)})")
    page.page.click("#tab-kwic")
    assert page.page.inner_text("#tab-kwic") == "Concordance (1)"
    (row,) = page.js(ROWS_JS)
    start = mentions[1].start
    assert row[2:] == [text[start - 15 : start], img, "签署协议。"]  # 15 characters of context
    with page.page.expect_download() as done:
        page.page.click("#kwic-csv")
    with open(done.value.path(), encoding="utf-8-sig", newline="") as f:
        (_header, exported) = list(csv.reader(f))
    assert exported[0] == ex.entities[1].id and exported[6:] == row[2:]  # quoted as CSV, read back whole
    page.page.wait_for_timeout(200)  # an onerror would have fired by now
    assert page.js("() => window.__pwned") is None and page.js("() => document.images.length") == 0
    page.close()


def test_an_entity_added_by_a_search_has_no_rows_and_says_so(small):
    first_undrawn = small.js("() => kg.data.nodes.length")
    small.js(f"() => kg.choose({first_undrawn})")
    small.page.click("#tab-kwic")
    assert small.page.inner_text("#tab-kwic") == "用例 (0)"
    assert "此页没有这个实体的用例" in small.details()
    assert small.js(ROWS_JS) == []
