"""The Segmenter: both backends, user words, offsets."""

import pytest

from kg.errors import ConfigError
from kg.extract.segment import Segmenter, TokenBounds, Tokens
from kg.model import Token

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


def test_tokens_are_lists_and_make_one_object_per_index():
    toks = Segmenter("rjieba").tokens("刘家峪的", offset=5)
    assert "".join(toks.words) == "刘家峪的" and len(toks.tags) == len(toks) == len(toks.words)
    assert toks.starts[0] == 5 and toks.ends[-1] == 9 and toks.starts[1:] == toks.ends[:-1]
    made = Tokens.tagged([("刘家", "nr"), ("峪", "g"), ("的", "uj")], offset=5)
    assert (made.words, made.tags, made.starts, made.ends) == (["刘家", "峪", "的"], ["nr", "g", "uj"], [5, 7, 8], [7, 8, 9])
    # a Token is made when asked for, once: the same index gives the same object, as a tuple does
    assert made[1] == Token("峪", 7, 8, "g") and made[1] is made[1] and made[-1] is made[2]
    assert made[0:2] == (made[0], made[1]) and [t.text for t in made] == made.words
    # a slice or an iteration makes the Tokens not made yet, and gives the ones made before
    fresh = Tokens.tagged([("刘家", "nr"), ("峪", "g"), ("的", "uj")], offset=5)
    first = fresh[2]
    assert fresh[::-2] == (Token("的", 8, 9, "uj"), Token("刘家", 5, 7, "nr")) and fresh[::-2][0] is first
    assert [t.start for t in fresh] == [5, 7, 8] and all(a is b for a, b in zip(fresh, (fresh[0], fresh[1], first)))
    assert Tokens.of(list(made)).starts == made.starts and Tokens.of(made) is made
    with pytest.raises(IndexError):
        made[3]
    bounds = TokenBounds(10)
    bounds.add(made)
    assert [p for p in range(11) if p in bounds.starts] == [5, 7, 8]


def test_token_bounds_of_a_run_of_tokens_are_those_of_the_tokens_one_by_one():
    # a run of Tokens is or-ed in as one byte string; it must mark what a loop over the
    # tokens marks, over what the bounds held already, for any run and offset
    import random

    rng = random.Random(7)
    for _ in range(200):
        lengths = [rng.randint(1, 5) for _ in range(rng.randint(0, 12))]
        toks = Tokens.tagged([("字" * n, "n") for n in lengths], offset=rng.randint(0, 4))
        size, shift = sum(lengths) + 12, rng.randint(0, 3)
        lo = rng.randint(0, len(lengths))
        hi = rng.randint(lo, len(lengths))
        runs, one_by_one = TokenBounds(size), TokenBounds(size)
        runs.add([Token("字", 3, 4, "n")])  # what the bounds held before
        one_by_one.add([Token("字", 3, 4, "n")])
        runs.add(toks, shift, lo, hi)
        one_by_one.add([toks[k] for k in range(lo, hi)], shift)
        assert [(p in runs.starts, p in runs.ends) for p in range(size + 1)] == [
            (p in one_by_one.starts, p in one_by_one.ends) for p in range(size + 1)
        ]


def test_rjieba_loaded_without_its_default_tokenizer():
    """A Segmenter loads rjieba's compiled module alone: the package's __init__ would build
    a default tokenizer with the whole dictionary that kg never uses. A later import of the
    package finds that module rather than initialising it twice."""
    import subprocess
    import sys

    code = (
        "import sys\nfrom kg.extract.segment import Segmenter\n"
        "seg = Segmenter('rjieba', [('晋创谷', 'nz')])\n"
        "print('rjieba' in sys.modules, 'rjieba.rjieba' in sys.modules)\n"
        "print(dict(seg.tag('山西打造晋创谷平台'))['晋创谷'])\n"
        "import rjieba\nprint(type(seg._engine) is rjieba.Jieba, rjieba.cut('晋创谷') != ['晋创谷'])\n"
        "print(Segmenter('rjieba').tag('市委书记说') == rjieba.tag('市委书记说'))\n"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout.split()
    assert out == ["False", "True", "nz", "True", "True", "True"]


# ------------------------------------------------- a head's title given its character back
# (sentences of our own; the people named hold or held these posts)
HEAD_TITLES = [
    ("太原市长张新伟出席。", ["太原", "市长", "张新伟"]),
    ("湖南省长毛伟明出席会议。", ["湖南", "省长", "毛伟明"]),
    ("商务部长王文涛致辞。", ["商务", "部长", "王文涛"]),
    ("国家统计局长康义介绍情况。", ["国家统计", "局长", "康义"]),
    # two in one clause: the rest of the clause is read again, repairs included
    ("太原市长张新伟与晋中市长王全出席。", ["太原", "市长", "张新伟", "与", "晋中", "市长", "王全"]),
]
#: look-alikes: the place or body keeps its character where no name follows the title
NOT_HEAD_TITLES = [
    ("杭州市长远发展规划出台。", "杭州市"),
    ("游客漫步北京市长安街。", "北京市"),
    ("上海市长宁区召开会议。", "上海市"),
    ("湖北省长江流域治理。", "湖北省"),
    ("韩国国防部长官金龙显辞职。", "韩国国防部"),  # 长官 is a title of its own
]


@pytest.mark.parametrize("backend", ["rjieba", "jieba"])
@pytest.mark.parametrize(("text", "words"), HEAD_TITLES)
def test_a_head_title_takes_back_the_character_a_name_took(text, words, backend):
    from helpers import tools

    toks = tools(backend).segmenter.tokens(text)
    got = [t.text for t in toks]
    assert "".join(got) == text
    at = got.index(words[0])
    assert got[at : at + len(words)] == words
    assert toks[at + 2].pos.startswith("nr")
    # without the head titles the user word keeps the character (what the repair is for)
    res = tools(backend).resources
    plain = [t.text for t in Segmenter(backend, res.user_words()).tokens(text)]
    assert plain[at : at + 2] != words[:2]


@pytest.mark.parametrize(("text", "word"), NOT_HEAD_TITLES)
def test_a_name_keeps_its_character_when_no_person_follows_the_title(text, word):
    from helpers import tools

    assert word in [t.text for t in tools().segmenter.tokens(text)]


#: Sentences whose cut moved when words they do not hold were added as user words, before
#: the segmenter's total was fixed (kg.extract.segment.USER_MASS)
UNRELATED = (
    "截至2日收盘，纽约市场和伦敦市场原油期货价格分别创下新高。",  # 纽约 | 市场
    "防疫不松、生产不停。",  # 不 | 松
    "湖南长沙市两万多名党员志愿者投入封控区。",  # 湖南 | 长沙市
    "国务院关于开展增值电信业务扩大对外开放试点工作的通知",
)


def _cuts(seg: Segmenter) -> list[list[str]]:
    return [[w for w, _ in seg.tag(s)] for s in UNRELATED]


@pytest.mark.parametrize("backend", ["rjieba", "jieba"])
def test_words_a_sentence_does_not_hold_leave_its_cut(backend):
    # 1,000 made-up names of rare characters, as heavy as the lexicon's: the total the
    # segmenter divides by stays the same, so the other sentences keep their cuts
    rare = [chr(0x9E00 + k) for k in range(0, 160, 3)]
    names = [(a + b + c, 80_000, "nz") for a in rare for b in rare[:20] for c in rare[:1]][:1000]
    assert not any(w in s for w, _f, _t in names for s in UNRELATED)
    assert _cuts(Segmenter(backend, names)) == _cuts(Segmenter(backend))


@pytest.mark.parametrize("backend", ["rjieba", "jieba"])
def test_lexicon_entries_a_sentence_does_not_hold_leave_its_cut(backend):
    # the 70 holidays of lexicon/holidays.tsv added to kg's user words (they were once
    # kept from the segmenter for this): the other sentences keep their cuts
    from helpers import tools

    res = tools(backend).resources
    before = [w for w in res.user_words() if w[0] not in res.holidays]
    days = [(d, 80_000, "nz") for d in sorted(res.holidays) if len(d) >= 3]
    assert len(days) > 50 and not any(d in s for d, _f, _t in days for s in UNRELATED)
    with_days = Segmenter(backend, before + days, res.titles, res.dictionary)
    assert _cuts(with_days) == _cuts(Segmenter(backend, before, res.titles, res.dictionary))
    # the cut of a sentence holding one moves as it should: the day is one token
    assert "国际劳动节" in [w for w, _ in with_days.tag("庆祝国际劳动节大会")]


def test_the_lexicon_leaves_room_under_the_fixed_total():
    from helpers import tools

    from kg.extract.segment import USER_MASS, _added_mass

    res = tools().resources
    # kg's own user words fit, with room for some hundred more lexicon names (80,000
    # each); when they no longer fit, raise USER_MASS after measuring what it moves
    assert _added_mass(res.user_words(), res.dictionary) < USER_MASS - 40 * 80_000


@pytest.mark.parametrize("backend", ["rjieba", "jieba"])
def test_a_user_word_that_cannot_be_one_token_is_not_given(backend):
    from kg.extract.segment import _ONE_RUN

    # the segmenters cut at quotes and brackets, so these never match as a whole and
    # would only take their share of the total
    dead = [("“一带一路”", 80_000, "nz"), ("华润（集团）有限公司", 80_000, "nt"), ("摩根·斯坦利", 80_000, "nt")]
    assert not any(_ONE_RUN.fullmatch(w) for w, _f, _t in dead)
    assert _ONE_RUN.fullmatch("中国-东盟博览会")  # a hyphen is read inside a run
    seg = Segmenter(backend, [*dead, ("梅赛德斯-奔驰", 80_000, "nt")])
    engine = seg._engine
    holds = engine.has_word if backend == "rjieba" else engine.tokenizer.FREQ.__contains__
    assert not any(holds(w) for w, _f, _t in dead) and holds("梅赛德斯-奔驰")
    text = "共建“一带一路”，华润（集团）有限公司和摩根·斯坦利"
    assert seg.tag(text) == Segmenter(backend).tag(text)
