"""The ``outcome`` engine: a programme named as the subject of its own outcome (脱贫攻坚取得
了全面胜利, 中国改革开放取得伟大成就, 脱贫攻坚总目标如期完成). Who carries it out is the place,
body or company written right before it (中国改革开放, 中马“两国双园”建设), else the topic
of the sentence when the programme opens a later clause (贵州奋发进取，积极作为，脱贫攻坚取得了
全面胜利), read as the ``trigger`` engine reads a sentence's topic (``subject = "first"``).
"""

from __future__ import annotations

import re

from kg.extract.relation_subjects import call_before
from kg.extract.trigger_words import CLAUSE_LEAD

__all__ = ["LIES_IN_BEFORE", "OUTCOME_GAP", "WON", "OutcomeEngine"]

#: Between the programme and the verb of its outcome: its closing quote, the work, policy or
#: goal it names and adverbs (“两国双园”建设取得, “向东开放”政策取得, 脱贫攻坚总目标如期完成,
#: 改革开放已经取得).
OUTCOME_GAP = re.compile(
    r"”?(?:建设|工作|政策|总目标|目标|目标任务|任务)?(?:已经|已|均|都|也|又|不断|持续|全面|如期|顺利|稳步|扎实|进一步|再次)*"
)
#: What 取得 must win for the programme to be carried out: 取得了全面胜利, 取得积极成效, 取得新进展
#: (not 取得联系, 取得资格).
WON = re.compile(r"了?[^，。；;,]{0,6}?(?:成效|进展|成就|胜利|突破|成果|成绩|实效)")
#: Between a place and the programme it carries out: nothing, 的, the opening quote.
_MODIFIER_GAP = frozenset(("", "的", "“", "的“"))
#: A verb of lying somewhere before the place (位于山东烟台的…工程).
LIES_IN_BEFORE = re.compile(r"位于|地处|坐落于|坐落在")


class OutcomeEngine:
    """participates_in from a programme's outcome, the programme being the verb's subject."""

    def _outcome(self, rule, text, sent, ms, bounds):
        for ts, te in self._trigger_hits(rule):
            if text.startswith("取得", ts) and not WON.match(text, te):
                continue
            tails = [
                m
                for m in ms
                if m.end <= ts and m.type in rule.tail and OUTCOME_GAP.fullmatch(text, m.end, ts)
            ]
            if not tails:
                continue
            tail = tails[-1]
            k = ms.index(tail)
            if k > 0 and ms[k - 1].type in rule.head and text[ms[k - 1].end : tail.start] in _MODIFIER_GAP:
                # 中国改革开放取得伟大成就, 中马“两国双园”建设取得积极成效: the names right before it
                heads = [m for m in self._listed_before(ms, k - 1, text) if m.type in rule.head]
                if LIES_IN_BEFORE.search(text, self._clause_start(text, heads[0].start) + 1, heads[0].start):
                    continue  # 位于山东烟台的海阳核电二期工程: where the project lies, not who builds it
                if self._blocked(rule, text, heads[0].start, ts, bounds) or call_before(
                    text, self._sentence_start, ts, bounds
                ):
                    continue
                for head in heads:
                    yield head, tail
                continue
            opening = self._clause_start(text, tail.start) + 1
            if opening <= sent.start or CLAUSE_LEAD.match(text, opening, tail.start).end() != tail.start:
                continue  # the programme opens no later clause: someone else's act, or none
            before = [
                m for m in ms if m.end < opening and m.type in rule.head and not self._titled(text, m.end)
            ]
            for head in self._pick_heads(before, ms, rule, text, tail.start, bounds):
                yield head, tail
