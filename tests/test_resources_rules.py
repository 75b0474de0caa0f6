"""kg.resources.rules: suffix rules and relation rules with their examples, with file:line errors."""

import pytest

from kg.errors import ResourceError
from kg.resources import load_relation_rules, load_suffixes


def test_bad_suffix_body(tmp_path):
    p = tmp_path / "suffixes.tsv"
    p.write_text("公司\tEnterprise\tsomething\t2\n", encoding="utf-8")
    with pytest.raises(ResourceError, match=r"suffixes.tsv:1: body must be one of"):
        load_suffixes(p)


def test_bad_relation_rule(tmp_path):
    p = tmp_path / "relations.toml"
    p.write_text('[[rule]]\nid = "x"\nrelation = "likes"\nengine = "trigger"\nhead = ["Person"]\ntail = ["Person"]\n', encoding="utf-8")
    with pytest.raises(ResourceError, match="unknown relation 'likes'"):
        load_relation_rules(p)
    p.write_text('[[rule]]\nrelation = "met"\nengine = "trigger"\nhead = ["Person"]\ntail = ["Person"]\ntrigers = []\n', encoding="utf-8")
    with pytest.raises(ResourceError, match="unknown key"):
        load_relation_rules(p)


def test_duplicate_suffix(tmp_path):
    p = tmp_path / "suffixes.tsv"
    p.write_text("公司\tEnterprise\tproper\t2\n集团\tEnterprise\tproper\t2\n公司\tEnterprise\tnominal\t2\n", encoding="utf-8")
    with pytest.raises(ResourceError, match=r"suffixes.tsv:3: suffix '公司' is listed twice"):
        load_suffixes(p)


def test_relation_rule_needs_examples(tmp_path):
    p = tmp_path / "relations.toml"
    rule = '[[rule]]\nid = "met.x"\nrelation = "met"\nengine = "trigger"\nhead = ["Person"]\ntail = ["Person"]\ntriggers = ["会见"]\n'
    p.write_text(rule, encoding="utf-8")
    with pytest.raises(ResourceError, match=r"relations.toml: rule 1 \(met.x\): needs at least one example"):
        load_relation_rules(p)
    p.write_text(rule + 'examples = [{text = "王晓东会见赵志刚。", head = "王晓东", tail = "李明"}]\n', encoding="utf-8")
    with pytest.raises(ResourceError, match=r"\(met.x\): examples 1: tail '李明' does not occur in the text"):
        load_relation_rules(p)
    p.write_text(rule + 'examples = [{text = "王晓东会见赵志刚。", head = "王晓东"}]\n', encoding="utf-8")
    with pytest.raises(ResourceError, match=r"examples 1: needs exactly the keys text, head and tail"):
        load_relation_rules(p)
    p.write_text(
        rule
        + 'examples = [{text = "王晓东会见赵志刚。", head = "王晓东", tail = "赵志刚"}]\n'
        + 'counter_examples = [{text = "王晓东和赵志刚一起观看演出。", head = "王晓东", tail = "赵志刚"}]\n',
        encoding="utf-8",
    )
    (loaded,) = load_relation_rules(p)
    assert [(e.head, e.tail) for e in loaded.examples] == [("王晓东", "赵志刚")]
    assert [e.text for e in loaded.counter_examples] == ["王晓东和赵志刚一起观看演出。"]
