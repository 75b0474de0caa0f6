"""Tests of kg.read.text: cleaning, sentence offsets, PDF line repair and page furniture."""

from __future__ import annotations

import doctest
import itertools
import re
import signal
from contextlib import contextmanager
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import kg.read.text
from kg.resources import default_data_dir
from kg.read.text import (
    MAX_SENTENCE,
    clean_text,
    find_furniture,
    join_broken_lines,
    looks_like_pdf_text,
    sections,
    split_sentences,
)

CORPUS = default_data_dir() / "corpus"
CORPUS_FILES = sorted(CORPUS.glob("*.txt"))
PDF_DUMPS = {"002_5285e54513fe2807.txt", "004_8ab6ed9395592824.txt"}


def corpus_text(name: str) -> str:
    return clean_text((CORPUS / name).read_text(encoding="utf-8"))


@contextmanager
def deadline(seconds: int):
    """A safety net for inputs that once took quadratic time: a run past ``seconds`` fails
    instead of hanging the suite (the work itself takes milliseconds now)."""

    def expired(*_):
        raise TimeoutError(f"still running after {seconds} s")

    previous = signal.signal(signal.SIGALRM, expired)
    signal.alarm(seconds)
    try:
        yield
    finally:
        signal.alarm(0)
        signal.signal(signal.SIGALRM, previous)


def test_docstring_examples_run() -> None:
    result = doctest.testmod(kg.read.text, optionflags=doctest.NORMALIZE_WHITESPACE)
    assert result.attempted >= 6
    assert result.failed == 0


# --------------------------------------------------------------------------- clean_text


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        ("山西\r\n晋中\r榆次", "山西\n晋中\n榆次"),
        ("\ufeff山西\u200b省\u200d晋中\u2060市", "山西省晋中市"),
        ("晋中  \t\n榆次\u3000\n", "晋中\n榆次"),
        ("甲\n\n\n\n\n乙\n\n丙", "甲\n\n乙\n\n丙"),
        ("  \n\n 正文 \n\n", "正文"),
        # Full-width punctuation and spaces inside lines are kept: no NFKC.
        ("他说：“好！”（上接第１版）\u3000晋中", "他说：“好！”（上接第１版）\u3000晋中"),
        ("控制\x00字\x07符\x1f", "控制字符"),
        ("标题\n\u3000\u3000首行缩进保留。", "标题\n\u3000\u3000首行缩进保留。"),
    ],
)
def test_clean_text(raw: str, expected: str) -> None:
    assert clean_text(raw) == expected


@given(st.text())
def test_clean_text_is_idempotent(raw: str) -> None:
    once = clean_text(raw)
    assert clean_text(once) == once
    assert "\r" not in once


@settings(max_examples=300)
@given(st.text(alphabet=st.sampled_from(list(" \u3000\t\n中a，")), max_size=60))
def test_trailing_spaces_go_as_the_plain_pattern_said(raw: str) -> None:
    # the pattern matches a run from its first space only, and takes it whole
    assert kg.read.text._TRAILING_SPACE_RE.sub("", raw) == re.sub(r"[^\S\n]+$", "", raw, flags=re.MULTILINE)


def test_a_long_run_of_spaces_inside_a_line_is_cleaned_at_once() -> None:
    # tried from each of its spaces, the old pattern read the rest of the run every time:
    # quadratic, about 10 s for 40,000 spaces and hours for these
    raw = "山西" + " " * 400_000 + "晋中 \n榆次"
    with deadline(20):
        assert clean_text(raw) == raw.replace(" \n", "\n")


# --------------------------------------------------------------------------- split_sentences


def texts(text: str) -> list[str]:
    return [s.text for s in split_sentences(text)]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("山西加快转型。晋中推动发展！真的吗？", ["山西加快转型。", "晋中推动发展！", "真的吗？"]),
        # A closing quote or bracket stays with the sentence it closes.
        ("他说：“要加快发展。”记者了解到情况。", ["他说：“要加快发展。”", "记者了解到情况。"]),
        ("“好！”“行！”", ["“好！”", "“行！”"]),
        ("（见第二版。）下文。", ["（见第二版。）", "下文。"]),
        ("《资本论》等著作……岁月悠悠，初心未改。", ["《资本论》等著作……", "岁月悠悠，初心未改。"]),
        ("低碳生活渐成风尚……”他说。", ["低碳生活渐成风尚……”", "他说。"]),
        ("推动货物贸易协调发展；稳步扩大开放", ["推动货物贸易协调发展；", "稳步扩大开放"]),
        ("Is it?Yes!", ["Is it?", "Yes!"]),
        # Every line break is a boundary, blank lines and surrounding spaces give nothing.
        ("第一段没有句号\n\n  第二段。  \n\n\n", ["第一段没有句号", "第二段。"]),
        ("同比增长28.51%，总产值105.49亿元。", ["同比增长28.51%，总产值105.49亿元。"]),
        ("", []),
        (" \n\u3000\n", []),
    ],
)
def test_split_sentences_boundaries(text: str, expected: list[str]) -> None:
    assert texts(text) == expected


def test_split_sentences_paragraphs_headings_and_offsets() -> None:
    text = "创新引擎不断提速\n\n  100 余台智能小车忙着供料。新技术进步着。\n（下转第2版）\n维护世界和平，我们矢志不渝——"
    sentences = split_sentences(text)
    assert [(s.index, s.paragraph, s.heading) for s in sentences] == [
        (0, 0, True),
        (1, 1, False),
        (2, 1, False),
        (3, 2, True),
        (4, 3, True),
    ]
    for s in sentences:
        assert text[s.start : s.end] == s.text
    assert sentences[1].text == "100 余台智能小车忙着供料。"


@pytest.mark.parametrize(
    ("line", "heading"),
    [
        ("创新引擎不断提速", True),
        ("深化市校协同创新 赋能农业“特”“优”发展", True),
        ("山西是“新名片”", True),
        ("市场是当今世界的稀缺资源。", False),  # closing punctuation
        ("山西团代表提出建议：", False),
        ("本报讯 （记者刘冬冬）近日，", False),
        ("一句话。第二句话", False),  # two sentences
        ("甲" * 41, False),  # too long for a headline
    ],
)
def test_heading_flag(line: str, heading: bool) -> None:
    sentences = split_sentences("正文。\n" + line)
    assert all(s.heading == heading for s in sentences[1:])


def test_long_sentences_are_cut() -> None:
    no_punct = "晋" * 1234
    sentences = split_sentences(no_punct)
    assert [len(s.text) for s in sentences] == [MAX_SENTENCE, MAX_SENTENCE, 234]
    with_commas = ("山西省晋中市" * 10 + "，") * 20  # 1220 characters, commas every 61
    sentences = split_sentences(with_commas)
    assert all(len(s.text) <= MAX_SENTENCE for s in sentences)
    assert all(s.text.endswith("，") for s in sentences)
    assert "".join(s.text for s in sentences) == with_commas


def assert_sentence_invariants(text: str) -> None:
    sentences = split_sentences(text)
    previous_end = 0
    for i, s in enumerate(sentences):
        assert s.index == i
        assert text[s.start : s.end] == s.text
        assert s.text and not s.text[0].isspace() and not s.text[-1].isspace()
        assert "\n" not in s.text
        assert len(s.text) <= MAX_SENTENCE
        assert s.start >= previous_end
        previous_end = s.end
    # Nothing but whitespace is left out.
    assert non_space("".join(s.text for s in sentences)) == non_space(text)
    paragraphs = [s.paragraph for s in sentences]
    assert paragraphs == sorted(paragraphs)


@pytest.mark.parametrize("path", CORPUS_FILES, ids=lambda p: p.name)
def test_sentence_offsets_on_corpus(path: Path) -> None:
    text = clean_text(path.read_text(encoding="utf-8"))
    if looks_like_pdf_text(text):
        text = clean_text(join_broken_lines(text))
    assert_sentence_invariants(text)
    assert len(split_sentences(text)) > 20


SENTENCE_ALPHABET = st.sampled_from(
    list("山西晋中市榆次区 \t\n\u3000\u00a0。！？!?；…”’」』）)】》“（，,ab1")
)


@settings(max_examples=300)
@given(st.text(alphabet=SENTENCE_ALPHABET, max_size=300) | st.text(max_size=200))
def test_sentence_offsets_property(text: str) -> None:
    assert_sentence_invariants(text)


@settings(max_examples=30)
@given(st.text(alphabet=st.sampled_from(list("晋中，,  ")), min_size=501, max_size=2000))
def test_long_sentence_property(text: str) -> None:
    assert_sentence_invariants(text)


def test_a_long_unpunctuated_line_is_cut_into_sentences_that_tile_it() -> None:
    text = "晋中" * 600_000  # 1.2 million characters, one line, no punctuation
    sentences = split_sentences(text)
    assert len(sentences) == len(text) // MAX_SENTENCE
    assert all(s.end - s.start == MAX_SENTENCE for s in sentences)
    assert [s.start for s in sentences[1:]] == [s.end for s in sentences[:-1]]
    assert sentences[-1].end == len(text)


@pytest.mark.parametrize(
    ("text", "first_end"),
    [
        ("中" * 495 + "Huawei2024" + "中" * 100, 495),  # a Latin word and number stay whole
        ("中" * 499 + "葛\U000e0100" + "中" * 100, 499),  # a variation selector stays with its character
        ("中" * 600, MAX_SENTENCE),  # Chinese alone: at the limit
        ("a" * 600, MAX_SENTENCE),  # no safe place within reach: at the limit
    ],
    ids=["latin", "selector", "chinese", "one-word"],
)
def test_a_cut_without_punctuation_falls_at_a_safe_place(text: str, first_end: int) -> None:
    sentences = split_sentences(text)
    assert sentences[0].end == first_end
    assert "".join(s.text for s in sentences) == text


# --------------------------------------------------------------------------- PDF text


@pytest.mark.parametrize("path", CORPUS_FILES, ids=lambda p: p.name)
def test_looks_like_pdf_text_on_corpus(path: Path) -> None:
    assert looks_like_pdf_text(clean_text(path.read_text(encoding="utf-8"))) == (path.name in PDF_DUMPS)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("短文。\n两行", False),  # too short to tell
        ("\n\n".join(["山西加快转型发展，推动高质量发展取得新突破。"] * 12), False),
        ("\n".join(["山西加快转型发展，推动高质量发展取得新突破。"] * 12), False),
        ("\n".join(["晋中市持续推动焦化行业转型升级形成了"] * 12), True),
    ],
)
def test_looks_like_pdf_text(text: str, expected: bool) -> None:
    assert looks_like_pdf_text(text) is expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # Mid-word breaks are joined without a space.
        ("主持召开中\n央全面深化改革委员会第八次会议。", "主持召开中央全面深化改革委员会第八次会议。"),
        # Terminal punctuation (with a closing quote) ends the paragraph.
        ("他说：“好。”\n记者了解到。", "他说：“好。”\n\n记者了解到。"),
        # A bare closing quote does not end a sentence.
        ("从“实验室”到“车间”\n“田间”的蝶变。", "从“实验室”到“车间”“田间”的蝶变。"),
        # A headline block between blank lines keeps one line per headline line.
        (
            "排头兵。\n\n创新引擎不断提速\n引领行业风向\n\n100 余台小车。",
            "排头兵。\n\n创新引擎不断提速\n引领行业风向\n\n100 余台小车。",
        ),
        # Letter-spaced CJK loses its spaces, digits and Latin keep theirs.
        ("“探\n寻 国 际 数 字 治 理 之\n道”等议题。", "“探寻国际数字治理之道”等议题。"),
        ("2019 年 5 月，100 余台 5G 智能小车。", "2019 年 5 月，100 余台 5G 智能小车。"),
        ("深化市校协同创新 赋能农业发展。", "深化市校协同创新 赋能农业发展。"),
        # Two Latin words across a break keep a space.
        ("携手 China\nTextile 公司。", "携手 China Textile 公司。"),
        # Jump markers end and start paragraphs.
        ("高端产品上\n下功夫。 （下转第2版）\n新华社电", "高端产品上下功夫。 （下转第2版）\n\n新华社电"),
        ("赋能农业发展\n（上接第1版）要强化科技服务。", "赋能农业发展\n\n（上接第1版）要强化科技服务。"),
        ("", ""),
    ],
)
def test_join_broken_lines(text: str, expected: str) -> None:
    assert join_broken_lines(text) == expected


def test_join_broken_lines_column_breaks() -> None:
    text = (
        "同时要看到，西部地区发展仍面临不少\n"
        "困难和挑战，要切实研究解决。习近平强\n"
        "调，要坚持把发展特色优势产业作为主攻\n"
        "方向，加快西部地区产业转型升级。要加\n"
        "\n"
        "强科技创新和产业创新深度融合。\n"
        "\n"
        "本报讯 （记者刘冬冬）近日，展览会举\n"
        "行。\n"
        "\n"
        "新华社记者 谢希瑶 郑钧天\n"
        "\n"
        "短行\n"
    )
    assert join_broken_lines(text).split("\n\n") == [
        (
            "同时要看到，西部地区发展仍面临不少困难和挑战，要切实研究解决。习近平强调，要坚持把发展特色"
            "优势产业作为主攻方向，加快西部地区产业转型升级。要加强科技创新和产业创新深度融合。"
        ),
        "本报讯 （记者刘冬冬）近日，展览会举行。",
        "新华社记者 谢希瑶 郑钧天",
        "短行",
    ]


def non_space(text: str) -> str:
    return re.sub(r"\s+", "", text)


@pytest.mark.parametrize("name", sorted(PDF_DUMPS))
def test_join_broken_lines_on_corpus(name: str) -> None:
    text = corpus_text(name)
    joined = join_broken_lines(text)
    assert non_space(joined) == non_space(text)
    assert joined.count("\n") < text.count("\n") / 3


def test_join_broken_lines_002_facts() -> None:
    joined = join_broken_lines(corpus_text("002_5285e54513fe2807.txt"))
    lines = joined.split("\n")
    assert "中央全面深化改革委员会第八次会议" in joined
    assert "晋能科技公司总经理杨立友说" in joined
    assert "在越南胡志明市举行" in joined
    assert "加大行业共性技术创新" in joined  # a blank line inside a sentence (column break)
    for headline in ("创新引擎不断提速", "引领行业风向", "李强蔡奇丁薛祥出席", "奋力谱写西部大开发新篇章"):
        assert headline in lines


def test_join_broken_lines_004_facts() -> None:
    joined = join_broken_lines(corpus_text("004_8ab6ed9395592824.txt"))
    lines = joined.split("\n")
    assert "第六届中国国际进口博览会" in joined
    assert "“探寻国际数字治理之道”" in joined
    assert lines[0] == "44 本版责编：王慧卿 苗皓然综合 2023年11月9日 星期四"
    assert lines[2].startswith("社址：榆次区汇通路96号")
    assert "智能化改造推动煤矿转型升级" in lines
    assert "新华社记者 谢希瑶 郑钧天" in lines
    assert "深化市校协同创新 赋能农业“特”“优”发展" in lines


@given(st.text(alphabet=st.sampled_from(list("山西晋中 \n。，“”ab12（上接第1版）")), max_size=300))
def test_join_broken_lines_keeps_non_space_characters(text: str) -> None:
    assert non_space(join_broken_lines(text)) == non_space(text)


# --------------------------------------------------------------------------- furniture

HEADER_004 = "44 本版责编：王慧卿 苗皓然综合 2023年11月9日 星期四"


def furniture(text: str) -> list[tuple[str, str]]:
    return [(text[s:e], kind) for s, e, kind in find_furniture(text)]


def test_find_furniture_004_header_lines() -> None:
    text = corpus_text("004_8ab6ed9395592824.txt")
    found = furniture(text)
    assert found[0] == (HEADER_004, "header")
    imprint, kind = found[1]
    assert kind == "imprint"
    assert imprint.startswith("社址：榆次区汇通路96号") and imprint.endswith("印刷单位地址:榆次区文苑街279号")
    assert ("（上接第1版）", "marker") in found
    assert [k for _, k in found].count("header") == 1


@pytest.mark.parametrize(
    ("line", "kind"),
    [
        (HEADER_004, "header"),
        ("2 晋中新闻 责编：张三 2024年4月24日 星期三", "header"),
        ("社址：榆次区汇通路96号 邮政编码：030600", "imprint"),
        ("地址:忻州市长征西街31号广电大楼一层", "imprint"),
        ("刊登热线:0350—3032752", "imprint"),
        ("电话：0354-3115973", "imprint"),
        ("社址 太原市双塔西街 邮编 030012 电话 0351-4048600", "imprint"),
        # Hard negatives: bylines and sentences that mention a field are not furniture.
        ("本报记者 刘冬冬", None),
        # A web page's source, editor and navigation lines (issue 18): nothing in them is a fact.
        ("责任编辑：张三", "source"),
        ("(责编:王五、赵六)", "source"),
        ("您所在的位置：首页 > 要闻 > 本地", "nav"),
        ("当前位置:首页 >> 新闻动态", "nav"),
        ("首页 本地 正文", "nav"),
        ("体育新闻首页 » 正文", "nav"),
        ("国内 | 国际 | 财经 | 走进青海 | 视频", "nav"),
        ("记者 王小明", None),
        ("网站首页改版后，访问量增加了一倍。", None),
        ("本市位置优越，首页展示的景区多达十处。", None),
        ("红色 | 绿色", None),
        ("新华社记者 谢希瑶 郑钧天", None),
        ("市民可拨打服务热线反映问题，电话会议于2023年11月9日召开。", None),
        ("发行量逐年增加，印刷质量不断提升。", None),
        ("本版文章2023年11月9日在全省发行，共印刷了一万册，邮局负责投递工作，欢迎订阅。", None),
    ],
)
def test_find_furniture_lines(line: str, kind: str | None) -> None:
    found = [k for _, _, k in find_furniture("正文。\n" + line + "\n正文。") if k != "marker"]
    assert found == ([kind] if kind else [])


@pytest.mark.parametrize(
    ("text", "markers"),
    [
        ("(上接第1版)全球发展高层对话会上。", ["(上接第1版)"]),
        ("引领行业风向。 （下转第2版）", ["（下转第2版）"]),
        ("（转第 3 版）与（接第十二版）", ["（转第 3 版）", "（接第十二版）"]),
        ("第1版刊登了文章。", []),
    ],
)
def test_find_furniture_markers(text: str, markers: list[str]) -> None:
    assert [t for t, k in furniture(text) if k == "marker"] == markers


@pytest.mark.parametrize(
    ("line", "spans"),
    [
        # each field of a source line is furniture, but the author is a byline and stays
        ("来源: 西江日报  作者:李文华", [("来源: 西江日报", "source")]),
        (
            "来源: 南岭网 | 编辑: 周平 | 责任编辑: 吴迪",
            [("来源: 南岭网", "source"), ("编辑: 周平", "source"), ("责任编辑: 吴迪", "source")],
        ),
        ("(文章来源:东湖财经)", [("文章来源:东湖财经)", "source")]),
        # a sentence that names its source states a fact
        ("据介绍，数据来源：省统计局。", []),
    ],
)
def test_find_furniture_source_fields(line: str, spans: list[tuple[str, str]]) -> None:
    assert furniture("正文。\n" + line + "\n正文。") == spans


def test_find_furniture_link_list_after_its_heading() -> None:
    text = "正文。\n相关新闻\n热门排行\n- 1西宁新增两条公交线路…\n- 2格尔木举办马拉松…\n结尾一句话。"
    assert [t for t, k in furniture(text) if k == "nav"] == [
        "相关新闻",
        "热门排行",
        "- 1西宁新增两条公交线路…",
        "- 2格尔木举办马拉松…",
    ]
    # without the heading a dashed line is text
    assert furniture("正文。\n- 1西宁新增两条公交线路\n结尾。") == []


def test_find_furniture_spans_are_exact_and_sorted() -> None:
    text = "  " + HEADER_004 + "  \n\n社址：榆次区 电话：3115973\n(上接第1版)正文。"
    spans = find_furniture(text)
    assert spans == tuple(sorted(spans))
    for start, end, _ in spans:
        assert text[start:end] == text[start:end].strip()


# --------------------------------------------------------------------------- sections


def _sentences_of(pieces: list[str]) -> tuple[str, tuple]:
    text = "".join(pieces)
    return text, split_sentences(text)


@settings(max_examples=200, deadline=None)
@given(
    st.lists(st.sampled_from(["山西晋中。", "榆次区汇通路！", "\n", "\n\n", "甲" * 30, "乙，" * 20]), max_size=80),
    st.integers(20, 400),
    st.integers(0, 100),
)
def test_sections_tile_the_text_at_sentence_starts(pieces: list[str], size: int, margin: int) -> None:
    text, sentences = _sentences_of(pieces)
    parts = sections(sentences, len(text), size=size, margin=margin)
    assert parts[0].start == 0 and parts[-1].end == len(text)
    sentence_starts = {s.start for s in sentences}
    for a, b in itertools.pairwise(parts):
        assert a.end == b.start and b.start in sentence_starts
    longest = max((s.end - s.start for s in sentences), default=0)
    for part in parts:
        assert part.start < part.end or len(parts) == 1
        if len(parts) > 1 and longest <= size:
            assert part.end - part.start <= size + (len(text) - sentences[-1].end)
        # the text read holds the section, a margin of whole sentences, and exactly the
        # sentences listed
        assert part.read_start <= part.start and part.end <= part.read_end
        assert part.read_start == 0 or part.start - part.read_start >= margin
        assert part.read_end == len(text) or part.read_end - part.end >= margin
        inside = [s.index for s in sentences if part.read_start <= s.start and s.end <= part.read_end]
        assert inside == list(range(part.first, part.last))


def test_sections_prefer_paragraph_starts() -> None:
    paragraph = "山西晋中市推动高质量发展。" * 6  # 78 characters a paragraph
    text, sentences = _sentences_of([paragraph + "\n"] * 10)
    parts = sections(sentences, len(text), size=200, margin=20)
    assert len(parts) > 3
    assert all(text[p.start - 1] == "\n" for p in parts[1:])


def test_a_short_text_is_one_section() -> None:
    text, sentences = _sentences_of(["山西晋中。"] * 3)
    assert sections(sentences, len(text)) == sections(sentences, len(text), size=len(text))
    (only,) = sections(sentences, len(text))
    assert (only.start, only.end, only.read_start, only.read_end, only.first, only.last) == (0, len(text), 0, len(text), 0, 3)


def test_a_long_line_naming_two_fields_is_text_not_an_imprint() -> None:
    # a whole document on one line names 电话： and 地址： somewhere: it is not furniture
    # (it was, and every mention in it was left out)
    imprint = "社址：榆次区汇通路96号 邮政编码：030600 电话：3115973"
    story = "记者从市政府获悉，咨询电话：12345。新的服务中心地址：汇通路。" + "全市经济平稳运行，" * 60
    assert find_furniture(imprint) == ((0, len(imprint), "imprint"),)
    assert find_furniture(story) == ()
