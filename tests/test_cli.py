"""Tests of the command line (kg.cli) through click's CliRunner, on the tiny fixture corpus."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import click
import pytest
from click.testing import CliRunner

from kg.cli import build, main

HERE = Path(__file__).resolve().parent
FIXTURE_CORPUS = HERE / "fixtures" / "corpus"
OUTPUTS = ("documents.jsonl", "entities.csv", "relations.csv", "graph.ttl", "graph.html", "manifest.json")


@pytest.fixture
def runner() -> CliRunner:
    return CliRunner()


@pytest.fixture
def corpus(tmp_path) -> Path:
    """A copy of the fixture corpus that a test may add files to."""
    dest = tmp_path / "corpus"
    shutil.copytree(FIXTURE_CORPUS, dest)
    return dest


def _option_strings(command: click.Command) -> list[str]:
    return [
        opt for p in command.params if isinstance(p, click.Option) for opt in (*p.opts, *p.secondary_opts)
    ]


# --------------------------------------------------------------------------- help
def test_main_help_lists_its_options_and_commands(runner) -> None:
    result = runner.invoke(main, ["--help"])
    assert result.exit_code == 0, result.output
    for opt in [*_option_strings(main), "--help"]:
        assert opt in result.output, opt
    for name in main.commands:
        assert name in result.output, name
    assert "kg build" in result.output


def test_short_help_option(runner) -> None:
    assert runner.invoke(main, ["-h"]).output == runner.invoke(main, ["--help"]).output


def test_build_help_mentions_every_option(runner) -> None:
    result = runner.invoke(main, ["build", "--help"])
    assert result.exit_code == 0, result.output
    options = _option_strings(build)
    assert {"--output", "--backend", "--config", "--workers", "--data-dir", "--quiet"} <= set(options)
    for opt in options:
        assert opt in result.output, opt
    for backend in ("rjieba", "jieba"):
        assert backend in result.output
    assert "INPUTS" in result.output


def test_version(runner) -> None:
    result = runner.invoke(main, ["--version"])
    assert result.exit_code == 0
    assert result.output.startswith("kg")


# --------------------------------------------------------------------------- build
def test_build_writes_the_outputs(runner, corpus, tmp_path) -> None:
    out = tmp_path / "out"
    result = runner.invoke(main, ["build", str(corpus), "-o", str(out)])
    assert result.exit_code == 0, result.output
    for name in OUTPUTS:
        assert (out / name).is_file(), name
    docs = [
        json.loads(line)["doc"] for line in (out / "documents.jsonl").read_text(encoding="utf-8").splitlines()
    ]
    assert docs == ["a_visit", "b_expo", "c_local"]
    # the summary goes to standard error, standard output stays empty
    assert result.stdout == ""
    assert "3 documents from 3 of 3 files" in result.stderr
    assert str(out) in result.stderr


def test_quiet_build_prints_nothing(runner, corpus, tmp_path) -> None:
    result = runner.invoke(main, ["build", str(corpus), "-o", str(tmp_path / "out"), "--quiet"])
    assert result.exit_code == 0, result.output
    assert result.output == ""
    assert (tmp_path / "out" / "manifest.json").is_file()


def test_a_binary_file_is_reported_in_one_line_and_the_run_goes_on(runner, corpus, tmp_path) -> None:
    (corpus / "picture.dat").write_bytes(b"\x89PNG\r\n\x1a\n" + bytes(range(256)) * 4)
    out = tmp_path / "out"
    result = runner.invoke(main, ["build", str(corpus), "-o", str(out), "-q"])
    assert result.exit_code == 0, result.output
    assert result.stdout == ""
    lines = result.stderr.splitlines()
    assert len(lines) == 1, lines
    assert "picture.dat" in lines[0]
    assert "binary" in lines[0]
    assert "Traceback" not in result.stderr
    manifest = json.loads((out / "manifest.json").read_text(encoding="utf-8"))
    status = {Path(f["path"]).name: f["status"] for f in manifest["files"]}
    assert status == {"a_visit.txt": "ok", "b_expo.txt": "ok", "c_local.md": "ok", "picture.dat": "error"}


def test_backend_and_settings_reach_the_manifest(runner, corpus, tmp_path) -> None:
    out = tmp_path / "out"
    args = ["build", str(corpus / "c_local.md"), "-o", str(out), "-q", "--backend", "jieba"]
    result = runner.invoke(main, [*args, "--min-cooccurrence", "2", "--html-max-nodes", "7"])
    assert result.exit_code == 0, result.output
    manifest = json.loads((out / "manifest.json").read_text(encoding="utf-8"))
    assert manifest["segmenter"]["backend"] == "jieba"
    assert manifest["settings"]["backend"] == "jieba"
    assert manifest["settings"]["min_cooccurrence"] == 2
    assert manifest["settings"]["html_max_nodes"] == 7


def test_config_file_errors_are_one_line(runner, corpus, tmp_path) -> None:
    config = tmp_path / "kg.toml"
    config.write_text("[kg]\nbackend = 'rjieba'\nno_such_setting = 1\n", encoding="utf-8")
    result = runner.invoke(main, ["build", str(corpus), "-o", str(tmp_path / "out"), "--config", str(config)])
    assert result.exit_code == 1
    assert "no_such_setting" in result.stderr
    assert "Traceback" not in result.output
    assert not (tmp_path / "out").exists()


# --------------------------------------------------------------------------- rejected arguments
@pytest.mark.parametrize(
    "args",
    [
        ["--backend", "nope"],
        ["--workers", "0"],
        ["--min-cooccurrence", "0"],
        ["--html-max-nodes", "-1"],
        ["--no-such-option"],
    ],
)
def test_bad_options_are_rejected(runner, corpus, tmp_path, args) -> None:
    result = runner.invoke(main, ["build", str(corpus), "-o", str(tmp_path / "out"), *args])
    assert result.exit_code == 2, result.output
    assert "Error" in result.stderr
    assert not (tmp_path / "out").exists()


def test_unknown_backend_names_the_choices(runner, corpus, tmp_path) -> None:
    result = runner.invoke(main, ["build", str(corpus), "-o", str(tmp_path / "out"), "--backend", "nope"])
    assert result.exit_code == 2
    assert "nope" in result.stderr
    assert "rjieba" in result.stderr and "jieba" in result.stderr


def test_missing_input_path_exits_non_zero(runner, tmp_path) -> None:
    missing = tmp_path / "no-such-folder"
    result = runner.invoke(main, ["build", str(missing), "-o", str(tmp_path / "out")])
    assert result.exit_code != 0
    assert "no-such-folder" in result.stderr
    assert not (tmp_path / "out").exists()


def test_no_readable_document_exits_non_zero_but_writes_the_manifest(runner, tmp_path) -> None:
    src = tmp_path / "in"
    src.mkdir()
    (src / "empty.txt").write_bytes(b"")
    out = tmp_path / "out"
    result = runner.invoke(main, ["build", str(src), "-o", str(out)])
    assert result.exit_code == 1
    assert "no document could be read" in result.output
    manifest = json.loads((out / "manifest.json").read_text(encoding="utf-8"))
    assert [f["status"] for f in manifest["files"]] == ["error"]
