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

This module sits in ``kg.export`` rather than ``kg.analysis`` because the page's data
(``kg.export.html``) uses it and imports go one way (export before analysis).
"""

from __future__ import annotations

import csv
import io
import re
from collections.abc import Collection, Iterable, Sequence
from dataclasses import astuple, dataclass
from pathlib import Path

from kg.errors import QueryError
from kg.export.tables import write_csv
from kg.model import DocExtraction, Extraction, Mention
from kg.textwidth import display_width, pad

#: Orders ``sort_rows`` knows.
SORTS = ("doc", "date", "left", "right")

#: Context characters on either side of a mention unless asked otherwise.
DEFAULT_WIDTH = 20

#: The columns of the CSV, one per ``KwicRow`` field.
COLUMNS = ("entity", "doc", "title", "date", "sentence", "start", "end", "left", "mention", "right", "rule")

# C0 and C1 controls and the Unicode line and paragraph separators: one space each.
_CONTROLS = {c: " " for c in (*range(0x20), *range(0x7F, 0xA0), 0x2028, 0x2029)}
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
    ex: Extraction, entity_id: str, width: int = DEFAULT_WIDTH, *, sort: str = "doc", references: bool = True
) -> list[KwicRow]:
    """Every mention of the entity ``entity_id`` with ``width`` characters of context on
    each side, sorted by ``sort`` (see ``SORTS``). ``references=False`` leaves out the
    mentions that only refer to the entity (我市, 该公司), as entities.csv's mention counts
    do. Raises ``QueryError`` for an unknown id, a negative width or an unknown order."""
    try:
        entity = ex.entity(entity_id)
    except KeyError:
        raise QueryError(f"{entity_id}: no entity has this id") from None
    docs = set(entity.documents)
    rows = concordances(ex, [entity_id], width, docs=docs, references=references).get(entity_id, [])
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
    if width < 0:
        raise QueryError(f"the context width must be 0 or more, not {width}")
    wanted = set(entity_ids)
    out: dict[str, list[KwicRow]] = {}
    for dx in sorted(ex.docs, key=lambda dx: dx.doc.id):
        if docs is not None and dx.doc.id not in docs:
            continue
        of: dict[str, str] = {}  # document-level name -> corpus entity id
        found: dict[str, list[Mention]] = {}
        for m in dx.mentions:
            eid = of.get(m.key)
            if eid is None:
                eid = of[m.key] = ex.entity_of.get((dx.doc.id, m.key), "")
            if eid in wanted and (references or m.rule != "reference"):
                found.setdefault(eid, []).append(m)
        if found:
            bounds = _paragraphs(dx)
            for eid, ms in found.items():
                out.setdefault(eid, []).extend(_rows(dx, eid, ms, bounds, width))
    return {eid: sort_rows(rows, "doc") for eid, rows in sorted(out.items())}


def _paragraphs(dx: DocExtraction) -> tuple[dict[int, int], dict[int, tuple[int, int]]]:
    """Sentence index -> paragraph, and paragraph -> (first start, last end)."""
    para_of = {}
    spans: dict[int, tuple[int, int]] = {}
    for s in dx.sentences:
        para_of[s.index] = s.paragraph
        lo, hi = spans.get(s.paragraph, (s.start, s.end))
        spans[s.paragraph] = (min(lo, s.start), max(hi, s.end))
    return para_of, spans


def _rows(
    dx: DocExtraction,
    eid: str,
    mentions: Sequence[Mention],
    bounds: tuple[dict[int, int], dict[int, tuple[int, int]]],
    width: int,
) -> list[KwicRow]:
    para_of, spans = bounds
    text = dx.doc.text
    doc = dx.doc
    seen = set()
    rows = []
    for m in sorted(mentions, key=lambda m: (m.start, m.end, m.rule)):
        if (m.start, m.end) in seen:
            continue
        seen.add((m.start, m.end))
        para = para_of.get(m.sentence)
        lo, hi = spans[para] if para is not None else (0, len(text))
        lo, hi = min(lo, m.start), max(hi, m.end)
        rows.append(
            KwicRow(
                entity=eid,
                doc=doc.id,
                title=doc.title,
                date=doc.date,
                sentence=m.sentence,
                start=m.start,
                end=m.end,
                left=text[max(lo, m.start - width) : m.start].translate(_CONTROLS),
                mention=text[m.start : m.end].translate(_CONTROLS),
                right=text[m.end : min(hi, m.end + width)].translate(_CONTROLS),
                rule=m.rule,
            )
        )
    return rows


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
