"""Which entities a page shows: the most mentioned, or the nearest to a centre (ego pages)."""

from __future__ import annotations

from collections import deque
from collections.abc import Iterable, Mapping
from dataclasses import replace

from kg.errors import QueryError
from kg.model import Entity, Extraction


def select_entities(ex: Extraction, limit: int, rank: Mapping[str, int] | None = None) -> list[Entity]:
    """The ``limit`` most important entities, sorted by id.

    Importance is the number of mentions (ties broken by id); with ``rank`` (entity id →
    distance from a centre), nearer entities come first and mentions break ties.
    """
    return split_entities(ex, limit, rank)[0]


def split_entities(
    ex: Extraction, limit: int, rank: Mapping[str, int] | None = None
) -> tuple[list[Entity], list[Entity]]:
    """``select_entities`` and the other entities, most mentioned first (ties by id): what a
    page draws and what it lists for a search. Without ``rank`` both come from one sort."""
    if rank is None:
        by_weight = sorted(ex.entities, key=_by_weight)
        return sorted(by_weight[:limit], key=_by_id), by_weight[limit:]
    far = len(rank) + 1
    top = sorted(ex.entities, key=lambda e: (rank.get(e.id, far), -e.mentions, e.id))[:limit]
    chosen = {e.id for e in top}
    rest = sorted((e for e in ex.entities if e.id not in chosen), key=_by_weight)
    return sorted(top, key=_by_id), rest


def _neighbours(ex: Extraction, cooccurrence: bool = True) -> dict[str, set[str]]:
    adj: dict[str, set[str]] = {e.id: set() for e in ex.entities}
    pairs: Iterable[tuple[str, str]] = ((r.head, r.tail) for r in ex.relations)
    if cooccurrence:
        pairs = [*pairs, *((c.a, c.b) for c in ex.cooccurrences)]
    for a, b in pairs:
        if a != b and a in adj and b in adj:
            adj[a].add(b)
            adj[b].add(a)
    return adj


def distances(
    ex: Extraction, centre: str, depth: int | None = None, cooccurrence: bool = True
) -> dict[str, int]:
    """Hops from ``centre`` to every entity within ``depth`` (all reachable if ``None``).

    Edges are the typed relations in either direction and, if ``cooccurrence``, the
    co-occurrences.
    """
    adj = _neighbours(ex, cooccurrence)
    dist = {centre: 0}
    queue = deque([centre])
    while queue:
        node = queue.popleft()
        if depth is not None and dist[node] >= depth:
            continue
        for other in sorted(adj.get(node, ())):
            if other not in dist:
                dist[other] = dist[node] + 1
                queue.append(other)
    return dist


def find_entity(ex: Extraction, query: str) -> Entity:
    """The one entity whose id, name or alias is ``query`` (letter case ignored).

    Raises ``QueryError`` naming the candidates when several entities match, and the
    entities whose names contain the query (or are contained in it) when none does.
    """
    q = query.strip().casefold()
    if not q:
        raise QueryError("no entity name given")
    exact = [e for e in ex.entities if e.id.casefold() == q]
    if not exact:
        exact = [e for e in ex.entities if q in {n.casefold() for n in (e.name, *e.aliases)}]
    if len(exact) == 1:
        return exact[0]
    if exact:
        cands = ", ".join(
            f"{e.id} ({e.type} {e.name}, {e.mentions} mentions)" for e in sorted(exact, key=_by_weight)
        )
        raise QueryError(f"{query}: {len(exact)} entities have this name; give one of the ids: {cands}")
    similar = sorted(
        (
            e
            for e in ex.entities
            if any(q in n.casefold() or n.casefold() in q for n in (e.name, *e.aliases) if n)
        ),
        key=_by_weight,
    )
    if not similar:
        raise QueryError(f"{query}: no entity has this name or alias")
    shown = ", ".join(f"{e.name} ({e.type})" for e in similar[:10])
    more = f" and {len(similar) - 10} more" if len(similar) > 10 else ""
    raise QueryError(f"{query}: no entity has this name or alias; similar names: {shown}{more}")


def _by_weight(e: Entity) -> tuple[int, str]:
    return (-e.mentions, e.id)


def _by_id(e: Entity) -> str:
    return e.id


def ego_network(ex: Extraction, centre: str, depth: int = 1, cooccurrence: bool = True) -> Extraction:
    """The part of ``ex`` within ``depth`` hops of the entity ``centre``.

    Entities reached through typed relations (either direction) and, if
    ``cooccurrence``, co-occurrences; every relation and co-occurrence between them is
    kept. Documents are kept whole (the page looks up titles and dates in them).
    """
    if depth < 0:
        raise QueryError(f"depth must be 0 or more, not {depth}")
    if not any(e.id == centre for e in ex.entities):
        raise QueryError(f"{centre}: no entity has this id")
    keep = distances(ex, centre, depth, cooccurrence)
    return replace(
        ex,
        entities=tuple(e for e in ex.entities if e.id in keep),
        relations=tuple(r for r in ex.relations if r.head in keep and r.tail in keep),
        cooccurrences=tuple(c for c in ex.cooccurrences if c.a in keep and c.b in keep),
        homonym_candidates=(),
    )
