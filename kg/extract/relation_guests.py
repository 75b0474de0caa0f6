"""Guests and hosts for the ``trigger`` engine: who is described as a guest (的塞拉利昂总统
比奥, 来华出席…并进行国事访问的…), who hosts a visit (欢迎, 宴请, 邀请 but not one's own 应…邀请),
who is received on arrival (受到…热情迎接, X抵达时，Y…迎接), who attends or visits on an
occasion named before him (出席…峰会期间，习近平…), and the gaps that list names.

:class:`GuestReaders` is a mixin of :class:`kg.extract.relation_triggers.TriggerEngine`."""

from __future__ import annotations

import re

from kg.extract.relation_base import CLAUSE_END, CLAUSE_MARK, EngineBase
from kg.extract.trigger_words import (
    ARRIVED_WHEN,
    GUEST_VISITS_CHINA,
    HOST_WORDS,
    INVITED_BY,
    LIST_CONJ,
    LIST_GAP,
    OCCASION_AFTER,
    OCCASION_LEAD,
    RECEIVED_BY,
)
from kg.model import Mention


class GuestReaders(EngineBase):
    """The readers of guests, hosts and listed names the trigger engine shares."""

    #: a bare body at the opening of a list gap (made on first use from the resources)
    _opening_bare_re: re.Pattern[str] | None = None

    @staticmethod
    def _hosts(text: str, start: int, end: int) -> bool:
        """Whether words of a host stand in text[start:end] (欢迎, 宴请, 邀请…), other than
        the 应…邀请 of the visitor's own invitation, however long the inviter's titles
        (应秘鲁共和国总统博鲁阿尔特邀请)."""
        for hit in HOST_WORDS.finditer(text, start, end):
            if hit.group() != "邀请":
                return True
            own = INVITED_BY.search(text, max(0, hit.start() - 22), hit.end())
            if own is None or own.end() != hit.end():
                return True
        return False

    def _guests_visit_china(self, text: str, sent, ms: list[Mention]):
        """(guest, 华) for each guest whose coming to China the clause describing the guest
        tells (会见来华出席…并进行国事访问的塞内加尔总统法耶): the segmenter keeps 来华访问 in
        one word, and the place stands far before the visit in 来华出席…并进行…访问."""
        for hit in GUEST_VISITS_CHINA.finditer(text, sent.start, sent.end):
            place = next((m for m in ms if (m.start, m.end) == hit.span(1) and m.type == "Place"), None)
            if place is None:
                continue
            for guest in self._described_after(hit.end(), ms, text):
                yield guest, place

    def _described_after(self, pos: int, ms: list[Mention], text: str) -> list[Mention]:
        """The persons a 的-clause ending at ``pos`` describes: the first person after it
        with only bodies and titles between (的塞拉利昂总统比奥), and those listed with it."""
        k = next((i for i, m in enumerate(ms) if m.start >= pos), len(ms))
        gap_from, gap_k, out = pos, k, []
        while k < len(ms):
            m = ms[k]
            if m.type != "Person":
                if m.start - gap_from > 12:
                    break
                k += 1
                continue
            gap = text[gap_from : m.start]
            for x in reversed(ms[gap_k:k]):  # the bodies and places before the title
                gap = gap[: x.start - gap_from] + gap[x.end - gap_from :]
            # 伊朗外交部 | 长: a ministry's name takes the first character of 部长
            glued = k > gap_k and ms[k - 1].end <= m.start and bool(self.title_re.match(text[ms[k - 1].end - 1 : m.start]))
            listed = self._list_gap(gap) if out else gap == "" or glued or bool(self.title_re.match(gap))
            if not listed:
                break
            out.append(m)
            gap_from, gap_k = m.end, k + 1
            k += 1
        return out

    def _describes_unnamed(self, pos: int, ms: list[Mention], text: str) -> bool:
        """Whether the 的-clause ending at ``pos`` describes someone by a title alone (的马来西亚
        最高元首, 的德国总理 where no name was read): the places and bodies that open what
        follows are his, and a title follows them."""
        k = next((i for i, m in enumerate(ms) if m.start >= pos), len(ms))
        while k < len(ms) and ms[k].start == pos and ms[k].type != "Person":
            pos = ms[k].end
            k += 1
        return any(self.title_re.match(text[pos : pos + n]) for n in range(1, 9))

    def _list_gap(self, gap: str) -> bool:
        """Whether ``gap`` (named bodies taken out) only separates two listed names: marks,
        a conjunction (以及, 同), titles, and bare bodies before them (市政协主席). Not a
        spouse named by the other (习近平主席夫人彭丽媛: she alone; 习近平和夫人彭丽媛: both)."""
        if gap.endswith("夫人") and not any(c in gap for c in "和与及偕"):
            return False
        if LIST_GAP.fullmatch(gap) or self.title_re.match(gap):
            return True
        rest = LIST_CONJ.sub("", gap, count=1)
        # bare bodies before a title (市政协主席, 市人大常委会主任) are no entity, but no
        # break in the list either; nor is the bare body left where the place before it
        # was taken out as a named mention (湛江市 | 政府副秘书长)
        if not rest:
            return False
        rest = self.bare_body_re.sub("", rest)
        if self.title_re.match(rest):
            return True
        opening = self._opening_bare_re
        if opening is None:
            bodies = "|".join(map(re.escape, self.bare_bodies))
            opening = self._opening_bare_re = re.compile(f"^([\\s、，,]*)(?:{bodies})")
        stripped = opening.sub(r"\1", rest, count=1)
        return stripped != rest and self.title_re.match(stripped)

    def _received(self, rule, text: str, sent, ms: list[Mention], ts: int, te: int, clause_end: int, bounds):
        """(guest, host) for a verb of meeting with no one named after it: the ones named
        after 受到 meet the one the sentence is about, and the one opening the clause of a
        greeting meets the one whose arrival the clause before it tells."""
        # 习近平抵达独立宫，受到纳扎尔巴耶夫热情迎接: the ones named after 受到 meet the
        # one the sentence is about, the last person before 受到
        received = RECEIVED_BY.search(text, max(sent.start, ts - 24), ts)
        if received is not None:
            hosts = [m for m in ms if received.start(1) <= m.start and m.end <= received.end(1) and m.type == "Person"]
            guest = next((m for m in reversed(ms) if m.end <= received.start() and m.type == "Person"), None)
            if hosts and guest is not None and not CLAUSE_END.search(text, guest.end, received.start()):
                for h in hosts:
                    yield guest, h
            return
        # 李强抵达时，戈洛夫琴科在下车处迎接: the one opening the clause of the greeting
        # meets the one whose arrival the clause before it tells
        opening = self._clause_start(text, ts)
        arrival = ARRIVED_WHEN.search(text, sent.start, opening + 1)
        if arrival is not None and text.startswith("迎接", ts) and not CLAUSE_MARK.search(text, te, clause_end):
            guest = next((m for m in ms if arrival.start() <= m.start and m.end <= arrival.start(1) and m.type == "Person"), None)
            hosts = self._described_after(opening + 1, ms, text)
            if guest is not None and hosts and hosts[-1].end <= ts and not self._blocked(rule, text, opening + 1, ts, bounds):
                for h in hosts:
                    yield h, guest

    def _occasion_subjects(self, rule, text: str, ts: int, te: int, head_limit: int, group: list[Mention], ms: list[Mention], bounds) -> list[Mention]:
        """The persons opening the clause after an occasion (…期间，…之际，…时，) whose verb is
        the trigger at ``ts``, when nothing but 在, a time or an earlier verb joined by 并 stands
        before the trigger in its clause and no call or wish (将, 要) is there; [] otherwise."""
        opening = self._clause_start(text, ts) + 1
        lead = text[opening:head_limit]
        if not OCCASION_LEAD.fullmatch(lead) and not (lead.endswith("并") and OCCASION_LEAD.match(lead).end() > 0):
            return []
        if self._blocked(rule, text, opening, ts, bounds):
            return []
        occasion = OCCASION_AFTER.match(text, max(te, group[-1].end))
        if occasion is None:
            return []
        return [p for p in self._described_after(occasion.end(), ms, text) if p.type in rule.head][:1]
