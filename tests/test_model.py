"""Tests of kg.model: the named-tuple records are values with the dataclasses' defaults."""

from __future__ import annotations

import pickle

import pytest

from kg.model import DocEntity, Evidence, Mention, Sentence

RECORDS = [
    Sentence(3, 10, 14, "习近平。", paragraph=2, heading=True),
    Mention(10, 13, "习近平", "Person", 3, "lexicon", "习近平", "习近平"),
    DocEntity("习近平", "Person", ("习主席",), 2, (("ref", "Q15031"),)),
    Evidence("d1", 3, 10, 14, "习近平。", "pattern:met"),
]


@pytest.mark.parametrize("record", RECORDS, ids=lambda r: type(r).__name__)
def test_replace_changes_one_field_and_keeps_the_type(record) -> None:
    names = type(record)._fields
    changed = record._replace(**{names[-1]: "x"})
    assert type(changed) is type(record)
    assert getattr(changed, names[-1]) == "x"
    assert changed[:-1] == record[:-1]
    with pytest.raises(ValueError):
        record._replace(nonexistent=1)


@pytest.mark.parametrize("record", RECORDS, ids=lambda r: type(r).__name__)
def test_records_are_immutable_values_that_pickle(record) -> None:
    back = pickle.loads(pickle.dumps(record, protocol=5))
    assert back == record and type(back) is type(record)
    assert hash(back) == hash(record)
    assert repr(record).startswith(f"{type(record).__name__}({type(record)._fields[0]}=")
    with pytest.raises(AttributeError):
        setattr(record, type(record)._fields[0], "changed")


def test_defaults_are_those_of_the_dataclasses() -> None:
    assert Sentence(0, 0, 1, "a") == Sentence(0, 0, 1, "a", 0, False)
    assert Mention(0, 1, "a", "Place", 0, "r") == Mention(0, 1, "a", "Place", 0, "r", "", "")
    assert DocEntity("a", "Place") == DocEntity("a", "Place", (), 0, ())
    assert Mention._field_defaults == {"name": "", "key": ""}
    assert Mention(0, 1, "a", "Place", 0, "r")._replace(key="k").key == "k"
