"""The corpus step: per-document extractions merged into one graph.

``merge(doc_extractions, resources, settings)`` merges entities across documents
(aliases, gazetteer and lexicon references), gathers relations and co-occurrence counts
and computes the association measures. It is done in two halves, so that it can run
where the documents are:

- :func:`partial` summarises some documents (:class:`Partial`: what the corpus step
  needs of them, keyed by the documents' own names, nothing decided that needs the
  other documents) and :func:`combine` adds two summaries; ``combine`` is associative
  and commutative, so summaries of shards made on Dask workers, or of a stored build
  and of new documents, can be added up in any grouping;
- :func:`finalize` makes the summary of the whole corpus into the graph.

``merge(docs)`` is ``finalize(partial(docs), docs=docs)``, and gives the same result as
``finalize`` of the summaries of any split of ``docs`` into parts combined in any way
(each part summarised with its documents' positions in ``docs``).
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Sequence

from kg.config import Settings
from kg.merge.resolve import association, finalize, finalize_counted, namesakes, national_bodies
from kg.merge.summary import DocPart, Partial, combine, dump_partial, load_partial, partial, reposition
from kg.model import DocExtraction, Entity, Extraction
from kg.resources import Resources

__all__ = [
    "DocPart",
    "Partial",
    "association",
    "combine",
    "dump_partial",
    "finalize",
    "finalize_counted",
    "homonym_candidates",
    "load_partial",
    "merge",
    "national_bodies",
    "partial",
    "reposition",
    "typed_entity_of",
]


def merge(docs: Sequence[DocExtraction], res: Resources, settings: Settings) -> Extraction:
    """Merge per-document results into corpus entities, relations and co-occurrences."""
    return finalize(partial(docs), res, settings, docs)


def homonym_candidates(
    docs: Sequence[DocExtraction],
    entity_of: dict[tuple[str, str], str],
    national: frozenset[str] = frozenset(),
) -> tuple[tuple[str, tuple[tuple[str, tuple[str, ...]], ...]], ...]:
    """People merged across documents who hold different posts in different documents
    (see :func:`kg.merge.resolve.namesakes`), from the documents' ``holds_position``
    relations and the merge's ``entity_of``."""
    posts: dict[str, dict[str, set[str]]] = defaultdict(lambda: defaultdict(set))
    for dx in docs:
        for r in dx.relations:
            if r.type != "holds_position":
                continue
            person = entity_of.get((dx.doc.id, r.head))
            post = entity_of.get((dx.doc.id, r.tail))
            if person and post:
                posts[person][dx.doc.id].add(post)
    return namesakes(posts, national)


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
