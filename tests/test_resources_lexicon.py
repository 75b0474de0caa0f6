"""kg.resources.lexicon: curated entries, domains and forms marked ~, with file:line errors."""

import re

import pytest
from helpers import refuses

from kg.errors import ResourceError
from kg.resources import load_domains, load_lexicon, load_resources, load_short_forms


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


def test_segmenter_dictionary_read_whole_as_line_by_line(tmp_path, monkeypatch):
    """jieba's shape (word freq tag, one space apart) is read in one split; a file in
    another shape line by line, as jieba reads it: short lines skipped, fields after the
    third ignored, CRLF or CR line ends, the last line of a word listed twice kept."""
    from kg.resources import lexicon
    from kg.resources.lexicon import load_dictionary

    plain = tmp_path / "plain.txt"
    plain.write_bytes("AT&T 3 nz\n中国 99 ns\n常书铭 5 nr\n中国 7 n\n".encode())
    line_by_line = lexicon._dictionary_lines(plain, plain.read_text(encoding="utf-8"))
    with monkeypatch.context() as m:
        m.setattr(lexicon, "_dictionary_lines", None)  # jieba's shape never reads a line at a time
        assert load_dictionary(plain) == line_by_line == {"AT&T": (3, "nz"), "中国": (7, "n"), "常书铭": (5, "nr")}
        assert list(load_dictionary(plain)) == ["AT&T", "中国", "常书铭"]
    other = tmp_path / "other.txt"
    other.write_bytes("AT&T 3 nz\r\n中国\t7  n\r\n短 1\r\n\r\n常书铭 5 nr extra\r北京 +8 ns".encode())
    assert load_dictionary(other) == {"AT&T": (3, "nz"), "中国": (7, "n"), "常书铭": (5, "nr"), "北京": (8, "ns")}
    (tmp_path / "empty.txt").write_text("")
    assert load_dictionary(tmp_path / "empty.txt") == {}


def test_segmenter_dictionary_refuses_a_frequency_that_is_no_integer(tmp_path):
    from kg.resources.lexicon import load_dictionary

    refuses(load_dictionary, tmp_path / "dict.txt", "中国 99 ns\n北京 many ns\n", r"dict.txt:2: the frequency of '北京' is no integer: 'many'")
    (tmp_path / "latin.txt").write_bytes(b"caf\xe9 1 n\n")
    with pytest.raises(ResourceError, match=r"latin.txt: cannot read the segmenter dictionary: not UTF-8"):
        load_dictionary(tmp_path / "latin.txt")
    with pytest.raises(ResourceError, match=r"missing.txt: cannot read the segmenter dictionary"):
        load_dictionary(tmp_path / "missing.txt")


def test_jieba_dictionary_is_found_without_importing_jieba():
    """The path comes from the package's location alone: jieba's import costs a tenth of a
    second (it loads pkg_resources), for a file name."""
    import subprocess
    import sys

    code = (
        "import sys\nfrom kg.resources.lexicon import jieba_dictionary, load_dictionary\n"
        "p = jieba_dictionary()\nd = load_dictionary()\n"
        "print('jieba' in sys.modules, p.name, len(d) > 300000, d['中国'][1])\n"
        "import jieba, pathlib\nprint(pathlib.Path(jieba.__file__).parent / 'dict.txt' == p)\n"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout.split()
    assert out == ["False", "dict.txt", "True", "ns", "True"]


def test_short_forms_keep_their_order_and_refuse_bad_rows(tmp_path):
    p = tmp_path / "short_forms.tsv"
    p.write_text("# c\nkind\tfull\tshort\nbody\t人民政府\t政府\nzone\t综合保税区\t综保区\n", encoding="utf-8")
    assert load_short_forms(p) == (("body", "人民政府", "政府"), ("zone", "综合保税区", "综保区"))
    refuses(load_short_forms, p, "kind\tfull\tshort\nplace\t高新技术开发区\t高新区\n", r"short_forms.tsv:2: kind must be")
    refuses(load_short_forms, p, "kind\tfull\tshort\nbody\t政府\t人民政府\n", r"short_forms.tsv:2: the short words")
    refuses(load_short_forms, p, "full\tshort\nbody\t政府\n", r"short_forms.tsv:1: header must start with kind")


def test_kg_short_forms_list_a_bodys_longer_words_first():
    # a body's name is shortened at the first row whose words it holds: 人民代表大会常务委员会
    # must come before 人民代表大会, or 省人民代表大会常务委员会 would become 省人大常务委员会
    rows = [(full, short) for kind, full, short in load_resources().short_forms if kind == "body"]
    fulls = [full for full, _short in rows]
    assert ("人民政府", "政府") in rows
    assert all(not (a in b) for i, a in enumerate(fulls) for b in fulls[i + 1 :])
