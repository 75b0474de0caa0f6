"""The command line: thin click commands over library functions.

This module holds the ``kg`` group; the commands live in :mod:`kg.cli.corpus` (those that
read documents: build, view, analyze, annotate) and :mod:`kg.cli.outdir` (those that read
an output folder: validate, rules, query, serve), :mod:`kg.cli.kwic` (the concordance),
and what they share in :mod:`kg.cli.options`.

Every ``KGError`` becomes a one-line message on standard error and exit status 1; an
input file that cannot be read is reported in one line and the run goes on.
"""

from __future__ import annotations

import click

from kg import __version__
from kg.cli.corpus import analyze, annotate, build, view
from kg.cli.kwic import kwic
from kg.cli.outdir import QUERY_FORMATS, query, rules, serve, validate

__all__ = [
    "QUERY_FORMATS",
    "analyze",
    "annotate",
    "build",
    "kwic",
    "main",
    "query",
    "rules",
    "serve",
    "validate",
    "view",
]


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, prog_name="kg")
def main() -> None:
    """Build a knowledge graph from a folder of Chinese news.

    Run `kg build` to read the sample corpus in data/corpus/ and write output/:
    graph.ttl (RDF), graph.html (interactive view), documents.jsonl, entities.csv,
    relations.csv and manifest.json. Run `kg annotate --jsonl IN -o OUT` to write the
    entity mentions of each JSONL record {"id", "text"} with character offsets, for
    scoring against span-annotated NER corpora. Run `kg query` to ask the graph SPARQL
    questions (`kg query --list` shows ready-made ones) and `kg serve` to serve it as a
    SPARQL endpoint. Run `kg validate` to check the RDF export against its SHACL shapes.
    Run `kg rules` to list the relation rules with how often each fired in the export.
    Run `kg view NAME` to write the neighbourhood of one entity as an interactive page.
    Run `kg analyze` for network statistics, communities, time slices, a report with
    charts and Gephi files (OUTDIR/analysis/). Run `kg kwic NAME` to list every mention
    of one entity with its context (a concordance). `kg COMMAND --help` explains each command.
    """


for _command in (build, validate, rules, annotate, query, serve, view, analyze, kwic):
    main.add_command(_command)
