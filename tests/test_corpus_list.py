"""Tests of kg.corpus_list beside the builds of tests/test_incremental.py: a list read
back gives the documents it was written from, as documents or as rows."""

from __future__ import annotations

from kg.config import Settings
from kg.corpus_list import document_of, read_corpus_list, write_corpus_list
from kg.model import Document, FileRecord

DOCS = [
    Document("a", "太原市委书记韦韬到太原调研。", path="in/a.txt", title="调研", date="2024-01-02",
             excluded=((0, 2),), content_hash="k1", script="simplified"),
    Document("b", "山西省省长金湘军在晋中市。", path="in/b.txt", categories=("时政",), tags=("山西",),
             content_hash="k2", script="simplified"),
]


def test_rows_read_raw_make_the_documents_with_their_texts(tmp_path):
    write_corpus_list(tmp_path, documents=DOCS, keys={"a": "k1", "b": "k2"}, files=[FileRecord("in", "ok")],
                      settings=Settings(), data_dir=None, fingerprint="f", export="e")
    made = read_corpus_list(tmp_path)
    assert [(d.id, k) for d, k in made.documents] == [("a", "k1"), ("b", "k2")]
    assert all(d.text == "" for d, _k in made.documents)
    raw = read_corpus_list(tmp_path, raw=True)
    assert [row[:2] for row in raw.documents] == [["a", "k1"], ["b", "k2"]]
    assert [document_of(row, doc.text) for row, doc in zip(raw.documents, DOCS)] == DOCS
    assert raw.export == made.export == "e" and raw.files == made.files
    assert read_corpus_list(tmp_path, header_only=True, raw=True).documents == []
