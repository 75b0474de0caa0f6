"""Projects named by their owner and what they build (the check of the rule named-project of
data/rules/entities.toml): 朔城区文化旅游康养建设项目, 太原市第一热电厂扩建项目, 中国石油吉林石化
转型升级项目, 金丹科技15万吨生物降解材料聚乳酸工程项目. The rule's pattern finds a word of works
before 项目 (建设, 扩建, 改造, 工程 …); the name is the run of noun-like words before it, from a
place or a company that opens it. With no such opening (智能洗肺机生产项目, 管道生产制造项目)
the project is described, not named; a place with only words of kind before the works
(山西省重点建设项目) or a count (83个老旧小区改造项目) names a kind of project.

:class:`NamedProjects` is a part of :class:`kg.extract.other_names.OtherNames`, which gives
it ``res`` (the resources)."""

from __future__ import annotations

import re
from bisect import bisect_right

from kg.extract.body_words import GENERIC_PLAN_WORDS, GENERIC_PROJECT_WORDS
from kg.extract.candidates import Candidate
from kg.extract.patterns import Hit

#: First letters of the tags of the words a project's name is made of: nouns, names, verbal
#: nouns, abbreviations, idioms, distinguishing words, numbers and Latin letters.
NAME_TAGS = ("n", "vn", "j", "l", "b", "m", "eng")
#: Measure words after a number that count projects or sites: a count names a kind.
COUNT_WORDS = frozenset({"个", "项", "批", "处", "座", "家", "类", "大", "条"})
#: Words after a trade name that make it a company's (星耀科技, 金丹科技).
COMPANY_WORDS = frozenset({"科技", "集团", "股份", "控股", "实业", "能源", "化工", "钢铁", "电力"})
#: Verbs of what is done to a project, which the tagger often files as verbal nouns (在太原市
#: 建设 | 新能源汽车制造项目, 投资 | 电池生产项目): inside the words before the works they govern
#: the project, and end its name.
PROJECT_VERBS = frozenset({"建设", "投资", "开发", "推进", "实施", "引进", "签约", "签署", "落地", "落户", "开工",
                           "建成", "新建", "扩建", "改造", "谋划", "储备", "启动", "承建", "打造", "发展"})
#: Tags of a word that may open a project named after what is invested in it.
PROPER_TAGS = frozenset({"ns", "nt", "nr", "nz", "j"})
#: A count or a batch of projects inside a name (560个…, 首批…), or a rank that describes one
#: (吉林省最大单体工业项目, 首个…项目: the name, if any, follows).
COUNTED = re.compile(r"[\d一二三四五六七八九十百千两几多]+[个项批处座]|批|最|首个|首座|唯一")
#: Longest name read, in characters.
LONGEST = 40


class NamedProjects:
    """The check named by the rule (see the module docstring)."""

    def named_project(self, hit: Hit) -> Candidate | None:
        text, res, tokens = hit.doc.text, self.res, hit.doc.tokens
        words, tags, starts, ends = tokens.words, tokens.tags, tokens.starts, tokens.ends
        k = bisect_right(starts, hit.start) - 1
        if k < 0 or (starts[k] != hit.start and ends[k] != hit.start):
            return None  # the works word is the end of another word
        j = k - 1 if starts[k] == hit.start else k
        if j >= 0 and ends[j] != hit.start:
            return None
        run = []
        while j >= 0 and hit.start - starts[j] <= LONGEST:
            w, tag = words[j], tags[j]
            if w in COUNT_WORDS and j > 0 and tags[j - 1] == "m":
                return None  # 83个老旧小区改造项目, 一批重大工程项目: a count of projects
            if w.endswith("批") or (w.startswith("第") and w.endswith(tuple(COUNT_WORDS))):
                return None  # 海南自由贸易港2022年度首批建设项目, 第一批…示范项目: a batch of projects
            if not tag.startswith(NAME_TAGS) or w in res.not_entities or w in PROJECT_VERBS:
                break
            run.append(j)
            j -= 1
        places = {c.start for c in hit.doc.state.get("places", ())}
        opening = None
        for j in reversed(run):  # from the left
            if self._opens(j, words, tags, places, starts):
                opening = j
                break
        if opening is None:
            return None
        rest = text[ends[opening] : hit.start]
        for j in run:
            if opening < j and self._opens(j, words, tags, places, starts):
                rest = text[ends[j] : hit.start]  # 中国石油吉林石化: what follows the last name
                break
        if not _distinctive(rest):
            return None  # 山西省重点建设项目: a place's kind of project
        return Candidate(starts[opening], hit.end, "Initiative", "named-project", 2)

    def invested_project(self, hit: Hit) -> Candidate | None:
        """The check of the rule invested-project: after 总投资…亿元的, a project's name up to its
        项目 (or, in a list closed by 等项目, up to the next item) when a place or a proper
        word opens it (总投资16亿元的海鑫精密工业…制造等项目); not a kind (总投资100亿元的新材料
        项目), a count or a batch (总投资528亿元的560个…改造项目)."""
        tokens, text = hit.doc.tokens, hit.doc.text
        k = bisect_right(tokens.starts, hit.start) - 1
        if k < 0 or tokens.starts[k] != hit.start:
            return None
        places = {c.start for c in hit.doc.state.get("places", ())}
        if hit.start not in places and tokens.tags[k] not in PROPER_TAGS:
            return None
        name = text[hit.start : hit.end]
        if COUNTED.search(name) or not _distinctive(name.removesuffix("项目")[2:]):
            return None
        return Candidate(hit.start, hit.end, "Initiative", "invested-project", 2)

    def _opens(self, j, words, tags, places, starts) -> bool:
        """The word ``j`` may open a project's name: a place found (not any word tagged ``ns``:
        超深水 | 石油开发项目), a body or company the tagger or the lexicon knows, or a trade
        name before a word of companies (星耀科技)."""
        w, tag = words[j], tags[j]
        if starts[j] in places or tag == "nt":
            return True
        entry = self.res.lexicon_forms.get(w)
        if entry is not None and entry.type in ("Enterprise", "Organization"):
            return True
        return tag in ("nr", "nz") and j + 1 < len(words) and words[j + 1] in COMPANY_WORDS


def _distinctive(rest: str) -> bool:
    """True when ``rest`` (the words between the opening name and the works) holds more than
    words of scope, weight or trade: 文化旅游康养, 第一热电厂, 15万吨生物降解材料聚乳酸."""
    kinds = GENERIC_PLAN_WORDS | set(GENERIC_PROJECT_WORDS)
    k, n = 0, len(rest)
    while k < n:
        for size in (4, 3, 2):
            if rest[k : k + size] in kinds:
                k += size
                break
        else:
            return True
    return False
