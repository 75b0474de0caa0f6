"""What the relation engines share: clause marks and lists of names."""

from types import SimpleNamespace

from kg.extract.relation_base import EngineBase, last_clause_mark
from kg.model import Mention
from kg.resources import load_resources


def _m(start, end, key, type_="Place"):
    return Mention(start, end, key, type_, 0, "gazetteer", name=key, key=key)


def test_last_clause_mark():
    text = "甲说，乙来。丙；丁"
    assert last_clause_mark(text, 0, len(text)) == text.index("；")
    assert last_clause_mark(text, 0, 5) == 2
    assert last_clause_mark(text, 3, 5) == -1
    assert last_clause_mark("他说：好", 0, 4) == 2  # a colon ends a clause too


def test_clause_start_is_the_last_mark_before_within_the_sentence():
    eng = _engine(("r", ["来"]))
    text = "甲说：乙来，丙去。丁到\n戊来"
    eng._index_document(text)
    eng._enter_sentence(0, 9)
    assert eng._clause_start(text, 4) == 2
    assert eng._clause_start(text, 2) == -1
    eng._enter_sentence(9, 12)
    assert eng._clause_start(text, 11) == text.index("。")
    # a line with no mark (a headline) does not open the next sentence's clause: the
    # clause starts with the sentence
    eng._enter_sentence(12, len(text))
    assert eng._clause_start(text, len(text)) == 11


def test_listed_names():
    text = "山西、陕西和河北与北京"
    ms = [_m(0, 2, "山西"), _m(3, 5, "陕西"), _m(6, 8, "河北"), _m(9, 11, "北京", "Organization")]
    assert [m.key for m in EngineBase._listed(ms, 0, text)] == ["山西", "陕西", "河北", "北京"]
    # listed before: only names of the same type
    assert [m.key for m in EngineBase._listed_before(ms, 2, text)] == ["山西", "陕西", "河北"]
    assert [m.key for m in EngineBase._listed_before(ms, 3, text)] == ["北京"]


def _engine(*rules):
    res = SimpleNamespace(titles=["书记"], title_prefixes=["副"], bare_bodies=load_resources().bare_bodies,
                          relation_rules=[SimpleNamespace(id=i, engine="trigger", triggers=t) for i, t in rules])
    return EngineBase(res)


def test_triggers_are_found_once_per_document_and_read_per_sentence():
    eng = _engine(("visit", ["访问", "考察调研", "考察", "访"]), ("sign", ["签约"]))
    visit, sign = eng.rules
    text = "他在山西考察调研。随后访问北京。两地签约"
    eng._index_document(text)
    eng._enter_sentence(0, 9)
    assert eng._may_fire(visit) and not eng._may_fire(sign)
    # where several start at one offset, the first listed wins (考察调研 before 考察), as
    # an alternation of the rule's words would read it
    assert eng._trigger_hits(visit) == [(4, 8)]
    eng._enter_sentence(9, 16)
    assert eng._trigger_hits(visit) == [(11, 13)]  # 访问, listed before 访
    # a word cut by the sentence's end does not count
    eng._enter_sentence(16, len(text) - 1)
    assert not eng._may_fire(sign) and eng._trigger_hits(sign) == []
    eng._enter_sentence(16, len(text))
    assert eng._may_fire(sign)


def test_word_hits_do_not_overlap():
    eng = _engine(("r", ["哈哈", "哈"]))
    eng._index_document("哈哈哈哈哈")
    eng._enter_sentence(0, 5)
    assert eng._word_hits("哈哈") == [(0, 2), (2, 4)]
    assert eng._trigger_hits(eng.rules[0]) == [(0, 2), (1, 3), (2, 4), (3, 5), (4, 5)]


def test_bare_bodies_come_from_the_lexicon_longest_first(tmp_path):
    (tmp_path / "lexicon").mkdir()
    (tmp_path / "lexicon" / "bare_bodies.txt").write_text("# bodies\n委 人大\n人大常委会 政协\n侨联代表大会\n", encoding="utf-8")
    bodies = load_resources(tmp_path).bare_bodies  # an overlay: kg's own list, extended
    assert "侨联代表大会" in bodies and "统战部" in bodies
    assert [len(b) for b in bodies] == sorted((len(b) for b in bodies), reverse=True)
    assert bodies.index("人大常委会") < bodies.index("人大")
    # the engines strip a level and a bare body before a title
    eng = _engine(("r", ["来"]))
    assert "统战部" in eng.bare_bodies and "政协" in eng.bare_bodies
    assert eng.bare_body_re.sub("", "市政协主席") == "主席"
    assert eng.bare_body_re.sub("", "省人大常委会副主任") == "副主任"


def test_a_wish_glued_to_a_name_on_either_side():
    from kg.extract.relation_base import _wish_at_edge
    from kg.extract.segment import TokenBounds
    from kg.model import Token

    def glued(*words: str) -> bool:
        text, tokens = "".join(words), []
        for w in words:
            start = tokens[-1].end if tokens else 0
            tokens.append(Token(w, start, start + len(w), "x"))
        return _wish_at_edge(text, text.index("愿"), 2, TokenBounds.of(tokens, len(text)))

    # the segmenter's cuts 阿方愿 | 同 and 全国人大 | 愿同萨: a wish all the same
    assert glued("阿方愿", "同", "中方", "继续")
    assert glued("中国", "全国人大", "愿同萨", "国民议会")
    # 志愿 | 与 is a word of its own before 与; 愿 inside a longer token is none
    assert not glued("青年", "志愿", "与", "服务")
    assert not glued("他们", "但愿同学", "们")
