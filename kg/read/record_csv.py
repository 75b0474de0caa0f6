"""CSV and TSV files as records: a first line that is a header of two or more names, one
of them a text field, and rows of as many fields as the header.

A row with another number of fields is skipped and named by its line number; when most
rows are such, the file is prose whose first line happened to read as a header, and it is
read as plain text with a warning.
"""

from __future__ import annotations

import csv
import io
import re

from kg.read.record_fields import Adder, Records, first_line, normalise, shown_names

__all__ = ["csv_records"]

_HEADER_NAME_MAX = 64
_SENTENCE_END_RE = re.compile("[。！？；]")
_FIELD_LIMIT = 2**31 - 1

# A CSV field may hold a whole book; the csv module's default limit is 128 KiB. The
# limit is process-wide, so it is raised once here and never lowered.
csv.field_size_limit(max(csv.field_size_limit(), _FIELD_LIMIT))


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


def csv_records(
    text: str, head: str, names: dict[str, tuple[str, ...]], cut: bool
) -> Records | str | None:
    """The rows of a CSV or TSV file; a warning if it looks like one without a text column;
    None if it does not look like one."""
    header = _csv_header(head)
    if header is None:
        return None
    delimiter, columns = header
    kind = "TSV" if delimiter == "\t" else "CSV"
    normalised = [normalise(c) for c in columns]
    if not any(n in normalised for n in names["text"]):
        start = text.find(head)
        rest = text[start + len(head) :]
        following = first_line(rest)
        if following and _row_width(following, delimiter) == len(columns):
            return (f"looks like {kind} but no column holds text: columns {shown_names(columns)}; "
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
    adder = Adder(records, "line", names)
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
                f"{len(columns)} fields: columns {shown_names(columns)}")
    if tail is not None:
        records.total += 1
        records.skipped.append(f"line {tail}: cut off where the data ends")
    return records


def _row_width(line: str, delimiter: str) -> int:
    try:
        return len(next(csv.reader([line], delimiter=delimiter)))
    except (csv.Error, StopIteration):
        return 0
