"""Tests of span-level annotation (kg.annotate) and of ``kg annotate``.

The invariant that matters to the scorers: every offset indexes the record's text exactly
as given, whatever spaces, full-width punctuation or line ends it holds.
"""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest
from click.testing import CliRunner
from helpers import tools

from kg.annotate import annotate, annotate_record, select_mentions
from kg.cli import main
from kg.errors import InputError
from kg.model import ENTITY_TYPES, Mention

SCORE_SPANS = Path(__file__).resolve().parents[2] / "shared" / "eval" / "score_spans.py"

TEXTS = [
    "晋中市委书记常书铭在祁县调研。",
    "国家主席习近平在北京会见法国总统马克龙。",
    "第七届中国国际进口博览会在上海开幕，华为技术有限公司参展。",
    # leading spaces, an ideographic space, full-width punctuation and CRLF line ends:
    # the readers would clean these, annotate must not
    "  习近平在北京会见马克龙。\r\n\u3000\u3000（记者 张三）“一带一路”倡议！\r\n晋中市委书记常书铭说：祁县要发展。",
]


def _annotate(text: str, flat: bool = False) -> list[dict]:
    return annotate_record({"id": "t", "text": text}, tools(), flat=flat)["entities"]


# --------------------------------------------------------------------------- offsets
@pytest.mark.parametrize("text", TEXTS)
@pytest.mark.parametrize("flat", [False, True])
def test_offsets_index_the_text_as_given(text: str, flat: bool) -> None:
    ents = _annotate(text, flat)
    assert ents, "no entity found"
    for e in ents:
        assert set(e) == {"start", "end", "type", "text"}
        assert 0 <= e["start"] < e["end"] <= len(text)
        assert text[e["start"] : e["end"]] == e["text"]
        assert e["type"] in ENTITY_TYPES
    assert ents == sorted(ents, key=lambda e: (e["start"], -e["end"]))


def test_offsets_survive_leading_spaces_and_crlf() -> None:
    text = TEXTS[-1]
    found = {(e["text"], e["start"]) for e in _annotate(text)}
    for name in ("习近平", "晋中市委", "常书铭"):
        assert (name, text.index(name)) in found, name


def test_the_id_is_kept_as_given() -> None:
    recs = [{"id": 7, "text": "习近平在北京。"}, {"id": "msra-1", "text": "", "extra": [1]}]
    out = list(annotate(recs, tools()))
    assert [r["id"] for r in out] == [7, "msra-1"]
    assert out[1]["entities"] == []
    assert all(set(r) == {"id", "entities"} for r in out)


# --------------------------------------------------------------------------- which mentions
def test_flat_drops_nested_spans_and_nested_keeps_them() -> None:
    text = "晋中市委书记常书铭在祁县调研。"
    nested = {(e["text"], e["type"]) for e in _annotate(text, flat=False)}
    flat = {(e["text"], e["type"]) for e in _annotate(text, flat=True)}
    assert {("晋中市委", "Organization"), ("晋中市", "Place")} <= nested
    assert ("晋中市委", "Organization") in flat
    assert "晋中市" not in {t for t, _ in flat}


def test_flat_output_has_no_span_inside_another() -> None:
    for text in TEXTS:
        spans = [(e["start"], e["end"]) for e in _annotate(text, flat=True)]
        for i, (s1, e1) in enumerate(spans):
            for j, (s2, e2) in enumerate(spans):
                assert i == j or not (s1 <= s2 and e2 <= e1), (text, spans)


def test_reference_mentions_never_appear() -> None:
    text = "山西省委书记蓝佛安在太原调研。他指出，我省要加快转型发展。"
    for flat in (False, True):
        assert "我省" not in {e["text"] for e in _annotate(text, flat)}


@pytest.mark.parametrize(
    "mentions, flat, expected",
    [
        # the table is the spec: (start, end, text, type, rule) in, texts out
        (
            [(0, 3, "晋中市", "Place", "nested-place"), (0, 4, "晋中市委", "Organization", "suffix:委")],
            False,
            ["晋中市委", "晋中市"],
        ),
        (
            [(0, 3, "晋中市", "Place", "nested-place"), (0, 4, "晋中市委", "Organization", "suffix:委")],
            True,
            ["晋中市委"],
        ),
        ([(5, 7, "我省", "Place", "reference"), (0, 2, "山西", "Place", "gazetteer")], False, ["山西"]),
        # a nested name that does not start where its container does
        (
            [
                (0, 7, "共青团北京市委", "Organization", "suffix:委"),
                (3, 6, "北京市", "Place", "nested-place"),
            ],
            True,
            ["共青团北京市委"],
        ),
        # the same span twice: once
        ([(0, 2, "北京", "Place", "gazetteer"), (0, 2, "北京", "Place", "lexicon")], False, ["北京"]),
        # same span, two types: flat keeps the non-nested one
        (
            [(0, 2, "北京", "Place", "nested-place"), (0, 2, "北京", "Organization", "suffix:x")],
            True,
            ["北京"],
        ),
        # touching and separate spans stay
        (
            [(0, 2, "北京", "Place", "gazetteer"), (2, 4, "上海", "Place", "gazetteer")],
            True,
            ["北京", "上海"],
        ),
    ],
)
def test_select_mentions_table(mentions, flat, expected) -> None:
    ms = [Mention(s, e, t, ty, 0, rule) for s, e, t, ty, rule in mentions]
    assert [m.text for m in select_mentions(ms, flat=flat)] == expected


def test_same_span_flat_keeps_the_non_nested_type() -> None:
    ms = [
        Mention(0, 2, "北京", "Place", 0, "nested-place"),
        Mention(0, 2, "北京", "Organization", 0, "suffix:x"),
    ]
    assert [m.type for m in select_mentions(ms, flat=True)] == ["Organization"]


# --------------------------------------------------------------------------- bad records
@pytest.mark.parametrize(
    "record, reason",
    [
        ({"id": "x"}, '"text"'),
        ({"id": "x", "text": 3}, '"text"'),
        ({"text": "北京"}, '"id"'),
        (["北京"], "object"),
    ],
)
def test_bad_records_raise_input_error_naming_the_line(record, reason) -> None:
    good = {"id": "g", "text": "北京"}
    it = annotate([good, record], tools())
    assert next(it)["id"] == "g"
    with pytest.raises(InputError) as err:
        next(it)
    assert "line 2" in str(err.value)
    assert reason in str(err.value)


# --------------------------------------------------------------------------- command line
@pytest.fixture
def jsonl(tmp_path) -> Path:
    path = tmp_path / "in.jsonl"
    lines = [
        json.dumps({"id": "a", "text": "晋中市委书记常书铭在祁县调研。", "entities": []}, ensure_ascii=False),
        '{"id": "b", "text": "没有结尾',  # truncated: not JSON
        "",
        json.dumps({"id": "c", "text": TEXTS[-1]}, ensure_ascii=False),
    ]
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


def test_cli_round_trip_reports_the_bad_line_and_goes_on(jsonl, tmp_path) -> None:
    out = tmp_path / "out.jsonl"
    result = CliRunner().invoke(main, ["annotate", "--jsonl", str(jsonl), "-o", str(out)])
    assert result.exit_code == 0, result.output
    assert result.stdout == ""
    err = result.stderr.splitlines()
    assert len(err) == 2, err
    assert f"{jsonl}:2:" in err[0] and "not JSON" in err[0]
    assert "2 records annotated, 1 line skipped" in err[1]
    assert "Traceback" not in result.output
    records = [json.loads(line) for line in out.read_text(encoding="utf-8").splitlines()]
    assert [r["id"] for r in records] == ["a", "c"]
    texts = {"a": "晋中市委书记常书铭在祁县调研。", "c": TEXTS[-1]}
    for r in records:
        for e in r["entities"]:
            assert texts[r["id"]][e["start"] : e["end"]] == e["text"]
    # --flat is the default: 晋中市 inside 晋中市委 is not written
    assert "晋中市" not in {e["text"] for e in records[0]["entities"]}
    # written as UTF-8 text, not \\u escapes
    assert "晋中市委" in out.read_text(encoding="utf-8")


def test_cli_nested_keeps_both(jsonl, tmp_path) -> None:
    out = tmp_path / "out.jsonl"
    result = CliRunner().invoke(main, ["annotate", "--jsonl", str(jsonl), "-o", str(out), "--nested"])
    assert result.exit_code == 0, result.output
    first = json.loads(out.read_text(encoding="utf-8").splitlines()[0])
    assert {"晋中市", "晋中市委"} <= {e["text"] for e in first["entities"]}


def test_cli_fails_only_when_nothing_could_be_read(tmp_path) -> None:
    bad = tmp_path / "bad.jsonl"
    bad.write_text('not json\n{"id": "x"}\n', encoding="utf-8")
    result = CliRunner().invoke(main, ["annotate", "--jsonl", str(bad), "-o", str(tmp_path / "o.jsonl")])
    assert result.exit_code == 1
    assert f"{bad}:1:" in result.stderr and f"{bad}:2:" in result.stderr and '"text"' in result.stderr
    assert "no record could be read" in result.stderr
    assert "Traceback" not in result.output


def test_cli_skips_a_line_that_is_not_utf8(tmp_path) -> None:
    path = tmp_path / "in.jsonl"
    path.write_bytes(
        '{"id": "a", "text": "北京"}\n'.encode() + '{"id": "b", "text": "上海"}\n'.encode("gb18030")
    )
    out = tmp_path / "o.jsonl"
    result = CliRunner().invoke(main, ["annotate", "--jsonl", str(path), "-o", str(out)])
    assert result.exit_code == 0, result.output
    assert f"{path}:2:" in result.stderr and "UTF-8" in result.stderr
    assert [json.loads(line)["id"] for line in out.read_text(encoding="utf-8").splitlines()] == ["a"]


def test_annotate_is_in_the_main_help() -> None:
    result = CliRunner().invoke(main, ["--help"])
    assert "kg annotate" in result.output


# --------------------------------------------------------------------------- what the scorer reads
def test_output_has_the_shape_score_spans_reads(jsonl, tmp_path) -> None:
    out = tmp_path / "out.jsonl"
    assert CliRunner().invoke(main, ["annotate", "--jsonl", str(jsonl), "-o", str(out)]).exit_code == 0
    for line in out.read_text(encoding="utf-8").splitlines():
        r = json.loads(line)
        assert isinstance(r["id"], str)
        assert isinstance(r["entities"], list)
        for e in r["entities"]:
            assert isinstance(e["start"], int) and isinstance(e["end"], int)
            assert e["type"] in ENTITY_TYPES


@pytest.mark.skipif(not SCORE_SPANS.exists(), reason="../shared/eval/score_spans.py not available")
def test_score_spans_accepts_the_output(tmp_path) -> None:
    text = "晋中市委书记常书铭在祁县调研。"
    gold = tmp_path / "gold.jsonl"
    gold.write_text(
        json.dumps(
            {
                "id": "g1",
                "text": text,
                "entities": [
                    {"start": 0, "end": 4, "type": "ORG", "text": "晋中市委"},
                    {"start": 6, "end": 9, "type": "PER", "text": "常书铭"},
                    {"start": 10, "end": 12, "type": "LOC", "text": "祁县"},
                ],
            },
            ensure_ascii=False,
        )
        + "\n",
        encoding="utf-8",
    )
    pred = tmp_path / "pred.jsonl"
    assert CliRunner().invoke(main, ["annotate", "--jsonl", str(gold), "-o", str(pred)]).exit_code == 0
    proc = subprocess.run(
        [sys.executable, str(SCORE_SPANS), str(gold), "--pred", str(pred), "--json"],
        capture_output=True,
        text=True,
        encoding="utf-8",
        check=False,
    )
    assert proc.returncode == 0, proc.stderr
    figures = json.loads(proc.stdout.splitlines()[-1])
    assert figures["records"] == 1 and figures["missing_from_pred"] == 0
    assert figures["all"]["f"] == 1.0


@pytest.mark.parametrize(
    "text, expected",
    [
        ("六十年代初，吴先生到了北京。", ["吴"]),
        ("药政科科长刘某说，门诊已被查封。", ["刘"]),
        ("后来陆老师干脆把天花板捅了个洞。", ["陆"]),
        # hard negatives: a title ending a longer word, a preposition before a title
        ("免去他的特命全权大使职务。", []),
        ("向本报记者介绍了事情的前因后果。", []),
        ("他曾任副委员长。", []),
    ],
)
def test_bare_surname_before_a_form_of_address_is_a_person_span(text: str, expected: list[str]) -> None:
    found = [e["text"] for e in _annotate(text, flat=True) if e["type"] == "Person"]
    assert found == expected


def test_flat_output_prefers_the_body_inside_an_event_name() -> None:
    text = "中国共产党与世界政党高层对话会在北京举行。"
    flat = {(e["text"], e["type"]) for e in _annotate(text, flat=True)}
    assert ("中国共产党", "Organization") in flat
    assert not any(t == "Event" for _x, t in flat)
    nested = {(e["text"], e["type"]) for e in _annotate(text, flat=False)}
    assert ("中国共产党与世界政党高层对话会", "Event") in nested  # the graph keeps the event


@pytest.mark.parametrize(
    "text, company, graph_company",
    [
        ("美国休斯公司的卫星发射成功。", "美国休斯公司", "休斯公司"),
        ("澳大利亚利富国际有限公司今天成立。", "澳大利亚利富国际有限公司", "利富国际有限公司"),
        # hard negatives: a word between them, a Chinese place before a company
        ("他在美国的英特尔公司工作。", "英特尔公司", "英特尔公司"),
        ("北京燕山石化公司扩建。", "北京燕山石化公司", "北京燕山石化公司"),
    ],
)
def test_flat_output_opens_a_company_with_the_country_before_it(text: str, company: str, graph_company: str) -> None:
    flat = {(e["text"], e["type"]) for e in _annotate(text, flat=True)}
    assert (company, "Enterprise") in flat
    nested = {(e["text"], e["type"]) for e in _annotate(text, flat=False)}
    assert (graph_company, "Enterprise") in nested  # the graph keeps the country apart


@pytest.mark.parametrize(
    "text, body, graph_body",
    [
        ("英国雷丁大学的科学家发现了新物种。", "英国雷丁大学", "雷丁大学"),
        ("德国塔宾根大学的研究人员发表报告。", "德国塔宾根大学", "塔宾根大学"),
        # hard negatives: China is no foreign country, a word between them
        ("中国科学院发布报告。", "中国科学院", "中国科学院"),
        ("他在英国的雷丁大学读书。", "雷丁大学", "雷丁大学"),
    ],
)
def test_flat_output_opens_a_body_with_the_country_before_it(text: str, body: str, graph_body: str) -> None:
    flat = {(e["text"], e["type"]) for e in _annotate(text, flat=True)}
    assert (body, "Organization") in flat
    nested = {(e["text"], e["type"]) for e in _annotate(text, flat=False)}
    assert (graph_body, "Organization") in nested  # the graph keeps the country apart


def test_span_view_keeps_the_home_country_the_graph_leaves_out() -> None:
    text = "海外华文媒体讲好中国故事。"
    assert ("中国", "Place") in {(e["text"], e["type"]) for e in _annotate(text, flat=True)}


@pytest.mark.parametrize(
    "text, hotel",
    [("招待会在北京王府饭店举行。", "北京王府饭店"), ("代表团下榻长白山宾馆。", "长白山宾馆"), ("论坛在北京国际酒店举行。", "北京国际酒店")],
)
def test_a_hotel_is_a_place_in_the_graph_and_a_body_in_flat_spans(text: str, hotel: str) -> None:
    # the graph's guidelines count a hotel as a named building (Place); the public
    # PER/LOC/ORG corpora annotate it as an organisation
    nested = {(e["text"], e["type"]) for e in _annotate(text)}
    flat = {(e["text"], e["type"]) for e in _annotate(text, flat=True)}
    assert (hotel, "Place") in nested
    assert (hotel, "Enterprise") in flat and (hotel, "Place") not in flat


def test_the_flat_type_of_a_suffix_comes_from_its_span_type_column(tmp_path) -> None:
    # a suffix row of a --data-dir overlay that says its names are bodies in flat spans
    # is typed so there, with no list in code; the graph keeps the row's own type
    from kg.config import Settings
    from kg.pipeline import make_tools
    from kg.resources import default_data_dir

    rules = tmp_path / "rules"
    rules.mkdir()
    builtin = (default_data_dir() / "rules" / "suffixes.tsv").read_text(encoding="utf-8")
    (rules / "suffixes.tsv").write_text(builtin + "客栈\tPlace\tproper\t2\t代表团下榻【泰山客栈】。\t\tEnterprise\n",
                                        encoding="utf-8")
    tools = make_tools(Settings(), tmp_path)
    text = "代表团下榻泰山客栈。"
    nested = {(e["text"], e["type"]) for e in annotate_record({"id": 1, "text": text}, tools)["entities"]}
    flat = {(e["text"], e["type"]) for e in annotate_record({"id": 1, "text": text}, tools, flat=True)["entities"]}
    assert ("泰山客栈", "Place") in nested
    assert ("泰山客栈", "Enterprise") in flat


@pytest.mark.parametrize(
    "text, government, place",
    [("会上，湛江市政府与企业签署合作协议。", "湛江市政府", "湛江市"), ("中国政府一贯支持多边贸易体制。", "中国政府", "中国")],
)
def test_a_government_is_a_body_in_the_graph_and_its_place_in_flat_spans(text: str, government: str, place: str) -> None:
    # the public corpora annotate a state acting through its government as the place
    nested = {(e["text"], e["type"]) for e in _annotate(text)}
    flat = {(e["text"], e["type"]) for e in _annotate(text, flat=True)}
    assert (government, "Organization") in nested
    assert (place, "Place") in flat and (government, "Organization") not in flat


def test_a_people_s_government_keeps_its_formal_name_in_flat_spans() -> None:
    flat = {(e["text"], e["type"]) for e in _annotate("长治市人民政府与华为公司签署合作协议。", flat=True)}
    assert ("长治市人民政府", "Organization") in flat


@pytest.mark.parametrize(
    "text, region, name",
    [("使南亚地区的局势骤然紧张。", "南亚地区", "南亚"), ("亚太地区的电子商务营业额将大幅增长。", "亚太地区", "亚太")],
)
def test_a_region_keeps_diqu_in_the_graph_and_drops_it_in_flat_spans(text: str, region: str, name: str) -> None:
    # MSRA and People's Daily annotate the region's name alone, 地区 being a common word
    nested = {(e["text"], e["type"]) for e in _annotate(text)}
    flat = {(e["text"], e["type"]) for e in _annotate(text, flat=True)}
    assert (region, "Place") in nested
    assert (name, "Place") in flat and (region, "Place") not in flat


def test_a_word_before_diqu_that_is_no_place_stays_out_of_flat_spans() -> None:
    # 西部地区 is named by the gazetteer as a whole; 西部 alone is no place form
    flat = {e["text"] for e in _annotate("加快西部地区和边远地区发展。", flat=True)}
    assert "西部" not in flat


def test_the_founder_of_a_doctrine_is_a_person_span_in_flat_output_only() -> None:
    # MSRA and People's Daily mark 马克思 inside 马克思主义; the graph does not count it
    text = "坚持马克思主义信念永不变。"
    assert ("马克思", "Person") in {(e["text"], e["type"]) for e in _annotate(text, flat=True)}
    assert not any(e["type"] == "Person" for e in _annotate(text))


@pytest.mark.parametrize("text", ["批判修正主义的错误观点。", "反对大斯拉夫主义。", "纳粹主义的罪行不容否认。"])
def test_a_doctrine_named_after_no_person_gives_no_person_span(text: str) -> None:
    assert not any(e["type"] == "Person" for e in _annotate(text, flat=True))


@pytest.mark.parametrize(
    "text, event, span",
    [("认真学习党的十五大精神。", "党的十五大", "十五大"), ("中共十五大提出了宏观目标。", "中共十五大", "中共十五大"), ("十五大报告指出了方向。", "十五大", "十五大")],
)
def test_the_party_congress_is_an_event_in_the_graph_and_a_body_in_flat_spans(text: str, event: str, span: str) -> None:
    # MSRA and People's Daily annotate the congress (十五大) as an organisation, without 党的
    nested = {(e["text"], e["type"]) for e in _annotate(text)}
    flat = {(e["text"], e["type"]) for e in _annotate(text, flat=True)}
    assert (event, "Event") in nested
    assert (span, "Organization") in flat and not any(t == "Event" for _n, t in flat)


@pytest.mark.parametrize("text, alias, name", [("新中国成立后，澳门政治环境稳定。", "新中国", "中国"), ("这是前苏联的教科书。", "前苏联", "苏联")])
def test_a_new_or_former_country_is_its_name_alone_in_flat_spans(text: str, alias: str, name: str) -> None:
    flat = {(e["text"], e["type"]) for e in _annotate(text, flat=True)}
    assert (name, "Place") in flat and (alias, "Place") not in flat


def test_a_country_whose_name_opens_with_xin_keeps_it() -> None:
    flat = {e["text"] for e in _annotate("新西兰总理与新加坡外长会谈。", flat=True)}
    assert {"新西兰", "新加坡"} <= flat


def test_a_region_of_the_lexicon_drops_diqu_in_flat_spans() -> None:
    # 东北 is a region of the lexicon, not of the gazetteer
    flat = {(e["text"], e["type"]) for e in _annotate("降雨系统高空冷涡仍维持在东北地区。", flat=True)}
    assert ("东北", "Place") in flat and ("东北地区", "Place") not in flat


@pytest.mark.parametrize(
    "text, span",
    [("美国《洛杉矶时报》最近刊登一文。", "美国《洛杉矶时报》"), ("美国《读者文摘》杂志目前共有48个版本。", "美国《读者文摘》杂志")],
)
def test_an_outlet_after_its_place_is_one_flat_span(text: str, span: str) -> None:
    # MSRA and People's Daily annotate the place and the outlet in title marks as one ORG
    assert (span, "Organization") in {(e["text"], e["type"]) for e in _annotate(text, flat=True)}
    assert not any("《" in e["text"] for e in _annotate(text))


def test_a_work_in_title_marks_after_a_place_is_no_outlet() -> None:
    assert not any(e["type"] == "Organization" for e in _annotate("我在美国《哈利·波特》首映式上见到了他。", flat=True))


def test_china_opens_a_body_s_flat_span_but_not_a_company_s() -> None:
    flat = {(e["text"], e["type"]) for e in _annotate("中国全国人大与英国议会的交流与合作日益密切。", flat=True)}
    assert ("中国全国人大", "Organization") in flat and ("中国", "Place") not in flat
    nested = {(e["text"], e["type"]) for e in _annotate("中国全国人大与英国议会的交流与合作日益密切。")}
    assert ("全国人大", "Organization") in nested


@pytest.mark.parametrize(
    "text, place",
    [("剧目中有京剧《宝莲灯》。", "京"), ("数百万华侨的义愤难平。", "华"), ("中外专家研讨国际航天标准。", "中"), ("我国江淮流域河网纵横。", "淮"), ("穿越历届奥运会举办城市。", "奥"), ("他在抗日战争时期参加革命。", "日")],
)
def test_an_abbreviation_opening_a_common_word_is_a_flat_place_span_only(text: str, place: str) -> None:
    assert (place, "Place") in {(e["text"], e["type"]) for e in _annotate(text, flat=True)}
    assert (place, "Place") not in {(e["text"], e["type"]) for e in _annotate(text)}


@pytest.mark.parametrize("text", ["免去朱安康的中华人民共和国驻南斯拉夫大使职务。", "他晚年还担任华侨大学董事长。"])
def test_an_abbreviated_word_inside_a_longer_word_or_name_gives_no_place(text: str) -> None:
    assert "华" not in {e["text"] for e in _annotate(text, flat=True)}


def test_a_region_named_by_two_abbreviations_is_two_flat_places() -> None:
    text = "这是青藏高原隆起的重要证据。"
    flat = {(e["text"], e["type"]) for e in _annotate(text, flat=True)}
    assert {("青", "Place"), ("藏", "Place")} <= flat
    assert ("青藏高原", "Place") in {(e["text"], e["type"]) for e in _annotate(text)}


def test_the_chinese_nation_names_china_in_flat_spans_only() -> None:
    text = "唯独这座山融入了中华民族的灵魂。"
    assert ("中华", "Place") in {(e["text"], e["type"]) for e in _annotate(text, flat=True)}
    assert ("中华", "Place") not in {(e["text"], e["type"]) for e in _annotate(text)}


@pytest.mark.parametrize(
    "text, body",
    [
        ("问题和威胁没有吓倒纪委的办案人员。", "纪委"),
        ("地委书记黄有泉等领导来到现场。", "地委"),
        ("１９９７年５月，市人大常委会作出了决定。", "市人大常委会"),
        ("决定撤销他的省委宣传部副部长职务。", "省委宣传部"),
        ("经过六届人大常委会审议，决定提请大会审议。", "六届人大常委会"),
        ("根据国会公布的选举结果，他当选总统。", "国会"),
        ("村委会组织村民修好了道路。", "村委会"),
    ],
)
def test_a_body_named_by_its_level_is_a_flat_span_only(text: str, body: str) -> None:
    # MSRA and People's Daily tag 市委, 人大, 国会 standing alone; the graph reads them as references
    assert (body, "Organization") in {(e["text"], e["type"]) for e in _annotate(text, flat=True)}
    assert body not in {e["text"] for e in _annotate(text)}


@pytest.mark.parametrize(
    "text, word",
    [
        ("人大社会学系的学者们较早注意到这一现象。", "人大"),  # 中国人民大学's department
        ("启动仪式上，幸福工程组委会主任宣布了名单。", "组委会"),  # the end of a longer name
        ("目前由桥本内阁执行的政策难以奏效。", "内阁"),
        ("十几年来，恭城先后换了六届县委书记。", "六届县委"),  # a party committee has no session
        ("他是晋中市委书记。", "市委"),  # inside the name 晋中市委
    ],
)
def test_a_level_word_that_is_part_of_something_else_gives_no_bare_body(text: str, word: str) -> None:
    assert word not in {e["text"] for e in _annotate(text, flat=True)}


@pytest.mark.parametrize(
    "text, person",
    [("这是能够获得诺贝尔奖的成果。", "诺贝尔"), ("中国女队手中夺走尤伯杯。", "尤伯"), ("两队将角逐汤姆斯杯。", "汤姆斯")],
)
def test_the_person_a_cup_or_prize_is_named_after_is_a_person_span_in_flat_output_only(text: str, person: str) -> None:
    # MSRA and People's Daily mark 诺贝尔 inside 诺贝尔奖; the graph does not count it
    assert (person, "Person") in {(e["text"], e["type"]) for e in _annotate(text, flat=True)}
    assert not any(e["type"] == "Person" for e in _annotate(text))


@pytest.mark.parametrize("text", ["中国队夺得世界杯冠军。", "她获得了梅花奖。", "影片获得金鸡奖。"])
def test_a_cup_or_prize_named_after_no_person_gives_no_person_span(text: str) -> None:
    assert not any(e["type"] == "Person" for e in _annotate(text, flat=True))
