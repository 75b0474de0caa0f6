"""The Segmenter: both backends, user words, offsets."""

import pytest

from kg.errors import ConfigError
from kg.segment import Segmenter

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
