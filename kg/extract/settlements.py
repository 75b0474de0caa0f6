"""Villages and towns whose names the segmenter cuts: the suffix (村, 镇, 乡) glued to the
word after it (战旗 | 村是, 潭头 | 村里) or to a part of the name (十八 | 洞村, 小庙 | 子村),
or the whole name made one word the dictionary does not know and tags as a common noun
(长所乡/n, 火普村/n, 嘎拉村/nrt). The suffix grammar (``kg.extract.bodies``) reads a name
from tokens that end with its suffix and wants a proper word in its body, so it misses them.

Three readers, each of characters rather than tokens:

- after a place: a county, city, district, town or township of the text, then two or three
  characters and the suffix (东海县兴西村, 唐昌镇战旗村, 湖南十八洞村, 赤峰市小庙子村), or a
  city's street office or community (普陀区万里街道, 安宁区枣林西社区);
- one word: a word of three to five characters ending with the suffix that the dictionary
  does not know, found by the tagger's model of unknown words (在长所乡, 嘎拉村的);
- again: a name of three characters or more that either reader (or the suffix grammar)
  found is a place wherever else the document writes it (the headline's 战旗村).

A body that says what kind of village it is (贫困村, 示范村, 美丽乡村, 偏远山村), an ethnic
group (黎族村寨) or a count (两个村) names none; nor does a suffix that opens a word of its
own (乡村, 城镇, 村庄).
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence

from kg.extract.candidates import Candidate
from kg.extract.segment import Tokens
from kg.resources import Resources

#: The suffixes of settlements read here.
SUFFIXES = frozenset("村镇乡")
_ENDS_SUFFIX = re.compile("[" + "".join(sorted(SUFFIXES)) + "]")
#: The suffixes of a city's units, read after a place only (普陀区万里街道, 安宁区枣林西社区).
URBAN_SUFFIXES = ("街道", "社区")
#: A body more frequent than this in the dictionary is an ordinary word (贫困 1882, 重点,
#: 美丽), not a village's name (战旗 15, 毛竹 113, 龙泉 404, 书房 828 are names too).
COMMON_FREQ = 900
#: Words of a kind of settlement, rare enough in the dictionary to pass COMMON_FREQ
#: (偏远山村, 边远乡镇, 新农村, 城中村, 易地搬迁村).
KIND_WORDS = frozenset(
    "特困 偏远 边远 边境 新农 城中 搬迁 易地 安置 脱贫 贫困 示范 试点 重点 美丽 特色 文明 先进 传统 生态 旅游 "
    "移民 行政 自然 少数 民族 山区 牧区 库区 老区 沿海 沿边 周边 附近 邻近 各个 所有 全部 其他 其它 "
    "这个 那个 每个 一些 多个 几个 这些 那些 其中 当地 本地 外地 该地 整个 中心 明星 网红 智慧 数字 "
    "和美 宜居 幸福 富裕 现代 历史 文化 红色 革命 帮扶 结对 包联 驻地 所在 定点 对口 受灾 灾区".split()
)
#: Characters no settlement's body holds: particles, pronouns, counts, prepositions.
NOT_IN_BODY = frozenset("的之了着是在和与及或等个些各每全该本这那其几多到进回驻入出为有将对向从由把被给与跟同他乡村镇省市县区州")
#: Characters after the suffix that make it the first of a word of its own (乡村, 城镇 read
#: the other way: 乡 | 村, 村 | 庄): no name ends there.
NOT_AFTER = {"乡": frozenset("村镇亲土愁音贤下间里情"), "村": frozenset("庄落寨镇"), "镇": frozenset("压守静定村")}
#: Adverbs that, before a verb, open a clause, not a name (先干乡武装部长: first served as …).
ADVERB_LEADS = frozenset("先再又就才都也还曾已将正刚便")
#: Division characters a place's short form may be followed by (黔西 | 市化屋村).
DIVISION_CHARS = frozenset("省市县区州旗盟")
#: The rules whose places open a settlement's name after them.
PLACE_RULES = ("gazetteer", "pos:place", "suffix:县", "suffix:区", "suffix:市", "suffix:镇", "suffix:乡", "suffix:街道", "settlement")
#: Tags of an unknown word that is no name: a verb (预开村, "opens the village early"), an
#: idiom (告假还乡/l).
NOT_NAME_TAGS = ("v", "a", "d", "m", "q", "r", "p", "c", "u", "l")
#: A word ending with a suffix that the dictionary knows this rarely is a settlement's name
#: the tagger keeps whole (下叔村 3, 摆勺村 10), or an ordinary word the kind test catches.
RARE_FREQ = 20
#: Tags of a morpheme the tagger leaves bound (从冬/tg): the word before a name that may hold
#: its first character.
BOUND_TAGS = frozenset({"tg", "ng", "vg", "ag", "dg", "zg", "rg", "mg", "yg"})


class SettlementReader:
    """The readers of settlements (see the module docstring)."""

    def __init__(self, res: Resources):
        self.res = res

    def _kind(self, body: str) -> bool:
        """``body`` says what kind of settlement it is, or is an ordinary word: no name."""
        if len(body) < 2 or any(ch in NOT_IN_BODY for ch in body) or not all("\u4e00" <= ch <= "\u9fff" for ch in body):
            return True
        if body.endswith("族") or any(w in body for w in KIND_WORDS):
            return True  # 黎族村寨, 贫困村, 边远山村
        words = self.res.dictionary
        if body[0] in ADVERB_LEADS and words.get(body[1:], (0, ""))[1].startswith("v"):
            return True  # 先干 | 乡武装部长: an adverb and a verb, then the word the suffix opens
        if len(body) == 3 and words.get(body[0], (0, ""))[1].startswith(("v", "p")) and words.get(body[1:], (0, ""))[0] > 50:
            return True  # 在常德看 | 老城街道: a verb before the words of a kind of place
        hit = self.res.dictionary.get(body)
        if hit is not None and hit[0] > COMMON_FREQ and not hit[1].startswith(("ns", "nr", "nz")):
            return True
        return body in self.res.not_entities

    def _body_names(self, text: str, start: int, end: int) -> bool:
        """``text[start:end]`` (before a suffix at ``end``) may be a settlement's name: no
        kind, and when its last character and the suffix make an ordinary word (山村, 渔村,
        新农村) the characters before them are a name of their own (毛竹 | 山村)."""
        body = text[start:end]
        if self._kind(body):
            return False
        sfx = text[end]
        if text[end + 1 : end + 2] in NOT_AFTER.get(sfx, ()) and not text.startswith(URBAN_SUFFIXES, end):
            return False
        if self.res.dictionary.get(text[end - 1 : end + 1], (0, ""))[0] > 100:
            return len(body) >= 3 and not self._kind(body[:-1])
        return True

    def after_places(self, text: str, places: Iterable[Candidate]) -> list[Candidate]:
        """A settlement named right after a place of the text (东海县兴西村, 唐昌镇战旗村)."""
        out = []
        seen = set()
        for p in places:
            if p.type != "Place" or p.rule not in PLACE_RULES or p.end in seen:
                continue
            q = p.end
            if text[q : q + 1] in DIVISION_CHARS and text[q - 1 : q] not in DIVISION_CHARS:
                q += 1  # 黔西 | 市化屋村: the gazetteer's short form, its division character after it
            for n in (2, 3):
                e = q + n
                urban = next((x for x in URBAN_SUFFIXES if text.startswith(x, e)), "")
                if (urban or text[e : e + 1] in SUFFIXES) and self._body_names(text, q, e):
                    seen.add(p.end)
                    out.append(Candidate(q, e + max(1, len(urban)), "Place", "settlement", 2))
                    break
        return out

    def unknown_words(self, text: str, tokens: Tokens, at: Sequence[int] | None = None) -> list[Candidate]:
        """A settlement the tagger kept as one word the dictionary does not know (长所乡/n)."""
        out = []
        words, tags, starts = tokens.words, tokens.tags, tokens.starts
        for i in range(len(words)) if at is None else at:
            w = words[i]
            if not 3 <= len(w) <= 5 or w[-1] not in SUFFIXES or self.res.dictionary.get(w, (0, ""))[0] >= RARE_FREQ:
                continue
            s = starts[i]
            if tags[i].startswith(NOT_NAME_TAGS) or not self._body_names(text, s, s + len(w) - 1):
                continue
            if i > 0:
                prev, tag = words[i - 1], tags[i - 1]
                if (len(prev) == 1 and "\u4e00" <= prev <= "\u9fff" and not tag.startswith(("p", "c", "u", "v", "r", "d"))) or tag in BOUND_TAGS:
                    continue  # 冬 | 残奥村, 从冬/tg | 残奥村: a character before the word may open the name
            out.append(Candidate(s, s + len(w), "Place", "settlement", 2))
        return out

    @staticmethod
    def again(text: str, found: Iterable[Candidate]) -> list[Candidate]:
        """Every other place in ``text`` where a settlement found is written (战旗村 of the
        headline, once 唐昌镇战旗村 is read)."""
        names = {text[c.start : c.end] for c in found if c.end - c.start >= 3}
        out = []
        for name in names:
            k = text.find(name)
            while k >= 0:
                out.append(Candidate(k, k + len(name), "Place", "settlement", 1))
                k = text.find(name, k + 1)
        return out

    def settlements(self, text: str, tokens: Sequence, places: Iterable[Candidate], bodies: Iterable[Candidate]) -> list[Candidate]:
        """The three readers' candidates; ``places`` are the gazetteer's and the tagger's,
        ``bodies`` the suffix grammar's (whose towns and villages open or are names too)."""
        tokens = Tokens.of(tokens)
        settled = [b for b in bodies if b.type == "Place" and b.rule in ("suffix:村", "suffix:镇", "suffix:乡")]
        # the tokens that end with a suffix's character, found through the text (few are)
        hits = [m.end() for m in _ENDS_SUFFIX.finditer(text)]
        ends = dict(zip(tokens.ends, range(len(tokens.ends)))) if hits else {}
        at = sorted(i for e in hits if (i := ends.get(e)) is not None)
        found = self.after_places(text, [*places, *settled]) + self.unknown_words(text, tokens, at)
        found += self.after_places(text, found)  # 长所乡森嘎村: a village after a township read here
        return found + self.again(text, found + settled)
