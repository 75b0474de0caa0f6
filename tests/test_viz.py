"""Tests of kg.export.html: the self-contained HTML page, its data, the layout and ego networks.

What the page does in a browser (search, filters, panels, labels, no script injection)
is tested in test_browser.py; here the page's bytes and data are checked.
"""

from __future__ import annotations

import base64
import hashlib
import itertools
import json
import math
import os
import re
import shutil
import subprocess
import sys
from dataclasses import replace
from pathlib import Path

import pytest
from conftest import BEIJING, BRI, CIIE, D1, D2, D3, EVIL, EVIL_ORG, HUAWEI, MACRON, MFA, SHANGHAI, WANG, XI

from kg.config import Settings
from kg.errors import ConfigError, QueryError, ResourceError
from kg.export import html as viz
from kg.export.html import (
    distances,
    ego_network,
    find_entity,
    iso_date,
    json_for_html,
    layout,
    page_data,
    pagedata,
    select_entities,
    write_html,
)
from kg.export.html import render as viz_render
from kg.model import COOCCURS, ENTITY_TYPES, RELATION_TYPES, Entity

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


def by_id(data: dict) -> dict[str, dict]:
    return {n["id"]: n for n in data["nodes"]}


def edge_named(data: dict, head: str, rel: str, tail: str) -> dict:
    index = {n["id"]: i for i, n in enumerate(data["nodes"])}
    kinds = [r[0] for r in data["relations"]]
    (edge,) = [
        e for e in data["edges"] if e["f"] == index[head] and e["t"] == index[tail] and kinds[e["k"]] == rel
    ]
    return edge


# --- the page as a file


def test_utf8_meta_and_font_stack(page):
    assert page.startswith("<!DOCTYPE html>")
    assert '<meta charset="utf-8">' in page
    assert '"Noto Sans CJK SC", "Source Han Sans SC", "Microsoft YaHei", "PingFang SC"' in page
    assert "习近平" in page  # raw UTF-8 in the JSON, not only \u escapes


def test_no_network_request(page):
    assert not re.search(r"""\b(?:src|href)\s*=\s*["']?\s*(?:https?:)?//""", page, re.IGNORECASE)
    assert not re.search(r"""url\(\s*["']?\s*(?:https?:)?//""", page, re.IGNORECASE)
    assert not re.search(r"@import", page, re.IGNORECASE)
    assert "<link" not in page
    assert "bootstrap" not in page.lower()
    # Every script is inline.
    assert not re.search(r"<script[^>]*\bsrc=", page, re.IGNORECASE)
    csp = re.search(r'http-equiv="Content-Security-Policy" content="([^"]*)"', page).group(1)
    assert "default-src &#x27;none&#x27;" in csp


def test_inline_scripts_match_the_csp_hashes(page):
    scripts = re.findall(r"<script>(.*?)</script>", page, re.DOTALL)
    assert len(scripts) == 3  # vis-network and ours: kwic.js (the concordance tab), graph.js
    assert "vis-network" in scripts[0][:200]
    for body in scripts:
        digest = base64.b64encode(hashlib.sha256(body.encode("utf-8")).digest()).decode()
        assert f"sha256-{digest}" in page


def test_hostile_text_is_escaped(page, extraction):
    assert "<script>alert(1)</script>" not in page
    assert "alert(1)</script>" not in page
    assert "\u2028" not in page and "\u2029" not in page
    # Only the four script elements we wrote close (vis-network itself holds a "<script>"
    # string literal, so openings are not counted).
    assert len(re.findall(r"</script", page, re.IGNORECASE)) == 4
    (raw,) = DATA_RE.findall(page)
    assert "<" not in raw and ">" not in raw and "&" not in raw
    data = embedded_data(page)
    assert by_id(data)[EVIL_ORG]["label"] == EVIL
    assert any("<script>alert(1)</script>" in text for _, text in data["sentences"])
    assert any(doc[1] == EVIL for doc in data["docs"])


def test_comment_openers_and_names_in_the_markup_are_escaped(extraction, settings, tmp_path):
    name = "<!--<script>window.__pwned=1</script>"
    ex = replace(
        extraction,
        entities=tuple(replace(e, name=name) if e.id == XI else e for e in extraction.entities),
    )
    path = tmp_path / "g.html"
    write_html(ex, path, settings, focus=XI, title=name, scope=f"around {name}")
    text = path.read_text(encoding="utf-8")
    assert "<!--" not in text.split("<body>", 1)[1]
    assert "__pwned=1</script>" not in text
    assert "&lt;!--&lt;script&gt;window.__pwned=1&lt;/script&gt;" in text  # <title>, <h1>, caption
    assert embedded_data(text)["nodes"][embedded_data(text)["focus"]]["label"] == name


def test_embedded_data_matches_page_data(page, extraction, settings):
    assert embedded_data(page) == page_data(extraction, settings)


def test_written_as_utf8_whatever_the_locale(extraction, settings, tmp_path):
    code = (
        f"import sys; sys.path[:0] = [{str(TESTS)!r}, {str(TESTS.parent)!r}]\n"
        "from conftest import make_extraction\nfrom kg.config import Settings\nfrom kg.export.html import write_html\n"
        "write_html(make_extraction(), sys.argv[1], Settings())\n"
    )
    out = tmp_path / "latin1.html"
    env = {**os.environ, "LC_ALL": "C", "LANG": "C", "PYTHONUTF8": "0", "PYTHONCOERCECLOCALE": "0"}
    subprocess.run([sys.executable, "-c", code, str(out)], check=True, env=env)
    write_html(extraction, tmp_path / "here.html", settings)
    assert out.read_bytes() == (tmp_path / "here.html").read_bytes()
    assert "马克龙".encode() in out.read_bytes()


def test_showing_n_of_m(extraction, tmp_path):
    path = tmp_path / "g.html"
    write_html(extraction, path, Settings(html_max_nodes=3))
    text = path.read_text(encoding="utf-8")
    assert "showing 3 of 10 entities" in text
    data = embedded_data(text)
    # Most mentioned first (3 mentions: 习近平, 马克龙), then ties at 2 broken by id.
    assert set(by_id(data)) == {XI, MACRON, HUAWEI}
    assert all(e["f"] < 3 and e["t"] < 3 for e in data["edges"])
    assert {d[0] for d in data["docs"]} == {D1, D2, D3}  # 华为 is named in D2 and D3


def test_all_nodes_by_default(page, extraction):
    assert f"showing {len(extraction.entities)} of {len(extraction.entities)} entities" in page


def test_select_entities_order(extraction):
    top = select_entities(extraction, 4)
    assert [e.id for e in top] == sorted(e.id for e in top)
    assert {e.id for e in top} == {XI, MACRON, HUAWEI, CIIE}


def test_select_entities_nearest_first(extraction):
    rank = distances(extraction, WANG)
    # 王毅 - 外交部 (holds_position); nothing else is linked to either.
    assert rank == {WANG: 0, MFA: 1}
    assert {e.id for e in select_entities(extraction, 3, rank)} == {WANG, MFA, XI}


# --- the data


def test_types_and_relations_tables(page):
    data = embedded_data(page)
    assert [t[0] for t in data["types"]] == list(ENTITY_TYPES)
    assert len({t[1] for t in data["types"]}) == len(ENTITY_TYPES)
    assert [r[0] for r in data["relations"]] == [*RELATION_TYPES, COOCCURS]
    directed = {r[0]: r[2] for r in data["relations"]}
    assert directed["visited"] and not directed["met"] and not directed[COOCCURS]
    assert len({r[1] for r in data["relations"]}) == len(RELATION_TYPES) + 1


def test_nodes(page, extraction):
    data = embedded_data(page)
    nodes = by_id(data)
    types = [t[0] for t in data["types"]]
    beijing = nodes[BEIJING]
    assert types[beijing["type"]] == "Place"
    assert beijing["aliases"] == ["北京市"]
    assert beijing["mentions"] == 2
    assert ["adcode", "110000"] in beijing["attrs"]
    assert [data["docs"][d][0] for d in nodes[HUAWEI]["docs"]] == [D2, D3]
    assert nodes[XI]["size"] > nodes[WANG]["size"]
    assert all(isinstance(n["x"], int) and isinstance(n["y"], int) for n in nodes.values())
    assert len({(n["x"], n["y"]) for n in nodes.values()}) == len(nodes)
    # Ranks: most mentioned first, ties by id.
    assert sorted(n["rank"] for n in nodes.values()) == list(range(len(nodes)))
    assert nodes[XI]["rank"] == 0 and nodes[MACRON]["rank"] == 1


def test_documents_with_titles_and_dates(page):
    data = embedded_data(page)
    docs = {d[0]: d for d in data["docs"]}
    assert docs[D1] == [D1, "习近平会见法国总统马克龙", "2024-11-05", "2024-11-05"]
    assert docs[D3][2:] == ["2024年11月7日", "2024-11-07"]
    assert [d[0] for d in data["docs"]] == [D1, D2, D3]  # by date


def test_edges_with_evidence_rules_and_dates(page, extraction):
    data = embedded_data(page)
    relations = [e for e in data["edges"] if data["relations"][e["k"]][0] != COOCCURS]
    coocs = [e for e in data["edges"] if data["relations"][e["k"]][0] == COOCCURS]
    assert len(relations) == len(extraction.relations)
    assert len(coocs) == len(extraction.cooccurrences)
    met = edge_named(data, XI, "met", MACRON)
    assert met["w"] == 2 and met["n"] == 2
    sentences = [data["sentences"][s] for s, _r in met["ev"]]
    assert [text[:3] for _doc, text in sentences] == ["新华社", "马克龙"]
    assert {data["docs"][doc][0] for doc, _text in sentences} == {D1}
    assert [data["rules"][r] for _s, r in met["ev"]] == ["meet_verb", "meet_context"]
    assert [data["docs"][d][0] for d in met["d"]] == [D1]
    cooc = edge_named(data, XI, COOCCURS, MACRON)
    assert cooc["w"] == 2 and cooc["docs"] == 1
    assert cooc["pmi"] == 1.234568 and cooc["npmi"] == 0.512346


def test_evidence_capped_but_dates_complete(extraction):
    data = page_data(extraction, Settings(max_evidence=1))
    met = edge_named(data, XI, "met", MACRON)
    assert len(met["ev"]) == 1 and met["n"] == 2
    assert len(met["d"]) == 1  # both sentences are in D1


def test_edge_evidence_is_the_first_distinct_sentences_in_date_order() -> None:
    """``DocTables.edge`` against the plain rule it implements quickly (ranking only the
    first documents, skipping single sentences): every distinct evidence sorted by
    document date, sentence, span and rule, the first ``limit`` of them; documents in date
    order with their sentence counts when one has several."""
    import random

    from kg.export.html.doctables import DocTables
    from kg.model import DocExtraction, Document, Evidence, Extraction

    rng = random.Random(7)
    # ids against dates: date order is not id order; one document undated
    dates = ["2024-03-01", "2024-01-05", "", "2024-01-05", "2023-12-31", "2024-02-10"]
    docs = tuple(DocExtraction(Document(id=f"d{i}", text="x", date=day), (), (), (), ()) for i, day in enumerate(dates))
    ex = Extraction(docs, (), (), ())
    rank = {d: i for i, d in enumerate(sorted((f"d{i}" for i in range(6)), key=lambda d: (not dates[int(d[1:])], dates[int(d[1:])], d)))}
    for _ in range(400):
        pool = [
            Evidence(f"d{rng.randrange(6)}", s, s * 10, s * 10 + 3, f"text {s}", rng.choice(["r1", "r2"]))
            for s in (rng.randrange(4) for _ in range(rng.randrange(1, 30)))
        ]
        evidence = [rng.choice(pool) for _ in range(rng.randrange(1, 40))]  # repeats on purpose
        limit = rng.randrange(0, 6)
        order = sorted(evidence, key=lambda e: (rank[e.doc], e.sentence, e.start, e.end, e.rule))
        want, last = [], None
        for e in order:
            key = (e.doc, e.sentence, e.start, e.end, e.rule)
            if key != last and len(want) < limit:
                want.append(((e.doc, e.text), e.rule))
            last = key
        doc_ids = sorted({e.doc for e in evidence}, key=rank.__getitem__)
        counts = [sum(e.doc == d for e in evidence) for d in doc_ids]
        got_docs, got_counts, got = DocTables(ex).edge(tuple(evidence), limit)
        # until the tables are finished an evidence pair holds its sentence and rule
        assert (got_docs, got_counts, [tuple(pair) for pair in got]) == (
            doc_ids, None if max(counts) == 1 else counts, want
        )


def test_cooccurrence_evidence_capped(extraction, monkeypatch):
    monkeypatch.setattr(pagedata, "COOCCURRENCE_EVIDENCE", 1)
    data = page_data(extraction, Settings())
    cooc = edge_named(data, XI, COOCCURS, MACRON)
    assert len(cooc["ev"]) == 1 and cooc["n"] == 2
    assert len(edge_named(data, XI, "met", MACRON)["ev"]) == 2  # typed relations keep max_evidence


def test_cooccurrence_budget(extraction, monkeypatch):
    monkeypatch.setattr(pagedata, "COOCCURRENCE_EDGES_PER_NODE", 0.2)  # 2 edges for 10 nodes
    data = page_data(extraction, Settings())
    coocs = [e for e in data["edges"] if data["relations"][e["k"]][0] == COOCCURS]
    assert len(coocs) == 2
    assert sorted(e["w"] for e in coocs) == [2, 2]  # the strongest
    assert data["caption"] == "showing 10 of 10 entities; the strongest 2 of 6 co-occurrence edges"


def test_cooccurrence_budget_ranks_by_count_then_npmi(extraction, monkeypatch):
    monkeypatch.setattr(pagedata, "COOCCURRENCE_EDGES_PER_NODE", 0.4)  # 4 edges for 10 nodes
    two = extraction.cooccurrences[:3]  # 习近平–马克龙, 马克龙–北京, 习近平–北京: two sentences each
    huawei, bri = extraction.cooccurrences[3], extraction.cooccurrences[5]  # one sentence each
    ex = replace(extraction, cooccurrences=(*two, replace(huawei, npmi=-0.5), replace(bri, npmi=0.0)))
    data = page_data(ex, Settings())
    ids = [n["id"] for n in data["nodes"]]
    kept = {(ids[e["f"]], ids[e["t"]]) for e in data["edges"] if "docs" in e}
    # Among the single-sentence pairs an NPMI of 0 beats one of -0.5.
    assert kept == {(c.a, c.b) for c in (*two, bri)}


def test_every_entity_is_listed_for_the_search(extraction):
    data = page_data(extraction, Settings(html_max_nodes=3))
    assert {n["id"] for n in data["nodes"]} == {XI, MACRON, HUAWEI}
    # The others follow, most mentioned first (ties by id), with name, type, aliases,
    # mentions and documents.
    more = data["more"]
    assert sorted([n["id"] for n in data["nodes"]] + [m[0] for m in more]) == sorted(
        e.id for e in extraction.entities
    )
    assert [m[4] for m in more] == sorted((m[4] for m in more), reverse=True)
    types = [t[0] for t in data["types"]]
    (beijing,) = [m for m in more if m[0] == BEIJING]
    assert beijing[1:5] == ["北京", types.index("Place"), ["北京市"], 2]
    assert [data["docs"][d][0] for d in beijing[5]] == [D1]


def test_undrawn_entities_carry_their_strongest_edges(extraction, monkeypatch):
    data = page_data(extraction, Settings(html_max_nodes=3))
    ids = [n["id"] for n in data["nodes"]] + [m[0] for m in data["more"]]
    kinds = [r[0] for r in data["relations"]]
    assert data["more_edge_fields"][:3] == ["f", "t", "k"]
    extra = {(ids[f], kinds[k], ids[t]) for f, t, k, *_rest in data["more_edges"]}
    # Every relation or co-occurrence touching an entity that is not drawn is carried
    # (each has fewer than UNDRAWN_EDGES), none between two drawn entities.
    assert (WANG, "holds_position", MFA) in extra and (MACRON, "visited", BEIJING) in extra
    assert (HUAWEI, "cooperates_with", EVIL_ORG) in extra and (CIIE, COOCCURS, SHANGHAI) in extra
    assert (XI, "met", MACRON) not in extra
    assert all(f >= 3 or t >= 3 for f, t, *_rest in data["more_edges"])
    drawn = {XI, MACRON, HUAWEI}
    touching = [r for r in extraction.relations if not {r.head, r.tail} <= drawn]
    touching += [c for c in extraction.cooccurrences if not {c.a, c.b} <= drawn]
    assert len(extra) == len(touching) == len(data["more_edges"])
    assert all(len(row[5]) <= pagedata.UNDRAWN_EVIDENCE for row in data["more_edges"])
    # Only the strongest k of each kind per entity: 习近平–北京 and 马克龙–北京 (two
    # sentences) beat nothing, but with k = 1 北京 keeps one co-occurrence, and 一带一路
    # keeps one of its two typed relations.
    monkeypatch.setattr(pagedata, "UNDRAWN_EDGES", 1)
    data = page_data(extraction, Settings(html_max_nodes=3))
    extra = [(ids[f], kinds[k], ids[t]) for f, t, k, *_rest in data["more_edges"]]
    assert [x for x in extra if x[1] == COOCCURS and BEIJING in x] == [(MACRON, COOCCURS, BEIJING)]
    assert len([x for x in extra if BRI in x and x[1] != COOCCURS]) == 1


def test_counts_per_document_for_the_period_widths(page):
    data = embedded_data(page)
    met = edge_named(data, XI, "met", MACRON)
    assert met["d"] == [0] and met["c"] == [2]  # two sentences, both in D1
    assert "c" not in edge_named(data, MACRON, "attended", CIIE)  # one sentence: no counts


def test_interface_in_chinese_by_default_and_english_on_request(extraction, tmp_path):
    zh = page_data(extraction, Settings())
    assert zh["lang"] == "zh" and zh["ui"]["find"] == "查找" and zh["ui"]["fit"] == "适应窗口"
    assert [t[2] for t in zh["types"]] == ["人物", "地点", "机构", "企业", "倡议", "事件"]
    assert {r[0]: r[3] for r in zh["relations"]} == {
        "holds_position": "担任职务", "located_in": "位于", "part_of": "隶属", "visited": "访问/视察",
        "attended": "出席", "proposed": "提出", "participates_in": "参与", "cooperates_with": "合作",
        "met": "会见", COOCCURS: "共现",
    }
    en = page_data(extraction, Settings(lang="en"))
    assert en["lang"] == "en" and en["ui"]["find"] == "Find"
    assert [t[2] for t in en["types"]] == list(ENTITY_TYPES)
    assert {r[0]: r[3] for r in en["relations"]}["holds_position"] == "holds position"
    assert {r[0]: r[3] for r in en["relations"]}[COOCCURS] == "co-occurrence"
    path = tmp_path / "en.html"
    write_html(extraction, path, Settings(lang="en"))
    text = path.read_text(encoding="utf-8")
    assert '<html lang="en">' in text and '<button type="submit">Find</button>' in text
    assert "</span>Person<" in text and "</span>holds position<" in text


def test_lang_is_checked():
    with pytest.raises(ConfigError, match="lang must be one of zh, en, not 'fr'"):
        Settings(lang="fr")
    assert Settings().with_overrides(lang="en").lang == "en"


def test_documents_named_by_title_else_first_sentence(extraction):
    long, short = extraction.docs[0].sentences[0].text, extraction.docs[1].sentences[0].text
    ex = replace(
        extraction,
        docs=tuple(replace(dx, doc=replace(dx.doc, title="")) if dx.doc.id != D3 else dx for dx in extraction.docs),
    )
    docs = {d[0]: d for d in page_data(ex, Settings())["docs"]}
    assert docs[D3][1] == EVIL  # the title
    assert len(long) > pagedata.DOC_NAME_CHARS >= len(short)
    assert docs[D1][1] == long[: pagedata.DOC_NAME_CHARS - 1] + "…"
    assert docs[D2][1] == short
    assert all(d[1] != d[0] for d in docs.values())  # never the id


def test_periods_of_the_time_slider(page):
    data = embedded_data(page)
    assert data["periods"] == [[d, d, d] for d in ("2024-11-05", "2024-11-06", "2024-11-07")]
    assert pagedata.periods(["2024-12-01", "2025-02-14"])[-1] == ["2025-02", "2025-02-01", "2025-02-28"]
    assert pagedata.periods(["2010-05-01", "2024-01-01"])[0] == ["2010", "2010-01-01", "2010-12-31"]
    assert len(pagedata.periods(["2010-05-01", "2024-01-01"])) == 15
    assert pagedata.periods(["", ""]) == []


def test_controls(page):
    types = re.search(r'<fieldset id="types">(.*?)</fieldset>', page, re.DOTALL).group(1)
    for i, (t, zh) in enumerate(zip(ENTITY_TYPES, ["人物", "地点", "机构", "企业", "倡议", "事件"])):
        assert re.search(
            rf'value="{i}" data-name="{t}" checked><span class="swatch" style="background:#\w+"></span>{zh}<', types
        )
    rels = re.search(r'<fieldset id="relations">(.*?)</fieldset>', page, re.DOTALL).group(1)
    for k, (r, zh) in enumerate(zip(RELATION_TYPES, ["担任职务", "位于", "隶属", "访问/视察", "出席", "提出",
                                                      "参与", "合作", "会见"])):
        assert f'class="rel-filter" value="{k}" data-name="{r}" checked>' in rels and f"</span>{zh}<" in rels
    # Co-occurrence edges start hidden.
    assert f'value="{len(RELATION_TYPES)}" data-name="{COOCCURS}" id="show-cooc">' in rels
    assert "</span>共现<" in rels
    assert '<input type="number" id="min-weight" min="1"' in page
    # The time slider: one step per day from 2024-11-05 to 2024-11-07.
    assert '<input type="range" id="date-from" min="0" max="2" step="1" value="0">' in page
    assert '<input type="range" id="date-to" min="0" max="2" step="1" value="2">' in page
    assert '<button type="button" id="play">播放</button>' in page
    assert '<button type="button" id="fit">适应窗口</button>' in page


def test_no_date_inputs_without_dates(extraction, settings, tmp_path):
    undated = replace(
        extraction, docs=tuple(replace(dx, doc=replace(dx.doc, date="")) for dx in extraction.docs)
    )
    path = tmp_path / "g.html"
    write_html(undated, path, settings)
    text = path.read_text(encoding="utf-8")
    assert 'id="date-from"' not in text
    assert all(d[3] == "" for d in embedded_data(text)["docs"])


# --- the templates the page is rendered from (kg/export/html/templates)


def test_page_script_and_style_are_the_template_files(page):
    kwic_script, own_script = re.findall(r"<script>(.*?)</script>", page, re.DOTALL)[1:]
    assert kwic_script == "\n" + (viz_render.TEMPLATES / "kwic.js").read_text(encoding="utf-8")
    assert own_script == "\n" + (viz_render.TEMPLATES / "graph.js").read_text(encoding="utf-8")
    own_style = re.findall(r"<style>(.*?)</style>", page, re.DOTALL)[1]
    assert own_style.startswith("\nhtml, body { margin: 0; height: 100%; }\n")
    assert f"font-family: {viz.FONT_STACK};" in own_style
    # Nothing of Jinja (comments, tags, variables) reaches the markup.
    markup = re.sub(r"<(script|style)[^>]*>.*?</\1>", "", page, flags=re.DOTALL)
    assert not re.search(r"\{[{%#]|[}%#]\}", markup)


def test_type_names_in_the_filters_are_escaped(extraction, settings, tmp_path):
    odd = "Odd\"<b>&'"
    ex = replace(
        extraction, entities=tuple(replace(e, type=odd) if e.id == XI else e for e in extraction.entities)
    )
    path = tmp_path / "g.html"
    write_html(ex, path, settings)
    types = re.search(r'<fieldset id="types">(.*?)</fieldset>', path.read_text(encoding="utf-8"), re.DOTALL)
    assert "Odd&quot;&lt;b&gt;&amp;&#x27;<span" in types.group(1)
    assert odd not in types.group(1)


@pytest.fixture
def own_templates(tmp_path, monkeypatch):
    """A copy of the templates the page is rendered from, used instead of the package's."""
    folder = tmp_path / "templates"
    shutil.copytree(viz_render.TEMPLATES, folder)
    monkeypatch.setattr(viz_render, "TEMPLATES", folder)
    viz_render.clear_caches()
    yield folder
    monkeypatch.undo()
    viz_render.clear_caches()


@pytest.mark.parametrize(
    ("name", "line"),
    [
        ("graph.js", 'var x = "</script>";'),
        ("graph.js", "// <!--"),
        ("kwic.js", "// </SCRIPT>"),
        ("graph.css", "/* </style> */"),
    ],
)
def test_a_template_that_would_end_its_element_early_is_refused(
    own_templates, extraction, settings, tmp_path, name, line
):
    with open(own_templates / name, "a", encoding="utf-8") as f:
        f.write(line + "\n")
    with pytest.raises(ResourceError, match=re.escape(str(own_templates / name))):
        write_html(extraction, tmp_path / "g.html", settings)
    assert not (tmp_path / "g.html").exists()


def test_an_edited_template_changes_the_page(own_templates, extraction, settings, tmp_path):
    js = own_templates / "graph.js"
    js.write_text(js.read_text(encoding="utf-8") + "window.edited = 1;\n", encoding="utf-8")
    path = tmp_path / "g.html"
    write_html(extraction, path, settings)
    text = path.read_text(encoding="utf-8")
    own_script = re.findall(r"<script>(.*?)</script>", text, re.DOTALL)[-1]
    assert own_script.endswith("window.edited = 1;\n")
    digest = base64.b64encode(hashlib.sha256(own_script.encode("utf-8")).digest()).decode()
    assert f"sha256-{digest}" in text  # the CSP follows the edit


def test_a_missing_template_is_a_resource_error(own_templates, extraction, settings, tmp_path):
    (own_templates / "page.html.j2").unlink()
    with pytest.raises(ResourceError, match="page.html.j2: template of graph.html not found"):
        write_html(extraction, tmp_path / "g.html", settings)


@pytest.mark.parametrize(
    ("raw", "iso"),
    [
        ("2024-11-05", "2024-11-05"),
        ("2024-1-5", "2024-01-05"),
        ("2024/01/05 18:00", "2024-01-05"),
        ("2024.1.5", "2024-01-05"),
        ("2024年1月5日", "2024-01-05"),
        ("2024-11-05T08:00:00+08:00", "2024-11-05"),
        ("2023-02-29", ""),  # not a day
        ("2024-11", ""),
        ("11月5日", ""),
        ("", ""),
    ],
)
def test_iso_date(raw, iso):
    assert iso_date(raw) == iso


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
from kg.export.html import write_html
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
        ("<!--", '"\\u003c!--"'),
        ("a&b", '"a\\u0026b"'),
        ("\u2028\u2029", '"\\u2028\\u2029"'),
        ("北京", '"北京"'),
    ],
)
def test_json_for_html(value, expected):
    assert json_for_html(value) == expected
    assert json.loads(json_for_html(value)) == value


# --- layout


def _dist(pos, a, b):
    return math.dist(pos[a], pos[b])


def test_layout_two_groups_stay_apart():
    a = [f"a{i}" for i in range(8)]
    b = [f"b{i}" for i in range(8)]
    weights = {pair: 1.0 for group in (a, b) for pair in itertools.combinations(group, 2)}
    weights[("a0", "b0")] = 1.0
    pos = layout([*a, *b], weights)
    inside = max(_dist(pos, x, y) for group in (a, b) for x, y in itertools.combinations(group, 2))
    across = min(_dist(pos, x, y) for x in a for y in b)
    assert inside < across


def test_layout_spreads_the_leaves_of_a_hub():
    leaves = [f"leaf{i:02d}" for i in range(40)]
    pos = layout(["hub", *leaves], {("hub", leaf): 1.0 for leaf in leaves})
    closest = min(_dist(pos, x, y) for x, y in itertools.combinations(leaves, 2))
    assert closest > 2 * viz.node_size(1)  # leaf discs (radius node_size) do not overlap
    assert all(_dist(pos, "hub", leaf) > viz.node_size(40) for leaf in leaves)


def test_layout_packs_components_without_overlap():
    ids = [f"n{i:02d}" for i in range(30)]
    # Ten pairs, and ten entities without an edge.
    weights = {(ids[i], ids[i + 1]): 1.0 for i in range(0, 20, 2)}
    pos = layout(ids, weights)
    closest = min(_dist(pos, x, y) for x, y in itertools.combinations(ids, 2))
    assert closest >= 20
    linked = sum(_dist(pos, a, b) for a, b in weights) / len(weights)
    apart = sum(_dist(pos, ids[i], ids[i + 2]) for i in range(0, 18, 2)) / 9
    assert linked < apart
    xs = [x for x, _y in pos.values()]
    ys = [y for _x, y in pos.values()]
    # Packed in rows, not scattered over a disc: the bounding box is not mostly empty.
    assert (max(xs) - min(xs)) * (max(ys) - min(ys)) < 30 * 150**2


def test_layout_keeps_big_discs_apart():
    ids = [f"n{i}" for i in range(12)]
    weights = {pair: 5.0 for pair in itertools.combinations(ids, 2)}  # a dense clique
    radius = {node: 20.0 + 3 * i for i, node in enumerate(ids)}
    pos = layout(ids, weights, radius)
    for a, b in itertools.combinations(ids, 2):
        assert _dist(pos, a, b) >= radius[a] + radius[b]
    # Without radii the same clique is drawn tighter than its discs.
    tight = layout(ids, weights)
    assert min(_dist(tight, a, b) - radius[a] - radius[b] for a, b in itertools.combinations(ids, 2)) < 0


def test_layout_repulsion_exact_and_through_the_grid():
    # small components are relaxed with the exact sum over pairs, large ones through the
    # density grid; the grid must approximate the same field
    import numpy as np

    from kg.export.html import positions

    rng = np.random.default_rng(7)
    pos = rng.normal(size=(300, 2)) * 15
    mass = rng.integers(1, 9, 300).astype(float)
    exact = positions._repulsion_exact(pos, mass)
    loop = [sum(mass[i] * mass[j] * (pos[i] - pos[j]) / (((pos[i] - pos[j]) ** 2).sum() + 1e-4)
                for j in range(300) if j != i) for i in range(0, 300, 37)]
    assert np.allclose(exact[::37], loop)
    grid = positions._repulsion(pos, mass)
    assert np.abs(grid - exact).max() < 0.1 * np.abs(exact).max()


def test_layout_of_a_component_too_large_for_the_exact_sum():
    size = layout.__globals__["_EXACT_UP_TO"] // 2 + 20  # two groups, one component over the limit
    a = [f"a{i:03d}" for i in range(size)]
    b = [f"b{i:03d}" for i in range(size)]
    weights = {(g[i], g[j]): 1.0 for g in (a, b) for i in range(size) for j in (i + 1, i + 7) if j < size}
    weights[(a[0], b[0])] = 1.0
    pos = layout([*a, *b], weights)
    centre = {g[0][0]: [sum(pos[n][k] for n in g) / size for k in (0, 1)] for g in (a, b)}
    spread = max(math.dist(pos[n], centre[n[0]]) for n in (*a, *b))
    assert math.dist(centre["a"], centre["b"]) > 0.5 * spread
    assert len(set(pos.values())) == 2 * size


def test_layout_blas_products_run_on_one_thread_with_the_same_positions(monkeypatch):
    """The pivot MDS's products run with one BLAS thread (OpenBLAS's threads would spin
    afterwards); splitting them between threads gives the same numbers, so the layout
    is the same with the count left as it was."""
    import contextlib

    from threadpoolctl import threadpool_info

    from kg.export.html import positions

    def blas_counts():
        return [pool["num_threads"] for pool in threadpool_info() if pool["user_api"] == "blas"]

    before = blas_counts()
    with positions.one_blas_thread():
        assert blas_counts() == [1] * len(before)
    assert blas_counts() == before
    # 300 nodes: the 40 x 300 products are large enough for OpenBLAS to split them
    ids = [f"n{i:03d}" for i in range(300)]
    weights = {(ids[i], ids[j]): 1.0 + (i * j) % 3 for i in range(300) for j in (i + 1, i + 17, i * 7 % 300) if i < j < 300}
    one = layout(ids, weights)
    monkeypatch.setattr(positions, "one_blas_thread", contextlib.nullcontext)
    assert layout(ids, weights) == one


def test_layout_edge_cases():
    assert layout([], {}) == {}
    assert layout(["a"], {}) == {"a": (0, 0)}
    pos = layout(["a", "b"], {("a", "b"): 3.0, ("a", "a"): 1.0})
    assert pos["a"] != pos["b"] and pos["a"][1] == pos["b"][1]


# --- ego networks


def test_find_entity_by_name_alias_and_id(extraction):
    assert find_entity(extraction, "进博会").id == CIIE
    assert find_entity(extraction, " 习主席 ").id == XI
    assert find_entity(extraction, BEIJING).id == BEIJING
    assert find_entity(extraction, "北京市").id == BEIJING


def test_find_entity_errors(extraction):
    with pytest.raises(QueryError, match=r"^习大大: no entity has this name or alias$"):
        find_entity(extraction, "习大大")
    with pytest.raises(QueryError, match=r"similar names: 华为技术有限公司 \(Enterprise\)"):
        find_entity(extraction, "华为技术")
    twins = replace(
        extraction,
        entities=(*extraction.entities, Entity("Organization:华为", "Organization", "华为", (), 1, (D3,))),
    )
    with pytest.raises(QueryError) as err:
        find_entity(twins, "华为")
    message = str(err.value)
    assert "\n" not in message
    assert message.startswith("华为: 2 entities have this name; give one of the ids: ")
    assert HUAWEI in message and "Organization:华为" in message
    with pytest.raises(QueryError, match="no entity name given"):
        find_entity(extraction, "  ")


def test_ego_network(extraction):
    one = ego_network(extraction, XI, depth=1)
    assert {e.id for e in one.entities} == {XI, MACRON, BEIJING, BRI}
    assert {(r.head, r.type, r.tail) for r in one.relations} == {
        (XI, "met", MACRON),
        (XI, "proposed", BRI),
        (MACRON, "visited", BEIJING),  # between two entities of the ego network
    }
    two = ego_network(extraction, XI, depth=2)
    assert {e.id for e in two.entities} == {XI, MACRON, BEIJING, BRI, CIIE, HUAWEI}
    typed_only = ego_network(extraction, HUAWEI, depth=1, cooccurrence=False)
    assert {e.id for e in typed_only.entities} == {HUAWEI, BRI, EVIL_ORG}
    assert {e.id for e in ego_network(extraction, WANG, depth=0).entities} == {WANG}
    with pytest.raises(QueryError):
        ego_network(extraction, "Person:nobody")


def test_ego_page_opens_on_its_centre(extraction, tmp_path):
    sub = ego_network(extraction, XI, depth=1)
    path = tmp_path / "ego.html"
    write_html(
        sub, path, Settings(html_max_nodes=3), focus=XI, title="习近平", scope="within 1 step of 习近平"
    )
    text = path.read_text(encoding="utf-8")
    assert "<title>知识图谱：习近平</title>" in text
    assert '<p id="count">显示 4 个实体中的 3 个（within 1 step of 习近平）</p>' in text
    assert "showing 3 of 4 entities within 1 step of 习近平" in text  # the data's caption
    write_html(
        sub, path, Settings(html_max_nodes=3, lang="en"), focus=XI, title="习近平", scope="within 1 step of 习近平"
    )
    english = path.read_text(encoding="utf-8")
    assert "<title>Knowledge graph: 习近平</title>" in english
    assert '<p id="count">showing 3 of 4 entities within 1 step of 习近平</p>' in english
    data = embedded_data(text)
    assert data["nodes"][data["focus"]]["id"] == XI
    assert data["nodes"][data["focus"]]["rank"] == 0
    # Nearest first, then the most mentioned: 一带一路 and 北京 (both one step away, two
    # mentions) tie, and the id decides.
    assert set(by_id(data)) == {XI, MACRON, BRI}


# --- the concordance tab (data.kwic, kg.export.html.kwicdata)


def _with_mentions(extraction):
    """The fixture with mentions: 习近平 twice and as 习主席 in D1, 马克龙 in D1 and D2,
    华为 and the hostile organisation in D3 (each found in the text, so offsets are right)."""
    from conftest import TEXTS

    from kg.model import Mention

    wanted = {
        D1: [("习近平", "习近平", "Person"), ("习主席", "习近平", "Person"), ("马克龙", "马克龙", "Person")],
        D2: [("马克龙", "马克龙", "Person")],
        D3: [("华为", "华为", "Enterprise"), (EVIL, EVIL, "Organization")],
    }
    docs = []
    for dx in extraction.docs:
        text, found = TEXTS[dx.doc.id], []
        for surface, key, kind in wanted[dx.doc.id]:
            at = text.find(surface)
            while at >= 0:
                sentence = next(s.index for s in dx.sentences if s.start <= at < s.end)
                found.append(Mention(at, at + len(surface), surface, kind, sentence, "lexicon", surface, key))
                at = text.find(surface, at + 1)
        docs.append(replace(dx, mentions=tuple(sorted(found, key=lambda m: (m.start, m.end)))))
    return replace(extraction, docs=tuple(docs))


def test_concordance_rows_of_the_drawn_entities(extraction):
    from conftest import TEXTS

    from kg.export.html.kwicdata import KWIC_WIDTH

    data = page_data(_with_mentions(extraction), Settings())
    kwic, ids = data["kwic"], [n["id"] for n in data["nodes"]]
    assert len(kwic["rows"]) == len(kwic["n"]) == len(ids)
    assert kwic["width"] == KWIC_WIDTH == 15
    text, d1 = TEXTS[D1], [d[0] for d in data["docs"]].index(D1)
    starts = sorted(m.start() for m in re.finditer("习近平|习主席", text))
    expected = [
        [d1, s, text[max(0, s - 15) : s], "" if text[s : s + 3] == "习近平" else text[s : s + 3],
         text[s + 3 : s + 18]]
        for s in starts
    ]
    assert kwic["rows"][ids.index(XI)] == expected
    assert [r[3] for r in expected] == ["", "", "习主席"]  # the name is left out, an alias kept
    assert kwic["n"][ids.index(XI)] == 3
    # 马克龙 in both documents, in date order; an entity without mentions has no rows
    assert [data["docs"][r[0]][0] for r in kwic["rows"][ids.index(MACRON)]] == [D1, D1, D2]
    assert kwic["rows"][ids.index(WANG)] == [] and kwic["n"][ids.index(WANG)] == 0
    assert kwic["ui"]["tab"] == "用例"
    assert page_data(_with_mentions(extraction), Settings(lang="en"))["kwic"]["ui"]["tab"] == "Concordance"


def test_concordance_only_for_the_drawn_and_capped(extraction, monkeypatch):
    from kg.export.html import kwicdata

    ex = _with_mentions(extraction)
    data = page_data(ex, Settings(html_max_nodes=3))
    assert len(data["kwic"]["rows"]) == 3  # the entities that are not drawn carry none
    monkeypatch.setattr(kwicdata, "KWIC_ROWS", 2)
    capped = page_data(ex, Settings())
    ids = [n["id"] for n in capped["nodes"]]
    rows = capped["kwic"]["rows"][ids.index(MACRON)]
    full = data["kwic"]["rows"][[n["id"] for n in data["nodes"]].index(MACRON)]
    assert capped["kwic"]["cap"] == 2 and capped["kwic"]["n"][ids.index(MACRON)] == 3
    assert [r[1:] for r in rows] == [full[0][1:], full[2][1:]]  # the first and the last in date order


def test_concordance_from_the_build_s_mention_index_is_the_same(extraction, monkeypatch):
    from kg.export.html import kwicdata

    ex = _with_mentions(extraction)
    # D1 after D2: the index's order is the page's date order, not the documents' ids
    ex = replace(ex, docs=tuple(replace(dx, doc=replace(dx.doc, date="2024-11-08")) if dx.doc.id == D1 else dx
                                for dx in ex.docs))
    for cap in (100, 2):
        monkeypatch.setattr(kwicdata, "KWIC_ROWS", cap)
        index = kwicdata.page_mentions(ex)  # every entity, in the page's date order
        assert page_data(ex, Settings(), mentions=index) == page_data(ex, Settings())
        assert page_data(ex, Settings(html_max_nodes=3), focus=MACRON, mentions=index) == page_data(
            ex, Settings(html_max_nodes=3), focus=MACRON)


def test_concordance_text_is_escaped_in_the_page(extraction, settings, tmp_path):
    path = tmp_path / "g.html"
    write_html(_with_mentions(extraction), path, settings)
    page = path.read_text(encoding="utf-8")
    (raw,) = DATA_RE.findall(page)
    assert "<" not in raw and ">" not in raw and "&" not in raw
    data = embedded_data(page)
    ids = [n["id"] for n in data["nodes"]]
    (row,) = data["kwic"]["rows"][ids.index(HUAWEI)]
    assert row[2] == "" and row[3] == "华为" and row[4] == "与<script>alert("  # 15 characters
    (evil,) = data["kwic"]["rows"][ids.index(EVIL_ORG)]
    assert evil[2] == "华为与" and evil[3] == ""  # the hostile name is the entity's own: left out
