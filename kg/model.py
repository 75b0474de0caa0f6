"""The data model: immutable values shared by every stage.

One offset space: every ``start``/``end`` is a character offset into the cleaned
``Document.text`` (end exclusive), so ``doc.text[m.start:m.end] == m.text`` always holds.
No I/O happens here; these are plain values that pickle, so a per-document result can
travel to a worker process and back.

Most types are frozen dataclasses. The four a build makes per sentence or per mention
(``Sentence``, ``Mention``, ``DocEntity``, ``Evidence``: some 50 a story, made by the
extraction and again each time a stored result is unpacked) are named tuples: a frozen
dataclass sets each field through ``object.__setattr__`` in Python, so making one took
three times as long or more, and hashing or comparing one ran in Python too. A changed
copy of one is made with the named tuple's ``_replace`` (``dataclasses.replace`` does not
know them).
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import NamedTuple

#: The six entity types, in the order used for colours, tables and counts.
ENTITY_TYPES: tuple[str, ...] = (
    "Person",
    "Place",
    "Organization",
    "Enterprise",
    "Initiative",
    "Event",
)

#: The nine typed relations. ``SYMMETRIC`` ones store their arguments sorted.
RELATION_TYPES: tuple[str, ...] = (
    "holds_position",
    "located_in",
    "part_of",
    "visited",
    "attended",
    "proposed",
    "participates_in",
    "cooperates_with",
    "met",
)
SYMMETRIC: frozenset[str] = frozenset({"cooperates_with", "met"})

#: Predicate name used for co-occurrence edges in graphs and tables.
COOCCURS = "co_occurs_with"


@dataclass(frozen=True, slots=True)
class Document:
    """A cleaned input document.

    ``id`` is what users and the scorer see: the file name without extension, or the
    JSONL record's ``id``. ``excluded`` lists spans (page furniture such as addresses,
    phone numbers, editor and printer lines) that stay in ``text`` but are kept out of
    entity extraction.
    """

    id: str
    text: str
    path: str = ""
    title: str = ""
    date: str = ""
    source: str = ""
    categories: tuple[str, ...] = ()
    tags: tuple[str, ...] = ()
    format: str = ""
    encoding: str = ""
    excluded: tuple[tuple[int, int], ...] = ()
    content_hash: str = ""
    #: ``simplified``, ``traditional`` (read through a simplified view, see kg.extract.script) or
    #: ``none`` (no Chinese characters); set by extraction
    script: str = ""


class Sentence(NamedTuple):
    """A sentence of a document: ``doc.text[start:end] == text``."""

    index: int
    start: int
    end: int
    text: str
    paragraph: int = 0
    #: True for headlines (a line without closing punctuation that stands alone).
    heading: bool = False


class Token(NamedTuple):
    """A segmenter token with its part-of-speech tag and document offsets.

    A named tuple rather than a dataclass: a build makes millions of them and never keeps
    them, and a tuple is made twice as fast.
    """

    text: str
    start: int
    end: int
    pos: str


class Mention(NamedTuple):
    """One occurrence of an entity in a document.

    ``name`` is the normalised surface (titles stripped); ``key`` is filled by alias
    merging and names the document-level entity the mention belongs to.
    """

    start: int
    end: int
    text: str
    type: str
    sentence: int
    rule: str
    name: str = ""
    key: str = ""


class DocEntity(NamedTuple):
    """An entity as one document knows it: its canonical name there and its aliases."""

    name: str
    type: str
    aliases: tuple[str, ...] = ()
    mentions: int = 0
    attrs: tuple[tuple[str, str], ...] = ()


class Evidence(NamedTuple):
    """Where a relation or co-occurrence is stated: a sentence of a document."""

    doc: str
    sentence: int
    start: int
    end: int
    text: str
    rule: str


@dataclass(frozen=True, slots=True)
class Relation:
    """A typed relation between two entities with the evidence that states it.

    Inside a ``DocExtraction`` head and tail are document-level entity names
    (``DocEntity.name``); inside an ``Extraction`` they are corpus entity ids.
    """

    head: str
    type: str
    tail: str
    evidence: tuple[Evidence, ...] = ()

    @property
    def weight(self) -> int:
        """Number of evidence sentences."""
        return len(self.evidence)


@dataclass(frozen=True, slots=True)
class Entity:
    """A corpus-level entity: aliases merged across documents."""

    id: str
    type: str
    name: str
    aliases: tuple[str, ...] = ()
    mentions: int = 0
    documents: tuple[str, ...] = ()
    #: Gazetteer attributes such as ``adcode``, ``parent``, ``lon``, ``lat``.
    attrs: tuple[tuple[str, str], ...] = ()

    def attr(self, key: str, default: str = "") -> str:
        return dict(self.attrs).get(key, default)


@dataclass(frozen=True, slots=True)
class Cooccurrence:
    """Two entities named in the same sentence, with counts and association scores.

    ``a < b`` (ids sorted). ``count`` is the number of sentences, ``documents`` the
    number of distinct documents; ``pmi`` and ``npmi`` are computed over sentences.
    """

    a: str
    b: str
    count: int
    documents: int
    pmi: float
    npmi: float
    evidence: tuple[Evidence, ...] = ()


@dataclass(frozen=True, slots=True)
class DocExtraction:
    """Everything extracted from one document (picklable, no corpus state)."""

    doc: Document
    sentences: tuple[Sentence, ...]
    mentions: tuple[Mention, ...]
    entities: tuple[DocEntity, ...]
    relations: tuple[Relation, ...]
    #: Sentence-level co-occurrence: ((name_a, name_b), evidence) with name_a < name_b.
    cooccurrences: tuple[tuple[tuple[str, str], Evidence], ...] = ()
    #: Per-entity number of sentences naming it, for association measures.
    sentence_counts: tuple[tuple[str, int], ...] = ()


@dataclass(frozen=True, slots=True)
class Extraction:
    """The corpus-level result: documents, merged entities, relations, co-occurrences."""

    docs: tuple[DocExtraction, ...]
    entities: tuple[Entity, ...]
    relations: tuple[Relation, ...]
    cooccurrences: tuple[Cooccurrence, ...]
    #: (doc id, document-level entity name) -> corpus entity id
    entity_of: Mapping[tuple[str, str], str] = field(default_factory=dict)
    sentence_total: int = 0
    #: People merged across documents whose posts differ between documents (possibly two
    #: people with one name): (entity id, ((doc id, (post entity ids…)), …)).
    homonym_candidates: tuple[tuple[str, tuple[tuple[str, tuple[str, ...]], ...]], ...] = ()

    def entity(self, entity_id: str) -> Entity:
        for e in self.entities:
            if e.id == entity_id:
                return e
        raise KeyError(entity_id)


@dataclass(frozen=True, slots=True)
class FileRecord:
    """What happened to one input path; every path met gets one in the manifest.

    ``status`` is ``ok`` (all read), ``partial`` (read, but not all of it or not as
    written: records skipped, bad bytes replaced, a truncated archive; ``reason`` says
    what), ``error`` (nothing read: ``reason`` says why) or ``skipped`` (not a file to
    read: a hidden file or folder, a socket, a broken link, a folder that cannot be
    opened, a link that loops; ``reason`` says which). ``fields`` names the record fields
    (or columns) used as each role, ``(("text", "content"), ("title", "headline"))``;
    ``warning`` says why a file that looks like records was read as plain text.
    """

    path: str
    status: str
    reason: str = ""
    format: str = ""
    encoding: str = ""
    documents: int = 0
    fields: tuple[tuple[str, str], ...] = ()
    warning: str = ""
