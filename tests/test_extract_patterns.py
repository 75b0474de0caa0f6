"""The token pattern engine (kg.extract.patterns): rules of a small entities.toml written to
tmp_path, compiled against a small vocabulary, matched over hand-made tokens."""

from __future__ import annotations

import re
import sys

import pytest

from kg.errors import ResourceError
from kg.extract.candidates import Candidate
from kg.extract.patterns import Hit, PatternEngine, Vocabulary
from kg.extract.segment import Tokens
from kg.resources.rules import load_entity_rules

VOCAB = Vocabulary(
    {"surnames": {"王", "刘", "欧阳"}, "places": {"太原", "晋中"}, "not_entities": {"本报"}, "cues": ("表示", "说")},
    {"cjk": lambda w: re.fullmatch("[\u4e00-\u9fff]+", w) is not None, "long": lambda w: len(w) >= 3},
)
EXAMPLES = (
    'examples = [{text = "王家庄", mentions = [["王家庄", "Place"]]}]\n'
    'counter_examples = [{text = "国家庄", mentions = [["国家庄", "Place"]]}]\n'
)


def rules(tmp_path, *bodies: str):
    """The rules of an entities.toml made of ``bodies`` (each a rule's keys past its id)."""
    text = "".join(
        f'[[rule]]\nid = "r{k}"\ntypes = ["Place", "Person"]\ntrigger = "t"\ndescription = "d"\n{body}\n{EXAMPLES}'
        for k, body in enumerate(bodies, 1)
    )
    path = tmp_path / "entities.toml"
    path.write_text(text, encoding="utf-8")
    return load_entity_rules(path).rules


def engine(tmp_path, *bodies: str, vocab: Vocabulary = VOCAB, instances=()) -> PatternEngine:
    return PatternEngine(rules(tmp_path, *bodies), vocab, instances)


def found(eng: PatternEngine, pairs: list[tuple[str, str]], text: str | None = None) -> dict[str, list[tuple]]:
    """(surface, type, rule, priority) of each rule's candidates over the tokens ``pairs``."""
    tokens = Tokens.tagged(pairs)
    text = "".join(w for w, _t in pairs) if text is None else text
    doc = eng.document(text, tokens)
    return {rid: [(text[c.start : c.end], c.type, c.rule, c.priority) for c in cands] for rid, cands in eng.find(doc).items()}


def test_the_encoding_holds_each_tokens_codes_then_its_text(tmp_path):
    eng = engine(tmp_path, 'pattern = [{pos = "nr", in = "surnames"}]')
    pairs = [("市长", "n"), ("王", "nr"), ("说", "v")]
    doc = eng.document("市长王说", Tokens.tagged(pairs))
    eng.find(doc)
    assert eng.width == 2  # the tag's code and one character of word classes
    assert len(doc.encoded) == len("市长王说") + 3 * eng.width
    codes = re.findall("[\ue000-\uf8ff]{2}", doc.encoded)
    assert re.sub("[\ue000-\uf8ff]", "", doc.encoded) == "市长王说" and len(codes) == 3
    assert codes[1] != codes[2] and codes[1][1] != codes[0][1]  # 王 is nr and a surname
    # every position maps back: a token's codes to its start, its text to itself
    assert [doc.offset(p) for p in range(len(doc.encoded) + 1)] == [0, 0, 0, 1, 2, 2, 2, 3, 3, 3, 4]


def test_token_elements_read_tags_classes_texts_and_lengths(tmp_path):
    eng = engine(
        tmp_path,
        'pattern = [{pos = "nr", in = "surnames"}, {in = "cues"}]\ntype = "Person"',
        'pattern = [{text = ["太原", "晋中"], span = true}, {text = "市"}]',
        'pattern = [{not_pos = ["nr", "x"], len = [3, 4], not_in = "places"}]\npriority = 3',
        'pattern = [{ends = ["理论", "故居"], len = [4, 9]}]',
    )
    pairs = [("王", "nr"), ("表示", "v"), ("太原", "ns"), ("市", "n"), ("晋中市", "ns"), ("欧阳", "n"), ("说", "v")]
    pairs += [("理论", "n"), ("邓小平理论", "n"), ("马列理论学习", "n")]
    got = found(eng, pairs)
    assert got["r1"] == [("王表示", "Person", "r1", 1)]
    assert got["r2"] == [("太原", "Place", "r2", 1)]  # the span alone; 晋中市 is one token, not 晋中 + 市
    assert got["r3"] == [("晋中市", "Place", "r3", 3)]  # 欧阳 too short, 邓小平理论 too long
    assert got["r4"] == [("邓小平理论", "Place", "r4", 1)]  # 理论 is too short, 马列理论学习 ends otherwise


def test_character_elements_match_across_token_bounds_and_word_bounds_hold(tmp_path):
    eng = engine(tmp_path, 'pattern = [{chars = "@surnames"}, {chars = "家"}, {chars = "庄峪"}]\nword_bounds = "both"')
    assert found(eng, [("刘家", "nr"), ("峪", "g"), ("的", "uj")])["r1"] == [("刘家峪", "Place", "r1", 1)]
    assert found(eng, [("王家庄", "nr")])["r1"] == [("王家庄", "Place", "r1", 1)]
    assert found(eng, [("国家", "n"), ("庄严", "a")])["r1"] == []  # 国 is no surname
    assert found(eng, [("王家庄园", "n")])["r1"] == []  # ends inside a token
    assert found(eng, [("老", "a"), ("王家庄", "nr")])["r1"] == [("王家庄", "Place", "r1", 1)]


def test_quantifiers_and_overlapping_matches(tmp_path):
    eng = engine(
        tmp_path,
        'pattern = [{pos = "nr", in = "cjk", op = "{3,}"}]\ntype = "Person"',
        'pattern = [{chars = "阿马里洛", op = "{2,4}"}, {chars = "市"}]\nword_bounds = "start"\noverlapping = true',
    )
    pairs = [("李", "nr"), ("强", "nr"), ("蔡奇", "nr"), ("说", "v"), ("丁", "nr"), ("薛祥", "nr")]
    assert found(eng, pairs)["r1"] == [("李强蔡奇", "Person", "r1", 1)]  # a run of two is no match
    # tried at each token start: 阿马 | 里洛市 matches at both
    assert found(eng, [("阿马", "nrt"), ("里洛市", "ns")])["r2"] == [("阿马里洛市", "Place", "r2", 1), ("里洛市", "Place", "r2", 1)]


def test_text_rules_run_over_the_text_with_sets_and_not_in(tmp_path):
    eng = engine(
        tmp_path,
        "pattern = [{re = '《'}, {re = '[^《》]{1,6}报', span = true}, {re = '》'}]\nnot_in = [\"not_entities\"]",
        "pattern = [{re = '[@surnames][\\u4e00-\\u9fff]', span = true}, {re = '@cues'}]\nrequires = [\"表示\", \"说\"]\ntype = \"Person\"",
    )
    text = "《本报》《晋中日报》刊文，王明说，欧阳明表示，刘明表示。"
    got = found(eng, [(text, "x")])
    assert got["r1"] == [("晋中日报", "Place", "r1", 1)]
    # @surnames in [] is the one-character surnames (not 欧阳); @cues the words of the set
    assert got["r2"] == [("王明", "Person", "r2", 1), ("刘明", "Person", "r2", 1)]
    assert found(eng, [("王明来了", "x")])["r2"] == []  # neither 表示 nor 说 occurs: not tried


def name_parts(hit: Hit) -> list[Candidate]:
    """A check that splits its match into one-character people."""
    return [Candidate(k, k + 1, "Person", "parts", 1) for k in range(hit.start, hit.end)]


class Finder:
    def __init__(self):
        self.seen = []

    def long_only(self, hit: Hit) -> bool:
        self.seen.append(hit.surface)
        return hit.end - hit.start >= 3


def test_checks_named_by_the_rule_decide_and_produce(tmp_path):
    finder = Finder()
    eng = engine(
        tmp_path,
        f'pattern = [{{pos = "nr"}}]\nfunction = "{__name__}:name_parts"\ntype = "Person"',
        f'pattern = [{{pos = "ns"}}]\nfunction = "{__name__}:Finder.long_only"',
        instances=[finder],
    )
    got = found(eng, [("王明", "nr"), ("在", "p"), ("太原", "ns"), ("晋中市", "ns")])
    assert got["r1"] == [("王", "Person", "parts", 1), ("明", "Person", "parts", 1)]
    assert got["r2"] == [("晋中市", "Place", "r2", 1)] and finder.seen == ["太原", "晋中市"]


def test_anchor_classes_are_asked_once_a_word_and_pick_tokens(tmp_path):
    asked = []

    def cue(word):
        asked.append(word)
        return word in ("书记", "、")

    vocab = Vocabulary(VOCAB.sets, {**VOCAB.tests, "cue": cue})
    eng = PatternEngine(rules(tmp_path, 'pattern = [{pos = "nr"}]'), vocab, (), anchors=["cue", "long"])
    doc = eng.document("市委书记、说书记", Tokens.tagged([("市委", "n"), ("书记", "n"), ("、", "x"), ("说", "v"), ("书记", "n")]))
    assert doc.where("cue") == [1, 2, 4] and doc.where("long") == []
    assert sorted(asked) == ["、", "书记", "市委", "说"]  # each distinct word once
    assert eng.width == 1  # the anchors' classes take no codes: no pattern names them
    eng.document("书记", Tokens.tagged([("书记", "n")])).where("cue")
    assert asked.count("书记") == 1
    eng.limit = 2  # past its limit the engine forgets the words it holds and asks again
    eng.document("常委", Tokens.tagged([("常委", "n")])).where("cue")
    eng.document("书记", Tokens.tagged([("书记", "n")])).where("cue")
    assert asked.count("书记") == 2


def test_a_class_read_at_some_tags_is_asked_only_of_the_words_met_with_them(tmp_path):
    asked = []

    def long(word):
        asked.append(word)
        return len(word) >= 3

    vocab = Vocabulary(VOCAB.sets, {**VOCAB.tests, "long": long})
    eng = engine(tmp_path, 'pattern = [{pos = "ns", in = "long"}]', 'pattern = [{pos = "nr"}, {pos = ["ns", "x"], in = "long"}]', vocab=vocab)
    pairs = [("晋中市", "ns"), ("王", "nr"), ("太原市", "x"), ("市委书记", "n"), ("在", "p"), ("晋中", "ns"), ("晋中市", "n")]
    got = found(eng, pairs)
    assert got["r1"] == [("晋中市", "Place", "r1", 1)] and got["r2"] == [("王太原市", "Place", "r2", 1)]
    # 市委书记 (n) and 在 (p) are read by no element naming the class; 晋中市 as n reuses its answer
    assert sorted(asked) == ["太原市", "晋中", "晋中市"]
    doc = eng.document("晋中市说", Tokens.tagged([("晋中市", "n"), ("说", "v")]))
    assert doc.where("long") == [0] and sorted(asked) == ["太原市", "晋中", "晋中市", "说"]  # asked at any tag here


def test_an_anchor_read_at_some_tags_is_asked_only_of_their_words(tmp_path):
    asked = []

    def cue(word):
        asked.append(word)
        return word in ("书记", "王")

    vocab = Vocabulary(VOCAB.sets, {**VOCAB.tests, "cue": cue})
    eng = PatternEngine(rules(tmp_path, 'pattern = [{pos = "nr"}]'), vocab, (), anchors=["cue", "long"], anchor_tags={"cue": ["n", "nr"]})
    doc = eng.document("市委书记王说书记", Tokens.tagged([("市委", "n"), ("书记", "n"), ("王", "nr"), ("说", "v"), ("书记", "v")]))
    assert doc.where("cue") == [1, 2] and doc.where("long") == []  # 书记 as v is not read
    assert sorted(asked) == ["书记", "市委", "王"]
    with pytest.raises(ValueError, match="names no anchor"):
        PatternEngine([], vocab, (), anchors=["long"], anchor_tags={"cue": ["n"]})


def test_text_holding_private_use_characters_reads_as_other_characters(tmp_path):
    eng = engine(tmp_path, 'pattern = [{pos = "nr"}, {chars = "说"}]\ntype = "Person"')
    pairs = [("\ue001", "x"), ("王明", "nr"), ("说", "v"), ("\ue000说", "x")]
    assert found(eng, pairs)["r1"] == [("王明说", "Person", "r1", 1)]


def test_many_word_classes_take_more_code_characters(tmp_path):
    tests = {f"c{k}": (lambda w, n=k % 4 + 1: len(w) == n) for k in range(14)}
    many = ", ".join(f'"c{k}"' for k in range(13))
    eng = engine(tmp_path, f"pattern = [{{not_in = [{many}]}}]", 'pattern = [{in = ["c1", "c13"]}]', vocab=Vocabulary({}, tests))
    assert eng.width == 3  # fourteen classes: two characters of twelve bits after the tag's
    pairs = [("王", "nr"), ("王明", "nr"), ("欧阳明", "nr"), ("欧阳明明", "nr")]
    assert found(eng, pairs) == {"r1": [], "r2": [("王明", "Place", "r2", 1)]}


@pytest.mark.parametrize(
    ("body", "message"),
    [
        ('pattern = [{in = "colours"}]', r"rule 1 \(r1\): unknown word class 'colours'"),
        ("pattern = [{re = '[@colours]'}]", r"pattern element 1: unknown set @colours"),
        ("pattern = [{re = '(unclosed'}]", r"rule 1 \(r1\): the pattern is no valid expression"),
        ('pattern = [{pos = "nr"}, {re = "说"}]', r"pattern element 2: re reads the text"),
        ('pattern = [{pos = "nr", op = "many"}]', r"pattern element 1: op must be"),
        ('pattern = [{pos = "nr", span = true}, {pos = "v"}, {pos = "nr", span = true}]', r"span elements must stand together"),
        ('pattern = [{pos = "nr"}]\nnot_in = ["colours"]', r"not_in names an unknown set 'colours'"),
        ('pattern = [{pos = "nr"}]\nfunction = "kg.extract.places:Nowhere.nothing"', r"function kg.extract.places:Nowhere.nothing does not resolve"),
        ('pattern = [{pos = "nr", text = "王", len = 1}]', r"give text, or len and ends, not both"),
    ],
    ids=["unknown class", "unknown set", "bad expression", "re among tokens", "bad op", "split span", "unknown not_in", "unknown function", "text and len"],
)
def test_a_bad_pattern_is_one_clear_error_naming_file_and_rule(tmp_path, body, message):
    with pytest.raises(ResourceError, match=message) as err:
        engine(tmp_path, body)
    assert str(err.value).startswith(str(tmp_path / "entities.toml")) and "\n" not in str(err.value)


def test_kgs_own_rules_compile_and_a_pattern_rule_needs_no_function():
    from helpers import tools

    eng = tools().entities.patterns
    ids = {c.rule.id for c in eng.rules}
    assert {"village", "newspaper", "pos:place", "foreign-place"} <= ids
    assert all(c.regex.pattern for c in eng.rules) and sys.getsizeof(eng) > 0
