"""kg.resources.rules: suffix rules and relation rules with their examples, with file:line errors."""

import pytest
from helpers import refuses

from kg.errors import ResourceError
from kg.resources import load_relation_rules, load_suffixes
from kg.resources.rules import load_entity_rules


def test_bad_suffix_body(tmp_path):
    p = tmp_path / "suffixes.tsv"
    refuses(load_suffixes, p, "公司\tEnterprise\tsomething\t2\n", r"suffixes.tsv:1: body must be one of")


def test_suffix_span_type(tmp_path):
    p = tmp_path / "suffixes.tsv"
    refuses(load_suffixes, p, "饭店\tPlace\tproper\t2\t\t\tHotel\n", r"suffixes.tsv:1: unknown span type 'Hotel'")
    p.write_text("饭店\tPlace\tproper\t2\t\t\tEnterprise\n公司\tEnterprise\tproper\t2\n", encoding="utf-8")
    assert [(r.type, r.span_type) for r in load_suffixes(p)] == [("Place", "Enterprise"), ("Enterprise", "")]


def test_bad_relation_rule(tmp_path):
    p = tmp_path / "relations.toml"
    refuses(load_relation_rules, p, '[[rule]]\nid = "x"\nrelation = "likes"\nengine = "trigger"\nhead = ["Person"]\ntail = ["Person"]\n', "unknown relation 'likes'")
    refuses(load_relation_rules, p, '[[rule]]\nrelation = "met"\nengine = "trigger"\nhead = ["Person"]\ntail = ["Person"]\ntrigers = []\n', "unknown key")


def test_duplicate_suffix(tmp_path):
    p = tmp_path / "suffixes.tsv"
    refuses(load_suffixes, p, "公司\tEnterprise\tproper\t2\n集团\tEnterprise\tproper\t2\n公司\tEnterprise\tnominal\t2\n", r"suffixes.tsv:3: suffix '公司' is listed twice")


def test_relation_rule_needs_examples(tmp_path):
    p = tmp_path / "relations.toml"
    rule = '[[rule]]\nid = "met.x"\nrelation = "met"\nengine = "trigger"\nhead = ["Person"]\ntail = ["Person"]\ntriggers = ["会见"]\n'
    refuses(load_relation_rules, p, rule, r"relations.toml: rule 1 \(met.x\): needs at least one example")
    refuses(load_relation_rules, p, rule + 'examples = [{text = "王晓东会见赵志刚。", head = "王晓东", tail = "李明"}]\n', r"\(met.x\): examples 1: tail '李明' does not occur in the text")
    refuses(load_relation_rules, p, rule + 'examples = [{text = "王晓东会见赵志刚。", head = "王晓东"}]\n', r"examples 1: needs exactly the keys text, head and tail")
    p.write_text(
        rule
        + 'examples = [{text = "王晓东会见赵志刚。", head = "王晓东", tail = "赵志刚"}]\n'
        + 'counter_examples = [{text = "王晓东和赵志刚一起观看演出。", head = "王晓东", tail = "赵志刚"}]\n',
        encoding="utf-8",
    )
    (loaded,) = load_relation_rules(p)
    assert [(e.head, e.tail) for e in loaded.examples] == [("王晓东", "赵志刚")]
    assert [e.text for e in loaded.counter_examples] == ["王晓东和赵志刚一起观看演出。"]


def test_suffix_examples_are_read_and_checked(tmp_path):
    p = tmp_path / "suffixes.tsv"
    p.write_text(
        "研究院\tOrganization\tproper\t2\t【山西省煤炭地质研究院】发布成果。\t【该研究院】发布成果。\n"
        "集团\tEnterprise\tproper\t2\n",
        encoding="utf-8",
    )
    first, second = load_suffixes(p)
    assert (first.example_text, first.example_name) == ("山西省煤炭地质研究院发布成果。", "山西省煤炭地质研究院")
    assert (first.counter_text, first.counter_name) == ("该研究院发布成果。", "该研究院")
    # a user's file of four columns still loads; kg's own rows are required to have one by the tests
    assert second.example == "" and second.example_name == ""
    refuses(load_suffixes, p, "研究院\tOrganization\tproper\t2\t【山西省煤炭地质】研究院发布成果。\n", r"suffixes.tsv:1: example: the name 【山西省煤炭地质】 does not end in the suffix '研究院'")
    refuses(load_suffixes, p, "研究院\tOrganization\tproper\t2\t山西省煤炭地质研究院发布成果。\n", r"suffixes.tsv:1: example: needs exactly one name in 【】")


ENTITY_RULE = (
    '[[rule]]\nid = "village"\ntypes = ["Place"]\ntrigger = "姓 + 家 + 庄"\ndescription = "a village"\n'
    'function = "kg.extract.places:PlaceFinder.villages"\n'
)


def test_entity_rules_load_with_their_examples(tmp_path):
    p = tmp_path / "entities.toml"
    p.write_text(
        ENTITY_RULE
        + 'examples = [{text = "王家庄的村民种起了中药材。", mentions = [["王家庄", "Place"]]}]\n'
        + 'counter_examples = [{text = "国家庄严承诺。", mentions = [["国家庄", "Place"]]}]\n'
        + '[[body]]\nkind = "nominal"\ndescription = "nouns"\n'
        + 'counter_examples = [{text = "该有限公司营收增长。", mentions = [["该有限公司", "Enterprise"]]}]\n',
        encoding="utf-8",
    )
    loaded = load_entity_rules(p)
    (rule,) = loaded.rules
    assert (rule.id, rule.types, rule.backend) == ("village", ("Place",), "")
    assert rule.examples[0].mentions == (("王家庄", "Place"),)
    assert loaded.bodies[0].kind == "nominal" and loaded.bodies[0].counter_examples[0].mentions == (("该有限公司", "Enterprise"),)


@pytest.mark.parametrize(
    ("extra", "message"),
    [
        ("", r"rule 1 \(village\): needs at least one example and one counter-example"),
        (
            'examples = [{text = "王家庄的村民。", mentions = [["王家庄", "Place"]]}]\n',
            r"needs at least one example and one counter-example",
        ),
        (
            ('examples = [{text = "王家庄的村民。", mentions = [["李家庄", "Place"]]}]\n'
            'counter_examples = [{text = "国家庄严。", mentions = [["国家庄", "Place"]]}]\n'),
            r"examples 1: '李家庄' does not occur in the text",
        ),
        (
            ('examples = [{text = "王家庄的村民。", mentions = [["王家庄", "Person"]]}]\n'
            'counter_examples = [{text = "国家庄严。", mentions = [["国家庄", "Place"]]}]\n'),
            r"examples 1: type 'Person' is not one of the rule's \(Place\)",
        ),
        (
            'examples = [{text = "王家庄的村民。", mentions = ["王家庄"]}]\n',
            r"a mention must be \[surface, type\]",
        ),
        ('colour = "red"\n', r"unknown key\(s\) colour"),
    ],
    ids=["no examples", "no counter-example", "surface not in the text", "type not the rule's", "bare surface", "unknown key"],
)
def test_bad_entity_rules_are_one_clear_error(tmp_path, extra, message):
    p = tmp_path / "entities.toml"
    refuses(load_entity_rules, p, ENTITY_RULE + extra, message)


def test_entity_rule_function_and_types_are_checked(tmp_path):
    p = tmp_path / "entities.toml"
    ok = (
        'examples = [{text = "王家庄的村民。", mentions = [["王家庄", "Place"]]}]\n'
        'counter_examples = [{text = "国家庄严。", mentions = [["国家庄", "Place"]]}]\n'
    )
    refuses(load_entity_rules, p, ENTITY_RULE.replace("kg.extract.places:PlaceFinder.villages", "villages()") + ok, "function must read module:name")
    refuses(load_entity_rules, p, ENTITY_RULE.replace('["Place"]', '["Village"]') + ok, "types needs entity types")
    refuses(load_entity_rules, p, ENTITY_RULE + ok + ENTITY_RULE + ok, r"rule 2 \(village\): id 'village' is listed twice")


def _pattern_rule(tmp_path, body: str):
    """An entities.toml of one rule whose keys past its id are ``body``."""
    path = tmp_path / "entities.toml"
    path.write_text(
        f'[[rule]]\nid = "r1"\ntypes = ["Place", "Person"]\ntrigger = "t"\ndescription = "d"\n{body}\n'
        'examples = [{text = "王家庄", mentions = [["王家庄", "Place"]]}]\n'
        'counter_examples = [{text = "国家庄", mentions = [["国家庄", "Place"]]}]\n',
        encoding="utf-8",
    )
    return path


def test_a_pattern_rule_loads_with_what_it_makes(tmp_path):
    (rule,) = load_entity_rules(_pattern_rule(
        tmp_path,
        'pattern = [{chars = "@surnames"}, {chars = "家", span = true}]\ntype = "Person"\npriority = 2\n'
        'word_bounds = "start"\noverlapping = true\nnot_in = ["not_entities"]\nrequires = ["家"]',
    )).rules
    assert rule.pattern == ({"chars": "@surnames"}, {"chars": "家", "span": True}) and rule.function == ""
    assert (rule.type, rule.priority, rule.word_bounds, rule.overlapping) == ("Person", 2, "start", True)
    assert (rule.not_in, rule.requires) == (("not_entities",), ("家",))
    assert rule.origin == f"{tmp_path / 'entities.toml'}: rule 1 (r1)"
    # without a type the mention is of the rule's first type
    (plain,) = load_entity_rules(_pattern_rule(tmp_path, 'pattern = [{pos = "ns"}]')).rules
    assert (plain.type, plain.priority, plain.word_bounds) == ("Place", 1, "")


@pytest.mark.parametrize(
    ("body", "message"),
    [
        ('pattern = [{colour = "red"}]', r"rule 1 \(r1\): pattern element 1: unknown key\(s\) colour"),
        ('pattern = [{pos = "nr", chars = "王"}]', r"pattern element 1: an element is one token"),
        ("pattern = []", r"pattern must be a list of element tables"),
        ('pattern = [{pos = 3}]', r"pos must be a string or a list of strings"),
        ('pattern = [{len = [3, 1]}]', r"len must be a length or \[min, max\]"),
        ('pattern = [{pos = "nr"}]\ntype = "Event"', r"type must be one of the rule's types"),
        ('pattern = [{pos = "nr"}]\nword_bounds = "middle"', r"word_bounds must be start, end or both"),
        ('pattern = [{pos = "nr"}]\npriority = 0', r"priority must be a whole number"),
        ("", r"needs function"),
        ('trigger2 = "x"', r"unknown key\(s\) trigger2"),
    ],
)
def test_the_form_of_a_pattern_is_checked_as_the_file_loads(tmp_path, body, message):
    with pytest.raises(ResourceError, match=message) as err:
        load_entity_rules(_pattern_rule(tmp_path, body))
    assert "\n" not in str(err.value)
