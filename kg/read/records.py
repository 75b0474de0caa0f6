"""JSON lines, JSON and CSV/TSV files as records, one document each.

Records are parsed from the decoded text before any cleaning: JSON lines are split at
``\\n`` (and ``\\r\\n``) only, never at U+2028, U+2029 or U+0085, which JSON strings may
hold; each record's text is cleaned afterwards. A record that cannot be read (not JSON,
not an object, no text, a CSV row with the wrong number of fields) is skipped and named by
its line number; the others are read.

Fields are found by name, case and spacing aside (``Publish Time`` = ``publish_time``):
the name given in the settings (``text_field`` …) first, then the common names of
:data:`COMMON_NAMES`. The names that were used are reported per file.

A file is read as:

- a JSON array (the text starts with ``[`` and parses whole) of records;
- JSON lines when any line is a JSON object with a text field (a one-record file too);
- one JSON object spread over several lines;
- CSV or TSV when its first line is a header with two or more names, one a text field,
  and most rows have as many fields as the header.

A file that looks like one of these but has no text field is read as plain text, with a
warning that says why (``looks like CSV but no column holds text: columns a, b``).

Lone surrogates (``"\\ud800"`` escapes, legal JSON but not text) are replaced by U+FFFD in
every field, the text included, and the record is reported as repaired: the rest of its
text is kept rather than the record dropped.
"""

from __future__ import annotations

import csv
import io
import json
import re
from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import Any, NamedTuple

from kg.read.markup import as_str, as_tuple, body_to_text, date_from_head, iso_date
from kg.read.text import clean_text

__all__ = ["COMMON_NAMES", "ROLES", "Item", "Records", "field_names", "read_records"]

#: What a field can be used as, in the order the manifest lists them.
ROLES = ("text", "title", "date", "id", "source", "categories", "tags")

#: Field names recognised without options, in order of preference (compared after
#: :func:`_normalise`). ``url`` names a record when it has no id, and its source when it
#: has no source field.
COMMON_NAMES: dict[str, tuple[str, ...]] = {
    "text": (
        "text", "content", "body", "article", "contents", "main_text", "maintext", "full_text",
        "fulltext", "article_text", "story", "正文", "内容", "文本", "全文", "新闻内容", "文章内容",
    ),
    "title": ("title", "headline", "heading", "subject", "标题", "题目", "新闻标题"),
    "date": (
        "date", "pubdate", "pub_date", "publish_date", "publish_time", "published", "published_at",
        "publication_date", "pubtime", "pub_time", "time", "datetime", "created_at",
        "日期", "时间", "发布时间", "发布日期",
    ),
    "id": ("id", "doc_id", "docid", "document_id", "article_id", "_id", "uuid", "guid", "编号", "url", "link"),
    "source": ("source", "media", "publisher", "site", "outlet", "newspaper", "来源", "媒体", "url", "link"),
    "categories": ("categories", "category", "分类", "栏目"),
    "tags": ("tags", "keywords", "标签", "关键词"),
}

#: Settings that name a field (``text_field`` …) and the role each names.
SETTING_ROLES = {"text_field": "text", "title_field": "title", "date_field": "date", "id_field": "id",
                 "source_field": "source"}

_SURROGATE_RE = re.compile("[\ud800-\udfff]")
#: Roles of one value each, and of several, in the order a record is read.
_ONE_ROLES = ("title", "date", "id", "source")
_MANY_ROLES = ("categories", "tags")
#: Roles whose value most records of a file share with others (a date, a source).
_REPEATED_ROLES = frozenset({"date", "source"})
_HEADER_NAME_MAX = 64
_SENTENCE_END_RE = re.compile("[。！？；]")
#: At most this many keys or columns are named in a warning.
_NAMES_SHOWN = 12
_FIELD_LIMIT = 2**31 - 1

# A CSV field may hold a whole book; the csv module's default limit is 128 KiB. The
# limit is process-wide, so it is raised once here and never lowered.
csv.field_size_limit(max(csv.field_size_limit(), _FIELD_LIMIT))

#: ``json.loads(…, strict=False)`` makes a new decoder at every call; lines share this one.
#: strict=False: a raw tab or control character inside a string is kept, as a sloppy
#: exporter writes it, rather than the record lost.
_DECODER = json.JSONDecoder(strict=False)


@dataclass(slots=True)  # not frozen: made once per record, and a frozen one is made slowly
class Item:
    """One record, ready to become a document: the text cleaned and free of markup."""

    line: int
    text: str
    title: str = ""
    date: str = ""
    record_id: str = ""
    source: str = ""
    categories: tuple[str, ...] = ()
    tags: tuple[str, ...] = ()


@dataclass
class Records:
    """The records of a file: what was read, skipped and repaired, and the fields used."""

    format: str
    items: list[Item] = field(default_factory=list)
    skipped: list[str] = field(default_factory=list)
    repaired: list[str] = field(default_factory=list)
    total: int = 0
    #: role -> field names used, in order of first use
    used: dict[str, list[str]] = field(default_factory=dict)

    def fields(self) -> tuple[tuple[str, str], ...]:
        """``((role, "name"), …)`` in the order of :data:`ROLES`; several names joined."""
        return tuple((role, ", ".join(self.used[role])) for role in ROLES if role in self.used)


def field_names(settings: object | None = None) -> dict[str, tuple[str, ...]]:
    """Candidate names per role: the one a setting names first, then the common ones."""
    out = {}
    for role, names in COMMON_NAMES.items():
        setting = next((s for s, r in SETTING_ROLES.items() if r == role), None)
        given = _normalise(getattr(settings, setting, "") or "") if setting and settings is not None else ""
        out[role] = tuple(dict.fromkeys(n for n in (given, *map(_normalise, names)) if n))
    return out


def _normalise(name: str) -> str:
    """``Publish Time`` -> ``publish_time``: field names compared without case or spacing."""
    return "_".join(name.replace("\ufeff", "").replace("-", " ").lower().split())


def read_records(text: str, names: dict[str, tuple[str, ...]], *, cut: bool = False) -> Records | str:
    """The records of a decoded file, or a warning (or ``""``) when it is not records.

    Args:
        text: The decoded file, not cleaned.
        names: :func:`field_names`.
        cut: The text stops before the file's end (a truncated archive): its last line is
            incomplete and is skipped as such.

    Returns:
        :class:`Records`, or a one-line warning saying why a file that looks structured is
        read as plain text, or ``""`` for a file that does not look structured.
    """
    head = _first_line(text)
    stripped = head.lstrip()
    if stripped.startswith("["):
        whole = _loads(text)
        if isinstance(whole, list) and any(_text_key(v, names) for v in whole if isinstance(v, dict)):
            return _from_values("json", "record", list(enumerate(whole, 1)), names)
    if _has_json_record(text, names):
        return _jsonl(text, names, cut)
    if stripped.startswith("{"):
        whole = _loads(text)
        if isinstance(whole, dict) and _text_key(whole, names):
            return _from_values("json", "record", [(1, whole)], names)
    table = _csv_records(text, head, names, cut)
    if table is not None:
        return table
    return _json_warning(text, stripped, names)


# --------------------------------------------------------------------------- JSON


class _NotJSON:
    """The value of a line that does not parse; ``message`` says why."""

    def __init__(self, message: str) -> None:
        self.message = message


def _loads(line: str) -> Any:
    try:
        return _DECODER.decode(line.lstrip("\ufeff"))
    except ValueError as exc:
        msg = getattr(exc, "msg", str(exc))
        col = getattr(exc, "colno", 0)
        return _NotJSON(f"{msg} (column {col})" if col else msg)
    except RecursionError:
        return _NotJSON("nested too deeply")


def _lines(text: str) -> Iterator[tuple[int, str]]:
    """``(line number, line)`` split at ``\\n`` only; a ``\\r`` before it is dropped."""
    start = 0
    n = 0
    size = len(text)
    while start <= size:
        end = text.find("\n", start)
        if end < 0:
            end = size
        n += 1
        line = text[start:end]
        yield n, line.removesuffix("\r")
        start = end + 1


def _first_line(text: str) -> str:
    for _n, line in _lines(text):
        if line.strip():
            return line
    return ""


def _text_key(value: dict[str, Any], names: dict[str, tuple[str, ...]]) -> bool:
    """The object has a field named as a text field (whatever its value: a record whose
    text is not a string is a bad record of a records file, not a sign of plain text)."""
    keys = {_normalise(str(k)) for k in value}
    return any(n in keys for n in names["text"])


def _has_json_record(text: str, names: dict[str, tuple[str, ...]]) -> bool:
    """Some line is a JSON object with a text field (only lines starting with ``{`` are tried)."""
    for _n, line in _lines(text):
        if line.lstrip(" \t\ufeff").startswith("{"):
            value = _loads(line)
            if isinstance(value, dict) and _text_key(value, names):
                return True
    return False


def _jsonl(text: str, names: dict[str, tuple[str, ...]], cut: bool) -> Records:
    values: list[tuple[int, Any]] = []
    lines = [(n, line) for n, line in _lines(text) if line and not line.isspace()]  # not blank
    tail: int | None = None
    if cut and lines and text[text.rfind("\n") + 1 :].strip():
        tail = lines.pop()[0]  # the last line stops where the data was cut
    for n, line in lines:
        values.append((n, _loads(line)))
    records = _from_values("jsonl", "line", values, names)
    if tail is not None:
        records.skipped.append(f"line {tail}: cut off where the data ends")
        records.total += 1
    return records


def _from_values(fmt: str, where: str, values: list[tuple[int, Any]], names: dict[str, tuple[str, ...]]) -> Records:
    records = Records(fmt, total=len(values))
    adder = _Adder(records, where, names)
    for n, value in values:
        if isinstance(value, _NotJSON):
            records.skipped.append(f"{where} {n}: not JSON")
        elif not isinstance(value, dict):
            records.skipped.append(f"{where} {n}: not a JSON object")
        else:
            adder.add(n, value)
    return records


def _json_warning(text: str, stripped: str, names: dict[str, tuple[str, ...]]) -> str:
    """Why a file that starts like JSON is read as plain text (``""`` if it does not)."""
    if stripped.startswith("{"):
        first = _loads(stripped)
        if isinstance(first, _NotJSON) and isinstance(whole := _loads(text), dict):
            first = whole  # one object over several lines
    elif stripped.startswith("["):
        first = _loads(text)
        if isinstance(first, list):
            first = next((v for v in first if isinstance(v, dict)), None)
    else:
        return ""
    if isinstance(first, dict):
        return f"looks like JSON but no record has a text field: keys {_shown_names(first)}; name it with --text-field"
    if isinstance(first, _NotJSON) and (stripped[:2] in ('{"', "[{", '["') or stripped.strip() in ("{", "[")):
        return f"looks like JSON but is not valid JSON: line 1: {first.message}"
    return ""


def _shown_names(names: object) -> str:
    """Up to a dozen field names for a message, repaired and on one line."""
    shown = [" ".join(_SURROGATE_RE.sub("\ufffd", str(n)).split()) for n in names]
    more = len(shown) - _NAMES_SHOWN
    return ", ".join(shown[:_NAMES_SHOWN]) + (f" (and {more} more)" if more > 0 else "") if shown else "none"


# --------------------------------------------------------------------------- CSV and TSV


def _csv_header(line: str) -> tuple[str, list[str]] | None:
    """``(delimiter, names)`` when a first line reads as a header of two or more names."""
    for delimiter in ("\t", ","):
        if delimiter not in line:
            continue
        try:
            cells = next(csv.reader([line], delimiter=delimiter))
        except csv.Error:
            continue
        names = [c.strip() for c in cells]
        empty = sum(1 for n in names if not n)
        if len(names) >= 2 and empty <= 1 and all(_is_header_name(n) for n in names if n):
            return delimiter, names
    return None


def _is_header_name(name: str) -> bool:
    return (
        len(name) <= _HEADER_NAME_MAX
        and any(c.isalpha() for c in name)
        and not _SENTENCE_END_RE.search(name)
    )


def _csv_records(
    text: str, head: str, names: dict[str, tuple[str, ...]], cut: bool
) -> Records | str | None:
    """The rows of a CSV or TSV file; a warning if it looks like one without a text column;
    None if it does not look like one."""
    header = _csv_header(head)
    if header is None:
        return None
    delimiter, columns = header
    kind = "TSV" if delimiter == "\t" else "CSV"
    normalised = [_normalise(c) for c in columns]
    if not any(n in normalised for n in names["text"]):
        start = text.find(head)
        rest = text[start + len(head) :]
        following = _first_line(rest)
        if following and _row_width(following, delimiter) == len(columns):
            return (f"looks like {kind} but no column holds text: columns {_shown_names(columns)}; "
                    f"name it with --text-field")
        return None
    offset = text.count("\n", 0, text.find(head))  # blank lines before the header
    body = text[text.find(head) :]
    tail: int | None = None
    if cut and not body.endswith("\n"):
        last = body.rfind("\n")
        tail = offset + body.count("\n", 0, last) + 2 if last >= 0 else None
        body = body[: last + 1] if last >= 0 else body
    first = {}  # a column name that repeats: its first column counts
    for i, n in enumerate(normalised):
        first.setdefault(n, i)
    keep = sorted(first.values())
    records = Records(kind.lower())
    adder = _Adder(records, "line", names)
    misfits = 0
    reader = csv.reader(io.StringIO(body, newline=""), delimiter=delimiter)
    rows = iter(reader)
    try:
        next(rows)  # the header
    except (csv.Error, StopIteration):
        return None
    while True:
        line = offset + reader.line_num + 1
        try:
            row = next(rows)
        except StopIteration:
            break
        except csv.Error as exc:
            records.total += 1
            records.skipped.append(f"line {line}: {' '.join(str(exc).split())}")
            if offset + reader.line_num < line:
                break
            continue
        if not row:
            continue  # a blank line
        records.total += 1
        if len(row) != len(columns):
            misfits += 1
            records.skipped.append(f"line {line}: {len(row)} fields where the header has {len(columns)}")
            continue
        adder.add(line, {columns[i]: row[i] for i in keep})
    if misfits * 2 > records.total:
        # prose whose first line happens to read as a header (``Text, images and …``)
        return (f"looks like {kind} but {misfits} of {records.total} rows do not have the header's "
                f"{len(columns)} fields: columns {_shown_names(columns)}")
    if tail is not None:
        records.total += 1
        records.skipped.append(f"line {tail}: cut off where the data ends")
    return records


def _row_width(line: str, delimiter: str) -> int:
    try:
        return len(next(csv.reader([line], delimiter=delimiter)))
    except (csv.Error, StopIteration):
        return 0


# --------------------------------------------------------------------------- one record


class _Adder:
    """Turns the records of one file into :class:`Item` values, or names why one is skipped.

    The records of a file mostly share their field names, so which field serves which role
    is worked out once per set of names, not once per record; a date or source written
    alike in many records is read once, and a field used is noted once.
    """

    def __init__(self, records: Records, where: str, names: dict[str, tuple[str, ...]]) -> None:
        self.records = records
        self.where = where
        self.names = names
        #: field names of a record, in its order -> its :class:`_Layout`
        self._layouts: dict[tuple[Any, ...], _Layout] = {}
        self._dates: dict[str, str] = {}
        #: a date or source as written -> on one line, and the number of characters replaced
        self._one_lines: dict[str, tuple[str, int]] = {}
        #: the (role, field) pairs of a record, for each set of them met
        self._noted: set[tuple[tuple[str, Any], ...]] = set()

    def _layout_of(self, value: dict[str, Any]) -> _Layout:
        keys: dict[str, Any] = {}
        for k in value:
            keys.setdefault(_normalise(str(k)), k)
        fields = {role: tuple(keys[name] for name in names if name in keys) for role, names in self.names.items()}
        layout = _Layout(
            fields["text"],
            tuple((slot, role, fields[role]) for slot, role in enumerate(_ONE_ROLES) if fields[role]),
            tuple((slot, role, fields[role]) for slot, role in enumerate(_MANY_ROLES) if fields[role]),
        )
        self._layouts[tuple(value)] = layout
        return layout

    def add(self, n: int, value: dict[str, Any]) -> None:
        """Turn one record into an :class:`Item`, or name the reason it is skipped."""
        records, where = self.records, self.where
        layout = self._layouts.get(tuple(value)) or self._layout_of(value)
        raw = None
        for k in layout.text:
            v = value[k]
            if isinstance(v, str) and v and not v.isspace():  # not blank, without a stripped copy
                raw, text_key = v, k
                break
        if raw is None:
            blank = any(isinstance(value[k], str) for k in layout.text)
            records.skipped.append(f"{where} {n}: {'empty text' if blank else 'no text'}")
            return
        chosen = [("text", text_key)]
        repaired: list[str] = []
        if not _encodable(raw):
            raw, lone = _SURROGATE_RE.subn("\ufffd", raw)
            if lone:
                repaired.append("text")
        cleaned = clean_text(raw)
        if not cleaned:
            records.skipped.append(f"{where} {n}: empty text")
            return
        text, _fmt, html_title = body_to_text(cleaned, front_matter=False, cleaned=True)
        if not text:
            records.skipped.append(f"{where} {n}: no text after removing markup")
            return
        one = ["", "", "", ""]  # title, date, id, source: "" when no field serves the role
        for slot, role, keys in layout.one:
            got = None
            for k in keys:  # the first usable, not blank
                v = value[k]
                if isinstance(v, str):
                    if not v or v.isspace():
                        continue
                elif not isinstance(v, (int, float)) or isinstance(v, bool):
                    continue
                got = v
                chosen.append((role, k))
                break
            if isinstance(got, str) and role in _REPEATED_ROLES:
                known = self._one_lines.get(got)
                if known is None:
                    known = self._one_lines[got] = _one_line(as_str(got))
                fixed, bad = known
            else:
                fixed, bad = _one_line(as_str(got))
            one[slot] = fixed
            if bad:
                repaired.append(role)
        title, date, record_id, source = one
        many: list[tuple[str, ...]] = [(), ()]  # categories, tags
        for slot, role, keys in layout.many:
            got = None
            for k in keys:  # a list (even empty), or a string not blank
                v = value[k]
                if isinstance(v, list) or (isinstance(v, str) and v and not v.isspace()):
                    got = v
                    chosen.append((role, k))
                    break
            items = []
            for item in as_tuple(got):
                fixed, bad = _one_line(item)
                if bad and role not in repaired:
                    repaired.append(role)
                if fixed:
                    items.append(fixed)
            many[slot] = tuple(items)
        iso = self._dates.get(date)
        if iso is None:
            iso = self._dates[date] = iso_date(date)
        records.items.append(
            Item(n, text, title or html_title, iso or date_from_head(text), record_id, source, many[0], many[1])
        )
        if repaired:
            records.repaired.append(f"{where} {n}: lone surrogate replaced in {', '.join(repaired)}")
        noted = tuple(chosen)
        if noted not in self._noted:
            self._noted.add(noted)
            for role, k in chosen:
                shown = _shown_names([k])
                used = records.used.setdefault(role, [])
                if shown not in used:
                    used.append(shown)


class _Layout(NamedTuple):
    """The fields of a record that can serve each role, in order of preference."""

    text: tuple[Any, ...]
    #: ``(slot, role, fields)`` of the one-value roles (:data:`_ONE_ROLES`) some field serves
    one: tuple[tuple[int, str, tuple[Any, ...]], ...]
    #: the same for :data:`_MANY_ROLES`
    many: tuple[tuple[int, str, tuple[Any, ...]], ...]


def _encodable(text: str) -> bool:
    """No lone surrogate in the text (the usual case). UTF-8 encoding fails on one and on
    nothing else, and runs faster than a search for one."""
    try:
        text.encode("utf-8")
    except UnicodeEncodeError:
        return False
    return True


def _one_line(value: str) -> tuple[str, int]:
    """A metadata value on one line, lone surrogates replaced; the number replaced."""
    if value.isprintable():  # the usual case: no control, invisible or separator character
        return " ".join(value.split()), 0
    value, bad = _SURROGATE_RE.subn("\ufffd", value)
    return " ".join(clean_text(value).split()), bad
