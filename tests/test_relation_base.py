"""What the relation engines share: clause marks and lists of names."""

from kg.extract.relation_base import EngineBase, last_clause_mark
from kg.model import Mention


def _m(start, end, key, type_="Place"):
    return Mention(start, end, key, type_, 0, "gazetteer", name=key, key=key)


def test_last_clause_mark():
    text = "甲说，乙来。丙；丁"
    assert last_clause_mark(text, 0, len(text)) == text.index("；")
    assert last_clause_mark(text, 0, 5) == 2
    assert last_clause_mark(text, 3, 5) == -1


def test_listed_names():
    text = "山西、陕西和河北与北京"
    ms = [_m(0, 2, "山西"), _m(3, 5, "陕西"), _m(6, 8, "河北"), _m(9, 11, "北京", "Organization")]
    assert [m.key for m in EngineBase._listed(ms, 0, text)] == ["山西", "陕西", "河北", "北京"]
    # listed before: only names of the same type
    assert [m.key for m in EngineBase._listed_before(ms, 2, text)] == ["山西", "陕西", "河北"]
    assert [m.key for m in EngineBase._listed_before(ms, 3, text)] == ["北京"]
