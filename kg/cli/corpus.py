"""The commands that read documents and extract from them: ``kg build``, ``kg view``,
``kg analyze`` and ``kg annotate``.

Each is a thin layer over :mod:`kg.pipeline` (or :mod:`kg.annotate`): it turns options
into settings, reports unreadable inputs in one line and prints a one-line summary.
"""

from __future__ import annotations

import json
from pathlib import Path

import click

from kg.cli.options import (
    BACKEND_OPTION,
    DATA_DIR_OPTION,
    NER_OPTION,
    USER_DICT_OPTION,
    Fail,
    built_options,
    corpus_options,
    count,
    data_source,
    entity_extraction,
    input_options,
    interrupted,
    report_file_error,
    sigterm_interrupts,
)
from kg.cli.progress import Progress
from kg.config import PAGE_LANGUAGES, RDF_FORMAT_NAMES, WINDOWS, load_settings
from kg.errors import InputError, KGError, show_path

CACHE_HELP = ("Folder of the extraction store, which several builds may share (default: OUT/.kg-store, "
              "carried along when OUT is replaced). Give it to kg analyze -d and kg view -d too.")
EXCEL_HELP = ("Write the CSV tables for Excel: UTF-8 with a byte-order mark and CRLF line ends, so Excel "
              "on a Chinese-language Windows reads them right (default: UTF-8 without the mark, LF).")


@click.command()
@click.argument("inputs", nargs=-1, type=click.Path(exists=True, path_type=Path))
@click.option("-o", "--output", "outdir", type=click.Path(file_okay=False, path_type=Path), default=Path("output"),
              show_default=True, help="Directory the exports are written to (created if missing).")
@corpus_options()
@click.option("--min-cooccurrence", type=click.IntRange(min=1), default=None,
              help="Keep co-occurrence edges seen in at least this many sentences (default 1).")
@click.option("--html-max-nodes", type=click.IntRange(min=1), default=None,
              help="Most entities drawn in graph.html, the most mentioned first (default 500).")
@click.option("--rdf-format", "rdf_formats", multiple=True, metavar="FORMAT", callback=lambda _c, _p, v: _rdf_formats(v),
              help="RDF written: turtle (graph.ttl, the default), ntriples (graph.nt), jsonld (graph.jsonld), "
                   "trig (graph.trig) or nquads (graph.nq), the last two with one named graph per document. "
                   "Repeat it or separate names with commas.")
@click.option("--excel", is_flag=True, help=EXCEL_HELP)
@click.option("--lang", type=click.Choice(PAGE_LANGUAGES), default=None,
              help="Language of the page's interface: zh (the default) or en.")
@click.option("--engine", metavar="ENGINE", default=None,
              help="Where the per-document step runs: local (this process, or --workers processes; the default) "
                   "or dask (Dask tasks on a local cluster of --workers processes, 2 when 1, or on --scheduler's "
                   "cluster; pip install 'kg[dask]').")
@click.option("--scheduler", metavar="ADDRESS", default=None,
              help="Address of a running Dask scheduler (tcp://host:8786) for --engine dask; without it a local "
                   "cluster is started. The workers need kg installed; they get the texts in the tasks.")
@input_options
@click.option("--cache", type=click.Path(file_okay=False, path_type=Path), default=None,
              help=CACHE_HELP)
@click.option("--no-store", is_flag=True,
              help="Keep no extraction store: extract every document, as if for the first time.")
@click.option("--prune", is_flag=True,
              help="After the build, delete from the store every result this build does not use "
                   "(files removed from the inputs, results of other settings).")
@click.option("--export-jobs", type=click.IntRange(min=1), default=None, metavar="N",
              help="Processes writing the exports side by side once the merge is done (default: 2 where a second "
                   "CPU is idle and the build holds under 600 MB of memory, else 1; 1 writes them one after "
                   "another in this process). "
                   "The exports are the same bytes whatever it is.")
@click.option("-q", "--quiet", is_flag=True, help="Print nothing but errors.")
def build(inputs, outdir, config_path, min_cooccurrence, html_max_nodes, data_dir, chosen, rdf_formats,
          excel, lang, engine, scheduler, cache, no_store, prune, export_jobs, quiet, reading) -> None:
    """Build the graph from INPUTS (files or folders; default: the sample corpus).

    Inputs are read by content, not by name: plain text in UTF-8, GB18030 or UTF-16,
    Markdown or HTML with front matter, PDF-extracted text, and records, one document
    each: JSONL, JSON, CSV or TSV with a header row (all optionally gzip-compressed),
    fields found by name (text, content, 正文…; --text-field and the like name others).
    A file that cannot be read, or only in part, is reported in one line and listed in
    manifest.json with its status and reason; the run goes on with the rest.

    Per-document results are kept in an extraction store (OUT/.kg-store, or --cache):
    a later build extracts only new or changed documents, and writes nothing when the
    export is already up to date; files removed from INPUTS drop out of the export.
    """
    from kg.pipeline import build as run_build
    from kg.pipeline import default_corpus

    try:
        settings = load_settings(
            config_path,
            min_cooccurrence=min_cooccurrence,
            html_max_nodes=html_max_nodes,
            rdf_formats=rdf_formats,
            excel=excel or None,  # absent: the config file's, else plain UTF-8
            lang=lang,
            engine=engine,
            scheduler=scheduler,
            **chosen,
            **reading,
        )
        if settings.engine == "dask":
            from kg.engines import require_dask

            require_dask()  # before the inputs are read
        paths = list(inputs) or [default_corpus()]
        with Progress(quiet) as bar, sigterm_interrupts():  # drawn on a terminal only
            result = run_build(paths, outdir, settings, data_dir=data_source(data_dir, settings.user_dict),
                               progress=bar.callback, on_file_error=bar.above(report_file_error),
                               store=False if no_store else (cache or True), export_jobs=export_jobs)
        if prune and not no_store and (result.up_to_date or result.outputs):
            from kg.incremental import prune as prune_store

            deleted, kept = prune_store(outdir, cache)
            if not quiet:
                click.echo(f"kg: store pruned: {count(deleted, 'result')} deleted, {kept} kept", err=True)
    except KGError as e:
        raise click.ClickException(str(e)) from e
    except KeyboardInterrupt as e:
        raise click.ClickException(interrupted(outdir, e)) from e
    if result.up_to_date:
        if not quiet:
            click.echo(f"kg: {show_path(outdir)}/ is up to date: no input or setting changed", err=True)
        return
    if not result.extraction.docs:
        raise click.ClickException(
            f"no document could be read from {', '.join(show_path(p) for p in paths)}; "
            f"{show_path(outdir)} was left as it was"
        )
    if not quiet:
        ex = result.extraction
        ok = sum(1 for f in result.files if f.status in ("ok", "partial"))
        click.echo(
            f"{len(ex.docs)} documents from {ok} of {len(result.files)} files: "
            f"{len(ex.entities)} entities, {len(ex.relations)} relations, "
            f"{len(ex.cooccurrences)} co-occurrences -> {show_path(outdir)}/"
            + _store_note(no_store, result.extracted, len(ex.docs)),
            err=True,
        )


def _store_note(no_store: bool, extracted: int, documents: int) -> str:
    """What the build's summary line says of the extraction store: how many documents were
    extracted and how many came from it (nothing without a store).

    >>> _store_note(False, 10, 3010), _store_note(False, 6, 6), _store_note(True, 6, 6)
    (' (10 documents extracted, 3,000 from the store)', ' (6 documents extracted, none from the store)', '')
    """
    if no_store:
        return ""
    stored = documents - extracted
    return f" ({count(extracted, 'document')} extracted, {f'{stored:,}' if stored else 'none'} from the store)"


def _rdf_formats(values: tuple[str, ...]) -> tuple[str, ...] | None:
    """--rdf-format values (repeated, comma-separated) as format names; None if none given."""
    names = [n.strip().lower() for v in values for n in v.split(",") if n.strip()]
    unknown = [n for n in names if n not in RDF_FORMAT_NAMES]
    if unknown:
        raise click.BadParameter(f"{unknown[0]!r} is not one of {', '.join(RDF_FORMAT_NAMES)}")
    return tuple(names) or None


@click.command()
@click.argument("entity")
@click.argument("inputs", nargs=-1, type=click.Path(exists=True, path_type=Path))
@click.option("--depth", type=click.IntRange(min=0), default=1, show_default=True,
              help="Steps from ENTITY: 1 = the entities linked to it, 2 = theirs too.")
@click.option("--relations-only", is_flag=True,
              help="Walk typed relations only (by default a co-occurrence is a step too).")
@click.option("-o", "--output", "out", type=click.Path(dir_okay=False, path_type=Path), default=None,
              help="Page written (default: output/view-NAME.html).")
@corpus_options()
@click.option("--min-cooccurrence", type=click.IntRange(min=1), default=None,
              help="Keep co-occurrence edges seen in at least this many sentences, as for kg build.")
@click.option("--html-max-nodes", type=click.IntRange(min=1), default=None,
              help="Most entities drawn, the nearest to ENTITY first (default 500).")
@click.option("--lang", type=click.Choice(PAGE_LANGUAGES), default=None,
              help="Language of the page's interface: zh (the default) or en.")
@input_options
@built_options
@click.option("-q", "--quiet", is_flag=True, help="Print nothing but errors.")
def view(entity, inputs, depth, relations_only, out, config_path, min_cooccurrence, html_max_nodes, lang, data_dir,
         chosen, built, cache, quiet, reading) -> None:
    """Write the neighbourhood of ENTITY as an interactive page (the viewer of graph.html).

    ENTITY is a name, an alias or an entity id (as in entities.csv). The graph is built
    from INPUTS (default: the sample corpus) the way `kg build` builds it, so give the
    same INPUTS and options as to build; nothing in output/ is read or changed except the
    page. A name that several entities carry, or none, is an error listing the
    candidates.

    \b
        kg view 习近平
        kg view 太重集团 --depth 2 -o taizhong.html
        kg view 党中央 corpus/ --relations-only
        kg view 李强 -d output        # the build in output/, from its store: no extraction
    """
    from kg.export.html import find_entity, write_ego_html
    from kg.gc_pause import paused
    from kg.incremental import built_mentions
    from kg.progress import stage

    try:
        settings = load_settings(
            config_path, min_cooccurrence=min_cooccurrence, html_max_nodes=html_max_nodes, lang=lang, **chosen, **reading
        )
        if inputs or built is not None:  # -d reads no input: kg.pipeline, and the extraction, are not imported
            paths = list(inputs) or [built]
        else:
            from kg.pipeline import default_corpus

            paths = [default_corpus()]
        # the page is made of many small objects without cycles: the collector would only
        # rescan the neighbourhood read back, a quarter of the command's time (kg.gc_pause)
        with Progress(quiet) as bar, paused():  # drawn on a terminal only
            ex = entity_extraction(entity, depth, not relations_only, paths, settings, built=built, cache=cache,
                                   data_dir=data_dir, bar=bar)
            if not ex.docs:
                raise Fail(f"no document could be read from {', '.join(str(p) for p in paths)}")
            with stage(bar.callback, "view"):
                centre = find_entity(ex, entity)
                out = out or Path(built or "output") / f"view-{_slug(centre.name)}.html"
                # the build's mention index: the concordance tab reads only the drawn entities' mentions
                mentions = built_mentions(built, settings, cache=cache) if built is not None else None
                centre, sub = write_ego_html(ex, centre.id, out, settings, depth=depth,
                                             cooccurrence=not relations_only, mentions=mentions)
    except KGError as e:
        raise Fail(str(e)) from e
    if not quiet:
        shown = min(len(sub.entities), settings.html_max_nodes)
        steps = f"{depth} step{'' if depth == 1 else 's'}"
        click.echo(f"kg: {centre.name} ({centre.type}): {shown} of {len(sub.entities)} entities within {steps}"
                   f" -> {out}", err=True)


@click.command()
@click.argument("inputs", nargs=-1, type=click.Path(exists=True, path_type=Path))
@click.option("-o", "--output", "outdir", type=click.Path(file_okay=False, path_type=Path), default=None,
              help="Directory whose analysis/ folder is written (created if missing; default: the -d folder, "
                   "else output).")
@click.option("--window", type=click.Choice(WINDOWS), default=None,
              help="Unit co-occurrence is counted over (default sentence).")
@click.option("--by", type=click.Choice(("year", "month")), default=None,
              help="Also write tables and graphs per period under analysis/periods/.")
@click.option("--min-count", type=click.IntRange(min=1), default=None,
              help="Keep pairs seen in at least this many units (default 1).")
@click.option("--backbone", type=click.FloatRange(0, 1), default=None, metavar="ALPHA",
              help="Disparity-filter backbone: keep edges significant at ALPHA for either end (e.g. 0.05; "
                   "default 0: no filter).")
@click.option("--top-k", type=click.IntRange(min=0), default=None,
              help="Keep each node's k heaviest edges (default 0: all).")
@click.option("--max-entities", type=click.IntRange(min=0), default=None,
              help="Units naming more entities add no pairs (default 0: no limit; pairs weigh 1/(n-1) anyway).")
@click.option("--duplicates", type=click.FloatRange(0, 1), default=None, metavar="JACCARD",
              help="Similarity from which two documents are one story counted once (default 0.8; 0: off).")
@click.option("--export-max-edges", type=click.IntRange(min=0), default=None,
              help="Most edges in the graph files, the heaviest (default 20000; 0: all).")
@click.option("--seed", type=click.IntRange(min=0), default=None,
              help="Seed of communities and betweenness sampling (default 42).")
@click.option("--excel", is_flag=True, help=EXCEL_HELP)
@corpus_options("TOML file with settings ([kg] and [analysis] tables); command-line options override it.")
@input_options
@built_options
@click.option("-q", "--quiet", is_flag=True, help="Print nothing but errors.")
def analyze(inputs, outdir, window, by, min_count, backbone, top_k, max_entities, duplicates, export_max_edges, seed,
            excel, config_path, data_dir, chosen, built, cache, quiet, reading) -> None:
    """Analyse the graph of INPUTS (default: the sample corpus) and write OUTDIR/analysis/.

    The extraction is made from INPUTS as `kg build` makes it (give the same INPUTS and
    options), then: co-occurrence per sentence, paragraph or document with count,
    documents, PMI, NPMI, Jaccard, Dice and G²; pair weights 1/(n-1); bylines and page
    furniture left out; near-duplicate documents counted once; backbone and top-k
    filters; degree, weighted degree, betweenness, PageRank and Leiden communities;
    first and last seen. Written: report.html (charts), nodes.csv, edges.csv,
    relations.csv, documents.csv, communities.csv, graph.gexf and graph.graphml (for
    Gephi), graph.json (node-link), summary.json, charts/*.svg, and with --by the same
    tables and a graph per period under periods/. `kg.load(OUTDIR)` reads them back.

    \b
        kg analyze
        kg analyze corpus/ --window paragraph --by month
        kg analyze news.jsonl.gz --backbone 0.05 -o out
    """
    from kg.config import load_analysis_settings
    from kg.pipeline import analyze as run_analyze
    from kg.pipeline import default_corpus

    outdir = outdir or built or Path("output")
    try:
        settings = load_settings(config_path, **chosen, **reading)
        options = load_analysis_settings(
            config_path,
            window=window,
            by=by,
            min_count=min_count,
            backbone=backbone,
            top_k=top_k,
            max_entities=max_entities,
            duplicates=duplicates,
            export_max_edges=export_max_edges,
            seed=seed,
            # excel = true in [kg] is meant for every table, the analysis's too
            excel=(excel or settings.excel) or None,
        )
        paths = list(inputs) or [default_corpus()]
        with Progress(quiet) as bar, sigterm_interrupts():  # drawn on a terminal only
            result = run_analyze(paths, outdir, settings, options,
                                 data_dir=data_source(data_dir, settings.user_dict), progress=bar.callback,
                                 on_file_error=bar.above(report_file_error), built=built, cache=cache)
    except KGError as e:
        raise Fail(str(e)) from e
    except KeyboardInterrupt as e:
        raise Fail(interrupted(Path(outdir) / "analysis", e)) from e
    except OSError as e:
        raise Fail(f"{show_path(e.filename or outdir)}: cannot write: {e.strerror or e}") from e
    if not result.extraction.docs:
        raise Fail(f"no document could be read from {', '.join(show_path(p) for p in paths)}")
    if not quiet:
        an = result.analysis
        w = an.whole
        dups = sum(len(g.duplicates) for g in an.duplicates)
        click.echo(
            f"kg: {count(w.documents, 'document')} ({count(dups, 'near-duplicate')} left out), "
            f"{count(w.units, options.window)}: {len(w.nodes)} entities, {count(len(w.edges['a']), 'pair')}, "
            f"{count(w.graph.number_of_edges(), 'edge')} kept, "
            f"{len(w.communities)} {'community' if len(w.communities) == 1 else 'communities'}"
            + (f", {count(len(an.periods), 'period')}" if an.periods else "")
            + f" -> {show_path(Path(outdir) / 'analysis')}/",
            err=True,
        )


@click.command()
@click.option("--jsonl", "inp", required=True,
              type=click.Path(exists=True, dir_okay=False, allow_dash=True, path_type=Path),
              help='JSONL file, one record {"id", "text"} a line (other keys are ignored); - reads stdin.')
@click.option("-o", "--output", "out", required=True, type=click.Path(dir_okay=False, allow_dash=True, path_type=Path),
              help='JSONL file written: {"id", "entities": [{"start", "end", "type", "text"}]} a line; - is stdout.')
@BACKEND_OPTION
@NER_OPTION
@click.option("--flat/--nested", default=True, show_default=True,
              help="--flat drops a mention inside another (晋中市 in 晋中市委), as the public NER corpora do; "
                   "--nested keeps both.")
@DATA_DIR_OPTION
@USER_DICT_OPTION
def annotate(inp, out, backend, ner, flat, data_dir, user_dict) -> None:
    """Write the entity mentions of each JSONL record, with offsets into its text.

    Offsets index each record's "text" exactly as given (no cleaning), end exclusive, so
    the output can be scored against a span-annotated NER corpus:

    \b
        kg annotate --jsonl sentences.jsonl -o pred.jsonl

    Mentions that only refer to a name (我省 for 山西) are left out. A line that is not a
    record with an "id" and a "text" string is reported in one line (file:line) and
    skipped; the run goes on. Exit status 1 only if no record could be read.
    """
    from kg.annotate import annotate_record
    from kg.pipeline import make_tools

    try:
        settings = load_settings(backend=backend, ner=ner, user_dict=user_dict)
        tools = make_tools(settings, data_source(data_dir, settings.user_dict))
    except KGError as e:
        raise click.ClickException(str(e)) from e
    name = "<stdin>" if str(inp) == "-" else str(inp)
    done = skipped = 0
    try:
        src = click.open_file(str(inp), "rb")
    except OSError as e:
        raise click.ClickException(f"{name}: cannot read: {e.strerror or e}") from e
    with src, click.open_file(str(out), "w", encoding="utf-8") as dst:
        for n, raw in enumerate(src, 1):
            where = f"{name}:{n}"
            try:
                line = raw.decode("utf-8-sig" if n == 1 else "utf-8")
            except UnicodeDecodeError as e:
                click.echo(f"kg: {where}: skipped: not UTF-8 ({e.reason} at byte {e.start})", err=True)
                skipped += 1
                continue
            if not line.strip():
                continue
            try:
                record = json.loads(line)
            except json.JSONDecodeError as e:
                click.echo(f"kg: {where}: skipped: not JSON: {e.msg} (column {e.colno})", err=True)
                skipped += 1
                continue
            try:
                result = annotate_record(record, tools, flat=flat, where=where)
            except InputError as e:
                click.echo(f"kg: {where}: skipped: {e.reason}", err=True)
                skipped += 1
                continue
            except Exception as e:  # noqa: BLE001 - one bad record must not end the run, as in build
                reason = f"{type(e).__name__}: {e}".splitlines()[0]
                click.echo(f"kg: {where}: skipped: extraction failed: {reason}", err=True)
                skipped += 1
                continue
            dst.write(json.dumps(result, ensure_ascii=False) + "\n")
            done += 1
    target = "<stdout>" if str(out) == "-" else out
    summary = f"{count(done, 'record')} annotated, {count(skipped, 'line')} skipped: {name} -> {target}"
    if not done:
        raise click.ClickException(f"no record could be read ({summary})")
    click.echo(f"kg: {summary}", err=True)


def _slug(name: str) -> str:
    """A file-name-safe form of an entity name (letters, digits, CJK kept)."""
    safe = "".join(ch if ch.isalnum() or ch in "-_." else "_" for ch in name).strip("._")
    return safe[:60] or "entity"
