"""A build's merge summary kept in its extraction store, so that the next build of the
same export summarises only the documents it adds.

The merge is ``finalize(partial(documents))`` (:mod:`kg.merge`), and summaries of parts
add up (``combine``). So a build with a store keeps the summary of the documents it
merged, and the next build of that export folder, when every document the kept summary
covers is still among its documents with the same id and the same stored result key,
merges ``combine(reposition(kept, order), partial(the others))``, which is equal to
``partial(documents)`` (positions follow the new input order). A document removed or
changed since cannot be taken out of a summary (there is no subtraction), so then the
whole summary is made again, as when nothing is kept or what is kept cannot be read: a
kept summary only ever saves time, it never decides a result.

How it is kept (``ExtractionStore.put_summary``): per export folder (the *owner*, as the
merged corpus is, so outputs sharing a ``--cache`` folder each keep their own), in
parts, each a head (the (document id, result key) pairs it covers) and a body
(:func:`kg.merge.dump_partial`). A build that used the kept parts adds one part of its
new documents, so what it writes follows the change, not the corpus; after ``MAX_PARTS``
parts, or when the kept ones were not used, the whole summary is written as one part.
Every part carries a tag: a hash of the extraction fingerprint (the results it was made
from) and of the merge's source (how it was made); parts of another tag are ignored.
"""

from __future__ import annotations

import hashlib
import marshal
from collections.abc import Mapping, Sequence

from kg.extraction_store import ExtractionStore, code_fingerprint
from kg.merge import Partial, combine, dump_partial, load_partial, partial, reposition
from kg.model import DocExtraction

__all__ = ["MAX_PARTS", "Kept", "merged_summary", "read_kept", "summary_rows", "summary_tag"]

#: Parts kept before they are written again as one (each part is read and added at
#: every build; a few cost little more than one).
MAX_PARTS = 8
#: Version of a part's head (1 held the mentions per rule of its documents too).
_HEAD = 2


def summary_tag(fingerprint: str) -> str:
    """The tag of summaries made from results of ``fingerprint`` by this kg's merge."""
    parts = [f"head={_HEAD}", f"results={fingerprint}", f"merge={code_fingerprint(('merge',))}"]
    return hashlib.sha256("\n".join(parts).encode()).hexdigest()[:32]


class Kept:
    """The kept summary of an owner that covers only documents of this run, unchanged:
    the documents it covers (id -> result key) and its parts' bodies, read into one
    summary by :meth:`summary`."""

    def __init__(self, covered: dict[str, str], bodies: list[bytes]) -> None:
        self.covered = covered
        self.bodies = bodies

    def summary(self) -> Partial | None:
        """The parts added up; None when one cannot be read or they do not cover exactly
        the documents their heads name (the caller summarises every document then)."""
        out = Partial()
        try:
            for body in self.bodies:
                out = combine(out, load_partial(body))
        except ValueError:
            return None
        if out.docs.keys() != self.covered.keys():
            return None
        return out


def read_kept(store: ExtractionStore, owner: str, tag: str, keys: Mapping[str, str],
              stored: Mapping[str, object]) -> Kept | None:
    """The summary kept for ``owner`` when every part has ``tag`` and every document it
    covers is among ``keys`` (document id -> result key of this run) with the same key
    and a stored result in ``stored`` (so it is read back, never extracted again, and
    cannot fail); else None."""
    parts = store.summary_parts(owner)
    if not parts or any(t != tag for t, _head, _body in parts):
        return None
    covered: dict[str, str] = {}
    try:
        for _tag, head, _body in parts:
            version, docs = marshal.loads(head)
            if version != _HEAD:
                return None
            for doc_id, key in docs:
                if keys.get(doc_id) != key or key not in stored or doc_id in covered:
                    return None
                covered[doc_id] = key
    except (ValueError, EOFError, TypeError):  # a damaged head: as if none were kept
        return None
    return Kept(covered, [body for _t, _h, body in parts])


def merged_summary(kept: Kept | None, docs: Sequence[DocExtraction]) -> tuple[Partial, Partial | None]:
    """(the summary of ``docs``, the summary of those ``kept`` does not cover or None when
    the kept one was not used). ``docs`` in input order; the kept summary is used when it
    reads back whole and all its documents are among ``docs``."""
    kept_part = kept.summary() if kept is not None else None
    if kept_part is not None:
        order = [dx.doc.id for dx in docs]
        at = [(i, dx) for i, dx in enumerate(docs) if dx.doc.id not in kept_part.docs]
        if len(docs) - len(at) == len(kept_part.docs):  # every kept document is here
            new = partial([dx for _i, dx in at], positions=[i for i, _dx in at])
            return combine(reposition(kept_part, order), new), new
    return partial(docs), None


def summary_rows(whole: Partial, new: Partial | None, kept: Kept | None,
                 keys: Mapping[str, str]) -> tuple[bool, list[tuple[bytes, bytes]]]:
    """What to keep of this build's summary (``whole``), as (add, parts) for
    ``ExtractionStore.put_summary``: only the part of its new documents (``new``) after
    the kept parts when those were used and are fewer than ``MAX_PARTS`` (no part when
    nothing was added), else ``whole`` instead of them. ``keys``: document id -> result key."""
    if new is not None and kept is not None and len(kept.bodies) < MAX_PARTS:
        return True, [_part(new, keys)] if new.docs else []
    return False, [_part(whole, keys)]


def _part(part: Partial, keys: Mapping[str, str]) -> tuple[bytes, bytes]:
    docs = sorted((doc_id, keys[doc_id]) for doc_id in part.docs)
    return marshal.dumps((_HEAD, docs), 4), dump_partial(part)

