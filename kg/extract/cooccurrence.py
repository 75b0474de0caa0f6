"""Sentence co-occurrence: pairs of entities named in the same sentence, with evidence."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Sequence
from itertools import combinations

from kg.extract.spans import SpanIndex
from kg.model import Document, Evidence, Mention, Sentence


def cooccurrences(
    doc: Document,
    sentences: Sequence[Sentence],
    mentions: Sequence[Mention],
    max_entities: int,
    skip: Sequence[tuple[int, int]] = (),
) -> tuple[list[tuple[tuple[str, str], Evidence]], dict[str, int]]:
    """Pairs of entities named in the same sentence, and sentence counts per entity.

    Nested names (the place inside 山西省委) do not count; sentences inside page
    furniture do not count; a sentence naming more than ``max_entities`` entities (an
    attendee list) adds no pairs but still counts for its entities.
    """
    by_sentence: dict[int, set[str]] = defaultdict(set)
    for m in mentions:
        if m.rule.startswith("nested-"):
            continue
        by_sentence[m.sentence].add(m.key)
    skipped = SpanIndex(skip).reaches if skip else None
    counts: dict[str, int] = defaultdict(int)
    pairs = []
    for s in sentences:
        names = by_sentence.get(s.index)
        if not names:
            continue
        if skipped is not None and skipped(s.start, s.end):
            continue
        for n in names:
            counts[n] += 1
        if len(names) > max_entities or len(names) < 2:
            continue  # an attendee list; or one name, which pairs with none
        ev = Evidence(doc.id, s.index, s.start, s.end, s.text, "co-occurrence.sentence")
        pairs += [(pair, ev) for pair in combinations(sorted(names), 2)]
    return pairs, dict(sorted(counts.items()))
