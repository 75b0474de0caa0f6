"""Readers: input paths to cleaned ``Document`` values, and one ``FileRecord`` per path.

The format of a file is chosen by its content, never by its extension:

1. gzip magic bytes: decompressed as it is read, up to ``max_input_bytes``
   (:mod:`kg.read.raw`); a truncated archive keeps what comes before the cut;
2. UTF-16 (with a byte order mark, or told by its NUL bytes), else binary content is an
   error, else UTF-8 or GB18030, a few bad bytes replaced by U+FFFD;
3. records (:mod:`kg.read.records`): JSON lines, a JSON array or object, CSV or TSV with a
   header row, one document per record, fields found by name (``text``, ``content``,
   ``正文`` … or the names the settings give);
4. otherwise one document: YAML front matter (``---`` … ``---``), then an HTML body
   stripped of markup, a Markdown body, or plain text (a PDF dump gets its broken lines
   rejoined), see :mod:`kg.read.markup`.

Each document's text is cleaned (:func:`kg.read.text.clean_text`), which fixes the offset
space for every later stage; records are parsed first and cleaned one by one. Folders are
walked by :mod:`kg.read.walk` and document ids made unique by :mod:`kg.read.ids`.

Bad input never raises. Every path gets a ``FileRecord``: ``ok``; ``partial`` (records
skipped or repaired, bad bytes replaced, data cut: the reason says what and where);
``error`` (nothing read: the reason says why); ``skipped`` (not a file to read: hidden,
a socket, a broken link, a folder that cannot be opened, a link loop). A file that looks
like records but has no text field is read as plain text with a ``warning``.
"""

from __future__ import annotations

import hashlib
import os
import re
from collections.abc import Sequence
from dataclasses import dataclass, replace
from pathlib import Path

from kg.config import Settings
from kg.errors import InputError
from kg.model import Document, FileRecord
from kg.read.dates import document_date, year_from_path
from kg.read.ids import IdKey, stem, unique_ids
from kg.read.markup import as_str, as_tuple, body_to_text, date_from_head, iso_date, split_front_matter
from kg.read.raw import decode, read_raw
from kg.read.records import Records, field_names, read_records
from kg.read.text import clean_text, find_furniture
from kg.read.walk import Entry, entry_for, show, walk

__all__ = ["read_file", "read_inputs"]

#: At most this many skipped or repaired records are named in a reason.
_REASON_DETAILS = 5
_SURROGATE_RE = re.compile("[\ud800-\udfff]")
#: Formats whose documents are records of a file: its name is no date for each of them.
_RECORD_FORMATS = frozenset({"jsonl", "json", "csv", "tsv"})

# --------------------------------------------------------------------------- public API


def read_inputs(
    paths: Sequence[str | Path], settings: Settings | None = None
) -> tuple[list[Document], list[FileRecord]]:
    """Read files and folders into documents, with one record per path met.

    Folders are walked recursively (:func:`kg.read.walk.walk`): symbolic links to folders
    are followed once, hidden files and folders are not read, and every path not read is
    recorded as ``skipped`` with the reason. A path that does not exist gets an error
    record. A file reached twice under one path is read once; under two paths (a link),
    the second is recorded as ``skipped``.

    Args:
        paths: Files and folders.
        settings: Field names and the input size cap (defaults when None).

    Returns:
        The documents sorted by path (records of one file in file order), their ids
        unique, and the records sorted by path. ``FileRecord.path`` is the path as given,
        or joined with the given folder, in POSIX form, escaped where it is not UTF-8 or
        holds control characters (:func:`kg.read.walk.show`).
    """
    settings = settings or Settings()
    names = field_names(settings)
    entries: list[Entry] = []
    records: list[FileRecord] = []
    for given in paths:
        root = Path(given)
        if root.is_dir():
            entries.extend(walk(root))
        elif root.exists() or root.is_symlink():
            entries.append(entry_for(root))
        else:
            records.append(FileRecord(path=show(root), status="error", reason="no such file or directory"))
    seen: set[str] = set()
    read_as: dict[str, str] = {}
    found: list[tuple[Document, IdKey]] = []
    for entry in entries:
        if entry.shown in seen:
            continue
        seen.add(entry.shown)
        if entry.skipped:
            records.append(FileRecord(path=entry.shown, status="skipped", reason=entry.skipped))
            continue
        real = os.path.realpath(entry.path)
        if real in read_as:
            reason = f"same file as {read_as[real]}, read there"
            records.append(FileRecord(path=entry.shown, status="skipped", reason=reason))
            continue
        read_as[real] = entry.shown
        pairs, record = _read_entry(entry, settings, names)
        found.extend(pairs)
        records.append(record)
    found.sort(key=lambda pair: pair[0].path)
    records.sort(key=lambda r: r.path)
    return _with_unique_ids(found), records


def read_file(path: str | Path, settings: Settings | None = None) -> tuple[list[Document], FileRecord]:
    """Read one file into documents; bad input gives an error record, never an exception.

    Args:
        path: The file.
        settings: Field names and the input size cap (defaults when None).

    Returns:
        The documents of the file (several for records; their ids unique) and its record:
        ``ok``, ``partial`` (the reason says what was skipped, repaired or cut) or
        ``error`` (the reason says why nothing was read).
    """
    settings = settings or Settings()
    path = Path(path)
    entry = Entry(path, show(path), show(path.name))
    pairs, record = _read_entry(entry, settings, field_names(settings))
    return _with_unique_ids(pairs), record


def _with_unique_ids(pairs: list[tuple[Document, IdKey]]) -> list[Document]:
    ids = unique_ids([key for _doc, key in pairs])
    return [doc if doc.id == new else replace(doc, id=new) for (doc, _key), new in zip(pairs, ids)]


# --------------------------------------------------------------------------- one file


@dataclass
class _Result:
    """What a file gave: documents with their id keys, and what its record says."""

    pairs: list[tuple[Document, IdKey]]
    format: str
    encoding: str
    reason: str = ""
    fields: tuple[tuple[str, str], ...] = ()
    warning: str = ""


def _read_entry(
    entry: Entry, settings: Settings, names: dict[str, tuple[str, ...]]
) -> tuple[list[tuple[Document, IdKey]], FileRecord]:
    shown = entry.shown
    try:
        result = _read(entry, settings, names)
    except InputError as exc:
        return [], FileRecord(path=shown, status="error", reason=_one_line(exc.reason))
    except OSError as exc:
        reason = f"cannot read file: {exc.strerror or exc}"
        return [], FileRecord(path=shown, status="error", reason=_one_line(reason))
    except Exception as exc:  # noqa: BLE001 - one odd file must not stop a corpus run
        return [], FileRecord(path=shown, status="error", reason=_one_line(f"{type(exc).__name__}: {exc}"))
    record = FileRecord(
        path=shown,
        status="partial" if result.reason else "ok",
        reason=result.reason,
        format=result.format,
        encoding=result.encoding,
        documents=len(result.pairs),
        fields=result.fields,
        warning=result.warning,
    )
    return result.pairs, record


def _one_line(message: str) -> str:
    """A message on one line, with nothing that cannot be written as UTF-8."""
    return " ".join(_SURROGATE_RE.sub("\ufffd", message).split())


def _read(entry: Entry, settings: Settings, names: dict[str, tuple[str, ...]]) -> _Result:
    """Documents and record fields of one file; raises InputError or OSError."""
    path, shown = entry.path, entry.shown
    if not path.is_file():
        raise InputError(shown, "not a regular file")
    raw = read_raw(path, shown, settings.max_input_bytes)
    notes = [raw.cut] if raw.cut else []
    if not raw.data.strip():
        raise InputError(shown, "; ".join(["empty file", *notes]))
    text, encoding, bad = decode(raw.data, shown, cut=bool(raw.cut))
    if raw.gzipped:
        encoding += "+gzip"
    if bad:
        notes.insert(0, f"{bad} undecodable byte{'s' if bad > 1 else ''} replaced by U+FFFD")
    base = stem(shown)

    records = read_records(text, names, cut=bool(raw.cut))
    if isinstance(records, Records):
        return _from_records(records, entry, base, encoding, notes)

    text = clean_text(text)
    if not text:
        raise InputError(shown, "; ".join(["empty file", *notes]))
    meta: dict[str, object] = {}
    body = text
    split = split_front_matter(text)
    if split is not None:
        meta, body = split
    body_text, fmt, html_title, html_date = body_to_text(body, front_matter=split is not None, cleaned=split is None)
    if not body_text:
        raise InputError(shown, "; ".join(["no text after removing markup", *notes]))
    document = _document(
        doc_id=base,
        text=body_text,
        path=shown,
        title=as_str(meta.get("title")) or html_title,
        date=iso_date(as_str(meta.get("date"))) or html_date or date_from_head(body_text),
        source=as_str(meta.get("source")),
        categories=as_tuple(meta.get("categories", meta.get("category"))),
        tags=as_tuple(meta.get("tags")),
        fmt=fmt,
        encoding=encoding,
    )
    key = IdKey(base=base, rel=entry.rel, shown=shown)
    return _Result([(document, key)], fmt, encoding, "; ".join(notes), warning=records)


def _from_records(records: Records, entry: Entry, base: str, encoding: str, notes: list[str]) -> _Result:
    """Documents of a file read as records, and the reason that names what was not read."""
    shown = entry.shown
    pairs = []
    for item in records.items:
        document = _document(
            doc_id=item.record_id or f"{base}#{item.line}",
            text=item.text,
            path=shown,
            title=item.title,
            date=item.date,
            source=item.source,
            categories=item.categories,
            tags=item.tags,
            fmt=records.format,
            encoding=encoding,
        )
        key = IdKey(
            base=document.id, rel=entry.rel, shown=shown, line=item.line, given=bool(item.record_id)
        )
        pairs.append((document, key))
    skipped = _details(records.skipped)
    if not pairs:
        what = f"no valid records: {skipped}" if skipped else "no records"
        raise InputError(shown, "; ".join([what, *notes]))
    if records.skipped:
        notes.append(f"{len(records.skipped)} of {records.total} records skipped: {skipped}")
    if records.repaired:
        n = len(records.repaired)
        notes.append(f"{n} record{'s' if n > 1 else ''} repaired: {_details(records.repaired)}")
    return _Result(pairs, records.format, encoding, "; ".join(notes), records.fields())


def _details(problems: list[str]) -> str:
    return "; ".join(problems[:_REASON_DETAILS]) + ("; …" if len(problems) > _REASON_DETAILS else "")


def _document(
    *,
    doc_id: str,
    text: str,
    path: str,
    title: str,
    date: str,
    source: str,
    categories: tuple[str, ...],
    tags: tuple[str, ...],
    fmt: str,
    encoding: str,
) -> Document:
    # Page furniture (page headers with editors, imprint lines, jump markers) is kept out of
    # extraction: it names the paper's staff and address, not what the article is about.
    excluded = tuple((s, e) for s, e, _kind in find_furniture(text))
    # no date in the metadata or the page header: a dateline or a date at the head of the
    # text, the year of a dateline taken from the file's name or folder when needed (a
    # records file's name is no date for each of its records, only a year hint)
    if not date:
        if fmt in _RECORD_FORMATS:
            date = document_date(text, year_hint=year_from_path(path))
        else:
            date = document_date(text, path=path)
    return Document(
        id=doc_id,
        text=text,
        path=path,
        title=title,
        date=date,
        source=source,
        categories=categories,
        tags=tags,
        format=fmt,
        encoding=encoding,
        excluded=excluded,
        content_hash=hashlib.sha256(text.encode("utf-8")).hexdigest()[:16],
    )
