"""kg.resources.lexicon: curated entries, domains and forms marked ~, with file:line errors."""

import re

import pytest

from kg.errors import ResourceError
from kg.resources import load_domains, load_lexicon


def test_bad_lexicon_type_names_file_and_line(tmp_path):
    p = tmp_path / "entities.tsv"
    p.write_text("# comment\n联合国\tOrganization\t\n华为\tCompany\t\n", encoding="utf-8")
    with pytest.raises(ResourceError, match=r"entities.tsv:3: unknown entity type 'Company'"):
        load_lexicon(p)


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
