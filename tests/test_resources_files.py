"""kg.resources.files: the word lists and TSV tables of data/, with file:line errors."""

import pytest

from kg.errors import ResourceError
from kg.resources import read_tsv


def test_tsv_header_and_width(tmp_path):
    p = tmp_path / "x.tsv"
    p.write_text("a\tb\n1\t2\t3\n", encoding="utf-8")
    with pytest.raises(ResourceError, match=r"x.tsv:2: expected 2 columns"):
        read_tsv(p, ("a", "b"), header=True)
    p.write_text("a\tc\n", encoding="utf-8")
    with pytest.raises(ResourceError, match=r"x.tsv:1: header must start with a b"):
        read_tsv(p, ("a", "b"), header=True)


def test_tsv_cells_are_split_at_tabs_alone(tmp_path):
    """No quoting: a quote is text (“a "b" c”, a lone "), cells are stripped, missing ones
    are empty, empty extra ones are allowed; comment and blank lines are skipped."""
    p = tmp_path / "x.tsv"
    p.write_text('# c\n"a"\t b "c \n\n\'x\'\n" q\t\t\t\n', encoding="utf-8")
    assert read_tsv(p, ("a", "b", "c"), header=False) == [
        (2, {"a": '"a"', "b": 'b "c', "c": ""}),
        (4, {"a": "'x'", "b": "", "c": ""}),
        (5, {"a": '" q', "b": "", "c": ""}),
    ]


def test_split_cell():
    from kg.resources.files import split_cell

    assert split_cell("") == () and split_cell("  ") == ()
    assert split_cell(" 晋中 ") == ("晋中",)
    assert split_cell("晋中| 榆次 ||") == ("晋中", "榆次")
