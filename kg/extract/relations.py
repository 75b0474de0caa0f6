"""Typed relations from rules, and sentence co-occurrence, each with its evidence.

The rules are data (``data/rules/relations.toml``): a relation, an engine, trigger words
and the entity types allowed at each end. The engines here read one sentence at a time,
with its mentions in order:

- ``title``: BODY TITLE PERSON (晋中市委书记常书铭), chains of titles
  (全国人大代表、晋中市委书记常书铭) and lists of names sharing one title
  (新华社记者谢希瑶、郑钧天);
- ``adjacent``: a place right before a name (寿阳县山西新元煤炭有限责任公司 → located_in;
  晋中市祁县 → part_of when the gazetteer confirms the nesting);
- ``trigger``: HEAD … TRIGGER … TAIL, the tail being the first allowed mention after the
  trigger and the head the nearest person before it, else the sentence's first allowed
  mention; ``before_trigger`` also reads 在 TAIL TRIGGER (在山西考察);
- ``pair``: A 与/和/同 B … TRIGGER (山西国际能源集团与榆社县人民政府签约);
- ``venue``: EVENT 在 PLACE 举行 (located_in) and EVENT上，PERSON (attended).
- ``outcome``: PROGRAMME 取得…成效 / 如期完成, the programme as its outcome's subject
  (贵州…，脱贫攻坚取得了全面胜利 → 贵州 participates_in 脱贫攻坚).

The engines live in :mod:`kg.extract.relation_titles` (title),
:mod:`kg.extract.relation_places` (adjacent, venue), :mod:`kg.extract.relation_located`
(located), :mod:`kg.extract.relation_triggers` (trigger), :mod:`kg.extract.relation_pairs`
(pair) and :mod:`kg.extract.relation_outcomes` (outcome); :class:`RelationFinder` joins them,
runs each rule and gathers the evidence.
Co-occurrence is :mod:`kg.extract.cooccurrence`.

Every relation carries Evidence: document, sentence index, the offsets of the span from
head to tail in the document text, the sentence and the id of the rule that fired.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable, Sequence

from kg.extract.aliases import EDITION
from kg.extract.cooccurrence import cooccurrences
from kg.extract.references import HAPPENINGS
from kg.extract.relation_located import LocatedEngine
from kg.extract.relation_outcomes import OutcomeEngine
from kg.extract.relation_pairs import PairEngine
from kg.extract.relation_places import PlaceEngine
from kg.extract.relation_titles import TitleEngine
from kg.extract.relation_triggers import TriggerEngine
from kg.extract.segment import TokenBounds
from kg.extract.spans import SpanIndex
from kg.extract.title_run import TitleRun
from kg.model import SYMMETRIC, Document, Evidence, Mention, Relation, Sentence, Token
from kg.resources import RelationRule, Resources

# imported from here by the pipeline and the tests
__all__ = ["RelationFinder", "TitleRun", "cooccurrences"]

#: The relations of an event held somewhere and attended: a happening (HAPPENINGS: 疫情,
#: 危机, 冲突 …) takes part in neither, whatever rule reads it (GUIDELINES: located_in is
#: where an event is held, attended who takes part in a meeting).
HELD = frozenset({"attended", "located_in"})


def _is_holiday(m: Mention, holidays: frozenset[str]) -> bool:
    """Whether the event ``m`` names a holiday or an observance day, also of a year
    (2025年春节, 第29个世界读书日 name the day's series)."""
    return m.key in holidays or m.name in holidays or EDITION.sub("", m.name) in holidays


class RelationFinder(TitleEngine, PlaceEngine, LocatedEngine, TriggerEngine, PairEngine, OutcomeEngine):
    """Applies the relation rules of a ``Resources`` to one document at a time."""

    def __init__(self, res: Resources):
        super().__init__(res)
        # each rule with its reader, and whether that reader needs one of the rule's
        # trigger words in the sentence: such a rule is not run in other sentences
        self._plan: list[tuple[RelationRule, Callable, bool]] = []
        for rule in self.rules:
            if rule.engine == "venue":
                engine, gated = self._venue_engine(rule)
            else:
                engine = getattr(self, "_" + rule.engine)
                gated = rule.engine in ("trigger", "pair", "outcome")
            self._plan.append((rule, engine, gated))
        # the steps of the plan for the mention types of a sentence: a rule adds a relation
        # only between mentions of its types, so without both its engine is not run there
        # (a few dozen sets of types occur; each is planned once)
        self._plan_of: dict[frozenset[str], list[tuple[RelationRule, Callable, bool]]] = {}

    def find(
        self,
        doc: Document,
        sentences: Sequence[Sentence],
        mentions: Sequence[Mention],
        tokens: Sequence[Token] | TokenBounds,
        skip: Sequence[tuple[int, int]] = (),
        refs: dict[str, str] | None = None,
    ) -> list[Relation]:
        """Relations stated in ``doc``; heads and tails are the mentions' ``key`` names.

        ``tokens`` are the document's tokens, or their bounds (``TokenBounds``) when the
        document was segmented in sections. ``refs`` maps an entity name to its gazetteer
        id, for part_of checks.
        """
        holidays = self.res.holidays
        if holidays:  # a day is attended by nobody and held nowhere (lexicon/holidays.tsv)
            mentions = [m for m in mentions if m.type != "Event" or not _is_holiday(m, holidays)]
        self._refs = refs or {}
        self._partners = {}  # the pairs of partners found so far, each once (see _trigger)
        self._nested: list[Mention] = []
        self._top: list[Mention] = []
        self._places_of: tuple[int, list[Mention]] = (-1, [])
        text = doc.text
        # each sentence's mentions by start, the longer first: one sort for the document
        by_sentence: dict[int, list[Mention]] = defaultdict(list)
        for m in sorted(mentions, key=lambda m: (m.start, -m.end)):
            by_sentence[m.sentence].append(m)
        bounds = tokens if isinstance(tokens, TokenBounds) else TokenBounds.of(tokens, len(text))
        skipped = SpanIndex(skip)
        # evidence in the order found, each once (a dict: a long document states one
        # relation thousands of times, and a list would be searched each time)
        found: dict[tuple[str, str, str], dict[Evidence, None]] = defaultdict(dict)

        def add(rule: RelationRule, head: Mention, tail: Mention, sent: Sentence):
            if head.key == tail.key:
                return
            if rule.relation in HELD and (head if rule.relation == "located_in" else tail).key.endswith(HAPPENINGS):
                return  # 分析新冠肺炎疫情形势, 美国新冠疫情: a happening is neither attended nor held
            h, t = head.key, tail.key
            if rule.relation in SYMMETRIC and t < h:
                h, t = t, h
            # the statement's span in this sentence (a carried person stands before it)
            s = max(min(head.start, tail.start), sent.start)
            e = max(head.end, tail.end)
            ev = Evidence(doc.id, sent.index, s, e, sent.text, rule.id)
            found[(h, rule.relation, t)].setdefault(ev, None)
            if rule.relation == "cooperates_with":
                self._partners[(h, t)] = (head, tail)

        self._index_document(text)
        carried: Mention | None = None  # the person a clause after a semicolon goes on about
        previous: Sentence | None = None
        for sent in sentences:
            ms = by_sentence.get(sent.index, ())
            carried = self._carry(text, previous, sent, carried, by_sentence.get(previous.index, ()) if previous else ())
            previous = sent
            self._carried = carried
            # 双方 may stand for the document's partners (see TriggerEngine._both_parties)
            partners = self._sole_partners() if "双方" in sent.text else ()
            if len(ms) < (1 if carried is not None or partners else 2):
                continue  # every rule needs two mentions (a carried person or 双方 may be one)
            if skipped.reaches(sent.start, sent.end):
                continue
            top: list[Mention] = []
            nested: list[Mention] = []
            for m in ms:
                (nested if m.rule.startswith("nested-") else top).append(m)
            self._nested = nested
            self._top = top
            self._enter_sentence(sent.start, sent.end)
            fire = self._sentence_rules  # the gated rules whose trigger words occur here
            # the rules of the types of this sentence's mentions (nested ones included)
            types = frozenset([m.type for m in ms] + ([carried.type] if carried is not None else []) + [m.type for m in partners])
            plan = self._plan_of.get(types)
            if plan is None:
                plan = self._plan_of[types] = [
                    step for step in self._plan if not (types.isdisjoint(step[0].head) or types.isdisjoint(step[0].tail))
                ]
            for rule, engine, gated in plan:
                if gated and rule.id not in fire:
                    continue
                for head, tail in engine(rule, text, sent, top, bounds):
                    if head.type in rule.head and tail.type in rule.tail:
                        if rule.reverse:
                            head, tail = tail, head
                        add(rule, head, tail, sent)
        # who proposed a programme is not also said to take part in it
        for h, r, t in [k for k in found if k[1] == "proposed"]:
            found.pop((h, "participates_in", t), None)
        out = [Relation(h, r, t, tuple(ev)) for (h, r, t), ev in sorted(found.items())]
        return out
