"""Tests of kg.extract.packed: the packed form of a document's extraction, importable
without the extraction's engines (its round trips are tested in tests/test_document.py)."""

from __future__ import annotations

import subprocess
import sys

from kg.extract import document, packed


def test_the_packed_form_loads_without_the_engines():
    code = ("import sys, kg.extract.packed, kg.stored_doc, kg.extraction_store\n"
            "print(sorted(m for m in sys.modules if m in ('kg.extract.entities', 'kg.extract.document',"
            " 'kg.extract.relations', 'kg.extract.segment')))")
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert done.stdout.strip() == "[]"


def test_the_step_gives_the_same_functions():
    for name in ("Packed", "pack", "unpack", "with_field"):
        assert getattr(document, name) is getattr(packed, name)
