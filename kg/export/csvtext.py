"""CSV as every table of kg writes it: UTF-8 with ``\\n`` line ends, or, for Excel
(``kg build --excel``), UTF-8 with a byte-order mark and ``\\r\\n``: without the mark,
Excel on a Chinese-language Windows reads the file as GBK and garbles every name.

``write_csv`` writes rows with the csv module (its default dialect). ``CsvText`` gives
the same bytes as text made directly, for the large tables of ``kg.export.tables``,
whose rows repeat the same fields (an entity's id and name in every row naming it):
each field formatted once, a line per row, a few thousand lines a write.
"""

from __future__ import annotations

import csv
import functools
import io
import re
from collections.abc import Callable, Iterable, Sequence
from itertools import islice
from pathlib import Path
from typing import Any

__all__ = ["CsvText", "Made", "open_text", "write_csv"]


def open_text(path: str | Path, *, bom: bool = False):
    """``path`` opened to write text (its folder made), UTF-8, with a byte-order mark for
    ``bom``."""
    p = Path(path)
    p.parent.mkdir(parents=True, exist_ok=True)
    # newline="" so the csv module's terminator and embedded newlines pass unchanged.
    return open(p, "w", encoding="utf-8-sig" if bom else "utf-8", newline="")


def write_csv(path: str | Path, columns: Sequence[str], rows: Iterable[Sequence[Any]], *, excel: bool = False) -> None:
    """A header and rows as CSV: UTF-8 and ``\\n``, or for Excel a BOM and ``\\r\\n``.

    A line break inside a value stays ``\\n`` either way (quoted, as CSV allows). Values
    are written as they come: codes are given as strings, so none turns into a float.
    """
    with open_text(path, bom=excel) as f:
        w = csv.writer(f, lineterminator="\r\n" if excel else "\n")
        w.writerow(columns)
        w.writerows(rows)


# ---------------------------------------------------------------------- CSV as text
# entities.csv and relations.csv are made as text, a line per row from fields formatted
# once (an entity's id and name are written in every row naming it), in the bytes
# ``write_csv`` (the csv module, its default dialect) gives: a field is quoted when it
# holds a character the csv module quotes, its quotes doubled; other values are their
# ``str``. The characters are asked of the csv module itself (``_quoted_chars``), since
# they have changed between Python versions (3.11 quotes ``\r`` only when the line end
# holds it).

#: Rows joined into one piece of text per write.
ROWS_PER_WRITE = 2000


@functools.cache
def _quoted_chars(end: str) -> str:
    """The characters that make ``csv.writer(f, lineterminator=end)`` quote a field: of
    the delimiter, the quote, the line-end characters and the line breaks (the only
    characters any version of the csv module quotes for, with no escape character)."""
    quoted = []
    for c in sorted(set(',"\r\n' + end)):
        out = io.StringIO()
        csv.writer(out, lineterminator=end).writerow(["a" + c, "b"])
        if out.getvalue().startswith('"'):
            quoted.append(c)
    return "".join(quoted)


class CsvText:
    """How ``write_csv(..., excel=excel)`` writes a field and a line."""

    __slots__ = ("_search", "end", "quoted")

    def __init__(self, excel: bool) -> None:
        self.end = "\r\n" if excel else "\n"
        self._search = re.compile(f"[{re.escape(_quoted_chars(self.end))}]").search
        #: Whether a string is written quoted (a match, else None).
        self.quoted = self._search

    def field(self, value: Any) -> str:
        """``value`` as the csv module writes it: None empty, anything else its ``str``,
        quoted (its quotes doubled) when it holds a character the module quotes."""
        if value.__class__ is not str:  # as _csv.c: a float by its repr
            value = "" if value is None else repr(value) if isinstance(value, float) else str(value)
        if self._search(value) is None:
            return value
        return '"' + value.replace('"', '""') + '"'

    def fields(self) -> Made:
        """A dict of ``field(value)`` by value, each made once."""
        return Made(self.field)

    def write(self, path: str | Path, columns: Sequence[str], lines: Iterable[str], *, excel: bool) -> None:
        """The header and the lines (each ended already), a few thousand lines a write."""
        with open_text(path, bom=excel) as f:
            f.write(",".join(map(self.field, columns)) + self.end)
            lines = iter(lines)
            while batch := "".join(islice(lines, ROWS_PER_WRITE)):
                f.write(batch)


class Made(dict):
    """``made[key]``: ``make(key)``, made once per key (``_Csv.fields``, and the JSON of
    each entity type)."""

    __slots__ = ("make",)

    def __init__(self, make: Callable[[Any], str]) -> None:
        super().__init__()
        self.make = make

    def __missing__(self, key: Any) -> str:
        out = self[key] = self.make(key)
        return out
