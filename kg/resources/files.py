"""The two plain formats of kg's data files, read with ``file:line`` errors: word lists
and tab-separated tables.

A malformed line raises ``ResourceError`` naming the file and line, so a typo in a data
file fails at start-up instead of silently emptying the graph.
"""

from __future__ import annotations

from pathlib import Path

from kg.errors import ResourceError


def read_lines(path: Path) -> list[tuple[int, str]]:
    """The lines of a UTF-8 file with their numbers (from 1); a file that cannot be read
    or decoded is a ``ResourceError`` naming it."""
    try:
        # utf-8-sig: Notepad on Windows starts a UTF-8 file with a byte-order mark, which
        # would otherwise become part of the first name of the file
        text = path.read_text(encoding="utf-8-sig")
    except OSError as e:
        raise ResourceError(f"{path}: cannot read: {e.strerror or e}") from e
    except UnicodeDecodeError as e:
        raise ResourceError(f"{path}: cannot read: not UTF-8 ({e.reason} at byte {e.start})") from e
    return list(enumerate(text.splitlines(), 1))


def read_words(path: Path) -> list[str]:
    """Whitespace-separated words, ``#`` starts a comment."""
    words = []
    for _n, line in read_lines(path):
        line = line.split("#", 1)[0]
        words.extend(line.split())
    return words


def read_tsv(path: Path, columns: tuple[str, ...], *, header: bool) -> list[tuple[int, dict[str, str]]]:
    """Rows of a TSV file as dicts; ``#`` lines are comments; wrong widths are errors."""
    rows = []
    lines = [(n, line) for n, line in read_lines(path) if line.strip() and not line.startswith("#")]
    if header:
        if not lines:
            raise ResourceError(f"{path}: empty file, expected a header")
        n, first = lines[0]
        got = tuple(first.split("\t"))
        if got[: len(columns)] != columns:
            raise ResourceError(f"{path}:{n}: header must start with {' '.join(columns)}, not {' '.join(got)}")
        lines = lines[1:]
    for n, line in lines:
        # cells as a tab-separated reader without quoting gives them (a line holds no line
        # break), without making a reader per line
        cells = line.split("\t")
        if len(cells) < len(columns):
            cells += [""] * (len(columns) - len(cells))
        if len(cells) > len(columns) and any(c.strip() for c in cells[len(columns) :]):
            raise ResourceError(f"{path}:{n}: expected {len(columns)} columns ({' '.join(columns)}), got {len(cells)}")
        rows.append((n, dict(zip(columns, map(str.strip, cells)))))
    return rows


def split_cell(value: str) -> tuple[str, ...]:
    """The values of a cell that lists several, separated by ``|`` (aliases, short forms)."""
    if "|" not in value:  # most cells hold one value or none
        value = value.strip()
        return (value,) if value else ()
    return tuple(v.strip() for v in value.split("|") if v.strip())
