"""Tours for the ``venue`` engine: the clauses of a tour, each opened by the site or the place
visited (林武来到A，…；在B，听取…；在C，察看…; 在宁波，王沪宁来到…), and the visitor carried over a
semicolon from the clause before.

:class:`TourReaders` is a base of :class:`kg.extract.relation_places.PlaceEngine`."""

from __future__ import annotations

import re
from bisect import bisect_left
from collections.abc import Sequence

from kg.extract.relation_base import LIST_MARKS, EngineBase
from kg.model import Mention, Sentence
from kg.read.sentences import CLOSERS, SEMICOLONS

#: Between the visitor opening a tour's clause and the verb: 在宁波，王沪宁先后来到…
TOUR_GAP = re.compile(r"(?:一行)?(?:先后|还|又|随后|再次|专程|首先|一同)?")


class TourReaders(EngineBase):
    """The readers of tours (see the module docstring)."""

    @staticmethod
    def _carry(text: str, previous: Sentence | None, sent: Sentence, carried: Mention | None,
               previous_mentions: Sequence[Mention]) -> Mention | None:
        """The person the clauses of a tour go on about after a semicolon (林武来到A，…；在B，
        听取…；在C，察看…), for ``sent``: the last person of the sentence before it when that
        one ends with a semicolon in the same paragraph, else the person carried into that
        one; None when the sentence before ends otherwise. A semicolon ends a sentence (so
        each clause is read on its own), but the visitor of the first clause is the visitor
        of the rest, as within one sentence.

        >>> from kg.model import Mention, Sentence
        >>> a = Sentence(0, 0, 8, "林武来到甲公司；", 0)
        >>> b = Sentence(1, 8, 16, "在乙公司，察看。", 0)
        >>> lin = Mention(0, 2, "林武", "Person", 0, "person")
        >>> TourReaders._carry(a.text + b.text, a, b, None, [lin]).text
        '林武'
        >>> TourReaders._carry(a.text + b.text, a, b._replace(paragraph=1), None, [lin]) is None
        True
        """
        if previous is None or previous.paragraph != sent.paragraph or previous.text.rstrip(CLOSERS)[-1:] not in SEMICOLONS:
            return None
        return next((m for m in reversed(previous_mentions) if m.type == "Person"), carried)

    def _visit_frames(self, rule, text, sent, ms, bounds):
        """在 TAIL，(PERSON) TRIGGER: a clause opened by the site of a visit, as tours are
        written (林武来到A，…；在B，听取…；在C，察看…; 在某公司，胡衡华察看…). The visitor is
        the person between the comma and the trigger, else the last person before 在."""
        starts = [m.start for m in ms]
        last_person: list[Mention | None] = [None]  # last_person[j]: the last person of ms[:j]
        for m in ms:
            last_person.append(m if m.type == "Person" else last_person[-1])
        for ts, _te in self._trigger_hits(rule):
            k = bisect_left(starts, ts) - 1
            if k < 0 or ms[k].end > ts:
                continue
            head = None
            if ms[k].type == "Person" and TOUR_GAP.fullmatch(text, ms[k].end, ts):
                head, k = ms[k], k - 1  # 在某公司，胡衡华察看; 在宁波，王沪宁来到
            if k < 0:
                continue
            site = ms[k]
            comma = site.end
            if site.type not in rule.tail or text[comma : comma + 1] not in ("，", ",") or comma + 1 != (head.start if head else ts):
                continue
            sites, first = [site], site
            if site.type == "Place":
                if head is None:
                    continue  # 在北京，开展…: with no visitor opening the clause the place says where
                # 在河南郑州，在江苏苏州和江阴，: the places of a list, each the innermost of its chain
                j = k
                while j > 0 and ms[j - 1].type == "Place" and (ms[j - 1].end == first.start or text[ms[j - 1].end : first.start] in LIST_MARKS):
                    j -= 1
                    if text[ms[j].end : first.start] in LIST_MARKS:
                        sites.insert(0, ms[j])
                    first = ms[j]
            if first.start == 0 or text[first.start - 1] != "在":
                continue
            if head is None:
                head = last_person[k] or self._carried  # the visitor of the clause before a semicolon
            if head is not None and head.type in rule.head:
                for site in sites:
                    yield head, site
