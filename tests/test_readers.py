"""Tests of kg.readers on real fixture files (tests/fixtures/readers) and the sample corpus."""

from __future__ import annotations

import gzip
import hashlib
import json
from pathlib import Path

import pytest

from kg.model import Document, FileRecord
from kg.readers import read_file, read_inputs
from kg.resources import default_data_dir
from kg.text import find_furniture, split_sentences

HERE = Path(__file__).resolve().parent
FIXTURES = HERE / "fixtures" / "readers"
CORPUS = default_data_dir() / "corpus"


def read_one(name: str) -> tuple[Document, FileRecord]:
    docs, record = read_file(FIXTURES / name)
    assert record.status == "ok", record
    assert len(docs) == 1
    return docs[0], record


def test_fixture_bytes_are_what_the_tests_assume() -> None:
    gb = (FIXTURES / "gb18030.txt").read_bytes()
    with pytest.raises(UnicodeDecodeError):
        gb.decode("utf-8")
    bad = (FIXTURES / "undecodable.txt").read_bytes()
    for encoding in ("utf-8", "gb18030"):
        with pytest.raises(UnicodeDecodeError):
            bad.decode(encoding)
    assert (FIXTURES / "utf8_bom.txt").read_bytes().startswith(b"\xef\xbb\xbf")
    assert (FIXTURES / "news.jsonl.gz").read_bytes().startswith(b"\x1f\x8b")


# --------------------------------------------------------------------------- encodings


@pytest.mark.parametrize(
    ("name", "encoding", "text"),
    [
        ("gb18030.txt", "gb18030", "山西省晋中市榆次区召开会议。\n\n市委书记常书铭主持会议并讲话！"),
        ("utf8_bom.txt", "utf-8-sig", "晋中日报报道。\n\n寿阳县新元煤矿建成5G煤矿。"),
    ],
)
def test_encodings(name: str, encoding: str, text: str) -> None:
    doc, record = read_one(name)
    assert (doc.encoding, record.encoding) == (encoding, encoding)
    assert doc.text == text
    assert doc.format == record.format == "txt"
    assert doc.id == Path(name).stem
    assert doc.path == (FIXTURES / name).as_posix()
    assert doc.content_hash == hashlib.sha256(text.encode()).hexdigest()[:16]


# --------------------------------------------------------------------------- errors


@pytest.mark.parametrize(
    ("name", "reason"),
    [
        ("undecodable.txt", "cannot decode as UTF-8 or GB18030: 60 of 100 bytes invalid"),
        ("binary.dat", "binary file, not text"),
        ("empty.txt", "empty file"),
        ("blank.txt", "empty file"),
        ("no_such_file.txt", "not a regular file"),
        ("walk", "not a regular file"),
    ],
)
def test_bad_files_give_error_records(name: str, reason: str) -> None:
    docs, record = read_file(FIXTURES / name)
    assert docs == []
    assert record == FileRecord(path=(FIXTURES / name).as_posix(), status="error", reason=reason)


@pytest.mark.parametrize(
    ("content", "reason"),
    [
        (b"\x1f\x8b\x08\x00garbage", "corrupt gzip data"),
        (gzip.compress(b"", mtime=0), "empty file"),
        (gzip.compress(b"\x00\x01\x02" * 10, mtime=0), "binary file, not text"),
        (b"\x01\x02\x03\x04\x05\x06abc" * 5, "binary file, not text"),
        (b"<html><script>var a = 1;</script></html>", "no text after removing markup"),
        (b'{"text": 1}\nnot json\n', "no valid records: line 1: no text; line 2: not JSON"),
    ],
)
def test_more_errors(tmp_path: Path, content: bytes, reason: str) -> None:
    path = tmp_path / "bad.txt"
    path.write_bytes(content)
    docs, record = read_file(path)
    assert docs == []
    assert record.status == "error"
    assert record.reason.startswith(reason)
    assert "\n" not in record.reason


# --------------------------------------------------------------------------- front matter, HTML, Markdown


def test_front_matter_html() -> None:
    doc, record = read_one("front_matter_html.txt")
    assert record.format == doc.format == "html"
    assert doc.title == "在高质量转型发展上迈出更大步伐"
    assert doc.date == "2022-05-26"
    assert doc.categories == ("shanxiwanbao", "新闻")
    assert doc.tags == ("山西晚报新闻", "转型发展")
    assert doc.source == "山西晚报"
    # Script, style, head (title) and comments are gone; so are link targets.
    for gone in (
        "脚本内容",
        "color",
        "页面标题",
        "注释内容",
        "example.com",
        "链接目标",
        "layout",
        "<",
        "---",
    ):
        assert gone not in doc.text.replace("<转型>", "")
    assert doc.text.split("\n\n") == [
        "持续推动产业转型",
        "习近平总书记在山西考察调研时勉励我省<转型>发展。",  # entities unescaped
        "详见太原重工官网报道&评论。\n第二行文字。",  # inline tags vanish, <br> breaks
    ]


def test_markdown() -> None:
    doc, record = read_one("markdown.md")
    assert record.format == "markdown"
    assert doc.text.split("\n\n") == [
        "创新引擎不断提速",
        "晋能科技公司总经理杨立友说，光伏电池效率不断提升。",
        "详见新华网报道和。",
        "山西省科技厅\n晋中市",
        "代码块 保留",
    ]


@pytest.mark.parametrize(
    ("front_matter", "title", "date", "categories", "tags"),
    [
        ("title: 晋中新闻\ndate: 2023年11月9日", "晋中新闻", "2023-11-09", (), ()),
        ("title: '它''s'\ndate: 2023/1/2 08:00", "它's", "2023-01-02", (), ()),
        ('title: "引号: 冒号"  \ndate: not a date', "引号: 冒号", "not a date", (), ()),
        ("categories: news 山西\ntags: [晋中, '榆次, 区']", "", "", ("news", "山西"), ("晋中", "榆次, 区")),
        ("tags:\n  - 甲\n  - 乙\nnested:\n  key: value\ntitle: 标题 # 注释", "标题", "", (), ("甲", "乙")),
        ("date: 2023-02-30", "", "2023-02-30", (), ()),
    ],
)
def test_front_matter_fields(
    tmp_path: Path, front_matter: str, title: str, date: str, categories: tuple, tags: tuple
) -> None:
    path = tmp_path / "post.md"
    path.write_text(f"---\n{front_matter}\n---\n正文第一句。\n", encoding="utf-8")
    docs, record = read_file(path)
    assert record.status == "ok"
    (doc,) = docs
    assert (doc.title, doc.date, doc.categories, doc.tags) == (title, date, categories, tags)
    assert doc.text == "正文第一句。"
    assert doc.format == "markdown"


def test_unclosed_front_matter_is_text(tmp_path: Path) -> None:
    path = tmp_path / "a.txt"
    path.write_text("---\n正文。\n", encoding="utf-8")
    (doc,), _ = read_file(path)
    assert doc.text == "---\n正文。" and doc.format == "txt"


def test_html_without_front_matter_takes_the_title_tag(tmp_path: Path) -> None:
    path = tmp_path / "page.htm"
    path.write_text(
        "<html><head><title> 晋中 日报 </title><head><body><div>第一段<span>继续</span>\n文字。</div>"
        "<ul><li>甲</li><li>乙</li></ul><pre>代码\n两行</pre></body></html>",
        encoding="utf-8",
    )
    (doc,), _ = read_file(path)
    assert doc.title == "晋中 日报"
    assert doc.text == "第一段继续文字。\n\n甲\n\n乙\n\n代码\n两行"


# --------------------------------------------------------------------------- PDF dumps


def test_pdf_dump() -> None:
    doc, record = read_one("pdf_dump.txt")
    assert record.format == doc.format == "pdf-text"
    assert "中央全面深化改革委员会第八次会议" in doc.text
    assert "晋能科技公司总经理杨立友说" in doc.text
    assert "“探寻国际数字治理之道”" in doc.text
    lines = doc.text.split("\n")
    assert "创新引擎不断提速" in lines and "引领行业风向" in lines
    assert [doc.text[s:e] for s, e in doc.excluded] == ["（下转第2版）"]


# --------------------------------------------------------------------------- JSON lines


def test_jsonl_partial() -> None:
    docs, record = read_file(FIXTURES / "news.jsonl")
    assert record.status == "partial"
    assert record.reason == "2 of 5 records skipped: line 4: not JSON; line 5: no text"
    assert (record.format, record.encoding, record.documents) == ("jsonl", "utf-8", 3)
    assert [(d.id, d.title, d.date, d.tags) for d in docs] == [
        ("a1", "第一篇", "2023-11-09", ()),
        ("news#2", "没有编号", "", ()),
        ("5", "", "", ("祁县", "玻璃")),
    ]
    assert [d.text for d in docs] == [
        "晋中市推动焦化行业高质量发展。",
        "太谷区发展玛钢产业。",
        "祁县玻璃器皿专业镇。",
    ]
    assert all(d.format == "jsonl" and d.path == record.path for d in docs)


def test_jsonl_gzip_partial() -> None:
    docs, record = read_file(FIXTURES / "news.jsonl.gz")
    assert record.status == "partial"
    assert record.reason == "1 of 3 records skipped: line 2: empty text"
    assert (record.format, record.encoding) == ("jsonl", "utf-8+gzip")
    assert [d.id for d in docs] == ["g1", "g3"]
    assert docs[0].text == "平遥牛肉集团入选“山西精品”。"


def test_jsonl_ids_default_to_stem_and_line(tmp_path: Path) -> None:
    path = tmp_path / "feed.jsonl.gz"
    lines = [json.dumps({"text": f"第{i}条。"}, ensure_ascii=False) for i in range(3)]
    path.write_bytes(gzip.compress("\n\n".join(lines).encode(), mtime=0))
    docs, record = read_file(path)
    assert record.status == "ok" and record.reason == ""
    assert [d.id for d in docs] == ["feed#1", "feed#3", "feed#5"]


def test_jsonl_reason_is_one_line_and_bounded(tmp_path: Path) -> None:
    path = tmp_path / "many.jsonl"
    path.write_text('{"text": "好。"}\n' + "坏\n" * 20, encoding="utf-8")
    docs, record = read_file(path)
    assert len(docs) == 1 and record.status == "partial"
    assert record.reason.startswith("20 of 21 records skipped: line 2: not JSON; line 3: not JSON;")
    assert record.reason.endswith("; …") and "\n" not in record.reason


def test_whole_file_json(tmp_path: Path) -> None:
    path = tmp_path / "one.json"
    path.write_text(json.dumps({"id": "x", "text": "晋中。"}, ensure_ascii=False, indent=2), encoding="utf-8")
    docs, record = read_file(path)
    assert record.status == "ok" and [d.id for d in docs] == ["x"]


# --------------------------------------------------------------------------- directory walk


def test_directory_walk_gives_every_file_a_record() -> None:
    walk = FIXTURES / "walk"
    docs, records = read_inputs([walk, walk / "b.txt", FIXTURES / "missing"])
    assert [(Path(r.path).relative_to(FIXTURES).as_posix(), r.status, r.reason) for r in records] == [
        ("missing", "error", "no such file or directory"),
        ("walk/.hidden.txt", "skipped", "hidden file"),
        ("walk/.hiddendir", "skipped", "hidden folder"),
        ("walk/a.md", "ok", ""),
        ("walk/b.txt", "ok", ""),
        ("walk/sub/c.txt", "ok", ""),
        ("walk/sub/empty.txt", "error", "empty file"),
    ]
    assert [d.id for d in docs] == ["a", "b", "c"]
    assert [d.text for d in docs] == ["标题\n\n祁县。", "晋中市。", "太谷区。"]


def test_read_inputs_orders_documents_by_path(tmp_path: Path) -> None:
    (tmp_path / "b.jsonl").write_text('{"id": "b2", "text": "二。"}\n{"id": "b1", "text": "一。"}\n', "utf-8")
    (tmp_path / "a.txt").write_text("甲。", "utf-8")
    given = tmp_path.as_posix() + "/"
    docs, records = read_inputs([given + "b.jsonl", given + "a.txt"])
    assert [d.id for d in docs] == ["a", "b2", "b1"]
    assert [r.path for r in records] == [given + "a.txt", given + "b.jsonl"]


# --------------------------------------------------------------------------- the sample corpus


@pytest.fixture(scope="module")
def corpus() -> dict[str, Document]:
    docs, records = read_inputs([CORPUS])
    assert [r.status for r in records] == ["ok"] * 5
    return {d.id[:3]: d for d in docs}


@pytest.mark.parametrize(
    ("key", "fmt"),
    [("000", "txt"), ("001", "html"), ("002", "pdf-text"), ("003", "txt"), ("004", "pdf-text")],
)
def test_corpus_formats_and_offsets(corpus: dict[str, Document], key: str, fmt: str) -> None:
    doc = corpus[key]
    assert doc.format == fmt and doc.encoding == "utf-8"
    assert doc.path.startswith(CORPUS.as_posix())
    for s in split_sentences(doc.text):
        assert doc.text[s.start : s.end] == s.text
    # every kind of page furniture (headers with editors, imprint, jump markers) is excluded
    assert doc.excluded == tuple((s, e) for s, e, _kind in find_furniture(doc.text))


def test_corpus_001_front_matter_html(corpus: dict[str, Document]) -> None:
    doc = corpus["001"]
    assert doc.title == "在高质量转型发展上迈出更大步伐"
    assert doc.date == "2022-05-26"
    assert doc.categories == ("shanxiwanbao",) and doc.tags == ("山西晚报新闻",)
    assert "<p>" not in doc.text and "<" not in doc.text and "http" not in doc.text
    assert doc.text.startswith("“坚持稳中求进工作总基调")
    assert "持续推动产业转型加快融通开放步伐" in doc.text.split("\n")


def test_corpus_002_pdf(corpus: dict[str, Document]) -> None:
    text = corpus["002"].text
    assert "中央全面深化改革委员会第八次会议" in text
    assert "晋能科技公司总经理杨立友说" in text
    assert "创新引擎不断提速\n引领行业风向" in text


def test_corpus_004_pdf(corpus: dict[str, Document]) -> None:
    doc = corpus["004"]
    assert "第六届中国国际进口博览会" in doc.text
    assert doc.date == "2023-11-09"  # from the page header
    excluded = [doc.text[s:e] for s, e in doc.excluded]
    # the page header with its editors, then the imprint line with address and printer
    assert excluded[0].startswith("44 本版责编：王慧卿")
    assert excluded[1].startswith("社址：榆次区汇通路96号")
    assert "晋中市佳讯报业印务有限公司" in excluded[1]


def test_corpus_000_and_003_plain(corpus: dict[str, Document]) -> None:
    assert corpus["000"].text.startswith("(上接第1版)全球发展高层对话会上")
    assert corpus["000"].text[slice(*corpus["000"].excluded[0])] == "(上接第1版)"
    assert corpus["003"].text.startswith("政府工作报告中的山西使命")
    assert corpus["000"].date == corpus["003"].date == ""
