"""Tests of kg.textwidth: the terminal columns of a text, which every printed table
(kg kwic, kg rules, kg query) pads by."""

from __future__ import annotations

from kg.textwidth import display_width, pad


def test_wide_and_full_width_characters_take_two_columns() -> None:
    assert display_width("习近平") == 6
    assert display_width("晋中市委") == 8
    assert display_width("AMNS公司") == 8
    assert display_width("ｆｕｌｌ") == 8  # full-width Latin letters
    assert display_width("ab，") == 4  # a full-width comma


def test_combining_marks_take_none_and_the_rest_one() -> None:
    assert display_width("e\u0301") == 1  # e and a combining acute accent
    assert display_width("Macron 3.5") == 10
    assert display_width("") == 0


def test_pad_fills_to_the_display_width_on_either_side() -> None:
    assert pad("习近平", 8) == "习近平  "
    assert pad("习近平", 8, right=True) == "  习近平"
    assert pad("ab", 4) == "ab  "
    assert pad("e\u0301", 3) == "e\u0301  "


def test_pad_leaves_a_text_as_wide_or_wider_as_it_is() -> None:
    assert pad("习近平", 6) == "习近平"
    assert pad("习近平", 4, right=True) == "习近平"


def test_padded_cells_line_up_in_columns() -> None:
    cells = ["习近平", "Macron", "ｆｕｌｌ", "e\u0301"]
    width = max(map(display_width, cells))
    assert {display_width(pad(c, width) + "|") for c in cells} == {width + 1}
