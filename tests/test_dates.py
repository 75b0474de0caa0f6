"""Tests of kg.read.dates: the formats table is the specification, hard negatives included."""

from __future__ import annotations

import pytest

from kg.read.dates import date_from_path, document_date, find_dates, parse_date, year_from_path
from kg.read.inputs import read_file

# (text, year from context, expected ISO date or "" for none)
FORMATS = [
    ("2023年11月9日", None, "2023-11-09"),
    ("2023年11月9日 星期四", None, "2023-11-09"),
    ("2023 年 11 月 9 日", None, "2023-11-09"),  # PDF dumps space characters out
    ("2023年11月9号", None, "2023-11-09"),
    ("2024-01-05", None, "2024-01-05"),
    ("2024/1/5", None, "2024-01-05"),
    ("2024.1.5", None, "2024-01-05"),
    ("二〇二四年一月五日", None, "2024-01-05"),
    ("二○二四年十一月二十九日", None, "2024-11-29"),  # the circle, not the ideograph zero
    ("二〇二四年十月三十日", None, "2024-10-30"),
    ("新华社北京3月23日电", 2023, "2023-03-23"),
    ("新华社北京3月23日电", None, ""),  # no year, no guess
    ("2月29日电", 2024, "2024-02-29"),
    ("2月29日电", 2023, ""),  # not a leap year
    # hard negatives
    ("2023年2月30日", None, ""),
    ("2023年13月1日", None, ""),
    ("1850年1月1日", None, ""),
    ("2024-1/5", None, ""),  # mixed separators
    ("12024-01-05", None, ""),  # part of a longer number
    ("2019 年 5 月", None, ""),  # no day
    ("3月23日", 2023, ""),  # a bare month and day is not a dateline
    ("电话 0354-3115973", None, ""),
]


@pytest.mark.parametrize(("text", "year", "expected"), FORMATS)
def test_date_formats(text, year, expected) -> None:
    assert parse_date(text, year) == expected


def test_find_dates_gives_offsets_kinds_and_weekdays() -> None:
    text = "44 本版责编：王慧卿 2023年11月9日 星期四\n新华社北京3月23日电 据报道，2024-01-05召开。"
    found = find_dates(text, year=2023)
    assert [(text[d.start : d.end].strip(), d.iso, d.kind, d.weekday) for d in found] == [
        ("2023年11月9日 星期四", "2023-11-09", "arabic", True),
        ("3月23日电", "2023-03-23", "dateline", False),
        ("2024-01-05", "2024-01-05", "numeric", False),
    ]


@pytest.mark.parametrize(
    ("text", "kwargs", "expected"),
    [
        # a page header's date wins over a date earlier in the head
        ("2024年1月2日讯\n44 本版 2023年11月9日 星期四\n正文。", {}, "2023-11-09"),
        # a dateline takes its year from a full date in the head ...
        ("2023年3月24日 第3版\n新华社北京3月23日电 正文。", {}, "2023-03-23"),
        # ... else from the hint ...
        ("新华社北京3月23日电 正文。", {"year_hint": 2022}, "2022-03-23"),
        # ... else from the file's name or folder
        ("新华社北京3月23日电 正文。", {"path": "news/2021/wire.txt"}, "2021-03-23"),
        ("新华社北京3月23日电 正文。", {}, ""),
        # a plain full date in the head
        ("标题\n2024/1/5 来源：山西日报\n正文。", {}, "2024-01-05"),
        # a date far down the text is about an event, not the publication
        ("标题\n" + "正文。" * 200 + "2024年1月5日，会议召开。", {}, ""),
        # the file name as a last resort
        ("没有日期的正文。", {"path": "posts/2024-11-05-xinhua-001.md"}, "2024-11-05"),
        ("没有日期的正文。", {"path": "corpus/000_8a172954b6b5d8ba.txt"}, ""),
    ],
)
def test_document_date(text, kwargs, expected) -> None:
    assert document_date(text, **kwargs) == expected


@pytest.mark.parametrize(
    ("path", "year"),
    [
        ("news/2024/0105.txt", 2024),
        ("2024-11-05-xinhua.txt", 2024),
        ("cctv_2022-2026.jsonl.gz", None),  # two years: no hint
        ("corpus/000_8a172954b6b5d8ba.txt", None),
        ("archive/12024/a.txt", None),
        ("2024/x/y/a.txt", None),  # only the file's folder and the one above count
    ],
)
def test_year_from_path(path, year) -> None:
    assert year_from_path(path) == year


def test_date_from_path_rejects_impossible_dates() -> None:
    assert date_from_path("20240230.txt") == ""
    assert date_from_path("20240229.txt") == "2024-02-29"


def test_readers_fill_a_missing_date_from_the_text(tmp_path) -> None:
    folder = tmp_path / "2023"
    folder.mkdir()
    wire = folder / "wire.txt"
    wire.write_text("新华社北京3月23日电 国务院总理李强23日在北京会见外宾。\n", encoding="utf-8")
    dated = tmp_path / "dated.md"
    dated.write_text(
        "---\ntitle: 标题\ndate: 2022-05-26\n---\n新华社北京3月23日电 正文。\n", encoding="utf-8"
    )
    (tmp_path / "a" / "b").mkdir(parents=True)
    records = tmp_path / "a" / "b" / "news.jsonl"  # no year in the two folders above
    records.write_text(
        '{"id": "a", "text": "二〇二四年一月五日 星期五\\n正文。"}\n'
        '{"id": "b", "date": "2020-01-01", "text": "2024年1月5日 星期五\\n正文。"}\n'
        '{"id": "c", "text": "新华社北京3月23日电 正文。"}\n',
        encoding="utf-8",
    )
    assert read_file(wire)[0][0].date == "2023-03-23"
    assert read_file(dated)[0][0].date == "2022-05-26"  # metadata wins
    assert [d.date for d in read_file(records)[0]] == ["2024-01-05", "2020-01-01", ""]
