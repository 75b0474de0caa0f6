"""Tests of the command line's group (kg.cli) through click's CliRunner; the commands have their
own test files, test_cli_corpus.py (kg.cli.corpus) and test_cli_outdir.py (kg.cli.outdir),
which share the constants and helpers here."""

from __future__ import annotations

from pathlib import Path

import click

from kg.cli import main

HERE = Path(__file__).resolve().parent
FIXTURE_CORPUS = HERE / "fixtures" / "corpus"
OUTPUTS = ("documents.jsonl", "entities.csv", "relations.csv", "graph.ttl", "graph.html", "manifest.json")


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


def test_version(runner) -> None:
    result = runner.invoke(main, ["--version"])
    assert result.exit_code == 0
    assert result.output.startswith("kg")
