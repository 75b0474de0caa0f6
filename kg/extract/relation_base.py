"""What every relation engine shares: the marks that end clauses and separate listed
names, the state of the sentence being read, and the compiled trigger patterns.

The engines (:mod:`kg.extract.relation_titles`, :mod:`kg.extract.relation_places`,
:mod:`kg.extract.relation_triggers`) are mixins of :class:`EngineBase`;
:class:`kg.extract.relations.RelationFinder` joins them and runs the rules.
"""

from __future__ import annotations

import re

from kg.extract.title_run import TitleRun
from kg.model import Mention
from kg.resources import Resources

CLAUSE_END = re.compile(r"[。！？；!?;]")
CLAUSE_MARKS = re.compile(r"[，,]")
#: What stands between two listed names of the same kind: 山西、陕西, 张三和李四.
LIST_MARKS = frozenset("、和及与")
_CLAUSE_MARKS = "，,。；;！？"


def last_clause_mark(text: str, start: int, end: int) -> int:
    """Offset of the last clause mark in ``text[start:end]``, -1 when there is none."""
    return max(text.rfind(p, start, end) for p in _CLAUSE_MARKS)


class EngineBase:
    """The state the engines share while one document is read."""

    def __init__(self, res: Resources):
        self.res = res
        self.title_re = TitleRun(res.titles)
        self.post_re = TitleRun(res.titles, sub_unit=True)
        self.rules = res.relation_rules
        self._patterns: dict[str, re.Pattern] = {}
        # set by find() for each document and sentence
        self._refs: dict[str, str] = {}
        self._nested: list[Mention] = []
        self._top: list[Mention] = []
        self._mark_before = -1
        self._sentence_start = 0

    def _clause_start(self, text: str, pos: int) -> int:
        """Offset of the last clause mark (，,。；;！？) before ``pos`` in the current
        sentence or before it, -1 when there is none."""
        inside = last_clause_mark(text, self._sentence_start, pos)
        return inside if inside != -1 else self._mark_before

    @staticmethod
    def _listed(ms: list[Mention], k: int, text: str) -> list[Mention]:
        """ms[k] and the mentions listed right after it (A、B和C)."""
        out = [ms[k]]
        while k + 1 < len(ms) and text[ms[k].end : ms[k + 1].start] in LIST_MARKS:
            k += 1
            out.append(ms[k])
        return out

    @staticmethod
    def _listed_before(ms: list[Mention], k: int, text: str) -> list[Mention]:
        """ms[k] and the mentions listed right before it (A、B和C → [A, B, C])."""
        j = k
        while j > 0 and ms[j - 1].type == ms[k].type and text[ms[j - 1].end : ms[j].start] in LIST_MARKS:
            j -= 1
        return ms[j : k + 1]

    def _trigger_re(self, rule) -> re.Pattern:
        pattern = self._patterns.get(rule.id)
        if pattern is None:
            # overlapping search: a longer trigger may start where a shorter one does
            pattern = re.compile("(?=(" + "|".join(re.escape(t) for t in rule.triggers) + "))")
            self._patterns[rule.id] = pattern
        return pattern
