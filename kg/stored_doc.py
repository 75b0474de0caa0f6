"""A document's extraction held packed (:class:`StoredDoc`), as the extraction store
(:mod:`kg.extraction_store`) keeps it and a build reads it back: it reads as a
``DocExtraction`` and unpacks the parts few passes read only when they are read."""

from __future__ import annotations

from kg.extract.document import Packed, unpack
from kg.model import DocExtraction, Document

__all__ = ["PackedDoc", "StoredDoc", "unpack_kept"]


def _unpacked(name: str) -> property:
    """A property reading the part ``name`` of the whole (unpacked) result."""
    return property(lambda self: getattr(self.full(), name), doc=f"The ``{name}`` of the unpacked result.")


class PackedDoc:
    """What reads as a ``DocExtraction`` from packed results (``self.packed`` and
    ``self.doc``, given by a subclass): each part unpacked when read, through
    ``unpack_kept``. A subclass holds some parts itself (a slot of the same name hides
    the property here) and may read ``full`` from elsewhere."""

    __slots__ = ()

    def full(self) -> DocExtraction:
        """The whole ``DocExtraction``, unpacked (the last one asked for is kept)."""
        return unpack_kept(self)

    sentences = _unpacked("sentences")
    mentions = _unpacked("mentions")
    entities = _unpacked("entities")
    relations = _unpacked("relations")
    cooccurrences = _unpacked("cooccurrences")
    sentence_counts = _unpacked("sentence_counts")


class StoredDoc(PackedDoc):
    """A document's extraction held packed: it reads as a ``DocExtraction`` (the same
    attributes) at a fraction of the memory.

    A ``DocExtraction`` holds its text several times over (sentences, mentions,
    evidence) in some 110 objects a story: 29 bytes per input character against 1.8
    packed. The merge and the exports read every document several times, but most
    passes read only the document, its entities, relations and per-entity sentence
    counts, which are kept unpacked (about a fifth of the objects); the sentences, the
    mentions and the co-occurrences are unpacked when read, the last document's kept
    (``_LAST``) so one pass reading several of them unpacks once."""

    __slots__ = ("doc", "entities", "relations", "sentence_counts", "packed", "first")

    def __init__(self, dx: DocExtraction, packed: Packed) -> None:
        self.doc = dx.doc
        self.entities = dx.entities
        self.relations = dx.relations
        self.sentence_counts = dx.sentence_counts
        self.packed = packed
        #: the first sentence, kept with the merged corpus (a page names an untitled document by it)
        self.first = dx.sentences[0] if dx.sentences else None

    @classmethod
    def of(cls, packed: Packed, doc: Document) -> StoredDoc:
        return cls(unpack(packed, doc), packed)

    def __repr__(self) -> str:
        return f"StoredDoc({self.doc.id!r})"


_LAST: list[tuple[object, DocExtraction] | None] = [None]


def unpack_kept(owner) -> DocExtraction:
    """``owner``'s document unpacked from ``owner.packed`` and ``owner.doc``; the last one
    unpacked (by any owner: a stored or a viewed document) is kept, so a pass reading several
    of one document's parts unpacks it once."""
    last = _LAST[0]
    if last is not None and last[0] is owner:
        return last[1]
    dx = unpack(owner.packed, owner.doc)
    _LAST[0] = (owner, dx)
    return dx
