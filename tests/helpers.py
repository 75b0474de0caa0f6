"""Shared helpers for tests: run the per-document step on a small text; check that a
resource file is refused with a clear error."""

from __future__ import annotations

import filecmp
from collections.abc import Callable
from functools import lru_cache
from pathlib import Path

import pytest

from kg.config import Settings
from kg.errors import ResourceError
from kg.model import DocExtraction, Document
from kg.pipeline import Tools, extract_document, make_tools


@lru_cache(maxsize=2)
def tools(backend: str = "rjieba") -> Tools:
    return make_tools(Settings(backend=backend))


def extract(text: str, doc_id: str = "t", backend: str = "rjieba") -> DocExtraction:
    return extract_document(Document(id=doc_id, text=text), tools(backend))


def entities(text: str) -> set[tuple[str, str]]:
    """(name, type) of the document-level entities found in ``text``."""
    return {(e.name, e.type) for e in extract(text).entities}


def forms(text: str) -> dict[str, set[str]]:
    """Entity name -> all its forms."""
    return {e.name: {e.name, *e.aliases} for e in extract(text).entities}


def relations(text: str) -> set[tuple[str, str, str]]:
    return {(r.head, r.type, r.tail) for r in extract(text).relations}


def refuses(load: Callable[[Path], object], path: Path, text: str, message: str) -> None:
    """Write ``text`` to ``path`` (UTF-8); loading it with ``load`` must raise a
    ``ResourceError`` whose message matches the regular expression ``message``."""
    path.write_text(text, encoding="utf-8")
    with pytest.raises(ResourceError, match=message):
        load(path)


def write_stories(folder: Path, stories: dict[str, str]) -> Path:
    """A corpus folder of one UTF-8 file per story (name -> text)."""
    folder.mkdir(parents=True, exist_ok=True)
    for name, text in stories.items():
        (folder / name).write_text(text, encoding="utf-8")
    return folder


def same_export(a: Path, b: Path) -> None:
    """The files of two export folders are the same, byte for byte (subfolders aside)."""
    names = sorted(p.name for p in a.iterdir() if p.is_file())
    assert names == sorted(p.name for p in b.iterdir() if p.is_file())
    _match, mismatch, errors = filecmp.cmpfiles(a, b, names, shallow=False)
    assert not mismatch and not errors, mismatch
