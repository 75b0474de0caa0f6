"""Names the layout marks or runs together: bylines (记者 闫杰 张毅), the checks of the
pattern rules of a speaker before a colon (王林：) and of a title, a name and a reporting
verb the segmenter cut apart (副主任张新生介绍), and a run of names written without spaces
split into names (闫杰张毅沈佳李全宏)."""

from __future__ import annotations

import re
from collections.abc import Iterator

from kg.extract.candidates import NOT_NAME_TAIL, Candidate, NameChecks
from kg.extract.patterns import Hit
from kg.resources import Resources

#: Bylines and title-led lists: 记者 闫杰 张毅 / 记者 刘冬冬 摄 / 记者商为智 实习生陈文波.
BYLINE = re.compile(r"(?:记者|通讯员|摄影|责编|编辑|撰稿|实习生|作者[：:])[：:\s]*([\u4e00-\u9fff][\u4e00-\u9fff\s、，]{1,40})")
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

    def _byline_runs(self, text: str) -> Iterator[tuple[int, str, list[str], bool]]:
        """The runs of names of bylines and title-led lists, up to the first run that is
        not made of names: where each starts, the run, its names, and whether it is two
        names that split two ways (刘元金祝强: 刘元 | 金祝强 or 刘元金 | 祝强)."""
        for m in BYLINE.finditer(text):
            if m.start() > 0 and text[m.start() - 1] in BYLINE_NOT_AFTER:
                continue  # 向记者解释了: the reporter is spoken to, no name follows
            pos = m.start(1)
            for part in CJK_RUN.finditer(BYLINE_ROLE.sub(lambda r: " " * len(r.group()), m.group(1))):
                run = part.group().removesuffix("拍摄").removesuffix("摄")
                names = self.split_names(run)
                if not names:
                    break
                yield pos + part.start(), run, names, len(names) == 2 and self._splits(run) > 1

    def read_bylines(self, text: str) -> tuple[list[Candidate], list[tuple[int, int]]]:
        """``bylines`` and ``ambiguous_bylines`` from one reading of the text."""
        out, unsure = [], []
        for s, run, names, ambiguous in self._byline_runs(text):
            if ambiguous:
                unsure.append((s, s + len(run)))
                continue  # no way to tell where the first name ends
            for name in names:
                out.append(Candidate(s, s + len(name), "Person", "byline", 1, name=name))
                s += len(name)
        return out, unsure

    def bylines(self, text: str) -> list[Candidate]:
        """Bylines and title-led lists: 记者 闫杰 张毅 / 记者 刘冬冬 摄."""
        return self.read_bylines(text)[0]

    def ambiguous_bylines(self, text: str) -> list[tuple[int, int]]:
        """Spans of byline runs of two names that split two ways: no person is guessed
        in them, by the byline rule or by the tagger."""
        return self.read_bylines(text)[1]

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
        if self.checks.is_title_word(name) or name in self.res.titles or name[-1] == "图":
            return None
        if self.checks.plausible_chinese_name(name, strict=True):
            return Candidate(hit.start, hit.end, "Person", "speaker", 1, name=name)
        return None

    def title_name(self, hit: Hit) -> Candidate | None:
        """The check of the rule pos:title-name: a name between a title and a reporting verb
        the segmenter cut apart (副主任张新生介绍, 主任何 | 立峰表示) ends in no adverb (王晨都表示,
        满意地说), is no preposition before a word (负责人向美方介绍) and passes the name test
        (the loose one: it is cued on both sides)."""
        name = hit.surface
        if name[-1] in NOT_NAME_TAIL or name[-1] in "地都也还又就才":
            return None
        if name[0] in "向对给跟同和与" and self.res.common_word(name[1:], 50):
            return None
        if self.checks.plausible_chinese_name(name, strict=False):
            return Candidate(hit.start, hit.end, "Person", "pos:title-name", 1, name=name)
        return None
