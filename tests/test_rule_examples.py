"""Every relation rule's examples in data/rules/relations.toml, run through the real
extraction: the rule's specification. Parametrized by rule id so a failure names the rule."""

from __future__ import annotations

import pytest

from helpers import extract
from kg.resources import load_resources

RULES = load_resources().relation_rules


@pytest.mark.parametrize("rule", RULES, ids=[r.id for r in RULES])
def test_rule_examples(rule):
    assert rule.examples, f"{rule.id} has no examples"
    for ex in rule.examples:
        found = {(r.head, r.type, r.tail): r for r in extract(ex.text).relations}
        key = (ex.head, rule.relation, ex.tail)
        assert key in found, f"{rule.id}: {ex.text} gave {sorted(found)}, not {key}"
        rules = {e.rule for e in found[key].evidence}
        assert rule.id in rules, f"{rule.id}: {ex.text} produced {key} by {sorted(rules)}"


@pytest.mark.parametrize("rule", RULES, ids=[r.id for r in RULES])
def test_rule_counter_examples(rule):
    for ex in rule.counter_examples:
        found = {(r.head, r.type, r.tail) for r in extract(ex.text).relations}
        key = (ex.head, rule.relation, ex.tail)
        assert key not in found, f"{rule.id}: counter-example {ex.text} gave {key}"


def test_every_rule_has_a_counter_example():
    # hard negatives are what keeps a rule from drifting toward its own examples
    assert [r.id for r in RULES if not r.counter_examples] == []
