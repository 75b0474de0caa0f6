"""A document's extraction as plain values and back (``pack``, ``unpack``), apart from
the engines that make it (:mod:`kg.extract.document`): the store and the commands that
read a build's results (``kg view -d``, ``kg kwic -d``) unpack results without importing
the extraction, whose modules compile some 400 regular expressions as they load (0.6 s
of ``kg view``'s start).

``pack(dx)`` turns an extraction into a plain tuple of two strings and two byte strings
of small integers, and ``unpack(packed, doc)`` makes the same ``DocExtraction`` again from
it and the document it was extracted from. A worker process sends the packed form; the
parent holds every document already, so no text of it is sent back: the sentence texts,
the mention surfaces, the evidence texts and most names are slices of ``doc.text`` and
are cut again on arrival. Pickled, dataclass objects cost 11 bytes per input character
(each instance its class and its state, every text in full); the packed form about 2,
and it pickles as four flat objects.
"""

from __future__ import annotations

from array import array
from dataclasses import fields
from itertools import chain, repeat
from operator import attrgetter

from kg.model import (
    ENTITY_TYPES,
    RELATION_TYPES,
    DocEntity,
    DocExtraction,
    Document,
    Evidence,
    Mention,
    Relation,
    Sentence,
)

__all__ = ["Packed", "pack", "unpack", "with_field"]

_DOCUMENT_FIELDS = tuple(f.name for f in fields(Document))
_document_values = attrgetter(*_DOCUMENT_FIELDS)


def with_field(doc: Document, name: str, value: str) -> Document:
    """``dataclasses.replace(doc, name=value)`` at a third of its cost (it looks at the
    fields on every call; every unpacked document is made again with its script, every
    document ``kg view -d`` reads with its text)."""
    row = list(_document_values(doc))
    row[_DOCUMENT_FIELDS.index(name)] = value
    return Document(*row)


# ---------------------------------------------------------------------- the packed form

#: The packed form: (item codes, wide integers, narrow integers, extra strings); see ``pack``.
Packed = tuple[str, bytes, bytes, str]

#: The sections of the packed form in order, each a number of records of a fixed number
#: of wide fields (offsets, counts, evidence ids) and of narrow ones (string ids, flags).
_LAYOUT = (
    ("strings", 2, 0),  # (start, end) in the document text followed by the extra strings
    ("sentences", 4, 2),  # (index, start, end, paragraph) (text, heading)
    ("mentions", 3, 5),  # (start, end, sentence) (text, type, rule, name, key)
    ("entities", 1, 4),  # (mentions) (name, type, number of aliases, number of attributes)
    ("forms", 0, 1),  # (alias or attribute key or value) of the entities, in their order
    ("evidence", 3, 3),  # (sentence, start, end) (doc, text, rule), each distinct one once
    ("relations", 1, 3),  # (number of evidence) (head, type, tail)
    ("pairs", 0, 2),  # (name a, name b) of the co-occurrences
    ("cited", 1, 0),  # (evidence id) of the relations, then of the pairs
    ("counts", 1, 1),  # (sentences) (name)
)
#: Strings every result uses, known to both sides and never sent: ids 1, 2, ...
_VOCABULARY = (*ENTITY_TYPES, *RELATION_TYPES, "simplified", "traditional", "none", "")
#: String id 0 of a text field: the text is the slice of the document at the record's
#: offsets (an evidence's: its sentence's text); of an evidence's document: this document.
_DERIVED = 0


#: The unsigned item codes of ``array``, narrowest first, each with the least value it cannot hold.
_ITEM_LIMITS = tuple((code, 1 << (8 * array(code).itemsize)) for code in "BHILQ")


def _ints(values: list[int]) -> tuple[str, bytes]:
    """``values`` (none negative) in the narrowest unsigned item size that holds them."""
    top = max(values, default=0)
    for code, limit in _ITEM_LIMITS:
        if top < limit:
            return code, array(code, values).tobytes()
    raise OverflowError(f"packed value too large: {top}")


class _Strings:
    """A string table: each distinct string once, named by its position (0 is reserved).

    After the vocabulary, a string is kept as the (start, end) of an occurrence in the
    document text when it is the surface of a mention (most names are), else in the
    ``extra`` text that is sent after it."""

    def __init__(self, text: str, surfaces: dict[str, int]) -> None:
        self.ids: dict[str, int] = {s: i for i, s in enumerate(_VOCABULARY, 1)}
        self.spans: list[int] = []
        self.surfaces = surfaces  # surface -> its start in text
        self.base = len(text)
        self.extra: list[str] = []
        self.extra_len = 0

    def __call__(self, s: str) -> int:
        i = self.ids.get(s)
        if i is None:
            i = self.ids[s] = len(self.ids) + 1
            at = self.surfaces.get(s)
            if at is None:
                at = self.base + self.extra_len
                self.extra.append(s)
                self.extra_len += len(s)
            self.spans += (at, at + len(s))
        return i


def pack(dx: DocExtraction) -> Packed:
    """``dx`` as plain values: ``unpack(pack(dx), doc) == dx`` for the ``doc`` it came from.

    Two arrays of integers, as bytes, and a string. The wide array starts with a header
    (the number of records of each section of ``_LAYOUT``); the sections' wide fields
    follow in it, their narrow fields in the narrow array, which starts with the string
    id of the document's script. Strings are ids into the string table; a text that is
    the slice of the document at its offsets is ``_DERIVED``. Each array takes the
    narrowest item size its largest value allows (``codes`` names both), so most string
    ids take a byte; evidence shared by several relations or pairs (a sentence naming
    ten entities states 45 pairs) is sent once.
    """
    text = dx.doc.text
    surfaces: dict[str, int] = {}
    for m in dx.mentions:
        surfaces.setdefault(text[m.start : m.end], m.start)
    sid = _Strings(text, surfaces)
    # ``ids.get(s) or sid(s)``: a string seen before (most are) costs a dict lookup, not a
    # call; ids start at 1, so a known one is never falsy
    ids = sid.ids
    wide: dict[str, list[int]] = {name: [] for name, _w, _n in _LAYOUT}
    narrow: dict[str, list[int]] = {name: [] for name, _w, _n in _LAYOUT}
    script = sid(dx.doc.script)
    sentence_text: dict[int, str] = {}
    # the records are named tuples (kg.model), taken apart by position below: that costs
    # less than reading each field by its name
    out_wide, out_narrow = wide["sentences"], narrow["sentences"]
    for index, start, end, s_text, paragraph, heading in dx.sentences:
        out_wide += (index, start, end, paragraph)
        out_narrow += (_DERIVED if s_text == text[start:end] else sid(s_text), heading)
        sentence_text[index] = s_text
    out_wide, out_narrow = wide["mentions"], narrow["mentions"]
    for start, end, m_text, ty, sentence, rule, name, key in dx.mentions:
        out_wide += (start, end, sentence)
        out_narrow += (
            _DERIVED if m_text == text[start:end] else sid(m_text),
            ids.get(ty) or sid(ty),
            ids.get(rule) or sid(rule),
            ids.get(name) or sid(name),
            ids.get(key) or sid(key),
        )
    out_wide, out_narrow, forms = wide["entities"], narrow["entities"], narrow["forms"]
    for name, ty, aliases, n, attrs in dx.entities:
        out_wide.append(n)
        out_narrow += (ids.get(name) or sid(name), ids.get(ty) or sid(ty), len(aliases), len(attrs))
        if aliases:
            forms += [ids.get(a) or sid(a) for a in aliases]
        for k, v in attrs:
            forms += (ids.get(k) or sid(k), ids.get(v) or sid(v))
    evidence_ids: dict[Evidence, int] = {}
    # the same Evidence object is cited by every pair of its sentence: known by identity
    # before it is hashed (a hash of all its fields)
    by_object: dict[int, int] = {}
    ev_wide, ev_narrow, cited = wide["evidence"], narrow["evidence"], wide["cited"]
    doc_id = dx.doc.id

    def cite(ev: Evidence) -> int:
        i = by_object.get(id(ev))
        if i is None:
            i = evidence_ids.get(ev)
            if i is None:
                i = evidence_ids[ev] = len(evidence_ids)
                doc, sentence, start, end, ev_text, rule = ev
                ev_wide.extend((sentence, start, end))
                ev_narrow.extend((
                    _DERIVED if doc == doc_id else sid(doc),
                    _DERIVED if sentence_text.get(sentence) == ev_text else sid(ev_text),
                    ids.get(rule) or sid(rule),
                ))
            by_object[id(ev)] = i
        return i

    out_wide, out_narrow = wide["relations"], narrow["relations"]
    for r in dx.relations:
        out_wide.append(len(r.evidence))
        out_narrow += (sid(r.head), sid(r.type), sid(r.tail))
        cited += map(cite, r.evidence)
    out_narrow = narrow["pairs"]
    last, last_id = None, 0  # the pairs of one sentence come together, with one Evidence
    for (a, b), ev in dx.cooccurrences:
        out_narrow += (ids.get(a) or sid(a), ids.get(b) or sid(b))
        if ev is not last:
            last, last_id = ev, cite(ev)
        cited.append(last_id)
    out_wide, out_narrow = wide["counts"], narrow["counts"]
    for name, n in dx.sentence_counts:
        out_wide.append(n)
        out_narrow.append(ids.get(name) or sid(name))
    wide["strings"] = sid.spans
    header = [len(wide[name]) // w if w else len(narrow[name]) // n for name, w, n in _LAYOUT]
    wide_code, wide_bytes = _ints([*header, *chain.from_iterable(wide[name] for name, _w, _n in _LAYOUT)])
    narrow_code, narrow_bytes = _ints([script, *chain.from_iterable(narrow[name] for name, _w, _n in _LAYOUT)])
    return wide_code + narrow_code, wide_bytes, narrow_bytes, "".join(sid.extra)


def _columns(packed: Packed) -> tuple[int, dict[str, tuple[list[array], list[array]]]]:
    """The string id of the script, and the fields of each section of ``packed`` as
    columns: (wide columns, narrow columns), each column an array of one field of every
    record (strided slices, made in C)."""
    codes, wide_bytes, narrow_bytes, _extra = packed
    wide, narrow = array(codes[0], wide_bytes), array(codes[1], narrow_bytes)
    w_at, n_at = len(_LAYOUT), 1
    out = {}
    for (name, w, n), count in zip(_LAYOUT, wide):
        w_end, n_end = w_at + count * w, n_at + count * n
        out[name] = ([wide[w_at + k : w_end : w] for k in range(w)], [narrow[n_at + k : n_end : n] for k in range(n)])
        w_at, n_at = w_end, n_end
    return narrow[0], out


def _made(cls: type, *columns) -> map:
    """A ``cls`` (a named tuple) of each row of ``columns``: ``tuple.__new__`` on the
    rows ``zip`` makes, in C (``cls(*row)`` or ``cls._make`` run a Python function each)."""
    return map(tuple.__new__, repeat(cls), zip(*columns))


def unpack(packed: Packed, doc: Document) -> DocExtraction:
    """The ``DocExtraction`` that ``pack`` made ``packed`` from; ``doc`` is the document as
    it was given to the extraction (the packed form keeps only the script found there).

    Column by column rather than record by record: a column of strings is one ``map`` over
    its ids, a column of texts one over the slices of its offsets, and the records are made
    from the columns; a story makes some 100 objects, and 3,000 stored stories are unpacked
    in each incremental build."""
    script, cols = _columns(packed)
    text = doc.text
    extra = packed[3]
    source = text + extra if extra else text
    (at, to), _ = cols["strings"]
    strings = [None, *_VOCABULARY, *map(source.__getitem__, map(slice, at, to))]
    string = strings.__getitem__
    script = strings[script]
    if doc.script != script:
        doc = with_field(doc, "script", script)

    def texts(ids: array, starts: array, ends: array) -> list[str]:
        """The texts of a column of text ids: the slice of the text at the offsets where
        the id is ``_DERIVED``, as nearly all are."""
        out = list(map(text.__getitem__, map(slice, starts, ends)))
        if any(ids):
            out = [strings[t] if t else s for t, s in zip(ids, out)]
        return out

    (index, start, end, paragraph), (t, heading) = cols["sentences"]
    sentence_texts = texts(t, start, end)
    sentences = tuple(_made(Sentence, index, start, end, sentence_texts, paragraph, map(bool, heading)))
    (start, end, sentence), (t, ty, rule, name, key) = cols["mentions"]
    mentions = tuple(
        _made(Mention, start, end, texts(t, start, end), map(string, ty), sentence, map(string, rule),
              map(string, name), map(string, key)))
    (n_mentions,), (name, ty, n_aliases, n_attrs) = cols["entities"]
    forms = tuple(map(string, cols["forms"][1][0]))
    form_pairs = tuple(zip(forms, forms[1:]))  # an attribute is the pair at its first form
    aliases, attrs, at = [], [], 0
    for na, nt in zip(n_aliases, n_attrs):  # slices of tuples are tuples, () when empty
        aliases.append(forms[at : at + na])
        at += na
        attrs.append(form_pairs[at : at + 2 * nt : 2])
        at += 2 * nt
    entities = tuple(_made(DocEntity, map(string, name), map(string, ty), aliases, n_mentions, attrs))
    (sentence, start, end), (d, t, rule) = cols["evidence"]
    of_sentence = dict(zip(index, sentence_texts))
    evidence_texts = list(map(of_sentence.get, sentence))  # None where the text is sent: see below
    if any(t):
        evidence_texts = [strings[i] if i else s for i, s in zip(t, evidence_texts)]
    docs = [strings[i] if i else doc.id for i in d] if any(d) else repeat(doc.id)
    evidence = list(_made(Evidence, docs, sentence, start, end, evidence_texts, map(string, rule)))
    cited = tuple(map(evidence.__getitem__, cols["cited"][0][0]))
    (n_evidence,), (head, ty, tail) = cols["relations"]
    relations, at = [], 0
    for h, y, t, n in zip(map(string, head), map(string, ty), map(string, tail), n_evidence):
        relations.append(Relation(h, y, t, cited[at : at + n]))
        at += n
    _, (a, b) = cols["pairs"]
    pairs = tuple(zip(zip(map(string, a), map(string, b)), cited[at:]))
    (n_sentences,), (name,) = cols["counts"]
    counts = tuple(zip(map(string, name), n_sentences))
    return DocExtraction(doc, sentences, mentions, entities, tuple(relations), pairs, counts)
