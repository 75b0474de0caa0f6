"""The second half of the merge: a summary of the whole corpus made into the graph.

``finalize(part, resources, settings, docs)`` takes the summary of every document
(:mod:`kg.merge.summary`) and settles what only the whole corpus can: which signatures
are one entity (aliases, gazetteer and lexicon references), each entity's canonical name
and id, the relations and co-occurrences between entities and their association measures,
and the people who may be two namesakes.
"""

from __future__ import annotations

import math
from collections import defaultdict
from collections.abc import Hashable, Iterable, Sequence
from hashlib import sha1
from itertools import compress, repeat
from operator import attrgetter, itemgetter

from kg.config import Settings
from kg.merge.summary import Partial, Sig, SigSet
from kg.model import SYMMETRIC, Cooccurrence, DocExtraction, Entity, Evidence, Extraction, Relation
from kg.resources import Resources


class _UnionFind:
    def __init__(self) -> None:
        self.parent: dict[Hashable, Hashable] = {}

    def find(self, x: Hashable) -> Hashable:
        parent = self.parent
        p = parent.setdefault(x, x)
        while p != x:
            parent[x] = parent.setdefault(p, p)
            x, p = p, parent[p]
        return x

    def union(self, a: Hashable, b: Hashable) -> None:
        ra, rb = self.find(a), self.find(b)
        if ra != rb:
            self.parent[rb] = ra


def _entity_id(typ: str, ref: str, name: str) -> str:
    if ref.startswith("cn:"):
        return f"place/cn-{ref[3:]}"
    if typ == "Place" and ref:
        return f"place/{ref.lower()}"
    return f"{typ.lower()}/{name}"


#: A signature's name.
_name = itemgetter(1)

#: The order of a relation's evidence, and of a co-occurrence's: by place in the corpus,
#: every field deciding (ties would otherwise follow the order of a set, which varies
#: with the interpreter's hash seed).
_relation_order = attrgetter("doc", "sentence", "start", "rule", "end", "text")
_SENTENCE_FIELDS = ("doc", "sentence", "start", "end", "text", "rule")
#: ``None`` (evidence compared as the tuples it is) while Evidence's fields stand in that
#: order: the same order as the key's, without a key tuple made for every item
_sentence_order = None if Evidence._fields == _SENTENCE_FIELDS else attrgetter(*_SENTENCE_FIELDS)


def _groups(part: Partial, sigs: list[Sig], index: dict[Sig, int], order: list[int]) -> list[list[int]]:
    """The signatures (indices into ``sigs``) of each corpus entity, the entities in the
    order the input first names them (``order``: signatures by first mention).

    An entity with a gazetteer or lexicon reference joins others through that reference
    only: 长宁 is a form of both 长宁区 (Shanghai) and 长宁县 (Sichuan). One without a
    reference joins by a shared form, and joins a referenced entity when exactly one
    reference has that form."""
    uf = _UnionFind()
    ref_forms: dict[tuple[str, str], set[str]] = defaultdict(set)
    unreferenced: list[int] = []
    for i, (typ, name, aliases, ref, _trad) in enumerate(sigs):
        uf.find(i)
        # the type is part of every key: 维拉 the club and 维拉 a person are two entities
        if ref:
            uf.union(i, (typ, "ref", ref))
            for form in (name, *aliases):
                ref_forms[(typ, form)].add(ref)
            continue
        unreferenced.append(i)
        # short forms of people are not shared keys (李书记 in two papers is not one person)
        for form in (name,) if typ == "Person" else (name, *aliases):
            uf.union(i, (typ, "form", form))
    for i in unreferenced:
        typ, name, aliases = sigs[i][:3]
        for form in (name, *aliases):
            refs = ref_forms.get((typ, form), ())
            if len(refs) == 1:
                uf.union(i, (typ, "ref", next(iter(refs))))
    for a, b in part.links:
        uf.union(index[a], index[b])
    groups: dict[Hashable, list[int]] = {}
    for i in order:
        groups.setdefault(uf.find(i), []).append(i)
    return list(groups.values())


def _entity(members: list[int], sigs: list[Sig], mentions: list[int], documents: tuple[str, ...],
            res: Resources) -> Entity:
    first = sigs[members[0]]
    typ = first[0]
    if len(members) == 1 and not first[2] and not first[4]:
        # most entities: one signature of one name and no other form, which is the
        # canonical name whatever rule would choose between names
        ref, canonical, forms, count = first[3], first[1], None, mentions[members[0]]
        if ref:  # the reference's own string where it is that name, as _names gives
            known = res.places.get(ref)
            if known is None:
                known = res.lexicon_forms.get(ref)
            if known is not None and known.name == canonical:
                canonical = known.name
    else:
        ref, canonical, forms, count = _names(members, sigs, mentions, res)
    place = res.places.get(ref) if ref else None
    attrs: tuple[tuple[str, str], ...] = ()
    if place is not None:
        found = {"ref": ref, "kind": place.kind, "lon": place.lon, "lat": place.lat}
        if place.adcode:
            found["adcode"] = place.adcode
        if place.parent:
            found["parent"] = place.parent
        attrs = tuple(sorted((k, v) for k, v in found.items() if v))
    return Entity(_entity_id(typ, ref if typ == "Place" else "", canonical), typ, canonical,
                  tuple(sorted(forms - {canonical})) if forms else (), count, documents, attrs)


def _names(members: list[int], sigs: list[Sig], mentions: list[int],
           res: Resources) -> tuple[str, str, set[str], int]:
    """An entity's reference, canonical name, forms and mentions, from its signatures."""
    ref = min((sigs[i][3] for i in members if sigs[i][3]), default="")
    name_count: dict[str, int] = defaultdict(int)
    forms: set[str] = set()
    traditional: set[str] = set()
    for i in members:
        _typ, name, aliases, _ref, trad = sigs[i]
        name_count[name] += mentions[i]
        forms.add(name)
        forms.update(aliases)
        if trad:
            traditional.update(trad.split("|"))
    # a traditional form is an alias, never the canonical name (习近平, not 習近平)
    named = (forms - traditional) or forms
    if ref and ref in res.places:
        place = res.places[ref]
        canonical = place.name if place.name in forms else max(named, key=lambda f: (len(f), f))
    else:
        lex = res.lexicon_forms.get(ref) if ref else None
        if lex is not None and lex.name in forms:
            canonical = lex.name
        else:
            canonical = max(named, key=lambda f: (len(f), name_count.get(f, 0), f))
    return ref, canonical, forms, sum(mentions[i] for i in members)


def finalize(part: Partial, res: Resources, settings: Settings, docs: Sequence[DocExtraction] = ()) -> Extraction:
    """The corpus graph of the documents ``part`` summarises; ``docs`` (their results, in
    input order) become ``Extraction.docs``, which the exports read, and may be left out
    by a caller that needs the graph alone; results of other documents than the
    summary's are a ``ValueError``."""
    return finalize_counted(part, res, settings, docs)[0]


def finalize_counted(part: Partial, res: Resources, settings: Settings,
                     docs: Sequence[DocExtraction] = ()) -> tuple[Extraction, dict[str, int]]:
    """``finalize``, and the sentences naming each entity (entity id -> count), the counts
    its association measures are made of: a build keeps them with its merged corpus, so
    that ``kg view -d`` computes the measures of the edges it reads (they change with
    every story added, so are not kept in the edges' rows)."""
    if docs and (len(docs) != len(part.docs) or any(dx.doc.id not in part.docs for dx in docs)):
        raise ValueError(f"the {len(docs)} documents given are not the {len(part.docs)} the summary was made of")
    ordered = sorted(part.docs.items(), key=lambda kv: (kv[1].position, kv[0]))
    sigs = list(part.mentions)
    index = {s: i for i, s in enumerate(sigs)}
    mentions = list(part.mentions.values())
    # each document's signatures as indices (hashing a signature costs more than a list)
    doc_sigs = [[index[s] for s in d.entities] for _doc_id, d in ordered]
    # signatures in the order the input first names them: the order of the entities,
    # which decides which of two entities of one name in one document the name stands for
    seen = bytearray(len(sigs))
    order: list[int] = []
    for ixs in doc_sigs:
        for i in ixs:
            if not seen[i]:
                seen[i] = 1
                order.append(i)
    groups = _groups(part, sigs, index, order)
    group_of = [0] * len(sigs)
    for g, members in enumerate(groups):
        for i in members:
            group_of[i] = g
    group_docs: list[list[str]] = [[] for _ in groups]
    for (doc_id, _d), ixs in zip(ordered, doc_sigs, strict=True):
        for i in ixs:
            ds = group_docs[group_of[i]]
            if not ds or ds[-1] != doc_id:
                ds.append(doc_id)
    # a group's documents are distinct: each is added while its signatures are walked
    entities = [_entity(members, sigs, mentions, tuple(sorted(ds)), res)
                for members, ds in zip(groups, group_docs, strict=True)]
    # ids must be unique: two entities with the same type and canonical name (no shared
    # form) are different entities, told apart by a short hash of their documents
    seen_ids: dict[str, int] = defaultdict(int)
    for e in entities:
        seen_ids[e.id] += 1
    if any(v > 1 for v in seen_ids.values()):
        entities = [
            Entity(f"{e.id}~{sha1('|'.join(e.documents).encode()).hexdigest()[:8]}", e.type, e.name, e.aliases,
                   e.mentions, e.documents, e.attrs) if seen_ids[e.id] > 1 else e
            for e in entities
        ]
    ids = [e.id for e in entities]

    # a name stands for the entity, of its document's entities of that name, that the
    # input names first the latest (one name is usually one entity)
    entity_of: dict[tuple[str, str], str] = {}
    group, entity_id = group_of.__getitem__, ids.__getitem__
    for (doc_id, d), ixs in sorted(zip(ordered, doc_sigs, strict=True), key=lambda x: x[0][0]):
        # (name, group) sorted: a dict of them keeps each name's latest group, names in order
        best = dict(sorted(zip(map(_name, d.entities), map(group, ixs))))
        entity_of.update(zip(zip(repeat(doc_id), best), map(entity_id, best.values())))
    # entities as the ranks of their ids in sorted order (names: the ids so ranked): the
    # loops below compare, hash and sort small integers instead of pairs of strings, in
    # the order of the ids
    names = sorted(set(ids))
    rank_of = {eid: r for r, eid in enumerate(names)}
    rank = [rank_of[eid] for eid in ids]
    # by the set's identity: one object stands for each set within a summary, and hashing
    # a tuple of signatures costs more
    rank_by_set: dict[int, int] = {}

    def resolve(sigset: SigSet) -> int:
        r = rank_by_set.get(id(sigset))
        if r is None:
            r = rank_by_set[id(sigset)] = rank[max(group_of[index[s]] for s in sigset)]
        return r

    # typed relations
    rel_ev: dict[tuple[int, str, int], list[frozenset[Evidence]]] = defaultdict(list)
    for (hs, ty, ts), evidence in part.relations.items():
        h, t = resolve(hs), resolve(ts)
        if h == t:
            continue
        if ty in SYMMETRIC and t < h:
            h, t = t, h
        rel_ev[(h, ty, t)].append(evidence)
    relations = tuple(
        Relation(names[h], ty, names[t], _in_order(_joined(rel_ev[h, ty, t]), _relation_order))
        for h, ty, t in sorted(rel_ev)
    )

    # co-occurrence: counts over sentences, measures at the end
    ent_sent = [0] * len(names)
    for sigset, c in part.sentence_counts.items():
        ent_sent[resolve(sigset)] += c
    # a pair (a, b), a < b, as the one integer a * n + b, which sorts as the pair
    n_names = len(names)
    pair_ev: dict[int, list[frozenset[Evidence]]] = defaultdict(list)
    for (sa, sb), evidence in part.cooccurrences.items():
        ea, eb = resolve(sa), resolve(sb)
        if ea == eb:
            continue
        pair_ev[ea * n_names + eb if ea < eb else eb * n_names + ea].append(evidence)
    total = part.sentences
    least = settings.min_cooccurrence
    # column by column (a pass in C, or a comprehension, each) rather than pair by pair:
    # the pairs are the most numerous records of the graph
    keys = sorted(pair_ev)
    found = [f[0] if len(f) == 1 else set().union(*f) for f in map(pair_ev.__getitem__, keys)]
    counts = list(map(len, found))
    if least > 1:
        kept = [n >= least for n in counts]
        keys, found, counts = (list(compress(column, kept)) for column in (keys, found, counts))
    firsts, seconds = zip(*map(divmod, keys, repeat(n_names))) if keys else ((), ())
    # the measures of a pair depend on three counts alone, which many pairs share
    triples = list(zip(counts, map(ent_sent.__getitem__, firsts), map(ent_sent.__getitem__, seconds)))
    measures = {triple: association(*triple, total) for triple in set(triples)}
    pmi, npmi = zip(*map(measures.__getitem__, triples)) if triples else ((), ())
    # most pairs: one sentence of one document, whose evidence needs no order
    evidence = [tuple(evs) if n == 1 else tuple(sorted(evs, key=_sentence_order)) for evs, n in zip(found, counts)]
    documents = [1 if n == 1 else len({v.doc for v in evs}) for evs, n in zip(evidence, counts)]
    coocs = list(map(Cooccurrence, map(names.__getitem__, firsts), map(names.__getitem__, seconds), counts,
                     documents, pmi, npmi, evidence))

    posts: dict[str, dict[str, set[str]]] = defaultdict(lambda: defaultdict(set))
    for doc_id, d in ordered:
        for hs, ts in d.holds:
            posts[names[resolve(hs)]][doc_id].add(names[resolve(ts)])
    entities.sort(key=lambda e: e.id)
    return Extraction(
        docs=tuple(docs),
        entities=tuple(entities),
        relations=relations,
        cooccurrences=tuple(coocs),
        entity_of=entity_of,
        sentence_total=total,
        homonym_candidates=namesakes(posts, national_bodies(entities, res)),
    ), dict(zip(names, ent_sent))


def _joined(sets: list[frozenset[Evidence]]) -> frozenset[Evidence] | set[Evidence]:
    return sets[0] if len(sets) == 1 else set().union(*sets)


def _in_order(evidence: frozenset[Evidence] | set[Evidence], key) -> tuple[Evidence, ...]:
    # most pairs are named together once: no sort for them
    return tuple(evidence) if len(evidence) < 2 else tuple(sorted(evidence, key=key))


def national_bodies(entities: Iterable[Entity], res: Resources) -> frozenset[str]:
    """Ids of countries and of the curated national and international bodies.

    One person commonly holds several of them at once (中共中央, 中央军委, 国家主席 of 中国);
    posts among them do not tell two namesakes apart.
    """
    out = set()
    for e in entities:
        kind = e.attr("kind")
        if kind == "country" or (e.type in ("Organization", "Enterprise") and e.name in res.lexicon_forms):
            out.add(e.id)
    return frozenset(out)


def namesakes(
    posts: dict[str, dict[str, set[str]]], national: frozenset[str] = frozenset()
) -> tuple[tuple[str, tuple[tuple[str, tuple[str, ...]], ...]], ...]:
    """People (``posts``: person id -> doc id -> post ids) who hold posts in some
    documents that share none with their posts in others: (person, ((doc, posts), …)).

    One name in two papers with disjoint posts (晋中市委 in one, 某公司 in another) may be
    two people; the merge keeps them together and the manifest lists them for review.
    Posts in national bodies (``national``) count as one post. The documents that share
    a post fall into one group whatever order they come in, so the answer does too.
    """
    out = []
    for person, by_doc in sorted(posts.items()):
        groups: list[set[str]] = []
        for v in by_doc.values():
            v = {"national" if p in national else p for p in v}
            joined = [g for g in groups if not g.isdisjoint(v)]
            merged = set(v).union(*joined)
            groups = [g for g in groups if g not in joined] + [merged]
        if len(groups) > 1:
            out.append((person, tuple((d, tuple(sorted(v))) for d, v in sorted(by_doc.items()))))
    return tuple(out)


def association(pair: int, a: int, b: int, total: int) -> tuple[float, float]:
    """PMI and normalised PMI of two events counted over ``total`` units.

    >>> association(2, 2, 2, 4)
    (1.0, 1.0)
    """
    if pair <= 0 or a <= 0 or b <= 0 or total <= 0:
        return 0.0, -1.0
    p_xy = pair / total
    pmi = math.log2(p_xy / ((a / total) * (b / total)))
    if p_xy >= 1.0:
        return round(pmi, 6), 1.0
    npmi = pmi / -math.log2(p_xy)
    return round(pmi, 6), round(max(-1.0, min(1.0, npmi)), 6)
