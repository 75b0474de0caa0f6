"""Names the layout marks or runs together: the checks of the pattern rules of bylines
(记者 闫杰 张毅), of a speaker before a colon (王林：) and of a title, a name and a reporting
verb the segmenter cut apart (副主任张新生介绍), and a run of names written without spaces
split into names (闫杰张毅沈佳李全宏)."""

from __future__ import annotations

import re

from kg.extract.candidates import NOT_NAME_TAIL, Candidate, NameChecks
from kg.extract.patterns import Hit
from kg.resources import Resources

#: Role words between the names of a byline.
BYLINE_ROLE = re.compile(r"实习生|通讯员|记者|摄影")
CJK_RUN = re.compile(r"[\u4e00-\u9fff]+")
#: A character before 记者 that makes the reporter an object (向记者, 对记者, 告诉记者).
BYLINE_NOT_AFTER = frozenset("向对给诉据跟和与让请被")


class NameRuns:
    """Bylines, speakers and runs of names; ``checks`` answers the questions on titles and names."""

    def __init__(self, res: Resources, checks: NameChecks):
        self.res = res
        self.checks = checks
        #: per character, the titles ending with it (``_titles_ending_with``)
        self._title_ends: dict[str, tuple[str, ...]] = {}

    def byline(self, hit: Hit) -> list[Candidate]:
        """The check of the rule byline (记者 闫杰 张毅 / 记者 刘冬冬 摄 / 记者商为智 实习生陈文波):
        the runs of names after the role words, up to the first run that is not made of
        names. A run of two names that splits two ways (刘元金祝强: 刘元 | 金祝强 or 刘元金 |
        祝强) names nobody, by this rule or the tagger's: its span is left in
        ``hit.doc.state["unsure_bylines"]``. After 向, 对 … (向记者解释了) the reporter is
        spoken to and no name follows."""
        m, text = hit.match, hit.doc.text
        if m.start() > 0 and text[m.start() - 1] in BYLINE_NOT_AFTER:
            return []
        unsure = hit.doc.state.setdefault("unsure_bylines", [])
        out = []
        for part in CJK_RUN.finditer(BYLINE_ROLE.sub(lambda r: " " * len(r.group()), hit.surface)):
            run = part.group().removesuffix("拍摄").removesuffix("摄")
            names = self.split_names(run)
            if not names:
                break
            s = hit.start + part.start()
            if len(names) == 2 and self._splits(run) > 1:
                unsure.append((s, s + len(run)))  # no way to tell where the first name ends
                continue
            for name in names:
                out.append(Candidate(s, s + len(name), "Person", "byline", 1, name=name))
                s += len(name)
        return out

    def _splits(self, run: str, i: int = 0) -> int:
        """How many ways ``run[i:]`` splits into names of two or three characters, each
        plausible and each but the first opening with a surname."""
        if i == len(run):
            return 1
        total = 0
        for n in (2, 3):
            name = run[i : i + n]
            if i + n <= len(run) and self.checks.plausible_chinese_name(name, strict=False):
                if i + n == len(run) or run[i + n] in self.res.surnames:
                    total += self._splits(run, i + n)
        return total

    def split_names(self, run: str) -> list[str] | None:
        """Split a run of Chinese names written without spaces (闫杰张毅沈佳李全宏).

        Each name is two or three characters and starts with a surname; where both fit,
        the split whose next name also starts with a surname wins.

        >>> from kg.resources import load_resources
        >>> from kg.extract.candidates import NameChecks
        >>> res = load_resources()
        >>> NameRuns(res, NameChecks(res)).split_names("闫杰张毅沈佳李全宏")
        ['闫杰', '张毅', '沈佳', '李全宏']
        """
        res = self.res
        if len(run) > 24:
            return None

        def ok(name: str) -> bool:
            return self.checks.plausible_chinese_name(name, strict=False)

        def solve(i: int) -> list[str] | None:
            if i == len(run):
                return []
            options = []
            for n in (2, 3):
                if i + n <= len(run) and ok(run[i : i + n]):
                    rest = solve(i + n)
                    if rest is not None:
                        nxt_ok = i + n == len(run) or run[i + n] in res.surnames
                        options.append((nxt_ok, n == 2, [run[i : i + n], *rest]))
            if not options:
                return None
            return max(options, key=lambda o: (o[0], o[1]))[2]

        return solve(0)

    def speaker(self, hit: Hit) -> Candidate | None:
        """The check of the rule speaker: a name opening a line of a transcript (梁永春：…,
        于有斌：…) passes the strict name test; titles and words (主持人：, 高清图：) do not."""
        name = hit.surface
        if self.checks.is_title_word(name) or name[-1] == "图":
            return None
        if self.checks.plausible_chinese_name(name, strict=True):
            return Candidate(hit.start, hit.end, "Person", "speaker", 1, name=name)
        return None

    def _titles_ending_with(self, ch: str) -> tuple[str, ...]:
        """The titles of two characters or more that end with ``ch`` (练: 主教练, 教练)."""
        found = self._title_ends.get(ch)
        if found is None:
            found = self._title_ends[ch] = tuple(t for t in self.res.title_set if len(t) >= 2 and t[-1] == ch)
        return found

    def title_name(self, hit: Hit) -> Candidate | None:
        """The check of the rule pos:title-name: a name between a title and a reporting verb
        the segmenter cut apart (副主任张新生介绍, 主任何 | 立峰表示) ends in no adverb (王晨都表示,
        满意地说), is no preposition before a word (负责人向美方介绍) and passes the name test
        (the loose one: it is cued on both sides)."""
        name = hit.surface
        if name[-1] in NOT_NAME_TAIL or name[-1] in "地都也还又就才":
            return None
        text = hit.doc.text
        if any(text.endswith(t, 0, hit.start + 1) for t in self._titles_ending_with(name[0])):
            return None  # 主教 | 练平托: the first character ends a longer title (主教练)
        if name[0] in "向对给跟同和与" and self.res.common_word(name[1:], 50):
            return None
        if self.checks.plausible_chinese_name(name, strict=False):
            return Candidate(hit.start, hit.end, "Person", "pos:title-name", 1, name=name)
        return None
