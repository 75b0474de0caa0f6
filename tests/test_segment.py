"""The Segmenter: both backends, user words, offsets."""

import pytest

from kg.errors import ConfigError
from kg.extract.segment import Segmenter, TokenBounds

TEXT = "晋中市委书记常书铭在太原重型机械集团有限公司考察。"


@pytest.mark.parametrize("backend", ["rjieba", "jieba"])
def test_tokens_cover_the_text_with_offsets(backend):
    seg = Segmenter(backend)
    toks = seg.tokens(TEXT)
    assert "".join(t.text for t in toks) == TEXT
    for t in toks:
        assert TEXT[t.start : t.end] == t.text
        assert t.pos
    shifted = seg.tokens(TEXT, offset=10)
    assert [t.start - 10 for t in shifted] == [t.start for t in toks]


@pytest.mark.parametrize("backend", ["rjieba", "jieba"])
def test_user_words_are_kept_whole_and_tagged(backend):
    plain = Segmenter(backend)
    assert "晋创谷" not in [t.text for t in plain.tokens("山西打造晋创谷平台。")]
    seg = Segmenter(backend, [("晋创谷", "nz")])
    toks = {t.text: t.pos for t in seg.tokens("山西打造晋创谷平台。")}
    assert toks.get("晋创谷") == "nz"


def test_segmenters_do_not_share_user_words():
    a = Segmenter("jieba", [("晋创谷", "nz")])
    b = Segmenter("jieba")
    assert "晋创谷" in [t.text for t in a.tokens("打造晋创谷平台")]
    assert "晋创谷" not in [t.text for t in b.tokens("打造晋创谷平台")]
    assert a.info()["backend"] == "jieba" and a.info()["version"]


def test_backends_mostly_agree():
    text = "习近平总书记在山西考察调研时强调，要坚持稳中求进工作总基调。" * 3
    a = [w for w, _ in Segmenter("jieba").tag(text)]
    b = [w for w, _ in Segmenter("rjieba").tag(text)]
    same = len(set(a) & set(b)) / len(set(a) | set(b))
    assert same > 0.8


def test_unknown_backend():
    with pytest.raises(ConfigError):
        Segmenter("hanlp")


def test_token_bounds_answer_as_the_tokens_do():
    seg = Segmenter("rjieba")
    toks = seg.tokens(TEXT)
    bounds = TokenBounds.of(toks, len(TEXT))
    starts, ends = {t.start for t in toks}, {t.end for t in toks}
    for pos in range(-1, len(TEXT) + 2):
        assert (pos in bounds.starts) == (pos in starts)
        assert (pos in bounds.ends) == (pos in ends)
    spans = {(t.start, t.end) for t in toks}
    for s in range(len(TEXT)):
        for e in range(s + 1, len(TEXT) + 1):
            assert bounds.is_token(s, e) == ((s, e) in spans)


def test_token_bounds_gathered_from_shifted_parts():
    seg = Segmenter("rjieba")
    whole = TokenBounds.of(seg.tokens(TEXT + TEXT), 2 * len(TEXT))
    parts = TokenBounds(2 * len(TEXT))
    parts.add(seg.tokens(TEXT))
    parts.add(seg.tokens(TEXT), len(TEXT))
    assert [p in parts.starts for p in range(2 * len(TEXT) + 1)] == [p in whole.starts for p in range(2 * len(TEXT) + 1)]
    assert "x" not in parts.starts


def test_word_flags_ask_each_word_once_and_pick_positions():
    from kg.extract.segment import WordFlags

    asked = []

    def test(word):
        asked.append(word)
        return (len(word) >= 3) | (word == "、") << 1

    flags = WordFlags(test)
    first = flags.flags(["市委书记", "、", "说", "市委书记"])
    assert first == [1, 2, 0, 1]
    assert flags.flags(["说", "市委书记"]) == [0, 1]
    assert sorted(asked) == sorted(["市委书记", "、", "说"])  # each distinct word asked once
    assert WordFlags.where(first, 1) == [0, 3]
    assert WordFlags.where(first, 3) == [0, 1, 3]


def test_word_flags_forget_past_their_limit():
    from kg.extract.segment import WordFlags

    asked = []
    flags = WordFlags(lambda w: asked.append(w) or 1, limit=2)
    flags.flags(["甲", "乙", "丙"])
    flags.flags(["甲"])  # known: not asked again
    assert asked.count("甲") == 1
    flags.flags(["丁"])  # a new word while three are held, more than two: all forgotten
    flags.flags(["甲"])
    assert asked.count("甲") == 2
