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
