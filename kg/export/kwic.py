"""A concordance (keyword in context): every mention of an entity with the text around it.

``concordance(ex, entity_id)`` lists each mention of one corpus entity, under any of its
names (the canonical name, every alias, and the references such as 我市 that the
extraction resolved to it), with ``width`` characters of context on either side, the
document, its title and date. ``kg kwic`` prints it as an aligned table or writes it as
CSV; graph.html carries a capped sample per drawn entity (``kg.export.html.pagedata``).

Choices, and why:

- Context stays inside the mention's paragraph: a paragraph break in news starts another
  matter (often another story in a digest), and text from there would read as if it were
  said of the entity. The paragraph is the run of sentences with the mention's
  ``Sentence.paragraph``; a mention outside every sentence (page furniture) gets the
  document's bounds. Context never crosses the document's bounds.
- Control characters (line breaks, tabs) in the context become spaces, one for one, so a
  row stays one line and the widths stay what was asked.
- A mention nested in a longer name (晋中市 in 晋中市委) is a mention: it is listed. Two
  mentions of the entity with the same span are listed once.
- The order is deterministic: ``doc`` (document id, then position; the default), ``date``
  (dated documents first, oldest first, then as ``doc``), ``left`` (the left context read
  from the mention outwards, as concordancers sort on the first word to the left) or
  ``right`` (the characters after the mention). Strings compare by code point.

The mention index (``MentionIndex``, ``mention_index``): every mention of every entity as
eight integers (document, span, sentence, rules, the bounds of its paragraph), in a fixed
document order, made in one pass over the documents when a build has merged them. It is
what the rows above are cut from without reading a document's extraction again: a row
needs only its document's text. graph.html samples up to 100 mentions per drawn entity
from it, ``kg kwic`` lists one entity's; a build keeps it in its extraction store beside
the merged corpus (``encode_mentions``/``decode_mentions``), so ``kg view -d`` and ``kg
kwic -d`` read only the entities they show (on the whole benchmark corpus the pass over
every document took most of ``kg view 李强``'s time).

This module sits in ``kg.export`` rather than ``kg.analysis`` because the page's data
(``kg.export.html``) uses it and imports go one way (export before analysis).
"""

from __future__ import annotations

import csv
import io
import marshal
import re
import sys
import zlib
from array import array
from collections.abc import Callable, Collection, Iterable, Mapping, Sequence
from dataclasses import astuple, dataclass
from pathlib import Path

from kg.errors import KGError, QueryError
from kg.export.csvtext import write_csv
from kg.model import Document, Extraction
from kg.stored_doc import mention_fields
from kg.textwidth import display_width, pad

#: Orders ``sort_rows`` knows.
SORTS = ("doc", "date", "left", "right")

#: Context characters on either side of a mention unless asked otherwise.
DEFAULT_WIDTH = 20

#: The columns of the CSV, one per ``KwicRow`` field.
COLUMNS = ("entity", "doc", "title", "date", "sentence", "start", "end", "left", "mention", "right", "rule")

# C0 and C1 controls and the Unicode line and paragraph separators: one space each.
_CONTROLS = {c: " " for c in (*range(0x20), *range(0x7F, 0xA0), 0x2028, 0x2029)}
# The same characters as a class: finding none is far cheaper than translating, which
# looks every character of a Chinese text up in the table.
_CONTROL = re.compile("[\x00-\x1f\x7f-\x9f\u2028\u2029]")
_DAY = re.compile(r"\d{4}-\d{2}-\d{2}")


@dataclass(frozen=True, slots=True)
class KwicRow:
    """One mention with its context. ``start``/``end`` index the cleaned document text
    (as every offset of kg); ``date`` is the document's date as read; ``rule`` is the
    extraction rule that found the mention (``reference`` for 我市 and the like)."""

    entity: str
    doc: str
    title: str
    date: str
    sentence: int
    start: int
    end: int
    left: str
    mention: str
    right: str
    rule: str


def concordance(
    ex: Extraction,
    entity_id: str,
    width: int = DEFAULT_WIDTH,
    *,
    sort: str = "doc",
    references: bool = True,
    mentions: MentionIndex | None = None,
) -> list[KwicRow]:
    """Every mention of the entity ``entity_id`` with ``width`` characters of context on
    each side, sorted by ``sort`` (see ``SORTS``). ``references=False`` leaves out the
    mentions that only refer to the entity (我市, 该公司), as entities.csv's mention counts
    do. ``mentions``: the build's mention index (``ex`` then needs only the entity's
    documents, for their texts); without it the mentions are found in ``ex``. Raises
    ``QueryError`` for an unknown id, a negative width or an unknown order."""
    try:
        entity = ex.entity(entity_id)
    except KeyError:
        raise QueryError(f"{entity_id}: no entity has this id") from None
    if mentions is None:
        rows = concordances(ex, [entity_id], width, docs=set(entity.documents), references=references)
        return sort_rows(rows.get(entity_id, []), sort)
    _check_width(width)
    rows = mentions.rows(entity_id, {dx.doc.id: dx.doc for dx in ex.docs}, width, references=references)
    return sort_rows(rows, sort)


def concordances(
    ex: Extraction,
    entity_ids: Iterable[str],
    width: int = DEFAULT_WIDTH,
    *,
    docs: Collection[str] | None = None,
    references: bool = True,
) -> dict[str, list[KwicRow]]:
    """The concordance of several entities in one pass over the mentions: entity id ->
    rows in ``doc`` order (entities without a mention are left out). ``docs`` limits the
    pass to those document ids."""
    _check_width(width)
    index = mention_index(ex, entity_ids, docs=docs)
    doc_of = {dx.doc.id: dx.doc for dx in ex.docs}
    out: dict[str, list[KwicRow]] = {}
    for eid in sorted(index.entities()):
        rows = index.rows(eid, doc_of, width, references=references)
        if rows:
            out[eid] = sort_rows(rows, "doc")
    return out


def _check_width(width: int) -> None:
    if width < 0:
        raise QueryError(f"the context width must be 0 or more, not {width}")


# ---------------------------------------------------------------------- the mention index
#: The integers of one mention in a ``MentionIndex`` array, in this order.
FIELDS = ("doc", "start", "end", "sentence", "rule", "plain_rule", "lo", "hi")
_N = len(FIELDS)


class MentionIndex:
    """Every mention of some entities, ``FIELDS`` integers each in one array per entity:
    the document (a number into ``docs``), the span, the sentence, the rule that found
    it (a number into ``rules``), the first rule that is not ``reference`` (-1 when only
    references have the span: 我市 alone) and the bounds its context may not cross (its
    paragraph, see the module docstring). A span found by several rules is one mention,
    under the first rule by name, as ``concordance`` lists it (a span lies in one
    sentence, so the other rules' mentions differ in nothing else).

    An entity's mentions are in the index's document order (``docs``), then by position.
    ``fetch`` (entity ids -> their arrays) reads the arrays of entities not held yet, so
    an index kept in a store reads only the entities asked for."""

    def __init__(
        self,
        docs: Sequence[str],
        rules: Sequence[str],
        arrays: Mapping[str, array] | None = None,
        fetch: Callable[[list[str]], Mapping[str, array]] | None = None,
    ) -> None:
        self.docs = docs
        self.rules = rules
        self._arrays: dict[str, array] = dict(arrays or {})
        self._fetch = fetch

    def entities(self) -> list[str]:
        """The entities held now (those fetched so far when the index is kept elsewhere)."""
        return list(self._arrays)

    def arrays(self, entity_ids: Iterable[str]) -> dict[str, array]:
        """Entity id -> its array, for those of ``entity_ids`` with a mention."""
        wanted = list(dict.fromkeys(entity_ids))
        missing = [e for e in wanted if e not in self._arrays]
        if missing and self._fetch is not None:
            got = self._fetch(missing)
            self._arrays.update((e, got.get(e, array("i"))) for e in missing)  # none: no mention
        return {e: self._arrays[e] for e in wanted if len(self._arrays.get(e, ()))}

    def count(self, entity_id: str) -> int:
        """The number of the entity's mentions (references included)."""
        return len(self.arrays([entity_id]).get(entity_id, ())) // _N

    def rows(
        self,
        entity_id: str,
        doc_of: Mapping[str, Document],
        width: int = DEFAULT_WIDTH,
        *,
        references: bool = True,
        picks: Iterable[int] | None = None,
    ) -> list[KwicRow]:
        """The entity's mentions as rows with ``width`` characters of context, in the
        index's order; ``picks``: only the mentions at those places (references counted);
        ``doc_of`` gives each document (id -> ``Document``, its text included)."""
        a = self.arrays([entity_id]).get(entity_id)
        if a is None:
            return []
        out = []
        for i in range(len(a) // _N) if picks is None else picks:
            d, start, end, sentence, rule, plain, lo, hi = a[i * _N : (i + 1) * _N]
            if not references:
                if plain < 0:
                    continue
                rule = plain
            doc = doc_of[self.docs[d]]
            text = doc.text
            out.append(
                KwicRow(
                    entity=entity_id,
                    doc=doc.id,
                    title=doc.title,
                    date=doc.date,
                    sentence=sentence,
                    start=start,
                    end=end,
                    left=text[max(lo, start - width) : start].translate(_CONTROLS),
                    mention=text[start:end].translate(_CONTROLS),
                    right=text[end : min(hi, end + width)].translate(_CONTROLS),
                    rule=self.rules[rule],
                )
            )
        return out


    def contexts(
        self, entity_id: str, doc_of: Mapping[str, Document], width: int, picks: Iterable[int] | None = None
    ) -> list[tuple[str, int, str, str, str]]:
        """What ``rows`` gives, references included, as ``(doc id, start, left, mention,
        right)`` tuples: the page's concordance tab needs no more, and makes thousands."""
        a = self.arrays([entity_id]).get(entity_id)
        if a is None:
            return []
        docs = self.docs
        view = memoryview(a)  # its slices are views: no array made per mention
        has_control = _CONTROL.search
        out = []
        for i in range(len(a) // _N) if picks is None else picks:
            d, start, end, _sentence, _rule, _plain, lo, hi = view[i * _N : (i + 1) * _N]
            doc_id = docs[d]
            # one slice and one translation for the three parts: the translation maps a
            # character to one character, so the parts keep their places in the window
            first = max(lo, start - width)
            window = doc_of[doc_id].text[first : min(max(hi, end), end + width)]
            if has_control(window):
                window = window.translate(_CONTROLS)
            out.append((doc_id, start, window[: start - first], window[start - first : end - first], window[end - first :]))
        return out


_UNSEEN = object()  # a name not looked up yet


def mention_index(
    ex: Extraction,
    entity_ids: Iterable[str] | None = None,
    *,
    docs: Collection[str] | None = None,
    order: Callable[[Document], object] | None = None,
) -> MentionIndex:
    """The mention index of the entities ``entity_ids`` (every entity when None) in one
    pass over the documents (``docs``: only those ids), in the order ``order`` gives the
    documents (by id when None). Each document's extraction is read once, so a build's
    packed documents are unpacked one at a time."""
    wanted = None if entity_ids is None else set(entity_ids)
    chosen = [dx for dx in ex.docs if docs is None or dx.doc.id in docs]
    chosen.sort(key=(lambda dx: order(dx.doc)) if order is not None else (lambda dx: dx.doc.id))
    rule_no: dict[str, int] = {}
    values: dict[str, list[int]] = {}  # entity -> its integers, made an array at the end
    entity_of = ex.entity_of
    for n, dx in enumerate(chosen):
        doc_id = dx.doc.id
        # document-level name -> the spans of its corpus entity (None: no entity wanted)
        of: dict[str, dict[tuple[int, int], list] | None] = {}
        found: dict[str, dict[tuple[int, int], list]] = {}  # entity -> span -> [rule, sentence, plain rule]
        mentions, sentences = mention_fields(dx)
        for start, end, sentence, rule, key in mentions:
            spans = of.get(key, _UNSEEN)
            if spans is _UNSEEN:
                eid = entity_of.get((doc_id, key), "")
                if not eid or (wanted is not None and eid not in wanted):
                    spans = None
                else:
                    spans = found.get(eid)
                    if spans is None:
                        spans = found[eid] = {}
                of[key] = spans
            if spans is None:
                continue
            span = (start, end)
            got = spans.get(span)
            if got is None:
                spans[span] = [rule, sentence, None if rule == "reference" else rule]
                continue
            if rule < got[0]:
                got[0], got[1] = rule, sentence
            if rule != "reference" and (got[2] is None or rule < got[2]):
                got[2] = rule
        if not found:
            continue
        bounds = _paragraph_bounds(sentences)
        whole = (0, len(dx.doc.text))
        for eid, spans in found.items():
            out = values.get(eid)
            if out is None:
                out = values[eid] = []
            for (start, end), (rule, sentence, plain) in sorted(spans.items()):
                lo, hi = bounds.get(sentence, whole)
                r = rule_no.get(rule)
                if r is None:
                    r = rule_no[rule] = len(rule_no)
                if plain is None:
                    p = -1
                else:
                    p = rule_no.get(plain)
                    if p is None:
                        p = rule_no[plain] = len(rule_no)
                out += (n, start, end, sentence, r, p, lo if lo < start else start, hi if hi > end else end)
    arrays = {eid: array("i", out) for eid, out in values.items()}
    return MentionIndex([dx.doc.id for dx in chosen], list(rule_no), arrays)


def encode_mentions(index: MentionIndex) -> tuple[bytes, list[tuple[str, bytes]]]:
    """``index`` as bytes to keep: a head (its documents and rules) and one value per
    entity (its array, little-endian, compressed when that saves a tenth or more)."""
    head, rows = raw_mentions(index)
    return head, [(eid, mention_value(raw)) for eid, raw in rows]


def raw_mentions(index: MentionIndex) -> tuple[bytes, list[tuple[str, bytes]]]:
    """``encode_mentions(index)`` with each entity's array as its little-endian bytes, not
    yet made a value (``mention_value``): a build keeps only the rows that changed, told
    by a digest of these bytes, and compresses those alone."""
    head = marshal.dumps((list(index.docs), list(index.rules)), 4)
    rows = []
    for eid in sorted(index.entities()):
        a = index.arrays([eid]).get(eid)
        if a is None:
            continue
        if sys.byteorder == "big":
            a = array("i", a)
            a.byteswap()
        rows.append((eid, a.tobytes()))
    return head, rows


def mention_value(raw: bytes) -> bytes:
    """The kept value of an entity's array bytes ``raw``: compressed when that saves a tenth or more."""
    small = zlib.compress(raw, 1)
    return b"z" + small if len(small) * 10 <= len(raw) * 9 else b"r" + raw


def decode_mentions(head: bytes, fetch: Callable[[list[str]], Mapping[str, bytes]], source: str) -> MentionIndex:
    """The index ``encode_mentions`` kept, reading an entity's value through ``fetch``
    (entity ids -> values) when it is first asked for. Bytes that are not such an index
    are a ``KGError`` naming ``source`` (where they were kept) that says to build again."""

    def damaged(e: Exception) -> KGError:
        return KGError(f"{source}: the kept mention index cannot be read ({e}); run kg build again")

    try:
        docs, rules = marshal.loads(head)
    except (EOFError, TypeError, ValueError) as e:
        raise damaged(e) from e

    def arrays(ids: list[str]) -> dict[str, array]:
        out = {}
        for eid, blob in fetch(ids).items():
            try:
                raw = zlib.decompress(blob[1:]) if blob[:1] == b"z" else blob[1:]
                a = array("i")
                a.frombytes(raw)
            except (zlib.error, ValueError) as e:
                raise damaged(e) from e
            if len(a) % _N:
                raise damaged(ValueError(f"{eid}: {len(a)} integers"))
            if sys.byteorder == "big":
                a.byteswap()
            out[eid] = a
        return out

    return MentionIndex(docs, rules, fetch=arrays)


def _paragraph_bounds(sentences: Iterable[tuple[int, int, int, int]]) -> dict[int, tuple[int, int]]:
    """Sentence index -> (first start, last end) of its paragraph; ``sentences``: the
    (index, start, end, paragraph) of a document's sentences (``mention_fields``)."""
    para_of: dict[int, int] = {}
    spans: dict[int, tuple[int, int]] = {}
    for index, start, end, para in sentences:
        para_of[index] = para
        got = spans.get(para)
        if got is None:
            spans[para] = (start, end)
        elif start < got[0] or end > got[1]:
            spans[para] = (min(got[0], start), max(got[1], end))
    return {i: spans[para] for i, para in para_of.items()}


def day(date: str) -> str:
    """A document date as a sortable ``yyyy-mm-dd``, or ``""`` (the readers normalise the
    dates they can; any other stays unsorted, after the dated ones)."""
    return date[:10] if _DAY.fullmatch(date[:10]) else ""


def sort_rows(rows: Iterable[KwicRow], by: str = "doc") -> list[KwicRow]:
    """``rows`` in the order ``by`` (see the module docstring); ties by document and
    position, so the order is total."""
    if by not in SORTS:
        raise QueryError(f"{by}: not a concordance order; use one of {', '.join(SORTS)}")

    def place(r: KwicRow) -> tuple[str, int, int, str]:
        return (r.doc, r.start, r.end, r.entity)

    keys = {
        "doc": place,
        "date": lambda r: (not day(r.date), day(r.date), *place(r)),
        "left": lambda r: (r.left[::-1], *place(r)),
        "right": lambda r: (r.right, *place(r)),
    }
    return sorted(rows, key=keys[by])


def write_kwic_csv(rows: Iterable[KwicRow], path: str | Path, *, excel: bool = False) -> None:
    """The rows as CSV with a header (``COLUMNS``); ``excel`` as for the other tables."""
    write_csv(path, COLUMNS, (astuple(r) for r in rows), excel=excel)


def kwic_csv(rows: Iterable[KwicRow], *, excel: bool = False) -> str:
    """The CSV of ``write_kwic_csv`` as a string (for standard output); with ``excel``
    it starts with the byte-order mark as a character."""
    out = io.StringIO()
    if excel:
        out.write("\ufeff")
    w = csv.writer(out, lineterminator="\r\n" if excel else "\n")
    w.writerow(COLUMNS)
    w.writerows(astuple(r) for r in rows)
    return out.getvalue()


def table_lines(
    rows: Sequence[KwicRow], *, header: Sequence[str] = ("date", "document", "left", "mention", "right")
) -> list[str]:
    """The rows as text lines aligned by display width: date, document, the left context
    flush right, the mention, the right context; a header line first."""
    cells = [(r.date, r.doc, r.left, r.mention, r.right) for r in rows]
    widths = [max([display_width(h), *(display_width(c[i]) for c in cells)]) for i, h in enumerate(header)]
    flush_right = (False, False, True, False, False)

    def line(values: Sequence[str]) -> str:
        return "  ".join(pad(v, w, fr) for v, w, fr in zip(values, widths, flush_right)).rstrip()

    return [line(header), *(line(c) for c in cells)]
