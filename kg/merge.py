"""The corpus step: per-document extractions merged into one graph.

``merge(doc_extractions, resources, settings)`` merges entities across documents
(aliases, gazetteer and lexicon references), gathers relations and co-occurrence counts
and computes the association measures. It only adds up per-document counts, so merging
parts and then the whole gives the same result as merging everything at once.
"""

from __future__ import annotations

import math
from collections import defaultdict
from collections.abc import Sequence
from hashlib import sha1

from kg.config import Settings
from kg.extract.script import TRADITIONAL_FORMS
from kg.model import Cooccurrence, DocEntity, DocExtraction, Entity, Evidence, Extraction, Relation
from kg.resources import Resources


class _UnionFind:
    def __init__(self) -> None:
        self.parent: dict[str, str] = {}

    def find(self, x: str) -> str:
        p = self.parent.setdefault(x, x)
        while p != x:
            self.parent[x] = self.parent.setdefault(p, p)
            x, p = p, self.parent[p]
        return x

    def union(self, a: str, b: str) -> None:
        ra, rb = self.find(a), self.find(b)
        if ra != rb:
            lo, hi = sorted((ra, rb))
            self.parent[hi] = lo


def _entity_id(typ: str, ref: str, name: str) -> str:
    if ref.startswith("cn:"):
        return f"place/cn-{ref[3:]}"
    if typ == "Place" and ref:
        return f"place/{ref.lower()}"
    return f"{typ.lower()}/{name}"


def merge(docs: Sequence[DocExtraction], res: Resources, settings: Settings) -> Extraction:
    """Merge per-document results into corpus entities, relations and co-occurrences."""
    uf = _UnionFind()
    members: list[tuple[str, DocEntity]] = []
    # An entity with a gazetteer or lexicon reference joins others through that reference
    # only: 长宁 is a form of both 长宁区 (Shanghai) and 长宁县 (Sichuan). One without a
    # reference joins by a shared form, and joins a referenced entity when exactly one
    # reference has that form.
    ref_forms: dict[tuple[str, str], set[str]] = defaultdict(set)
    unreferenced: list[tuple[str, DocEntity]] = []
    for dx in docs:
        for e in dx.entities:
            # the type is part of the node: 维拉 the club and 维拉 a person in one story
            # are two document entities, and must not join each other's groups
            node = f"{dx.doc.id}\x00{e.type}\x00{e.name}"
            members.append((node, e))
            uf.find(node)
            ref = dict(e.attrs).get("ref", "")
            if ref:
                uf.union(node, f"{e.type}\x01ref\x01{ref}")
                for form in (e.name, *e.aliases):
                    ref_forms[(e.type, form)].add(ref)
                continue
            unreferenced.append((node, e))
            # short forms of people are not shared keys (李书记 in two papers is not one person)
            for form in (e.name, *e.aliases):
                if e.type == "Person" and form != e.name:
                    continue
                uf.union(node, f"{e.type}\x01form\x01{form}")
    for node, e in unreferenced:
        for form in (e.name, *e.aliases):
            refs = ref_forms.get((e.type, form), ())
            if len(refs) == 1:
                uf.union(node, f"{e.type}\x01ref\x01{next(iter(refs))}")
    groups: dict[str, list[tuple[str, DocEntity]]] = defaultdict(list)
    for node, e in members:
        groups[uf.find(node)].append((node, e))
    entities: list[Entity] = []
    entity_of: dict[tuple[str, str], str] = {}
    mention_docs: dict[str, set[str]] = defaultdict(set)
    for _root, items in groups.items():
        typ = items[0][1].type
        ref = min((dict(e.attrs).get("ref", "") for _n, e in items if dict(e.attrs).get("ref")), default="")
        name_count: dict[str, int] = defaultdict(int)
        forms: set[str] = set()
        traditional: set[str] = set()
        for _n, e in items:
            name_count[e.name] += e.mentions
            forms.add(e.name)
            forms.update(e.aliases)
            if trad := dict(e.attrs).get(TRADITIONAL_FORMS):
                traditional.update(trad.split("|"))
        # a traditional form is an alias, never the canonical name (习近平, not 習近平)
        named = (forms - traditional) or forms
        attrs: dict[str, str] = {}
        if ref and ref in res.places:
            place = res.places[ref]
            canonical = place.name if place.name in forms else max(named, key=lambda f: (len(f), f))
            attrs = {"ref": ref, "kind": place.kind, "lon": place.lon, "lat": place.lat}
            if place.adcode:
                attrs["adcode"] = place.adcode
            if place.parent:
                attrs["parent"] = place.parent
        else:
            lex = res.lexicon_forms.get(ref) if ref else None
            if lex is not None and lex.name in forms:
                canonical = lex.name
            else:
                canonical = max(named, key=lambda f: (len(f), name_count.get(f, 0), f))
        eid = _entity_id(typ, ref if typ == "Place" else "", canonical)
        docs_of = sorted({n.split("\x00", 1)[0] for n, _e in items})
        entities.append(
            Entity(
                id=eid,
                type=typ,
                name=canonical,
                aliases=tuple(sorted(forms - {canonical})),
                mentions=sum(e.mentions for _n, e in items),
                documents=tuple(docs_of),
                attrs=tuple(sorted((k, v) for k, v in attrs.items() if v)),
            )
        )
        for n, e in items:
            doc_id = n.split("\x00", 1)[0]
            entity_of[(doc_id, e.name)] = eid
            mention_docs[eid].add(doc_id)
    # ids must be unique: two groups with the same type and canonical name (no shared
    # form) are different entities, told apart by a short hash of their documents
    seen: dict[str, int] = defaultdict(int)
    for e in entities:
        seen[e.id] += 1
    if any(v > 1 for v in seen.values()):
        fixed = []
        remap: dict[str, dict[str, str]] = {}
        for e in entities:
            if seen[e.id] > 1:
                new_id = f"{e.id}~{sha1('|'.join(e.documents).encode()).hexdigest()[:8]}"
                remap.setdefault(e.id, {})
                for d in e.documents:
                    remap[e.id][d] = new_id
                e = Entity(new_id, e.type, e.name, e.aliases, e.mentions, e.documents, e.attrs)
            fixed.append(e)
        entities = fixed
        for key, eid in list(entity_of.items()):
            if eid in remap:
                entity_of[key] = remap[eid][key[0]]
    entities.sort(key=lambda e: e.id)

    # typed relations
    rel_ev: dict[tuple[str, str, str], list[Evidence]] = defaultdict(list)
    for dx in docs:
        for r in dx.relations:
            h = entity_of.get((dx.doc.id, r.head))
            t = entity_of.get((dx.doc.id, r.tail))
            if h is None or t is None or h == t:
                continue
            if r.type in ("cooperates_with", "met") and t < h:
                h, t = t, h
            rel_ev[(h, r.type, t)].extend(r.evidence)
    relations = tuple(
        Relation(h, ty, t, tuple(sorted(set(ev), key=lambda v: (v.doc, v.sentence, v.start, v.rule))))
        for (h, ty, t), ev in sorted(rel_ev.items())
    )

    # co-occurrence: counts over sentences, measures at the end
    sent_total = sum(len(dx.sentences) for dx in docs)
    ent_sent: dict[str, int] = defaultdict(int)
    pair_ev: dict[tuple[str, str], list[Evidence]] = defaultdict(list)
    for dx in docs:
        for name, c in dx.sentence_counts:
            eid = entity_of.get((dx.doc.id, name))
            if eid:
                ent_sent[eid] += c
        for (a, b), ev in dx.cooccurrences:
            ea, eb = entity_of.get((dx.doc.id, a)), entity_of.get((dx.doc.id, b))
            if not ea or not eb or ea == eb:
                continue
            if eb < ea:
                ea, eb = eb, ea
            pair_ev[(ea, eb)].append(ev)
    coocs = []
    for (a, b), evs in sorted(pair_ev.items()):
        evs = sorted(set(evs), key=lambda v: (v.doc, v.sentence))
        count = len(evs)
        if count < settings.min_cooccurrence:
            continue
        pmi, npmi = association(count, ent_sent[a], ent_sent[b], sent_total)
        coocs.append(Cooccurrence(a, b, count, len({v.doc for v in evs}), pmi, npmi, tuple(evs)))
    return Extraction(
        docs=tuple(docs),
        entities=tuple(entities),
        relations=relations,
        cooccurrences=tuple(coocs),
        entity_of=dict(sorted(entity_of.items())),
        sentence_total=sent_total,
        homonym_candidates=homonym_candidates(docs, entity_of, national_bodies(entities, res)),
    )


def national_bodies(entities: Sequence[Entity], res: Resources) -> frozenset[str]:
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


def homonym_candidates(
    docs: Sequence[DocExtraction],
    entity_of: dict[tuple[str, str], str],
    national: frozenset[str] = frozenset(),
) -> tuple[tuple[str, tuple[tuple[str, tuple[str, ...]], ...]], ...]:
    """People merged across documents who hold different posts in different documents.

    One name in two papers with disjoint posts (晋中市委 in one, 某公司 in another) may be
    two people; the merge keeps them together and the manifest lists them for review.
    Posts in national bodies (``national``) count as one post.
    """
    posts: dict[str, dict[str, set[str]]] = defaultdict(lambda: defaultdict(set))
    for dx in docs:
        for r in dx.relations:
            if r.type != "holds_position":
                continue
            person = entity_of.get((dx.doc.id, r.head))
            post = entity_of.get((dx.doc.id, r.tail))
            if person and post:
                posts[person][dx.doc.id].add(post)
    out = []
    for person, by_doc in sorted(posts.items()):
        # documents sharing a post belong together; two groups sharing none are suspicious
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


def typed_entity_of(ex: Extraction) -> dict[tuple[str, str, str], str]:
    """(doc id, type, document-level name) -> corpus entity id, for every document entity.

    ``Extraction.entity_of`` is keyed by name alone, so where one document has two entities
    of one name and different types (罗马 the city and 罗马 a club) it holds one of them;
    counts per entity need both. The other is found among the corpus entities of its type
    that have that form and that document.
    """
    type_of = {e.id: e.type for e in ex.entities}
    by_form: dict[tuple[str, str], list[Entity]] = defaultdict(list)
    out: dict[tuple[str, str, str], str] = {}
    for dx in ex.docs:
        doc_id = dx.doc.id
        for de in dx.entities:
            eid = ex.entity_of.get((doc_id, de.name))
            if eid is not None and type_of.get(eid) == de.type:
                out[(doc_id, de.type, de.name)] = eid
                continue
            if not by_form:
                for e in ex.entities:
                    for form in (e.name, *e.aliases):
                        by_form[(e.type, form)].append(e)
            found = [e.id for e in by_form.get((de.type, de.name), ()) if doc_id in e.documents]
            if len(found) == 1:
                out[(doc_id, de.type, de.name)] = found[0]
            elif not found and eid is not None:
                # no entity of that type has it (an extraction edited after the merge
                # retyped it): the entity its name points to
                out[(doc_id, de.type, de.name)] = eid
    return out
