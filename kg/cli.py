"""The command line: thin click commands over library functions.

Every ``KGError`` becomes a one-line message on standard error and exit status 1; an
input file that cannot be read is reported in one line and the run goes on.
"""

from __future__ import annotations

import json
import signal
import sys
from contextlib import contextmanager
from pathlib import Path
from typing import ClassVar

import click

from kg import __version__
from kg.config import BACKENDS, NER_SOURCES, RDF_FORMAT_NAMES, WINDOWS, load_settings
from kg.errors import InputError, KGError, show_path


def _corpus_options(config_help: str = "TOML file with settings (a [kg] table); command-line options override it."):
    """The options every command that extracts a corpus shares (build, view, analyze)."""

    def decorate(f):
        for opt in reversed(
            (
                click.option("--backend", type=click.Choice(BACKENDS), default=None,
                             help="Segmentation backend: rjieba (jieba-rs, fast; the default) or jieba (the reference)."),
                click.option("--ner", type=click.Choice(NER_SOURCES), default=None,
                             help="Entity candidates: rules (the default) or lac (rules plus filtered spans of "
                                  "Baidu's LAC model; pip install 'kg[lac]')."),
                click.option("--config", "config_path", type=click.Path(exists=True, dir_okay=False, path_type=Path),
                             default=None, help=config_help),
                click.option("--workers", type=click.IntRange(min=1), default=None,
                             help="Processes for the per-document step (default 1: this process)."),
                click.option("--data-dir", type=click.Path(exists=True, file_okay=False, path_type=Path), default=None,
                             help="Use lexicons, gazetteers and rules from this directory instead of the built-in data/."),
            )
        ):
            f = opt(f)
        return f

    return decorate


class _Size(click.ParamType):
    """A number of bytes: ``1048576``, ``500M``, ``2G`` (K, M, G are powers of 1024)."""

    name = "SIZE"
    _UNITS: ClassVar[dict[str, int]] = {"": 1, "K": 1 << 10, "M": 1 << 20, "G": 1 << 30, "T": 1 << 40}

    def convert(self, value, param, ctx):
        if isinstance(value, int):
            return value
        text = str(value).strip().upper().removesuffix("IB").removesuffix("B")
        unit = text[-1:] if text[-1:] in self._UNITS else ""
        number = text[: len(text) - len(unit)].strip()
        try:
            size = int(float(number) * self._UNITS[unit])
        except ValueError:
            self.fail(f"{value!r} is not a size such as 1048576, 500M or 2G", param, ctx)
        if size < 1:
            self.fail(f"{value!r} must be at least one byte", param, ctx)
        return size


#: The options that say how input files are read, and the settings they set.
_INPUT_OPTIONS = (
    ("text_field", click.option("--text-field", metavar="NAME", default=None,
                                help="Record field (JSONL, JSON) or CSV/TSV column holding each document's text, "
                                     "looked for before the common names (text, content, body, article, 正文, 内容…).")),
    ("title_field", click.option("--title-field", metavar="NAME", default=None,
                                 help="Field or column of the title (default: title, headline, 标题…).")),
    ("date_field", click.option("--date-field", metavar="NAME", default=None,
                                help="Field or column of the date (default: date, pubdate, publish_time, 日期…).")),
    ("id_field", click.option("--id-field", metavar="NAME", default=None,
                              help="Field or column of the document id (default: id, doc_id, then url).")),
    ("source_field", click.option("--source-field", metavar="NAME", default=None,
                                  help="Field or column of the source (default: source, media, 来源, then url).")),
    ("max_input_bytes", click.option("--max-input-bytes", type=_Size(), default=None,
                                     help="Most bytes read from one file, after gzip decompression (default 1G); "
                                          "a file over it is read up to it and marked partial.")),
)


def _input_options(f):
    """Add the options of :data:`_INPUT_OPTIONS`; the command gets them as one dict, ``reading``
    (setting name -> value or None), to hand to ``load_settings``."""
    import functools

    @functools.wraps(f)
    def wrapper(*args, **kwargs):
        kwargs["reading"] = {name: kwargs.pop(name) for name, _opt in _INPUT_OPTIONS}
        return f(*args, **kwargs)

    for _name, opt in reversed(_INPUT_OPTIONS):
        wrapper = opt(wrapper)
    return wrapper


def _report_file_error(rec) -> None:
    """One line for an input path that was not read, read only in part, or read with a warning."""
    if rec.status in ("ok", "partial") and rec.warning:
        click.echo(f"kg: {rec.path}: warning: {rec.warning}", err=True)
    if rec.status != "ok":
        kind = "partly read" if rec.status == "partial" else "skipped"
        click.echo(f"kg: {rec.path}: {kind}: {rec.reason}", err=True)


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
    charts and Gephi files (OUTDIR/analysis/). `kg COMMAND --help` explains each command.
    """


@main.command()
@click.argument("inputs", nargs=-1, type=click.Path(exists=True, path_type=Path))
@click.option("-o", "--output", "outdir", type=click.Path(file_okay=False, path_type=Path), default=Path("output"),
              show_default=True, help="Directory the exports are written to (created if missing).")
@_corpus_options()
@click.option("--min-cooccurrence", type=click.IntRange(min=1), default=None,
              help="Keep co-occurrence edges seen in at least this many sentences (default 1).")
@click.option("--html-max-nodes", type=click.IntRange(min=1), default=None,
              help="Most entities drawn in graph.html, the most mentioned first (default 500).")
@click.option("--rdf-format", "rdf_formats", multiple=True, metavar="FORMAT", callback=lambda _c, _p, v: _rdf_formats(v),
              help="RDF written: turtle (graph.ttl, the default), ntriples (graph.nt), jsonld (graph.jsonld), "
                   "trig (graph.trig) or nquads (graph.nq), the last two with one named graph per document. "
                   "Repeat it or separate names with commas.")
@_input_options
@click.option("-q", "--quiet", is_flag=True, help="Print nothing but errors.")
def build(inputs, outdir, backend, ner, config_path, workers, min_cooccurrence, html_max_nodes, data_dir, rdf_formats,
          quiet, reading) -> None:
    """Build the graph from INPUTS (files or folders; default: the sample corpus).

    Inputs are read by content, not by name: plain text in UTF-8, GB18030 or UTF-16,
    Markdown or HTML with front matter, PDF-extracted text, and records, one document
    each: JSONL, JSON, CSV or TSV with a header row (all optionally gzip-compressed),
    fields found by name (text, content, 正文…; --text-field and the like name others).
    A file that cannot be read, or only in part, is reported in one line and listed in
    manifest.json with its status and reason; the run goes on with the rest.
    """
    from kg.pipeline import build as run_build
    from kg.pipeline import default_corpus

    try:
        settings = load_settings(
            config_path,
            backend=backend,
            ner=ner,
            workers=workers,
            min_cooccurrence=min_cooccurrence,
            html_max_nodes=html_max_nodes,
            rdf_formats=rdf_formats,
            **reading,
        )
        paths = list(inputs) or [default_corpus()]
        bar = _Progress(enabled=not quiet and sys.stderr.isatty())

        on_file_error = _report_file_error

        with _sigterm_interrupts():
            result = run_build(paths, outdir, settings, data_dir=data_dir, progress=bar.update,
                               on_file_error=on_file_error)
        bar.close()
    except KGError as e:
        raise click.ClickException(str(e)) from e
    except KeyboardInterrupt as e:
        raise click.ClickException(_interrupted(outdir, e)) from e
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
            f"{len(ex.cooccurrences)} co-occurrences -> {show_path(outdir)}/",
            err=True,
        )


@contextmanager
def _sigterm_interrupts():
    """`kill` (SIGTERM) interrupts a command as Ctrl-C does: a writing command removes
    its staging folder and leaves the output folder as it was (see kg.publish), and
    `kg serve` stops its query workers."""

    def stop(_signum, _frame) -> None:
        raise KeyboardInterrupt

    previous = signal.signal(signal.SIGTERM, stop)
    try:
        yield
    finally:
        signal.signal(signal.SIGTERM, previous)


def _interrupted(target: Path, e: KeyboardInterrupt) -> str:
    """The one-line message of an interrupted build or analysis."""
    if getattr(e, "replaced", False):  # kg.publish.Interrupted: it came during the swap
        return f"{show_path(target)}: interrupted after it was replaced"
    return f"{show_path(target)}: interrupted; it was left as it was"


def _rdf_formats(values: tuple[str, ...]) -> tuple[str, ...] | None:
    """--rdf-format values (repeated, comma-separated) as format names; None if none given."""
    names = [n.strip().lower() for v in values for n in v.split(",") if n.strip()]
    unknown = [n for n in names if n not in RDF_FORMAT_NAMES]
    if unknown:
        raise click.BadParameter(f"{unknown[0]!r} is not one of {', '.join(RDF_FORMAT_NAMES)}")
    return tuple(names) or None


@main.command()
@click.argument("outdir", required=False, type=click.Path(path_type=Path), default=Path("output"))
@click.option("--max-results", type=click.IntRange(min=1), default=20, show_default=True,
              help="Most results listed (all are counted).")
@click.option("--inference", type=click.Choice(("none", "rdfs")), default="none", show_default=True,
              help="none: check the export as written (fast); rdfs: infer over the kg ontology first (slower).")
def validate(outdir, max_results, inference) -> None:
    """Check the RDF export in OUTDIR (default: output) against kg's SHACL shapes.

    OUTDIR is an output directory of `kg build` (its graph.ttl is read, else graph.nt,
    graph.nq, graph.trig or graph.jsonld) or one export file. Prints "conforms" and exits
    with status 0, or lists what does not conform (focus node, property, message, value)
    and exits with status 1.

    \b
        kg build && kg validate
        kg validate output/graph.nq --max-results 100
    """
    from kg.sparql.validate import report_lines, validate_export

    try:
        report = validate_export(outdir, inference=inference)
    except KGError as e:
        raise _Fail(str(e)) from e
    for line in report_lines(report, max_results):
        click.echo(line)
    if not report.conforms:
        click.get_current_context().exit(1)


@main.command()
@click.option("-d", "--dir", "outdir", type=click.Path(file_okay=False, path_type=Path), default=Path("output"),
              show_default=True, help="Output directory of `kg build` whose counts are shown.")
@click.option("--data-dir", type=click.Path(exists=True, file_okay=False, path_type=Path), default=None,
              help="Data folder whose rules/relations.toml is listed (default: kg's own data).")
def rules(outdir, data_dir) -> None:
    """List the relation rules with how often each fired in the export in OUTDIR.

    For each rule of rules/relations.toml: its id, relation, engine and trigger words
    (shortened), and, when OUTDIR holds an export, `relations` (edges of relations.csv the
    rule made) and `evidence` (relations of documents.jsonl whose first sentence in a
    document the rule gave). Rules the export names but the rules file lacks come last.

    \b
        kg build && kg rules
        kg rules -d out2
    """
    from kg.analysis.rule_hits import load_rules, rule_hits, rule_lines

    try:
        hits = rule_hits(load_rules(data_dir), outdir)
    except KGError as e:
        raise _Fail(str(e)) from e
    for line in rule_lines(hits):
        click.echo(line)
    if hits and hits[0].relations is None:
        click.echo(f"kg: no export in {outdir} (no relations.csv): run `kg build` to see counts", err=True)


@main.command()
@click.option("--jsonl", "inp", required=True,
              type=click.Path(exists=True, dir_okay=False, allow_dash=True, path_type=Path),
              help='JSONL file, one record {"id", "text"} a line (other keys are ignored); - reads stdin.')
@click.option("-o", "--output", "out", required=True, type=click.Path(dir_okay=False, allow_dash=True, path_type=Path),
              help='JSONL file written: {"id", "entities": [{"start", "end", "type", "text"}]} a line; - is stdout.')
@click.option("--backend", type=click.Choice(BACKENDS), default=None,
              help="Segmentation backend: rjieba (jieba-rs, fast; the default) or jieba (the reference).")
@click.option("--ner", type=click.Choice(NER_SOURCES), default=None,
              help="Entity candidates: rules (the default) or lac (rules plus filtered LAC spans; pip install 'kg[lac]').")
@click.option("--flat/--nested", default=True, show_default=True,
              help="--flat drops a mention inside another (晋中市 in 晋中市委), as the public NER corpora do; "
                   "--nested keeps both.")
def annotate(inp, out, backend, ner, flat) -> None:
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
        tools = make_tools(load_settings(backend=backend, ner=ner))
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
    summary = f"{_count(done, 'record')} annotated, {_count(skipped, 'line')} skipped: {name} -> {target}"
    if not done:
        raise click.ClickException(f"no record could be read ({summary})")
    click.echo(f"kg: {summary}", err=True)


class _Fail(click.ClickException):
    """A one-line error printed as ``kg: <message>``, exit status 1."""

    def show(self, file=None) -> None:
        click.echo(f"kg: {self.format_message()}", err=True, file=file)


#: Output formats of `kg query` (kg.sparql.query.FORMATS; written out so `kg --help` stays fast).
QUERY_FORMATS = ("table", "csv", "tsv", "json", "xml", "turtle", "nt")


@main.command()
@click.argument("query", required=False)
@click.option("-d", "--dir", "outdir", type=click.Path(file_okay=False, path_type=Path), default=Path("output"),
              show_default=True, help="Output directory of `kg build` whose graph is queried.")
@click.option("-f", "--format", "fmt", type=click.Choice(QUERY_FORMATS), default="table", show_default=True,
              help="table (aligned, for a terminal), csv, tsv, json, xml (SPARQL result formats); "
                   "CONSTRUCT/DESCRIBE give Turtle, or N-Triples with nt, JSON-LD with json.")
@click.option("-p", "--param", "params", multiple=True, metavar="NAME=VALUE",
              help="Set a parameter of the query (its VALUES ?NAME { … } clause); repeatable.")
@click.option("--list", "list_queries", is_flag=True, help="List the bundled queries (@name) with their parameters.")
@click.option("--rebuild", is_flag=True, help="Rebuild the query store (OUTDIR/.oxigraph) before querying.")
def query(query, outdir, fmt, params, list_queries, rebuild) -> None:
    """Run a SPARQL query on the graph of OUTDIR and print the results.

    QUERY is SPARQL text, a .rq file, @NAME for a bundled query (see --list), or - to
    read standard input. The prefixes kg:, id:, schema:, skos:, prov:, dcterms:, geo:,
    xsd:, rdfs:, rdf: and owl: are bound; a PREFIX line of the query wins.

    \b
        kg query 'SELECT ?name WHERE { ?p a kg:Person ; rdfs:label ?name }'
        kg query @officials-of-province -p provinceName=福建
        kg query my.rq --format csv > out.csv

    The first query loads graph.ttl (or graph.nq/graph.trig) into a store under
    OUTDIR/.oxigraph/, reused until the export changes; it is a cache and may be deleted.
    """
    from kg.sparql.query import bundled_queries, describe_bundled, run

    try:
        if list_queries:
            click.echo(describe_bundled(bundled_queries()), nl=False)
            return
        if not query:
            raise _Fail("give a query (SPARQL text, a .rq file, @name or -); `kg query --list` shows the bundled ones")
        if query == "-":
            query = click.get_text_stream("stdin").read()
        values = {}
        for p in params:
            name, sep, value = p.partition("=")
            if not sep or not name.strip():
                raise _Fail(f"--param {p!r}: write NAME=VALUE")
            values[name.strip()] = value
        notices: list[str] = []
        try:
            text = run(outdir, query, params=values, fmt=fmt, rebuild=rebuild, notices=notices)
        finally:
            for line in notices:  # a damaged query store was rebuilt
                click.echo(f"kg: {line}", err=True)
        click.echo(text, nl=False)
    except KGError as e:
        raise _Fail(str(e)) from e


@main.command()
@click.argument("outdir", required=False, type=click.Path(file_okay=False, path_type=Path), default=Path("output"))
@click.option("--host", default="127.0.0.1", show_default=True,
              help="Address to listen on (the endpoint has no authentication: keep it local; "
                   "0.0.0.0 serves every network and warns).")
@click.option("--port", type=click.IntRange(0, 65535), default=8000, show_default=True,
              help="Port to listen on (0: any free port).")
@click.option("--timeout", type=click.FloatRange(min=0.1), default=30.0, show_default=True,
              help="Seconds a query may run before its worker process is stopped (503).")
@click.option("--max-memory", type=_Size(), default="1G", show_default=True,
              help="Memory a query may add to its worker (1G, 500M…) before it is stopped (503).")
@click.option("--max-rows", type=click.IntRange(min=1), default=10_000, show_default=True,
              help="Most result rows (or triples) sent; longer results are cut (X-Result-Truncated: true).")
@click.option("--workers", type=click.IntRange(min=1), default=2, show_default=True,
              help="Worker processes running queries at the same time (one client gets at most half).")
@click.option("--cors", "cors", multiple=True, metavar="ORIGIN",
              help="Let web pages from ORIGIN (https://yasgui.org, or * for any) query the endpoint; repeatable. "
                   "Without it cross-origin requests are refused.")
@click.option("-q", "--quiet", is_flag=True, help="Do not log requests.")
def serve(outdir, host, port, timeout, max_memory, max_rows, workers, cors, quiet) -> None:
    """Serve the graph of OUTDIR (default: output) as a read-only SPARQL endpoint.

    \b
        /sparql   SPARQL 1.1 Protocol: GET ?query=…, POST form or application/sparql-query;
                  results as JSON, XML, CSV or TSV, graphs as Turtle, N-Triples, JSON-LD;
                  GET without a query: the service description
        /         a query page (form, example queries, results table)

    Updates and SERVICE are refused; each query has a time and a memory limit, and no
    client may hold more than its share of the workers. Stop with Ctrl-C.
    """
    from kg.sparql.serve import exposure_warning, make_server

    log = None if quiet else (lambda line: click.echo(f"kg: {line}", err=True))
    if warning := exposure_warning(host):
        click.echo(f"kg: warning: {warning}", err=True)

    def ready() -> None:
        bound_host, bound_port = server.server_address[:2]
        shown = f"[{bound_host}]" if ":" in bound_host else bound_host
        click.echo(
            f"kg: serving {server.triples} triples of {outdir} at http://{shown}:{bound_port}/ "
            f"(SPARQL endpoint /sparql, {workers} workers); Ctrl-C stops",
            err=True,
        )
        if server.service.network is not None:
            click.echo(f"kg: note: the query workers are not kept off the network ({server.service.network}); "
                       "SERVICE is still refused by the query check", err=True)

    try:
        server = make_server(outdir, host, port, workers=workers, timeout=timeout, max_rows=max_rows,
                             max_memory=max_memory, cors=cors, log=log, on_ready=ready)
    except KGError as e:
        raise _Fail(str(e)) from e
    except OSError as e:
        raise _Fail(f"{host}:{port}: cannot listen: {e.strerror or e}") from e
    if server.notice:
        click.echo(f"kg: {server.notice}", err=True)

    with _sigterm_interrupts():  # `kill` stops the workers too, as Ctrl-C does
        try:
            server.serve_forever()  # handles Ctrl-C and SIGTERM itself, then raises KeyboardInterrupt
        except KeyboardInterrupt:
            pass
        except KGError as e:
            raise _Fail(str(e)) from e
        finally:
            server.server_close()
    click.echo("kg: stopped", err=True)


@main.command()
@click.argument("entity")
@click.argument("inputs", nargs=-1, type=click.Path(exists=True, path_type=Path))
@click.option("--depth", type=click.IntRange(min=0), default=1, show_default=True,
              help="Steps from ENTITY: 1 = the entities linked to it, 2 = theirs too.")
@click.option("--relations-only", is_flag=True,
              help="Walk typed relations only (by default a co-occurrence is a step too).")
@click.option("-o", "--output", "out", type=click.Path(dir_okay=False, path_type=Path), default=None,
              help="Page written (default: output/view-NAME.html).")
@_corpus_options()
@click.option("--min-cooccurrence", type=click.IntRange(min=1), default=None,
              help="Keep co-occurrence edges seen in at least this many sentences, as for kg build.")
@click.option("--html-max-nodes", type=click.IntRange(min=1), default=None,
              help="Most entities drawn, the nearest to ENTITY first (default 500).")
@_input_options
@click.option("-q", "--quiet", is_flag=True, help="Print nothing but errors.")
def view(entity, inputs, depth, relations_only, out, backend, ner, config_path, workers, min_cooccurrence,
         html_max_nodes, data_dir, quiet, reading) -> None:
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
    """
    from kg.pipeline import default_corpus, extract_corpus
    from kg.export.html import find_entity, write_ego_html

    try:
        settings = load_settings(
            config_path,
            backend=backend,
            ner=ner,
            workers=workers,
            min_cooccurrence=min_cooccurrence,
            html_max_nodes=html_max_nodes,
            **reading,
        )
        paths = list(inputs) or [default_corpus()]

        on_file_error = _report_file_error

        ex, _files, _tools = extract_corpus(paths, settings, data_dir=data_dir, on_file_error=on_file_error)
        if not ex.docs:
            raise _Fail(f"no document could be read from {', '.join(str(p) for p in paths)}")
        centre = find_entity(ex, entity)
        out = out or Path("output") / f"view-{_slug(centre.name)}.html"
        centre, sub = write_ego_html(ex, centre.id, out, settings, depth=depth, cooccurrence=not relations_only)
    except KGError as e:
        raise _Fail(str(e)) from e
    if not quiet:
        shown = min(len(sub.entities), settings.html_max_nodes)
        steps = f"{depth} step{'' if depth == 1 else 's'}"
        click.echo(f"kg: {centre.name} ({centre.type}): {shown} of {len(sub.entities)} entities within {steps}"
                   f" -> {out}", err=True)


@main.command()
@click.argument("inputs", nargs=-1, type=click.Path(exists=True, path_type=Path))
@click.option("-o", "--output", "outdir", type=click.Path(file_okay=False, path_type=Path), default=Path("output"),
              show_default=True, help="Directory whose analysis/ folder is written (created if missing).")
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
@_corpus_options("TOML file with settings ([kg] and [analysis] tables); command-line options override it.")
@_input_options
@click.option("-q", "--quiet", is_flag=True, help="Print nothing but errors.")
def analyze(inputs, outdir, window, by, min_count, backbone, top_k, max_entities, duplicates, export_max_edges, seed,
            backend, ner, config_path, workers, data_dir, quiet, reading) -> None:
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

    try:
        settings = load_settings(config_path, backend=backend, ner=ner, workers=workers, **reading)
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
        )
        paths = list(inputs) or [default_corpus()]
        bar = _Progress(enabled=not quiet and sys.stderr.isatty())

        on_file_error = _report_file_error

        with _sigterm_interrupts():
            result = run_analyze(paths, outdir, settings, options, data_dir=data_dir, progress=bar.update,
                                 on_file_error=on_file_error)
        bar.close()
    except KGError as e:
        raise _Fail(str(e)) from e
    except KeyboardInterrupt as e:
        raise _Fail(_interrupted(Path(outdir) / "analysis", e)) from e
    except OSError as e:
        raise _Fail(f"{show_path(e.filename or outdir)}: cannot write: {e.strerror or e}") from e
    if not result.extraction.docs:
        raise _Fail(f"no document could be read from {', '.join(show_path(p) for p in paths)}")
    if not quiet:
        an = result.analysis
        w = an.whole
        dups = sum(len(g.duplicates) for g in an.duplicates)
        click.echo(
            f"kg: {_count(w.documents, 'document')} ({_count(dups, 'near-duplicate')} left out), "
            f"{_count(w.units, options.window)}: {len(w.nodes)} entities, {_count(len(w.edges['a']), 'pair')}, "
            f"{_count(w.graph.number_of_edges(), 'edge')} kept, "
            f"{len(w.communities)} {'community' if len(w.communities) == 1 else 'communities'}"
            + (f", {_count(len(an.periods), 'period')}" if an.periods else "")
            + f" -> {show_path(Path(outdir) / 'analysis')}/",
            err=True,
        )


def _slug(name: str) -> str:
    """A file-name-safe form of an entity name (letters, digits, CJK kept)."""
    safe = "".join(ch if ch.isalnum() or ch in "-_." else "_" for ch in name).strip("._")
    return safe[:60] or "entity"


def _count(n: int, noun: str) -> str:
    return f"{n} {noun}{'' if n == 1 else 's'}"


class _Progress:
    """A progress bar on a terminal, silence otherwise."""

    def __init__(self, enabled: bool):
        self.enabled = enabled
        self._bar = None

    def update(self, stage: str, done: int, total: int) -> None:
        if not self.enabled or total < 20:
            return
        if self._bar is None:
            self._bar = click.progressbar(length=total, label=stage, file=sys.stderr)
            self._bar.__enter__()
        self._bar.update(1)

    def close(self) -> None:
        if self._bar is not None:
            self._bar.__exit__(None, None, None)
            self._bar = None


if __name__ == "__main__":  # pragma: no cover
    main()
