"""A document's extraction held packed (:class:`StoredDoc`), as the extraction store
(:mod:`kg.extraction_store`) keeps it and a build reads it back: it reads as a
``DocExtraction`` and unpacks the parts few passes read only when they are read."""

from __future__ import annotations

from array import array
from collections import Counter
from collections.abc import Iterable
from operator import attrgetter

from kg.extract.packed import _LAYOUT, _VOCABULARY, Packed, _made, unpack, with_field
from kg.model import DocEntity, DocExtraction, Document, Evidence, Relation, Sentence

__all__ = ["PackedDoc", "StoredDoc", "mention_fields", "unpack_kept", "unpack_parts"]


def _unpacked(name: str) -> property:
    """A property reading the part ``name`` of the whole (unpacked) result."""
    return property(lambda self: getattr(self.full(), name), doc=f"The ``{name}`` of the unpacked result.")


#: What ``mention_fields`` gives of a mention and of a sentence.
_MENTION_FIELDS = attrgetter("start", "end", "sentence", "rule", "key")
_SENTENCE_FIELDS = attrgetter("index", "start", "end", "paragraph")


class PackedDoc:
    """What reads as a ``DocExtraction`` from packed results (``self.packed`` and
    ``self.doc``, given by a subclass): each part unpacked when read, through
    ``unpack_kept``. A subclass holds some parts itself (a slot of the same name hides
    the property here) and may read ``full`` from elsewhere."""

    __slots__ = ()

    def full(self) -> DocExtraction:
        """The whole ``DocExtraction``, unpacked (the last one asked for is kept)."""
        return unpack_kept(self)

    def mention_fields(self) -> tuple[Iterable[tuple], Iterable[tuple]]:
        """What ``mention_fields(dx)`` gives, read from the packed result without unpacking it."""
        return packed_mention_fields(self.packed, self.doc)

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
    def of(cls, packed: Packed, doc: Document, rules: Counter[str] | None = None) -> StoredDoc:
        """The stored document of ``packed``, the result of ``doc``, unpacking only the parts
        it holds (``unpack_parts``; ``rules``: see there)."""
        self = cls.__new__(cls)
        self.doc, self.entities, self.relations, self.sentence_counts, self.first = unpack_parts(packed, doc, rules)
        self.packed = packed
        return self

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


def unpack_parts(packed: Packed, doc: Document, rules: Counter[str] | None = None) -> tuple:
    """The parts of ``unpack(packed, doc)`` a ``StoredDoc`` holds: (the document, its
    entities, relations and sentence counts, its first sentence or None), equal to those
    of the whole result, at a third of its cost: the mentions, the sentences and the
    co-occurrences, most of a result's records, are not made, and only the columns of the
    parts made are cut from the arrays (an evidence and a sentence are read where they
    are). ``rules``, when given, counts the mentions of each rule, as ``Counter(m.rule for
    m in dx.mentions)`` would."""
    codes, wide_bytes, narrow_bytes, extra = packed
    wide, narrow = array(codes[0], wide_bytes), array(codes[1], narrow_bytes)
    w_at, n_at = len(_LAYOUT), 1
    at: dict[str, tuple[int, int, int]] = {}  # section -> (its first wide item, first narrow item, records)
    for (name, w, n), count in zip(_LAYOUT, wide):
        at[name] = (w_at, n_at, count)
        w_at, n_at = w_at + count * w, n_at + count * n
    text = doc.text
    source = text + extra if extra else text
    w, _n, count = at["strings"]
    strings = [None, *_VOCABULARY, *map(source.__getitem__, map(slice, wide[w : w + 2 * count : 2],
                                                                wide[w + 1 : w + 2 * count : 2]))]
    string = strings.__getitem__
    script = strings[narrow[0]]
    if doc.script != script:
        doc = with_field(doc, "script", script)
    s_w, s_n, s_count = at["sentences"]  # (index, start, end, paragraph) (text, heading)

    def sentence_text(i: int) -> str:
        t = narrow[s_n + 2 * i]
        return strings[t] if t else text[wide[s_w + 4 * i + 1] : wide[s_w + 4 * i + 2]]

    first = None
    if s_count:
        first = Sentence(wide[s_w], wide[s_w + 1], wide[s_w + 2], sentence_text(0), wide[s_w + 3],
                         bool(narrow[s_n + 1]))
    if rules is not None:
        _w, n, count = at["mentions"]  # (start, end, sentence) (text, type, rule, name, key)
        rules.update({strings[r]: k for r, k in Counter(narrow[n + 2 : n + 5 * count : 5]).items()})
    w, n, count = at["entities"]  # (mentions) (name, type, number of aliases, number of attributes)
    _w, f, f_count = at["forms"]
    forms = tuple(map(string, narrow[f : f + f_count]))
    form_pairs = tuple(zip(forms, forms[1:]))  # an attribute is the pair at its first form
    aliases, attrs, i = [], [], 0
    for na, nt in zip(narrow[n + 2 : n + 4 * count : 4], narrow[n + 3 : n + 4 * count : 4]):
        aliases.append(forms[i : i + na])  # slices of tuples are tuples, () when empty
        i += na
        attrs.append(form_pairs[i : i + 2 * nt : 2])
        i += 2 * nt
    entities = tuple(_made(DocEntity, map(string, narrow[n : n + 4 * count : 4]),
                           map(string, narrow[n + 1 : n + 4 * count : 4]), aliases, wide[w : w + count], attrs))
    w, n, count = at["relations"]  # (number of evidence) (head, type, tail)
    relations = []
    if count:
        e_w, e_n, _count = at["evidence"]  # (sentence, start, end) (doc, text, rule)
        place = {wide[s_w + 4 * k]: k for k in range(s_count)}  # sentence index -> its record
        made: dict[int, Evidence] = {}  # evidence id -> the one object of its citations

        def evidence(k: int) -> Evidence:
            ev = made.get(k)
            if ev is None:
                sentence, t, d = wide[e_w + 3 * k], narrow[e_n + 3 * k + 1], narrow[e_n + 3 * k]
                if t:
                    ev_text = strings[t]
                else:  # its sentence's text (None for a sentence it lacks, as unpack has it)
                    record = place.get(sentence)
                    ev_text = None if record is None else sentence_text(record)
                ev = made[k] = Evidence(strings[d] if d else doc.id, sentence, wide[e_w + 3 * k + 1],
                                        wide[e_w + 3 * k + 2], ev_text, strings[narrow[e_n + 3 * k + 2]])
            return ev

        cited, _n, _count = at["cited"]
        for h, y, t, k in zip(map(string, narrow[n : n + 3 * count : 3]), map(string, narrow[n + 1 : n + 3 * count : 3]),
                              map(string, narrow[n + 2 : n + 3 * count : 3]), wide[w : w + count]):
            relations.append(Relation(h, y, t, tuple(map(evidence, wide[cited : cited + k]))))
            cited += k
    w, n, count = at["counts"]  # (sentences) (name)
    counts = tuple(zip(map(string, narrow[n : n + count]), wide[w : w + count]))
    return doc, entities, tuple(relations), counts, first


#: ``packed_mention_fields`` reads the first three sections of the packed form itself.
assert [name for name, _w, _n in _LAYOUT[:3]] == ["strings", "sentences", "mentions"]


def packed_mention_fields(packed: Packed, doc: Document) -> tuple[Iterable[tuple], Iterable[tuple]]:
    """``mention_fields`` of the result ``packed`` of ``doc``, read from its bytes: views of
    the three first sections (strings, sentences, mentions) of its arrays, and the strings
    its mentions' rules and keys name alone (``_columns`` and ``unpack`` read every section
    and every string)."""
    codes, wide_bytes, narrow_bytes, extra = packed
    wide, narrow = memoryview(wide_bytes).cast(codes[0]), memoryview(narrow_bytes).cast(codes[1])
    n_strings, n_sentences, n_mentions = wide[0], wide[1], wide[2]  # the header: records of each section
    at = len(_LAYOUT)
    s_at = at + 2 * n_strings
    m_at = s_at + 4 * n_sentences
    m_end = m_at + 3 * n_mentions
    n_at = 1 + 2 * n_sentences  # the narrow fields: the script's id, the sentences', the mentions'
    n_end = n_at + 5 * n_mentions
    rules, keys = narrow[n_at + 2 : n_end : 5], narrow[n_at + 4 : n_end : 5]
    source = doc.text + extra if extra else doc.text
    known = len(_VOCABULARY)

    def string(i: int) -> str:
        if i <= known:
            return _VOCABULARY[i - 1]
        j = at + 2 * (i - 1 - known)
        return source[wide[j] : wide[j + 1]]

    named = {i: string(i) for i in {*rules, *keys}}.__getitem__
    return (zip(wide[m_at:m_end:3], wide[m_at + 1 : m_end : 3], wide[m_at + 2 : m_end : 3], map(named, rules),
                map(named, keys)),
            zip(wide[s_at:m_at:4], wide[s_at + 1 : m_at : 4], wide[s_at + 2 : m_at : 4], wide[s_at + 3 : m_at : 4]))


def mention_fields(dx: DocExtraction) -> tuple[Iterable[tuple], Iterable[tuple]]:
    """(start, end, sentence, rule, key) of each mention of ``dx`` and (index, start, end,
    paragraph) of each sentence, in their order: what a concordance needs of a result.
    A result held packed (``PackedDoc``) gives them without making its records."""
    own = getattr(dx, "mention_fields", None)
    if own is not None:
        return own()
    return map(_MENTION_FIELDS, dx.mentions), map(_SENTENCE_FIELDS, dx.sentences)
