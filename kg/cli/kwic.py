"""``kg kwic``: the concordance of one entity (every mention with its context) as an
aligned table on the terminal or as CSV, over :mod:`kg.export.kwic`."""

from __future__ import annotations

import os
import sys
from pathlib import Path

import click

from kg.cli.options import Fail, built_options, corpus_options, count, entity_extraction, input_options
from kg.config import load_settings
from kg.errors import KGError, show_path

#: ``kg.export.kwic.SORTS``, spelt out so that ``kg --help`` need not import the library
#: (tests/test_cli_kwic.py checks they agree).
KWIC_SORTS = ("doc", "date", "left", "right")

EXCEL_CSV_HELP = ("With --csv: UTF-8 with a byte-order mark and CRLF line ends, so Excel on a "
                  "Chinese-language Windows reads the file right.")


@click.command()
@click.argument("entity")
@click.argument("inputs", nargs=-1, type=click.Path(exists=True, path_type=Path))
@click.option("--width", type=click.IntRange(min=0), default=20, show_default=True,
              help="Characters of context on either side of a mention (cut at its paragraph).")
@click.option("--sort", "order", type=click.Choice(KWIC_SORTS), default="doc", show_default=True,
              help="Order of the rows: doc (document id, then position), date (oldest first, undated last), "
                   "left (by the context before the mention, nearest character first) or right (by the "
                   "characters after it).")
@click.option("--csv", "csv_path", type=click.Path(dir_okay=False, allow_dash=True, path_type=Path), default=None,
              help="Write the rows as CSV with a header to FILE (- is standard output) instead of the table.")
@click.option("--excel", is_flag=True, help=EXCEL_CSV_HELP)
@click.option("--no-references", "no_references", is_flag=True,
              help="Leave out the mentions that only refer to the entity (我市, 该公司), as entities.csv counts.")
@built_options
@corpus_options()
@input_options
@click.option("-q", "--quiet", is_flag=True, help="Print nothing but the rows and errors.")
def kwic(entity, inputs, width, order, csv_path, excel, no_references, built, cache, config_path, data_dir, chosen,
         quiet, reading) -> None:
    """List every mention of ENTITY with the text around it (a concordance).

    ENTITY is a name, an alias or an entity id (as in entities.csv); a name that several
    entities carry, or none, is an error listing the candidates. Every mention under
    any of the entity's names is listed, with the references the extraction resolved to
    it (我市 for 晋中市), its document, the document's date and WIDTH characters of
    context on either side; context stays inside the mention's paragraph. The graph is
    built from INPUTS (default: the sample corpus) the way `kg build` builds it, so give
    the same INPUTS and options as to build.

    \b
        kg kwic 习近平
        kg kwic 晋中市 corpus/ --sort right --width 15
        kg kwic 太重集团 news.jsonl --csv taizhong.csv
    """
    from kg.cli.progress import Progress
    from kg.export.html import find_entity
    from kg.export.kwic import concordance, kwic_csv, table_lines, write_kwic_csv
    from kg.gc_pause import paused
    from kg.incremental import built_mentions
    from kg.pipeline import default_corpus

    if built is not None and inputs:
        raise click.UsageError("give INPUTS or -d OUT (a build's stored extraction), not both")
    try:
        settings = load_settings(config_path, **chosen, **reading)
        paths = list(inputs) or [default_corpus()]
        with Progress(quiet) as bar, paused():  # drawn on a terminal only (paused: see kg view)
            # with -d: the entity and its documents (depth 0), as kg view -d reads them
            ex = entity_extraction(entity, 0, False, paths, settings, built=built, cache=cache, data_dir=data_dir,
                                   bar=bar)
        if built is not None:
            paths = [built]
        if not ex.docs:
            raise Fail(f"no document could be read from {', '.join(show_path(p) for p in paths)}")
        found = find_entity(ex, entity)
        # with -d, the entity's mentions from the build's mention index: no document is unpacked
        mentions = built_mentions(built, settings, cache=cache) if built is not None else None
        rows = concordance(ex, found.id, width, sort=order, references=not no_references, mentions=mentions)
    except KGError as e:
        raise Fail(str(e)) from e
    try:
        if csv_path is None:
            for line in table_lines(rows):
                click.echo(line)
        elif str(csv_path) == "-":
            click.echo(kwic_csv(rows, excel=excel or settings.excel), nl=False)
        else:
            write_kwic_csv(rows, csv_path, excel=excel or settings.excel)
    except BrokenPipeError:
        _reader_gone()
    except OSError as e:
        raise Fail(f"{show_path(e.filename or csv_path or '-')}: cannot write: {e.strerror or e}") from e
    if not quiet:
        docs = len({r.doc for r in rows})
        target = f" -> {show_path(csv_path)}" if csv_path is not None and str(csv_path) != "-" else ""
        click.echo(f"kg: {found.name} ({found.type}, {found.id}): {count(len(rows), 'mention')} in "
                   f"{count(docs, 'document')}{target}", err=True)


def _reader_gone() -> None:
    """The program reading the rows (``| head``) stopped: end quietly, as ``cat`` does.

    Standard output is pointed at the null device first, or Python's flush at exit would
    meet the closed pipe again and print a traceback."""
    devnull = os.open(os.devnull, os.O_WRONLY)
    os.dup2(devnull, sys.stdout.fileno())
    raise SystemExit(0)
