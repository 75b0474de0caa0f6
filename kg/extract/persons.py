"""People's names from the tagger's words, checked against surnames, transliteration
characters, a stop list, dictionary frequency and context (a title before, a reporting verb
after). A bare surname before a title (常书记) names nobody: ``kg.extract.references``.

A two-character name found without a title or a reporting verb around it
(``pos:name-uncued``) is kept only where the same name is cued elsewhere in the document.

The rules run at anchors only (``PersonFinder._anchors``): tokens tagged as names, words
that may be names the dictionary lacks, and the tokens next to a title, a list's 、 or an
honorific. The name at each anchor is read by ``kg.extract.name_reader`` (``NameReader``,
which this finder extends); foreign names by ``kg.extract.foreign_names``.
"""

from __future__ import annotations

import re
from bisect import bisect_left
from dataclasses import replace
from itertools import compress

from kg.extract.candidates import CJK, PERSON_POS, Candidate, NameChecks
from kg.extract.foreign_names import foreign_looking
from kg.extract.japanese_names import JAPANESE_SURNAMES, japanese_name_at
from kg.extract.name_frames import cut_head_title
from kg.extract.name_reader import HONORIFICS, NameReader
from kg.extract.name_runs import NameRuns
from kg.extract.patterns import Hit, PatternDoc
from kg.extract.segment import Tokens
from kg.resources import Resources

__all__ = ["HONORIFICS", "PersonFinder"]

#: What the segmenter glues to a well-known name (邓小平理论, 毛泽东思想).
NAME_GLUED_SUFFIXES = ("理论", "思想", "同志", "主席", "总理", "总统", "总书记", "夫人", "先生", "旧居", "故居", "诞辰")
#: One-character words that end a given name only when a predicate follows (梁元和主持,
#: 包信和讲话), never when they link the name to what follows (张三和李四, 华源作报告,
#: 林武来到): each maps to the predicates after which it is read as part of the name.
_SPEECH_AFTER_NAME = ("表示", "指出", "强调", "介绍", "认为", "主持", "出席", "讲话", "致辞", "、")
NAME_TAIL_WORDS = {
    # (和 before a stop or a comma joins nothing: 李万华和陈金和。)
    "和": ("说", "表示", "指出", "强调", "介绍", "认为", "主持", "出席", "讲话", "致辞", "发言", "会见", "会晤", "参加", "考察", "调研", "视察", "宣布", "签署", "作", "代表", "率", "率队", "带队", "陪同", "一行", "、", "。", "，", "；"),
    "来": _SPEECH_AFTER_NAME,
    "作": _SPEECH_AFTER_NAME,
}
#: Words after a pair of one-character place abbreviations (杭温两地, 川渝两省): no person.
PLACE_PAIR_AFTER = ("两地", "两市", "两省", "两国", "两县", "两区", "两岸", "两城", "双方")
#: What follows the name of a ship, craft or train in quotes (“卡尔·文森”号).
VESSEL_AFTER = ("”号", "\"号")
#: Words after a trade name glued to its place (中南高科项目, 华夏幸福公司): a brand, no person.
BRAND_AFTER = frozenset(["项目", "公司", "集团", "股份", "有限公司", "科技", "产业园", "基地", "品牌", "控股"])
#: Prepositions the segmenter glues to the name after them (主席同卢拉总统, 对佐科总统的问候,
#: 为斯图布举行欢迎仪式), none a surname news meets; 向 and 于 are surnames as well (向巧,
#: 于伟国), so with them only a well-known person's name is read after the preposition
#: (向普京总统致以问候).
GLUED_PREPOSITIONS = frozenset("同对为与跟给把被让在将")
GLUED_PREPOSITION_SURNAMES = frozenset("向于")
#: A division's character as a word of its own after a name makes the name a town's or a
#: region's (文图拉 | 县, 江布尔 | 州).
DIVISION_WORDS = frozenset({"市", "州", "县", "省"})
#: What ends an item of a list of names (王东明、何卫东、何立峰等).
_LIST_ITEM_ENDS = frozenset(("、", "，", ",", "等", "。", "和", "及", "；"))
#: Tags of a word that may be a name the dictionary does not know.
_UNKNOWN_NAME_POS = frozenset({"nz", "n", "nrfg"})


def _opens_with_japanese_surname(word: str) -> bool:
    """``word`` opens with a Japanese surname (桥本, 桥本龙太郎, 谷口清)."""
    return word[:2] in JAPANESE_SURNAMES or word[:3] in JAPANESE_SURNAMES


class PersonFinder(NameReader):
    """Finds people's names; ``checks`` answers the questions on titles and names, ``runs``
    splits runs of names and reads bylines."""

    def __init__(self, res: Resources, checks: NameChecks, runs: NameRuns):
        super().__init__(res, checks)
        self.runs = runs
        #: the word classes the person rules start at (``_anchors``), asked once a word by
        #: the pattern engine along with the patterns' own (``PatternDoc.where``)
        self.anchors = {
            "title-end": checks.title_before,
            "list-mark": "、".__eq__,
            "honorific": HONORIFICS.__contains__,
            "foreign-ns": self._foreign_place_word,
            "unknown-name": self._unknown_name_word,
            "surname": self._surname_word,
            "japanese-surname": _opens_with_japanese_surname,
            # 长 cut off its body (高雄市 | 长 | 韩国 | 瑜): a head's title, read with the word before it
            "cut-head-title": "长".__eq__,
            # a title's last character glued to a foreign name's first (议会议 | 长沙 | 基耶 | 夫)
            "title-cut-place": self._title_cut_place_word,
        }
        #: the anchors ``_anchors`` reads at some tags only: asked of those words alone
        self.anchor_tags = {"foreign-ns": ("ns",), "unknown-name": _UNKNOWN_NAME_POS, "title-cut-place": ("ns",)}
        self._title_ends = frozenset(t[-1] for t in res.title_set if len(t) >= 2)

    def tagged_people(self, doc: PatternDoc) -> list[Candidate]:
        """People's names from the tagger's words (and the foreign places and sites the
        tagger files as names), before uncued names are dropped (``drop_uncued``: a
        two-character name found without a title or a reporting verb around it,
        ``pos:name-uncued``, is kept only where the same name is cued elsewhere).

        The rules run only at their anchors (``_anchors``): a token tagged as a name, a
        longer noun or place, a token after a title or a list's 、, before an honorific.
        Runs of names (李强蔡奇丁薛祥) are the pattern rule pos:name-run (``name_run``)."""
        text, tokens = doc.text, doc.tokens
        out: list[Candidate] = []
        i = 0
        for k in self._anchors(doc):
            if k < i:
                continue  # inside the name found before
            cand = self._candidate_at(text, tokens, k, out)
            if cand is None:
                i = k + 1
            else:
                out.append(self._without_preposition(text, cand[0]))
                i = cand[1]
        # Japanese names (桥本龙太郎, 上杉 | 光弘), which the longer span wins over the
        # pieces read above (章生 of 久间章生)
        for k in doc.where("japanese-surname"):
            found = japanese_name_at(self, text, tokens, k)
            if found is not None:
                out.append(found[0])
        return out

    def _without_preposition(self, text: str, cand: Candidate) -> Candidate:
        """``cand`` without a preposition the segmenter glued before the name (同卢拉 →
        卢拉, 向普京 → 普京): the rest is a well-known person's name, or after a
        preposition no surname a transliterated name (对佐科, 为斯图布)."""
        first, rest = text[cand.start : cand.start + 1], text[cand.start + 1 : cand.end]
        if cand.type != "Person" or len(rest) < 2 or first not in GLUED_PREPOSITIONS | GLUED_PREPOSITION_SURNAMES:
            return cand
        entry = self.res.lexicon_forms.get(rest)
        known = entry is not None and entry.type == "Person"
        if known or (first in GLUED_PREPOSITIONS and self.res.translit_chars.issuperset(rest)):
            return replace(cand, start=cand.start + 1, name=rest if cand.name else "")
        return cand

    def _foreign_place_word(self, word: str) -> bool:
        """``word``, tagged ns, may be a foreign name (with a cue); asked once a word, so
        ``foreign_looking`` is asked directly, not through the kept answers."""
        return len(word) >= 3 and word not in self.res.place_forms and foreign_looking(self.res, word, "nr", True)

    def _title_cut_place_word(self, word: str) -> bool:
        """``word``, tagged ns, of two characters: a title's last one and a transliteration
        character (长沙 of 议长沙基耶夫); ``name_frames.foreign_name_after_cut_title`` reads
        the rest."""
        return len(word) == 2 and word[0] in self._title_ends and word[1] in self.res.translit_chars

    def _surname_word(self, word: str) -> bool:
        """``word`` is a one-character surname standing alone, which the tagger may tag as
        anything (黄/a 小目 说, 顾/v 昂然 说): a name may start there when a cue follows."""
        return len(word) == 1 and word in self.res.surnames

    def _unknown_name_word(self, word: str) -> bool:
        """``word``, tagged as a noun, may be a three-character name the dictionary does not know."""
        res = self.res
        return (
            len(word) == 3 and word not in res.dictionary and word[0] in res.surnames and word[1] not in "和与及或" and CJK.match(word) is not None
        )

    def _anchors(self, doc: PatternDoc) -> list[int]:
        """The tokens ``_candidate_at`` can find a person at, in order: every other token
        fails all of its tests, so only these are asked."""
        poss = doc.tokens.tags
        n = len(poss)
        at = set(compress(range(n), map(PERSON_POS.__contains__, poss)))
        at.update(k for name in ("foreign-ns", "title-cut-place") for k in doc.where(name) if poss[k] == "ns")
        at.update(k for k in doc.where("unknown-name") if poss[k] in _UNKNOWN_NAME_POS)
        at.update(k + 1 for name in ("title-end", "list-mark", "cut-head-title") for k in doc.where(name) if k + 1 < n)
        at.update(k - 1 for k in doc.where("honorific") if k > 0)
        at.update(doc.where("surname"))
        return sorted(at)

    def _candidate_at(self, text: str, tokens: Tokens, i: int, out: list[Candidate]) -> tuple[Candidate, int] | None:
        """The person (or foreign place) found at ``tokens[i]`` and the token after it, or
        None; ``out`` holds the names found before (a list of names goes on after one).
        Whether a rule may start here is read off the token lists; most anchors stop there."""
        if not self._may_start(tokens, i, out):
            return None
        cand = self._person_at(text, tokens, i)
        if cand is None:
            return None
        found = self._name_tail(text, tokens, *cand)
        if found is not None and found[0].type == "Person":
            town = self._town_before_division(text, tokens, found[0])
            if town is not None:
                return town, found[1] + 1
        return found

    def _town_before_division(self, text: str, tokens: Tokens, cand: Candidate) -> Candidate | None:
        """A name of three characters or more, transliteration characters after the first,
        right before a division's character that is a word of its own (文图拉 | 县, 江布尔 | 州,
        富勒顿 | 市): a town or region of that kind, no person, spanning the character
        (文图拉县); not with a title before it (总统托卡耶夫 is his)."""
        e = cand.end
        k = bisect_left(tokens.starts, e)
        if k >= len(tokens) or tokens.starts[k] != e or tokens.words[k] not in DIVISION_WORDS:
            return None
        name = text[cand.start : e]
        if len(name) < 3 or name in self.res.place_forms or not self.res.translit_chars.issuperset(name[1:]):
            return None  # (the first character may be a surname's too: 文图拉, 富勒顿)
        j = bisect_left(tokens.starts, cand.start)
        if j > 0 and tokens.starts[j] == cand.start and self.checks.title_before(tokens.words[j - 1]):
            return None
        return Candidate(cand.start, tokens.ends[k], "Place", "pos:foreign-place", 1)

    def _may_start(self, tokens: Tokens, i: int, out: list[Candidate]) -> bool:
        """Whether a person may be found at ``tokens[i]``, read off the token lists: a token
        tagged as a name, a name the dictionary lacks, a foreign name tagged as a place with a
        cue, a member of a list of names, or a word after a title or before an honorific.
        The tests are asked one at a time, cheapest and likeliest first."""
        res = self.res
        words, tags = tokens.words, tokens.tags
        n = len(words)
        w, pos = words[i], tags[i]
        if pos in PERSON_POS or (pos == "ns" and i > 0 and self._title_cut_place_word(w) and words[i - 1][-1:] + w[0] in res.title_set):
            return True  # (议会议 | 长沙 | 基耶夫: a title cut, read by foreign_name_after_cut_title)
        if (
            len(w) == 3
            and pos in ("nz", "n", "nrfg")
            and w not in res.dictionary
            and w[0] in res.surnames
            and w[1] not in "和与及或"  # 焦和碳: two nouns joined, no given name
            and CJK.match(w)
        ):
            return True
        if (
            pos == "ns"
            and len(w) >= 3
            and w not in res.place_forms
            and self._foreign_looking(w, "nr", True)
            and self._cue(tokens, i, i + 1)
        ):
            return True
        if (
            # 王愚、吕轶、刘永华: a member of a list of names the tagger could not tag
            i > 1
            and words[i - 1] == "、"
            and (
                (out and out[-1].type == "Person" and out[-1].end == tokens.starts[i - 1])
                or (tags[i - 2] in PERSON_POS or tags[i - 2] == "x")
                and self._plausible(words[i - 2], False)
            )
            and pos not in ("ns", "nt")
            and 2 <= len(w) <= 3
            and w[0] in res.surnames
            and CJK.match(w)
            and i + 1 < n
            and words[i + 1] in ("、", "，", ",", "等", "。")
        ):
            return True
        if (
            # 何/r 卫东、, 武/n 维华，: a surname token of any tag and its given name as an item
            # of a list of names, right after a person found and a 、, up to the next separator
            i > 1
            and len(w) == 1
            and words[i - 1] == "、"
            and w in res.surnames
            and pos not in ("p", "c", "u", "d")
            and out
            and out[-1].type == "Person"
            and out[-1].end == tokens.starts[i - 1]
            and i + 2 < n
            and 1 <= len(words[i + 1]) <= 2
            and words[i + 2] in _LIST_ITEM_ENDS
        ):
            return True
        if (
            # 黄/a 小目 说, 顾/v 昂然 说: a surname the tagger did not read as one, its given
            # name and a cue after (a reporting verb, a title, an honorific); not after a
            # preposition or an adverb (向/p 参训 运动员)
            len(w) == 1
            and w in res.surnames
            and pos not in ("p", "c", "u", "d")
            and i + 2 < n
            and 1 <= len(words[i + 1]) <= 2
            and self._cue_after(tokens, i + 2)
        ):
            return True
        return bool(
            (2 <= len(w) <= 4 or w in res.translit_chars or w in res.surnames)
            and CJK.match(w)
            and (
                (i > 0 and self.checks.title_before(words[i - 1]))
                or (i + 1 < n and words[i + 1] in HONORIFICS and len(w) >= 2)
                or cut_head_title(res, words, i)  # 高雄市 | 长 | 韩国 | 瑜
            )
        )

    def glued_name(self, hit: Hit) -> Candidate | None:
        """The check of the rule pos:glued: a name glued to what follows it (邓小平理论,
        毛泽东思想, 周恩来总理) is a person of the lexicon or a name of the dictionary."""
        res = self.res
        word, start = hit.surface, hit.start
        for n in (3, 2, 4):
            head = word[:n]
            entry = res.lexicon_forms.get(head)
            known = entry is not None and entry.type == "Person"
            if not known:
                hit_ = res.dictionary.get(head)
                known = hit_ is not None and hit_[1] in ("nr", "nrfg") and self._plausible(head, False)
            if known and word[n:] in NAME_GLUED_SUFFIXES:
                return Candidate(start, start + n, "Person", "pos:glued", 1, name=head)
        return None

    def _name_tail(self, text: str, tokens: Tokens, cand: Candidate, j: int) -> tuple[Candidate, int] | None:
        """Judge a person candidate by the words right after it.

        A two-character name before 和/来/作 takes that character as its last when a
        predicate follows (梁元和主持 → 梁元和), not when the word links the name to
        something else (梁元和李明, 华源作报告). A name before 两地/两省 is a pair of
        place abbreviations (杭温两地), and one between a place and 项目/公司 a trade
        name (中南高科项目): neither is a person."""
        if cand.type != "Person":
            return cand, j
        s, e = cand.start, cand.end
        if text.startswith(PLACE_PAIR_AFTER, e) or text.startswith(VESSEL_AFTER, e):
            return None  # 杭温两地; “卡尔·文森”号航母, “戈洛夫科海军上将”号: a ship or craft
        words, starts = tokens.words, tokens.starts
        prev = None  # the name's first token, among the three before j
        for k in range(j - 1, max(-1, j - 4), -1):
            if starts[k] == s:
                prev = k
                break
        if (
            prev is not None
            and prev > 0
            and tokens.tags[prev - 1] == "ns"
            and tokens.ends[prev - 1] == s
            and j < len(words)
            and words[j] in BRAND_AFTER
            and e - s == 2
        ):
            return None
        if e - s != 2 or j + 1 >= len(words) or starts[j] != e or words[j] not in NAME_TAIL_WORDS:
            return cand, j
        after = tokens[j + 1]
        preds = NAME_TAIL_WORDS[words[j]]
        if after.text not in preds and not (
            # 和 + 主持会议: the segmenter glued the verb to its object
            any(len(p) >= 2 and after.text.startswith(p) for p in preds) and after.text[-1] not in "人者词稿"
        ):
            return cand, j
        clause = re.split(r"[，,。；;！？!?、\s]", text[after.end : after.end + 10], maxsplit=1)[0]
        if "的" in clause:
            return cand, j  # 李明和出席会议的嘉宾合影: 和 joins two people
        name = text[s : e + 1]
        if not self._plausible(name, False):
            return cand, j
        return replace(cand, end=e + 1, name=name), j + 1

    def name_run(self, hit: Hit) -> list[Candidate]:
        """The check of the rule pos:name-run: names written one after another with no
        separator, as in headlines (李强蔡奇丁薛祥出席), a run of three or more name-tagged
        tokens of six characters or more, split again into three surname-led names or more,
        which outrank the tagger's cuts."""
        run = hit.surface
        names = self.runs.split_names(run) if len(run) >= 6 else None
        out = []
        if names and len(names) >= 3:
            s = hit.start
            for name in names:
                out.append(Candidate(s, s + len(name), "Person", "pos:name-run", 2, name=name))
                s += len(name)
        return out
