"""kg.resources.lexicon: curated entries, domains and forms marked ~, with file:line errors."""

import re

from helpers import refuses

from kg.resources import load_domains, load_lexicon


def test_bad_lexicon_type_names_file_and_line(tmp_path):
    p = tmp_path / "entities.tsv"
    refuses(load_lexicon, p, "# comment\n联合国\tOrganization\t\n华为\tCompany\t\n", r"entities.tsv:3: unknown entity type 'Company'")


def test_lexicon_domains_and_marked_forms(tmp_path):
    domains = {"finance": re.compile("银行")}
    p = tmp_path / "lex.tsv"
    p.write_text("中国民生银行\tEnterprise\t民生银行|~民生\tfinance\n", encoding="utf-8")
    (entry,) = load_lexicon(p, domains)
    assert entry.aliases == ("民生银行", "民生") and entry.gated == ("民生",) and entry.domain == "finance"
    refuses(lambda f: load_lexicon(f, domains), p, "甲\tEnterprise\t~乙\n", r"lex.tsv:1: forms marked ~ need a domain")
    refuses(lambda f: load_lexicon(f, domains), p, "甲\tEnterprise\t乙\tweather\n", r"lex.tsv:1: unknown domain 'weather'")


def test_bad_domain_pattern_names_file_and_line(tmp_path):
    p = tmp_path / "domains.tsv"
    refuses(load_domains, p, "# comment\nsport\t主场|客场\nfinance\t银行|(贷款\n", r"domains.tsv:3: bad pattern for 'finance'")
