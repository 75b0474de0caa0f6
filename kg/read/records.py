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

This module tells the formats apart; :mod:`kg.read.record_json` and
:mod:`kg.read.record_csv` read them, and :mod:`kg.read.record_fields` holds what they share
(the roles and field names, a file's :class:`Records`, one record made an :class:`Item`).
"""

from __future__ import annotations

from kg.read.record_csv import csv_records
from kg.read.record_fields import COMMON_NAMES, ROLES, Item, Records, field_names, first_line
from kg.read.record_json import json_records, json_warning

__all__ = ["COMMON_NAMES", "ROLES", "Item", "Records", "field_names", "read_records"]


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
    head = first_line(text)
    records = json_records(text, head, names, cut)
    if records is not None:
        return records
    table = csv_records(text, head, names, cut)
    if table is not None:
        return table
    return json_warning(text, head.lstrip(), names)
