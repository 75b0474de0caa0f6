"""How many terminal columns a text takes, for the commands that print aligned tables
(``kg kwic``, ``kg rules``, ``kg query``).

``len`` counts characters, but a terminal draws a Chinese character or a full-width
comma in two columns and a combining accent in none, so columns padded by ``len`` drift
as soon as a cell holds Chinese. One definition, imported by every table printer, keeps
the tables of all commands aligned alike. It depends on nothing of kg, so any layer may
import it.
"""

from __future__ import annotations

import unicodedata

__all__ = ["display_width", "pad"]


def display_width(text: str) -> int:
    """Terminal columns ``text`` takes: two for wide and full-width characters (汉字, ，,
    Ａ), none for combining marks, one for the rest.

    >>> display_width("习近平 met Macron"), display_width("，ab"), display_width("e\\u0301")
    (17, 4, 1)
    """
    return sum(
        0 if unicodedata.combining(c) else 2 if unicodedata.east_asian_width(c) in "WF" else 1 for c in text
    )


def pad(text: str, width: int, right: bool = False) -> str:
    """``text`` padded with spaces to ``width`` columns, flush left, or flush right when
    ``right``; a text already as wide or wider is returned as it is."""
    fill = " " * max(0, width - display_width(text))
    return fill + text if right else text + fill
