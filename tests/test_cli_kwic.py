"""Tests of ``kg kwic`` (kg.cli.kwic) through click's CliRunner, on the fixture corpus and
small texts written here."""

from __future__ import annotations

import csv
import io
import sqlite3

import pytest
from test_cli import FIXTURE_CORPUS, _option_strings

from kg.cli import kwic, main
from kg.cli.kwic import KWIC_SORTS
from kg.export.kwic import COLUMNS, SORTS
from kg.textwidth import display_width

REFERENCES = "晋中市召开转型发展大会。\n\n我市将推动煤炭企业绿色发展，全市上下要抓落实。\n"


def _csv(text: str) -> list[dict[str, str]]:
    return list(csv.DictReader(io.StringIO(text.removeprefix("\ufeff"))))


def test_help_mentions_every_option(runner) -> None:
    result = runner.invoke(main, ["kwic", "--help"])
    assert result.exit_code == 0, result.output
    for opt in _option_strings(kwic):
        assert opt in result.output, opt
    assert "ENTITY" in result.output and "INPUTS" in result.output
    assert "kwic" in runner.invoke(main, ["--help"]).output


def test_the_orders_offered_are_the_library_s() -> None:
    assert KWIC_SORTS == SORTS


def test_the_table_lists_every_mention_with_the_mentions_aligned(runner) -> None:
    result = runner.invoke(main, ["kwic", "常书铭", str(FIXTURE_CORPUS), "--width", "8", "--sort", "date"])
    assert result.exit_code == 0, result.stderr
    lines = result.stdout.splitlines()
    assert lines[0].split() == ["date", "document", "left", "mention", "right"]
    rows = lines[1:]
    # c_local is dated (2024-03-02) and comes first; b_expo has no date
    assert [line.split()[0] for line in rows] == ["2024-03-02", "b_expo"]
    assert "晋中市委书记" in rows[0] and "到寿阳县调研。他" in rows[0]  # 8 characters each side
    assert "出席开幕式。" in rows[1]  # the right context stops at the end of the paragraph
    columns = {display_width(line[: line.index("常书铭")]) for line in rows}
    assert len(columns) == 1
    assert result.stderr.strip() == "kg: 常书铭 (Person, person/常书铭): 2 mentions in 2 documents"


def test_csv_to_a_file_and_to_standard_output(runner, tmp_path) -> None:
    out = tmp_path / "k" / "kwic.csv"
    result = runner.invoke(main, ["kwic", "常书铭", str(FIXTURE_CORPUS), "--csv", str(out)])
    assert result.exit_code == 0, result.stderr
    assert result.stdout == ""
    assert str(out) in result.stderr or out.name in result.stderr
    text = out.read_text(encoding="utf-8")
    assert text.splitlines()[0] == ",".join(COLUMNS)
    rows = _csv(text)
    assert [(r["doc"], r["mention"]) for r in rows] == [("b_expo", "常书铭"), ("c_local", "常书铭")]
    for r in rows:
        source = next(FIXTURE_CORPUS.glob(r["doc"] + ".*")).read_text(encoding="utf-8")
        assert r["left"] + r["mention"] + r["right"] in source
        assert int(r["end"]) - int(r["start"]) == len(r["mention"])
    piped = runner.invoke(main, ["kwic", "常书铭", str(FIXTURE_CORPUS), "--csv", "-", "-q"])
    assert piped.exit_code == 0 and piped.stderr == ""
    assert piped.stdout == text
    excel = runner.invoke(main, ["kwic", "常书铭", str(FIXTURE_CORPUS), "--csv", "-", "--excel", "-q"])
    raw = excel.stdout_bytes  # .stdout would turn CRLF into LF
    assert raw.startswith("\ufeff".encode()) and raw.count(b"\r\n") == 1 + len(rows)
    assert _csv(excel.stdout) == rows


def test_aliases_ids_and_references(runner, tmp_path) -> None:
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    (corpus / "jz.txt").write_text(REFERENCES, encoding="utf-8")

    def rows(*args: str) -> list[dict[str, str]]:
        result = runner.invoke(main, ["kwic", *args, str(corpus), "--csv", "-", "-q"])
        assert result.exit_code == 0, result.stderr
        return _csv(result.stdout)

    every = rows("晋中市")
    assert [(r["mention"], r["rule"]) for r in every] == [
        ("晋中市", "gazetteer"),
        ("我市", "reference"),
        ("全市", "reference"),
    ]
    assert every[1]["left"] == ""  # a paragraph of its own: nothing from the one before
    assert rows("晋中") == every  # an alias names the same entity
    assert rows(every[0]["entity"]) == every  # so does its id
    assert [r["mention"] for r in rows("晋中市", "--no-references")] == ["晋中市"]
    assert [r["mention"] for r in rows("晋中市", "--sort", "right")] == ["全市", "晋中市", "我市"]


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["书记处"], "kg: 书记处: no entity has this name or alias"),
        (["常书铭", "--csv", "{file}/x.csv"], "kg: "),
    ],
)
def test_errors_are_one_line(runner, tmp_path, args, message) -> None:
    blocker = tmp_path / "a-file"
    blocker.write_text("x", encoding="utf-8")
    args = [a.replace("{file}", str(blocker)) for a in args]
    result = runner.invoke(main, ["kwic", args[0], str(FIXTURE_CORPUS), *args[1:]])
    assert result.exit_code == 1
    assert result.stderr.startswith(message)
    assert len(result.stderr.splitlines()) == 1
    assert "Traceback" not in result.stderr


def test_no_readable_document_is_an_error(runner, tmp_path) -> None:
    empty = tmp_path / "empty.txt"
    empty.write_bytes(b"")
    result = runner.invoke(main, ["kwic", "常书铭", str(empty)])
    assert result.exit_code == 1
    assert "no document could be read" in result.stderr


def test_bad_option_values_are_refused(runner) -> None:
    for args in (["--width", "-1"], ["--sort", "alphabet"]):
        result = runner.invoke(main, ["kwic", "常书铭", str(FIXTURE_CORPUS), *args])
        assert result.exit_code == 2
        assert args[0] in result.stderr


def test_a_build_s_stored_extraction_gives_the_same_rows(runner, tmp_path) -> None:
    import shutil

    corpus = tmp_path / "corpus"
    shutil.copytree(FIXTURE_CORPUS, corpus)
    out = tmp_path / "out"
    built = runner.invoke(main, ["build", str(corpus), "-o", str(out), "-q"])
    assert built.exit_code == 0, built.stderr
    from_inputs = runner.invoke(main, ["kwic", "晋中市", str(corpus), "--csv", "-", "-q"])
    shutil.rmtree(corpus)  # the inputs are gone: only the store is read
    stored = runner.invoke(main, ["kwic", "晋中市", "-d", str(out), "--csv", "-", "-q"])
    assert stored.exit_code == 0, stored.stderr
    assert stored.stdout == from_inputs.stdout
    assert len(_csv(stored.stdout)) == 2
    from kg.config import Settings
    from kg.incremental import built_view

    assert built_view(out, Settings(), "晋中市", 0) is not None  # the rows above came from the kept merge
    by_alias = runner.invoke(main, ["kwic", "晋中", "-d", str(out), "--csv", "-", "-q"])
    assert by_alias.stdout == from_inputs.stdout
    # a store without the build's merged corpus (an older build): every stored result merged again
    with sqlite3.connect(out / ".kg-store" / "extractions.sqlite") as db:
        db.execute("DELETE FROM merged")
    merged = runner.invoke(main, ["kwic", "晋中市", "-d", str(out), "--csv", "-", "-q"])
    assert merged.exit_code == 0, merged.stderr
    assert merged.stdout == from_inputs.stdout
    both = runner.invoke(main, ["kwic", "晋中市", str(FIXTURE_CORPUS), "-d", str(out)])
    assert both.exit_code == 2 and "not both" in both.stderr
    nothing = runner.invoke(main, ["kwic", "晋中市", "-d", str(tmp_path)])
    assert nothing.exit_code == 1 and len(nothing.stderr.splitlines()) == 1
    assert "not a kg build with an extraction store" in nothing.stderr
