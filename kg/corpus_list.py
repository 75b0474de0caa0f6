"""The corpus list of an export: which documents a build used, so commands can read
the build's extraction store (:mod:`kg.extraction_store`) without the inputs.

``OUT/.kg-corpus.jsonl`` is written with the other exports and replaced with them (it is
one of ``kg.pipeline.build_outputs()``), so it always describes the export beside it.
Its first line is a header: the extraction fingerprint the results are stored under,
the settings and data source that shaped them (``kg analyze -d`` and ``kg view -d`` load
the same resources for the merge), the *export key* (below), every input file's
manifest record, and the name and size of every file of the export. Each other line is
one document, in build order: id, content hash, path, title, date, source, categories,
tags, format, encoding, excluded spans and script; with the text from the store that
is the whole ``Document``.

The **export key** is a hash of everything the export is a function of: the corpus list
itself, every setting, the source of the whole kg package and its data, and the software
versions. A build whose key equals the one of the export in place, with every file
present at its size, has nothing to write (``kg build`` reports it up to date). The
file is deterministic (no times, no absolute paths but those the user gave), so a warm,
an incremental and a cold build write the same bytes.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Sequence
from dataclasses import asdict, dataclass
from pathlib import Path

from kg.config import Settings
from kg.errors import KGError
from kg.model import Document, FileRecord

__all__ = ["CORPUS_FILE", "CorpusList", "document_of", "export_key", "read_corpus_list", "up_to_date", "write_corpus_list"]

CORPUS_FILE = ".kg-corpus.jsonl"
_FORMAT = 1
#: The settings that shape extraction, kept so -d commands extract nothing yet merge alike.
_EXTRACTION_SETTINGS = ("backend", "ner", "max_cooccurrence_entities", "user_dict")


@dataclass
class CorpusList:
    fingerprint: str
    export: str
    settings: dict
    data_dir: dict
    files: list[FileRecord]
    documents: list[tuple[Document, str]]  # (document without its text, store key)
    outputs: dict[str, int]


def _doc_row(doc: Document, key: str) -> list:
    return [doc.id, key, doc.path, doc.title, doc.date, doc.source, list(doc.categories), list(doc.tags),
            doc.format, doc.encoding, [list(x) for x in doc.excluded], doc.script]


def _doc_of(row: list, text: str = "") -> tuple[Document, str]:
    i, key, path, title, date, source, cats, tags, fmt, enc, excluded, script = row
    return Document(id=i, text=text, path=path, title=title, date=date, source=source, categories=tuple(cats),
                    tags=tuple(tags), format=fmt, encoding=enc, excluded=tuple(tuple(x) for x in excluded),
                    content_hash=key, script=script), key


def document_of(row: list, text: str) -> Document:
    """The document of a row of a corpus list read with ``raw`` (``read_corpus_list``),
    with its ``text``."""
    return _doc_of(row, text)[0]


def _data_dir(data_dir: object) -> dict:
    from kg.resources import DataSource

    if data_dir is None:
        return {}
    source = DataSource.of(data_dir)  # type: ignore[arg-type]
    return {"overlay": source.overlay, "user_dicts": list(source.user_dicts)}


def export_key(documents: Sequence[Document], keys: Sequence[str], files: Sequence[FileRecord],
               settings: Settings, data_dir: object, fingerprint: str, code: str | None = None) -> str:
    """The hash of everything the export of a build is made from (see the module doc);
    ``code``: ``code_fingerprint()`` when the caller has it already."""
    from kg.extraction_store import code_fingerprint
    from kg.pipeline import software_versions

    h = hashlib.sha256()
    head = {"fingerprint": fingerprint, "settings": settings.as_dict(), "data_dir": _data_dir(data_dir),
            "code": code or code_fingerprint(), "versions": software_versions(),
            "files": [asdict(f) for f in files]}
    h.update(json.dumps(head, sort_keys=True, ensure_ascii=False).encode())
    for doc, key in zip(documents, keys):
        h.update(json.dumps(_doc_row(doc, key), ensure_ascii=False).encode())
    return h.hexdigest()


def write_corpus_list(folder: Path, *, documents: Sequence[Document], keys: dict[str, str],
                      files: Sequence[FileRecord], settings: Settings, data_dir: object, fingerprint: str,
                      export: str) -> None:
    """Write ``folder/CORPUS_FILE`` last of the export: it lists the sizes of the others.
    ``keys``: document id -> store key."""
    outputs = {p.name: p.stat().st_size for p in sorted(folder.iterdir()) if p.is_file() and p.name != CORPUS_FILE}
    head = {
        "kg_corpus": _FORMAT,
        "fingerprint": fingerprint,
        "export": export,
        "settings": {k: getattr(settings, k) for k in _EXTRACTION_SETTINGS},
        "data_dir": _data_dir(data_dir),
        "files": [asdict(f) for f in files],
        "outputs": outputs,
    }
    with open(folder / CORPUS_FILE, "w", encoding="utf-8", newline="\n") as f:
        f.write(json.dumps(head, ensure_ascii=False, sort_keys=True) + "\n")
        for doc in documents:
            f.write(json.dumps(_doc_row(doc, keys[doc.id]), ensure_ascii=False) + "\n")


def read_corpus_list(outdir: str | Path, *, header_only: bool = False, raw: bool = False) -> CorpusList:
    """The corpus list of the export in ``outdir``; a ``KGError`` naming the file when it
    is missing (not built by this kg with a store) or unreadable. With ``raw``, its
    ``documents`` are the rows as read, each a list opening with the document's id and
    store key (``document_of`` makes a row a document): a reader that needs a few of
    them, with their texts, makes only those, once (``kg view -d``)."""
    from kg.errors import show_path

    path = Path(outdir) / CORPUS_FILE
    shown = show_path(outdir)
    try:
        with open(path, encoding="utf-8") as f:
            head = json.loads(f.readline())
            if not isinstance(head, dict) or head.get("kg_corpus") != _FORMAT:
                raise ValueError("not a corpus list of this kg")
            rows = [] if header_only else [json.loads(line) for line in f] if raw else [
                _doc_of(json.loads(line)) for line in f]
        files = [FileRecord(**{**r, "fields": tuple(tuple(x) for x in r.get("fields", ()))}) for r in head["files"]]
    except FileNotFoundError:
        raise KGError(f"{shown}: not a kg build with an extraction store ({CORPUS_FILE} missing); "
                      f"run kg build -o {shown} first") from None
    except (OSError, ValueError, KeyError, TypeError) as e:
        raise KGError(f"{show_path(path)}: cannot read: {e}".splitlines()[0]) from e
    return CorpusList(head["fingerprint"], head["export"], head["settings"], head["data_dir"], files, rows,
                      head["outputs"])


def up_to_date(outdir: str | Path, export: str) -> CorpusList | None:
    """The corpus list of ``outdir`` if its export key is ``export`` and every file it
    lists is there at its size, else None."""
    try:
        cl = read_corpus_list(outdir, header_only=True)
    except KGError:
        return None
    if cl.export != export:
        return None
    for name, size in cl.outputs.items():
        p = Path(outdir) / name
        if not p.is_file() or p.stat().st_size != size:
            return None
    return cl
