"""Tests of kg.read.text: cleaning and PDF line repair (sentences and page furniture have
their own test files: test_sentences.py, test_furniture.py)."""

from __future__ import annotations

import doctest
import re
import signal
from contextlib import contextmanager
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import kg.read.text
from kg.read.sentences import CLOSERS, TERMINALS
from kg.read.text import (
    clean_text,
    join_broken_lines,
    looks_like_pdf_text,
)
from kg.resources import default_data_dir

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
    assert result.attempted >= 4
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


#: What clean_text's docstring says, as plain patterns written here: line separators become
#: a newline, invisible characters (zero-width, BOM, soft hyphen, controls) go.
LINE_BREAK = "\r\n|[\r\u2028\u2029\x0b\x0c\x85]"
INVISIBLE = "[\u200b-\u200d\u2060\ufeff\u00ad\x00-\x08\x0e-\x1f\x7f-\x84\x86-\x9f]"
#: Every character of Unicode that those two rewrites change.
REWRITTEN = sorted(set(re.findall(f"{LINE_BREAK}|{INVISIBLE}", "".join(map(chr, range(0x110000))))))


def _cleaned_step_by_step(raw: str) -> str:
    """What clean_text's docstring says, one rewrite after another, with plain patterns."""
    text = re.sub(LINE_BREAK, "\n", raw)
    text = re.sub(INVISIBLE, "", text)
    text = re.sub(r"[^\S\n]+$", "", text, flags=re.MULTILINE)
    text = re.sub(r"\n{3,}", "\n\n", text)
    return text.strip()


def test_the_shortcut_knows_every_character_the_rewrites_change() -> None:
    # clean_text returns a text without any of _CHANGED_CHAR_RE's characters (and with no
    # space before a line break) stripped alone: that class must be exactly the rewritten ones
    everything = "".join(map(chr, range(0x110000)))
    assert len(REWRITTEN) == 71 and "\r" in REWRITTEN and "\u2029" in REWRITTEN and "\x85" in REWRITTEN
    assert kg.read.text._CHANGED_CHAR_RE.findall(everything) == REWRITTEN


@settings(max_examples=500)
@given(
    st.text(
        # half the characters rewritten ones, every one of them possible; half spaces, line
        # breaks and text, so that runs of spaces and blank lines are frequent too
        alphabet=st.one_of(st.sampled_from(REWRITTEN), st.sampled_from(list(" \u3000\xa0\t\n\r中a，"))),
        max_size=40,
    )
)
def test_clean_text_does_each_rewrite_the_docstring_names(raw: str) -> None:
    # texts with nothing to rewrite take a shortcut; the result must not tell
    assert clean_text(raw) == _cleaned_step_by_step(raw)


@given(st.text())
def test_clean_text_of_any_text_is_the_rewrites(raw: str) -> None:
    assert clean_text(raw) == _cleaned_step_by_step(raw)


@pytest.mark.parametrize(
    "raw",
    ["山西晋中", "山西 \n晋中", "山西\u3000\n晋中", "山西\n\n\n晋中", "山西\n\n晋中  ", "  山西\n晋中", "山西\t", "山\x85西"],
)
def test_clean_text_shortcut_and_rewrites_agree(raw: str) -> None:
    assert clean_text(raw) == _cleaned_step_by_step(raw)


def test_a_long_run_of_spaces_inside_a_line_is_cleaned_at_once() -> None:
    # tried from each of its spaces, the old pattern read the rest of the run every time:
    # quadratic, about 10 s for 40,000 spaces and hours for these
    raw = "山西" + " " * 400_000 + "晋中 \n榆次"
    with deadline(20):
        assert clean_text(raw) == raw.replace(" \n", "\n")



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


#: A line ending that closes a sentence or announces what follows (``：``), as a pattern
#: searched for along the whole line (``$`` lets one line break follow).
LINE_END = re.compile(f"[{TERMINALS};…：:][{CLOSERS}]*$")


@settings(max_examples=500)
@given(st.text(alphabet=st.sampled_from(list(f"{TERMINALS}…：:;{CLOSERS}（(上接转第1版 \n中a")), max_size=24))
def test_a_paragraph_ends_where_the_end_patterns_say(line: str) -> None:
    # the line's end is read without searching the whole line; the patterns say what counts
    expected = bool(LINE_END.search(line) or kg.read.text.MARKER_END_RE.search(line))
    assert kg.read.text._ends_paragraph(line) is expected


@pytest.mark.parametrize(
    ("line", "expected"),
    [("他说：“好。”", True), ("要闻：", True), ("未完待续（下转第2版）", True), ("第2版", False),
     ("句号。在中间", False), ("结束。\n", True), ("", False), ("”", False)],
)
def test_a_paragraph_ends_with_a_closing_mark_or_marker(line: str, expected: bool) -> None:
    assert kg.read.text._ends_paragraph(line) is expected


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
