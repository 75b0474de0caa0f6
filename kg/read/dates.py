"""Dates written in Chinese news text, as ISO ``yyyy-mm-dd`` strings.

A document's date comes from its metadata when it has one (front matter, a JSONL
``date`` field); :func:`document_date` is the fallback that reads the text itself. It only
trusts what stands where a publication date is written:

- a wire dateline (``新华社北京3月23日电``, ``本报讯 （记者…）4月23日电``), whose year comes
  from a full date elsewhere in the head of the text, else from ``year_hint`` (a year in
  the file's name or folder, see :func:`year_from_path`); without a year it gives nothing;
- a full date in the head of the text (its first lines): ``2023年11月9日 星期四``,
  ``2023 年 11 月 9 日`` (PDF dumps space the characters out), ``2024-01-05``, ``2024/1/5``,
  ``2024.1.5`` and dates in Chinese numerals (``二〇二四年一月五日``); one followed by a
  weekday (星期四, 周四) wins over one that is not.

Dates further down the text (``2019 年 5 月，习近平…``) are about events, not publication,
and are never used. Impossible dates (2月30日) are rejected, years outside 1900–2100 too.
"""

from __future__ import annotations

import datetime as _dt
import re
from dataclasses import dataclass
from pathlib import PurePath

__all__ = ["DateMatch", "document_date", "find_dates", "parse_date", "year_from_path"]

#: How much of a text counts as its head, where publication dates and datelines stand.
HEAD_CHARS = 300
HEAD_LINES = 6

_CN_DIGITS = {
    "〇": 0,
    "○": 0,
    "零": 0,
    "Ｏ": 0,
    "O": 0,
    "一": 1,
    "二": 2,
    "三": 3,
    "四": 4,
    "五": 5,
    "六": 6,
    "七": 7,
    "八": 8,
    "九": 9,
}
_CN_DIGIT = "〇○零Ｏ一二三四五六七八九"
_CN_SMALL = f"[{_CN_DIGIT}十]{{1,3}}"
_SP = r"[ \t\u3000]*"
_WEEKDAY = rf"{_SP}[（(]?{_SP}(?:星期|礼拜|周)[一二三四五六日天][)）]?"

# Each pattern names its groups y, m, d; the first that matches at a position wins.
_PATTERNS: tuple[tuple[str, re.Pattern[str]], ...] = (
    (
        "arabic",
        re.compile(
            rf"(?<!\d)(?P<y>(?:19|20)\d\d){_SP}年{_SP}(?P<m>\d{{1,2}}){_SP}月{_SP}(?P<d>\d{{1,2}}){_SP}[日号]"
            rf"(?P<w>{_WEEKDAY})?"
        ),
    ),
    (
        "numeric",
        re.compile(
            r"(?<![\d.])(?P<y>(?:19|20)\d\d)(?P<sep>[-/.])(?P<m>\d{1,2})(?P=sep)(?P<d>\d{1,2})(?![\d])"
            rf"(?P<w>{_WEEKDAY})?"
        ),
    ),
    (
        "chinese",
        re.compile(
            rf"(?P<y>[{_CN_DIGIT}]{{4}}){_SP}年{_SP}(?P<m>{_CN_SMALL}){_SP}月{_SP}(?P<d>{_CN_SMALL}){_SP}[日号]"
            rf"(?P<w>{_WEEKDAY})?"
        ),
    ),
    # no year: a wire dateline (…3月23日电) or a bare month and day; the year comes from context
    ("dateline", re.compile(rf"(?<![\d年])(?P<m>\d{{1,2}}){_SP}月{_SP}(?P<d>\d{{1,2}}){_SP}日{_SP}电")),
)
_YEAR_IN_NAME = re.compile(r"(?<!\d)((?:19|20)\d\d)(?!\d)")
_DATE_IN_NAME = re.compile(r"(?<!\d)((?:19|20)\d\d)[-_.]?(\d\d)[-_.]?(\d\d)(?!\d)")


@dataclass(frozen=True, slots=True)
class DateMatch:
    """A date found in a text: ``text[start:end]`` is the date as written.

    ``kind`` is ``arabic`` (2023年11月9日), ``numeric`` (2024-01-05), ``chinese``
    (二〇二四年一月五日) or ``dateline`` (3月23日电); ``iso`` is empty for a dateline whose
    year is unknown. ``weekday`` tells a date followed by 星期X, as page headers write it.
    """

    start: int
    end: int
    iso: str
    kind: str
    weekday: bool = False


def _cn_number(s: str) -> int:
    """A small number in Chinese numerals: 五 → 5, 十一 → 11, 二十三 → 23, 三十 → 30.

    >>> [_cn_number(s) for s in ("五", "十", "十一", "二十", "二十三", "〇五")]
    [5, 10, 11, 20, 23, 5]
    """
    if "十" in s:
        tens, _, ones = s.partition("十")
        return (_CN_DIGITS[tens] if tens else 1) * 10 + (_CN_DIGITS[ones] if ones else 0)
    return int("".join(str(_CN_DIGITS[c]) for c in s))


def _iso(year: int, month: int, day: int) -> str:
    if not 1900 <= year <= 2100:
        return ""
    try:
        return _dt.date(year, month, day).isoformat()
    except ValueError:
        return ""


def find_dates(text: str, year: int | None = None) -> list[DateMatch]:
    """Every valid date in ``text``, in order; datelines get ``year`` when it is given.

    >>> [(d.iso, d.kind) for d in find_dates("2023年11月9日 星期四，新华社北京3月23日电")]
    [('2023-11-09', 'arabic'), ('', 'dateline')]
    >>> find_dates("新华社北京3月23日电", year=2024)[0].iso
    '2024-03-23'
    """
    found: list[DateMatch] = []
    taken: list[tuple[int, int]] = []
    for kind, pattern in _PATTERNS:
        for m in pattern.finditer(text):
            if any(s < m.end() and m.start() < e for s, e in taken):
                continue
            groups = m.groupdict()
            if kind == "chinese":
                y = int("".join(str(_CN_DIGITS[c]) for c in groups["y"]))
                mo, d = _cn_number(groups["m"]), _cn_number(groups["d"])
            else:
                y = int(groups["y"]) if groups.get("y") else 0
                mo, d = int(groups["m"]), int(groups["d"])
            if kind == "dateline":
                if not _iso(2000, mo, d):  # a leap year, so 2月29日 passes
                    continue
                iso = _iso(year, mo, d) if year else ""
            else:
                iso = _iso(y, mo, d)
                if not iso:
                    continue  # impossible date (2月30日) or a year out of range
            found.append(DateMatch(m.start(), m.end(), iso, kind, bool(groups.get("w"))))
            taken.append((m.start(), m.end()))
    return sorted(found, key=lambda d: d.start)


def parse_date(value: str, year: int | None = None) -> str:
    """The first date written in ``value`` as ``yyyy-mm-dd``, or ``""``.

    >>> parse_date("2024/1/5"), parse_date("二〇二四年一月五日"), parse_date("2月30日电", 2024)
    ('2024-01-05', '2024-01-05', '')
    """
    for d in find_dates(value, year):
        if d.iso:
            return d.iso
    return ""


def year_from_path(path: str | PurePath) -> int | None:
    """The year a file's name or folder gives, when exactly one year is written there.

    The file name is read first, then its folder and the folder above; a name with two
    years (``cctv_2022-2026.jsonl``) says nothing.

    >>> year_from_path("news/2024/0105-xinhua.txt"), year_from_path("2022-2026.jsonl")
    (2024, None)
    """
    p = PurePath(path)
    for part in (p.stem, *(q.name for q in p.parents[:2])):
        years = set(_YEAR_IN_NAME.findall(part))
        if len(years) == 1:
            return int(years.pop())
        if len(years) > 1:
            return None
    return None


def date_from_path(path: str | PurePath) -> str:
    """A full date in a file's name (``2024-11-05-xinhua-001.txt``, ``20241105.txt``), or ``""``.

    >>> date_from_path("posts/2024-11-05-xinhua-001.md"), date_from_path("a/000_8a17.txt")
    ('2024-11-05', '')
    """
    m = _DATE_IN_NAME.search(PurePath(path).stem)
    return _iso(int(m.group(1)), int(m.group(2)), int(m.group(3))) if m else ""


def _head(text: str) -> str:
    return "\n".join(text[:HEAD_CHARS].split("\n")[:HEAD_LINES])


def document_date(text: str, *, year_hint: int | None = None, path: str | PurePath = "") -> str:
    """The publication date a document's text gives, or ``""`` when it gives none.

    In order: a full date followed by a weekday in the head (a page header); a wire
    dateline in the head, with the year of a full date in the head, else ``year_hint``,
    else the year of ``path``; any other full date in the head; a full date in the file
    name of ``path``.

    >>> document_date("44 本版责编：王慧卿 2023年11月9日 星期四\\n正文")
    '2023-11-09'
    >>> document_date("新华社北京3月23日电 正文", year_hint=2024)
    '2024-03-23'
    >>> document_date("新华社北京3月23日电 正文")
    ''
    >>> document_date("正文。2019 年 5 月，习近平总书记主持召开会议。")
    ''
    """
    head = _head(text)
    found = find_dates(head)
    full = [d for d in found if d.iso]
    for d in full:
        if d.weekday:
            return d.iso
    datelines = [d for d in found if d.kind == "dateline"]
    if datelines:
        year = int(full[0].iso[:4]) if full else year_hint or (year_from_path(path) if path else None)
        if year:
            dated = find_dates(head[datelines[0].start : datelines[0].end], year)
            if dated and dated[0].iso:
                return dated[0].iso
    if full:
        return full[0].iso
    return date_from_path(path) if path else ""
