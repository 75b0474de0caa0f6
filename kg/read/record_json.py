"""JSON files as records: a JSON array of objects, JSON lines, or one object over several
lines; and why a file that starts like JSON is read as plain text.

JSON lines are split at ``\\n`` (and ``\\r\\n``) only, never at U+2028, U+2029 or U+0085,
which JSON strings may hold. A line that is not JSON or not an object is skipped and named
by its line number; the others are read.
"""

from __future__ import annotations

import json
from typing import Any

from kg.read.record_fields import Adder, Records, normalise, shown_names, split_lines

__all__ = ["json_records", "json_warning"]

#: ``json.loads(…, strict=False)`` makes a new decoder at every call; lines share this one.
#: strict=False: a raw tab or control character inside a string is kept, as a sloppy
#: exporter writes it, rather than the record lost.
_DECODER = json.JSONDecoder(strict=False)


def json_records(text: str, head: str, names: dict[str, tuple[str, ...]], cut: bool) -> Records | None:
    """The records of a JSON array, of JSON lines or of one JSON object with a text field,
    tried in that order; None when the text is none of them.

    Args:
        text: The decoded file, not cleaned.
        head: Its first line that is not blank.
        names: :func:`kg.read.record_fields.field_names`.
        cut: The text stops before the file's end: its last line is skipped as cut off.
    """
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
    return None


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


def _text_key(value: dict[str, Any], names: dict[str, tuple[str, ...]]) -> bool:
    """The object has a field named as a text field (whatever its value: a record whose
    text is not a string is a bad record of a records file, not a sign of plain text)."""
    keys = {normalise(str(k)) for k in value}
    return any(n in keys for n in names["text"])


def _has_json_record(text: str, names: dict[str, tuple[str, ...]]) -> bool:
    """Some line is a JSON object with a text field (only lines starting with ``{`` are tried)."""
    for _n, line in split_lines(text):
        if line.lstrip(" \t\ufeff").startswith("{"):
            value = _loads(line)
            if isinstance(value, dict) and _text_key(value, names):
                return True
    return False


def _jsonl(text: str, names: dict[str, tuple[str, ...]], cut: bool) -> Records:
    values: list[tuple[int, Any]] = []
    lines = [(n, line) for n, line in split_lines(text) if line and not line.isspace()]  # not blank
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
    adder = Adder(records, where, names)
    for n, value in values:
        if isinstance(value, _NotJSON):
            records.skipped.append(f"{where} {n}: not JSON")
        elif not isinstance(value, dict):
            records.skipped.append(f"{where} {n}: not a JSON object")
        else:
            adder.add(n, value)
    return records


def json_warning(text: str, stripped: str, names: dict[str, tuple[str, ...]]) -> str:
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
        return f"looks like JSON but no record has a text field: keys {shown_names(first)}; name it with --text-field"
    if isinstance(first, _NotJSON) and (stripped[:2] in ('{"', "[{", '["') or stripped.strip() in ("{", "[")):
        return f"looks like JSON but is not valid JSON: line 1: {first.message}"
    return ""

