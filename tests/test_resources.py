"""Loading data/: validation with file:line messages, lookups."""

import re

import pytest

from kg.errors import ResourceError
from kg.resources import load_domains, load_lexicon, load_relation_rules, load_resources, load_suffixes, read_tsv


def test_shipped_data_loads():
    res = load_resources()
    assert res.places["cn:140700"].name == "晋中市"
    assert "晋中" in res.places["cn:140700"].short
    assert res.place_forms["山西"] == ("cn:140000",)
    assert res.parent_chain("cn:140727")[:2] == ["cn:140700", "cn:140000"]
    assert res.lexicon_forms["党中央"].name == "中共中央"
    assert {r.relation for r in res.relation_rules} >= {
        "holds_position", "located_in", "part_of", "visited", "attended",
        "proposed", "participates_in", "cooperates_with", "met",
    }
    assert res.common_word("文明") and not res.common_word("常书铭")


def test_bad_lexicon_type_names_file_and_line(tmp_path):
    p = tmp_path / "entities.tsv"
    p.write_text("# comment\n联合国\tOrganization\t\n华为\tCompany\t\n", encoding="utf-8")
    with pytest.raises(ResourceError, match=r"entities.tsv:3: unknown entity type 'Company'"):
        load_lexicon(p)


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


def test_tsv_header_and_width(tmp_path):
    p = tmp_path / "x.tsv"
    p.write_text("a\tb\n1\t2\t3\n", encoding="utf-8")
    with pytest.raises(ResourceError, match=r"x.tsv:2: expected 2 columns"):
        read_tsv(p, ("a", "b"), header=True)
    p.write_text("a\tc\n", encoding="utf-8")
    with pytest.raises(ResourceError, match=r"x.tsv:1: header must start with a b"):
        read_tsv(p, ("a", "b"), header=True)


def test_duplicate_suffix(tmp_path):
    p = tmp_path / "suffixes.tsv"
    p.write_text("公司\tEnterprise\tproper\t2\n集团\tEnterprise\tproper\t2\n公司\tEnterprise\tnominal\t2\n", encoding="utf-8")
    with pytest.raises(ResourceError, match=r"suffixes.tsv:3: suffix '公司' is listed twice"):
        load_suffixes(p)


def test_renamed_division_has_its_current_name_and_keeps_the_former():
    res = load_resources()
    taigu = res.places["cn:140726"]
    assert taigu.name == "太谷区" and "太谷县" in taigu.short
    assert res.place_forms["太谷区"] == ("cn:140726",) == res.place_forms["太谷县"]


def test_former_county_name_of_a_district_or_city_is_a_form():
    res = load_resources()
    assert res.place_forms["崇礼县"] == res.place_forms["崇礼区"]  # a district since 2016
    assert res.place_forms["安陆县"] == res.place_forms["安陆市"]  # a county-level city
    assert "北京县" not in res.place_forms  # only county-level places


def test_club_forms_that_are_places_or_marked_need_a_sport_sentence():
    res = load_resources()
    gated = res.gated_forms
    assert gated["米兰"].name == "AC米兰足球俱乐部"  # also a city
    assert "拜仁" in gated  # marked ~: two characters
    assert "曼彻斯特联" not in gated  # a full name that is nothing else
    assert res.lexicon_forms["曼联"].name == "曼彻斯特联足球俱乐部"  # aliases merge like any lexicon entry
    assert gated["暴雪"].domain == "game" and gated["民生"].name == "中国民生银行"
    assert "佳士得" not in gated and res.lexicon_forms["佳士得"].type == "Enterprise"


def test_lexicon_domains_and_marked_forms(tmp_path):
    domains = {"finance": re.compile("银行")}
    p = tmp_path / "lex.tsv"
    p.write_text("中国民生银行\tEnterprise\t民生银行|~民生\tfinance\n", encoding="utf-8")
    (entry,) = load_lexicon(p, domains)
    assert entry.aliases == ("民生银行", "民生") and entry.gated == ("民生",) and entry.domain == "finance"
    p.write_text("甲\tEnterprise\t~乙\n", encoding="utf-8")
    with pytest.raises(ResourceError, match=r"lex.tsv:1: forms marked ~ need a domain"):
        load_lexicon(p, domains)
    p.write_text("甲\tEnterprise\t乙\tweather\n", encoding="utf-8")
    with pytest.raises(ResourceError, match=r"lex.tsv:1: unknown domain 'weather'"):
        load_lexicon(p, domains)


def test_bad_domain_pattern_names_file_and_line(tmp_path):
    p = tmp_path / "domains.tsv"
    p.write_text("# comment\nsport\t主场|客场\nfinance\t银行|(贷款\n", encoding="utf-8")
    with pytest.raises(ResourceError, match=r"domains.tsv:3: bad pattern for 'finance'"):
        load_domains(p)


def test_data_folder_is_the_installed_package_data():
    """Every command reads kg's data through the package ``kg._data`` as installed, which
    must be a real folder (a namespace package gave a MultiplexedPath whose str() is no
    path, and a wheel install could not read titles.txt)."""
    from importlib import resources as importlib_resources
    from pathlib import Path

    from kg.resources import default_data_dir

    located = importlib_resources.files("kg._data")
    assert isinstance(located, Path)
    assert default_data_dir() == located
    for name in ("rules/relations.toml", "lexicon/titles.txt", "shapes.ttl", "ontology.ttl", "queries"):
        assert (default_data_dir() / name).exists(), name


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
