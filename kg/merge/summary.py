"""The first half of the merge: a summary of some documents that parts can be added into.

``partial(docs, start)`` reads the per-document results of some documents and keeps only
what the corpus step (:func:`kg.merge.resolve.finalize`) needs, with no decision that
depends on documents outside them; ``combine(a, b)`` adds two summaries of disjoint
documents. ``combine`` is associative and commutative (the result is the same value
whatever the grouping and order), so parts can be summarised where their documents are
extracted (a Dask worker, a stored build) and added up anywhere.

What a summary holds, and why it is enough:

- Every document entity is reduced to its **signature** (type, name, aliases, gazetteer
  or lexicon reference, traditional forms): all the merge's identity rules read. Entities
  with one signature always fall into one corpus entity, so identity is settled over
  signatures (a few thousand) rather than document entities, and mention counts are
  summed per signature.
- Each document keeps its **position** in the input order and its signatures in their
  order: where one document has two entities of one name (罗马 the city and 罗马 a club),
  the one of the corpus entity first met later in the input wins the name, as in a merge
  of all the documents at once. The position, not the order of combining, decides.
- Relations, co-occurrence evidence and per-entity sentence counts are keyed by the
  **signature sets** their names stand for in their document (the signatures of that
  document's entities of that name, usually one), not by corpus entity ids, which only
  the whole corpus settles. Equal keys from different documents are added up here, so
  the final step touches each key once instead of each occurrence.

Summaries are values: ``combine`` never changes its arguments, and equal summaries
compare equal. They pickle compactly (:meth:`Partial.__reduce__`): strings, signatures
and evidence once each, the rest integers.
"""

from __future__ import annotations

import marshal
import zlib
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from itertools import repeat
from typing import NamedTuple

from kg.extract.script import TRADITIONAL_FORMS
from kg.model import DocExtraction, Evidence

#: (type, name, aliases, reference, traditional forms joined by ``|``)
Sig = tuple[str, str, tuple[str, ...], str, str]
#: The signatures a name stands for in one document, sorted (usually one).
SigSet = tuple[Sig, ...]

#: Version of the pickled form; a summary pickled by another layout is refused (1 kept its
#: records as rows).
_FORMAT = 2


class DocPart(NamedTuple):
    """One document in a summary: its position in the input order, the signatures of its
    entities in their order, and its ``holds_position`` pairs (person, post) as
    signature sets (for the list of possible namesakes)."""

    position: int
    entities: tuple[Sig, ...]
    holds: tuple[tuple[SigSet, SigSet], ...]


@dataclass(frozen=True, slots=True)
class Partial:
    """A summary of some documents' extractions (see the module docstring)."""

    #: doc id -> its part
    docs: Mapping[str, DocPart] = field(default_factory=dict)
    #: sentences of all the documents (the unit of the association measures)
    sentences: int = 0
    #: signature -> mentions summed over the documents
    mentions: Mapping[Sig, int] = field(default_factory=dict)
    #: pairs of signatures of one document with one type and name (one document entity
    #: there, so one corpus entity), sorted within the pair
    links: frozenset[tuple[Sig, Sig]] = frozenset()
    #: (head, relation type, tail) -> evidence
    relations: Mapping[tuple[SigSet, str, SigSet], frozenset[Evidence]] = field(default_factory=dict)
    #: (a, b), a < b -> sentences naming both
    cooccurrences: Mapping[tuple[SigSet, SigSet], frozenset[Evidence]] = field(default_factory=dict)
    #: signature set -> sentences naming it, summed over the documents
    sentence_counts: Mapping[SigSet, int] = field(default_factory=dict)

    def __reduce__(self):
        return (_restore, (_FORMAT, _pack(self)))


def partial(docs: Iterable[DocExtraction], start: int = 0, positions: Iterable[int] | None = None) -> Partial:
    """The summary of ``docs``, the documents at positions ``start``, ``start + 1``, …
    of the input order (or at ``positions``, one for each document, increasing with the
    input order). Parts meant to be combined must be cut from one input order with their
    own positions (``partial(docs[lo:hi], lo)``; :func:`reposition` renumbers a summary
    for another order); a document id met twice is a ``ValueError``."""
    docs_out: dict[str, DocPart] = {}
    sentences = 0
    mentions: dict[Sig, int] = {}
    links: set[tuple[Sig, Sig]] = set()
    relations: dict[tuple[SigSet, str, SigSet], list[Evidence]] = {}
    cooc: dict[tuple[SigSet, SigSet], list[Evidence]] = {}
    counts: dict[SigSet, int] = {}
    # one object per signature and signature set, however many documents name it: less
    # memory, and a pickle that writes each once
    sig_of: dict[Sig, Sig] = {}
    set_of: dict[SigSet, SigSet] = {}
    for position, dx in zip(positions, docs, strict=True) if positions is not None else enumerate(docs, start):
        doc_id = dx.doc.id
        if doc_id in docs_out:
            raise ValueError(f"document {doc_id} is given twice")
        sigs: list[Sig] = []
        by_name: dict[str, list[Sig]] = {}
        node: dict[tuple[str, str], Sig] = {}
        for e in dx.entities:
            ref = trad = ""
            for k, v in e.attrs:
                if k == "ref":
                    ref = v
                elif k == TRADITIONAL_FORMS:
                    trad = v
            sig = (e.type, e.name, e.aliases, ref, trad)
            sig = sig_of.setdefault(sig, sig)
            mentions[sig] = mentions.get(sig, 0) + e.mentions
            sigs.append(sig)
            # one type and name is one document entity whatever else differs, so its
            # signatures belong together (it joins the references of both, say)
            first = node.setdefault((e.type, e.name), sig)
            if first is not sig:
                links.add((first, sig) if first < sig else (sig, first))
            by_name.setdefault(e.name, []).append(sig)
        named: dict[str, SigSet] = {}
        for name, found in by_name.items():
            key = (found[0],) if len(found) == 1 else tuple(sorted(set(found)))
            named[name] = set_of.setdefault(key, key)
        holds: dict[tuple[SigSet, SigSet], None] = {}
        for r in dx.relations:
            h, t = named.get(r.head), named.get(r.tail)
            if h is None or t is None:
                continue
            relations.setdefault((h, r.type, t), []).extend(r.evidence)
            if r.type == "holds_position":
                holds[(h, t)] = None
        for (a, b), ev in dx.cooccurrences:
            sa, sb = named.get(a), named.get(b)
            if sa is None or sb is None or sa is sb:
                continue
            cooc.setdefault((sa, sb) if sa < sb else (sb, sa), []).append(ev)
        for name, c in dx.sentence_counts:
            s = named.get(name)
            if s is not None:
                counts[s] = counts.get(s, 0) + c
        sentences += len(dx.sentences)
        docs_out[doc_id] = DocPart(position, tuple(sigs), tuple(holds))
    return Partial(
        docs_out,
        sentences,
        mentions,
        frozenset(links),
        {k: frozenset(v) for k, v in relations.items()},
        {k: frozenset(v) for k, v in cooc.items()},
        counts,
    )


def combine(a: Partial, b: Partial) -> Partial:
    """The summary of the documents of ``a`` and ``b`` together (which must not share a
    document: a ``ValueError``). Associative and commutative; neither argument changes."""
    if not b.docs:
        return a
    if not a.docs:
        return b
    if len(b.docs) > len(a.docs):  # add the smaller into a copy of the larger
        a, b = b, a
    if not a.docs.keys().isdisjoint(b.docs.keys()):
        both = sorted(a.docs.keys() & b.docs.keys())
        raise ValueError(f"document {both[0]} is in both parts ({len(both)} documents are)")
    return Partial(
        {**a.docs, **b.docs},
        a.sentences + b.sentences,
        _add(a.mentions, b.mentions),
        a.links | b.links,
        _union(a.relations, b.relations),
        _union(a.cooccurrences, b.cooccurrences),
        _add(a.sentence_counts, b.sentence_counts),
    )


def reposition(part: Partial, order: Iterable[str]) -> Partial:
    """``part`` with its documents at their positions in ``order`` (document ids in input
    order, every document of ``part`` among them; others are passed over): for a summary
    kept from an earlier build whose documents now stand elsewhere among new ones."""
    index: dict[str, int] = {}
    for i, doc_id in enumerate(order):
        index.setdefault(doc_id, i)
    missing = [doc_id for doc_id in part.docs if doc_id not in index]
    if missing:
        raise ValueError(f"document {missing[0]} of the summary is not in the order ({len(missing)} are not)")
    positions = list(map(index.__getitem__, part.docs))
    if positions == [d.position for d in part.docs.values()]:  # documents added after the kept ones
        return part
    docs = {doc_id: DocPart(p, d.entities, d.holds) for (doc_id, d), p in zip(part.docs.items(), positions)}
    return Partial(docs, part.sentences, part.mentions, part.links, part.relations, part.cooccurrences,
                   part.sentence_counts)


def _add(a: Mapping, b: Mapping) -> dict:
    out = dict(a)
    for k, v in b.items():
        out[k] = out.get(k, 0) + v
    return out


def _union(a: Mapping, b: Mapping) -> dict:
    out = dict(a)
    for k, v in b.items():
        old = out.get(k)
        out[k] = v if old is None else old | v
    return out


# ------------------------------------------------------------------ pickled form
def dump_partial(part: Partial) -> bytes:
    """``part`` as bytes to keep (a build keeps its summary in the extraction store for
    the next build, :mod:`kg.incremental`): the layout's version, then the pickled form's
    bytes. Read back with :func:`load_partial`, which runs no code (``marshal``, not ``pickle``:
    a shared ``--cache`` folder may be written by others)."""
    return _FORMAT.to_bytes(2, "little") + _pack(part)


def load_partial(blob: bytes) -> Partial:
    """The summary :func:`dump_partial` kept; a ``ValueError`` for bytes of another layout or
    that are not a summary (damaged), which a caller answers by summarising again."""
    if len(blob) < 2:
        raise ValueError("not a merge summary (too short)")
    try:
        return _restore(int.from_bytes(blob[:2], "little"), blob[2:])
    except (EOFError, TypeError, IndexError, KeyError, AttributeError, zlib.error) as e:
        raise ValueError(f"not a merge summary ({type(e).__name__}: {e})") from e


def _pack(p: Partial) -> bytes:
    # zlib at its fastest level halves the size (most of it is evidence sentences)
    return zlib.compress(marshal.dumps(_encode(p)), 1)


def _encode(p: Partial) -> tuple:
    """``p`` as integers and one table of distinct strings, for ``marshal``: a sentence
    that is evidence of several pairs, a name in many signatures, is written once."""
    strings: dict[str, int] = {}

    def st(x: str) -> int:
        return strings.setdefault(x, len(strings))

    sigs = list(p.mentions)
    sig_ix = {s: i for i, s in enumerate(sigs)}
    sets: dict[int, int] = {}  # by identity: one object a set within a summary, mostly
    set_rows: list[tuple[int, ...]] = []
    set_ix: dict[tuple[int, ...], int] = {}

    def ss(s: SigSet) -> int:
        out = sets.get(id(s))
        if out is None:
            row = tuple(sig_ix[x] for x in s)
            out = sets[id(s)] = set_ix.setdefault(row, len(set_rows))
            if out == len(set_rows):
                set_rows.append(row)
        return out

    # by identity too: a sentence naming ten entities is one object in 45 pairs' evidence
    evidence: list[Evidence] = []
    ev_ix: dict[int, int] = {}

    def evs(values: frozenset[Evidence]) -> tuple[int, ...]:
        out = []
        for v in values:
            i = ev_ix.get(id(v))
            if i is None:
                i = ev_ix[id(v)] = len(evidence)
                evidence.append(v)
            out.append(i)
        return tuple(out)

    sig_rows = tuple((st(ty), st(name), tuple(map(st, aliases)), st(ref), st(trad))
                     for ty, name, aliases, ref, trad in sigs)
    # the many records (documents, relations, co-occurrences, counts, evidence) as columns,
    # which _restore makes its values of a column at a time
    docs = _columns(((st(doc_id), d.position, tuple(sig_ix[s] for s in d.entities),
                      tuple((ss(h), ss(t)) for h, t in d.holds)) for doc_id, d in p.docs.items()), 4)
    relations = _columns(((ss(h), st(ty), ss(t), evs(v)) for (h, ty, t), v in p.relations.items()), 4)
    cooc = _columns(((ss(x), ss(y), evs(v)) for (x, y), v in p.cooccurrences.items()), 3)
    counts = _columns(((ss(s), c) for s, c in p.sentence_counts.items()), 2)
    links = tuple((sig_ix[x], sig_ix[y]) for x, y in p.links)
    table = _columns(((st(e.doc), e.sentence, e.start, e.end, st(e.text), st(e.rule)) for e in evidence), 6)
    return (tuple(strings), sig_rows, tuple(p.mentions.values()), tuple(set_rows), docs, p.sentences, links,
            relations, cooc, counts, table)


def _columns(rows: Iterable[tuple], width: int) -> tuple[tuple, ...]:
    """``rows`` (of ``width`` fields each) as ``width`` columns."""
    return tuple(zip(*rows)) or ((),) * width


def _restore(version: int, blob: bytes) -> Partial:
    if version != _FORMAT:
        raise ValueError(f"a merge summary pickled in layout {version}, this kg reads {_FORMAT}")
    (strings, sig_rows, mention_counts, set_rows, docs, sentences, links, relations, cooc, counts,
     table) = marshal.loads(zlib.decompress(blob))
    # map over the lists' __getitem__ rather than generators, and records made a column at
    # a time: a build reads its kept summary back at every build, and this is most of that time
    string = strings.__getitem__
    sigs = [(strings[ty], strings[name], tuple(map(string, aliases)), strings[ref], strings[trad])
            for ty, name, aliases, ref, trad in sig_rows]
    sig = sigs.__getitem__
    sets = [tuple(map(sig, row)) for row in set_rows]
    set_of = sets.__getitem__
    d, sentence, start, end, text, rule = table
    evidence = list(map(tuple.__new__, repeat(Evidence),
                        zip(map(string, d), sentence, start, end, map(string, text), map(string, rule))))
    ev_of = evidence.__getitem__
    doc_ids, positions, entities, holds = docs
    holds = [tuple((sets[h], sets[t]) for h, t in pairs) if pairs else () for pairs in holds]
    heads, types, tails, rel_evidence = relations
    firsts, seconds, cooc_evidence = cooc
    counted, count = counts
    entities = map(tuple, map(map, repeat(sig), entities))  # each document's, as signatures
    return Partial(
        dict(zip(map(string, doc_ids), map(tuple.__new__, repeat(DocPart), zip(positions, entities, holds)))),
        sentences,
        dict(zip(sigs, mention_counts, strict=True)),
        frozenset((sigs[x], sigs[y]) for x, y in links),
        dict(zip(zip(map(set_of, heads), map(string, types), map(set_of, tails)),
                 map(frozenset, map(map, repeat(ev_of), rel_evidence)))),
        dict(zip(zip(map(set_of, firsts), map(set_of, seconds)),
                 map(frozenset, map(map, repeat(ev_of), cooc_evidence)))),
        dict(zip(map(set_of, counted), count)),
    )
