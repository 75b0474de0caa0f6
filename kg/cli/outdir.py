"""The commands that read the output folder of ``kg build``: ``kg validate``, ``kg rules``,
``kg query`` and ``kg serve``."""

from __future__ import annotations

from pathlib import Path

import click

from kg.cli.options import Fail, Size, sigterm_interrupts
from kg.cli.progress import Progress
from kg.errors import KGError


@click.command()
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
        with Progress() as bar:  # drawn on a terminal only
            report = validate_export(outdir, inference=inference, progress=bar.callback)
    except KGError as e:
        raise Fail(str(e)) from e
    for line in report_lines(report, max_results):
        click.echo(line)
    if not report.conforms:
        click.get_current_context().exit(1)


@click.command()
@click.option("-d", "--dir", "outdir", type=click.Path(file_okay=False, path_type=Path), default=Path("output"),
              show_default=True, help="Output directory of `kg build` whose counts are shown.")
@click.option("--data-dir", type=click.Path(exists=True, file_okay=False, path_type=Path), default=None,
              help="Data folder (as for kg build) whose rules/relations.toml, rules/entities.toml and "
                   "rules/suffixes.tsv are listed; kg's own for each file it lacks.")
def rules(outdir, data_dir) -> None:
    """List the relation rules, then the entity rules, with how often each fired in the
    export in OUTDIR.

    For each rule of rules/relations.toml: its id, relation, engine and trigger words
    (shortened), and, when OUTDIR holds an export, `relations` (edges of relations.csv the
    rule made) and `evidence` (relations of documents.jsonl whose first sentence in a
    document the rule gave). Rules the export names but the rules file lacks come last.

    Then, after an empty line, each entity rule of rules/entities.toml and each suffix of
    rules/suffixes.tsv: its id (the `rule` a mention carries), the types it gives, its
    trigger (shortened), its description and, when the export's manifest.json has them,
    `mentions` (the mentions it gave). Suffixes that gave none are summed up in one line.

    \b
        kg build && kg rules
        kg rules -d out2
    """
    from kg.analysis.rule_hits import (
        entity_rule_hits,
        entity_rule_lines,
        load_entity_rule_files,
        load_rules,
        rule_hits,
        rule_lines,
    )

    try:
        # an overlay folder replaces the rules only when it has a rules file (kg.resources.overlay)
        own = data_dir is not None and (data_dir / "rules" / "relations.toml").is_file()
        hits = rule_hits(load_rules(data_dir if own else None), outdir)
        entity_hits = entity_rule_hits(*load_entity_rule_files(data_dir), outdir)
    except KGError as e:
        raise Fail(str(e)) from e
    for line in rule_lines(hits):
        click.echo(line)
    click.echo("")
    for line in entity_rule_lines(entity_hits):
        click.echo(line)
    if hits and hits[0].relations is None:
        click.echo(f"kg: no export in {outdir} (no relations.csv): run `kg build` to see counts", err=True)
    elif entity_hits and entity_hits[0].mentions is None:
        click.echo(f"kg: {outdir}/manifest.json has no entity rule counts (an older build): "
                   "build again to see them", err=True)


#: Output formats of `kg query` (kg.sparql.query.FORMATS; written out so `kg --help` stays fast).
QUERY_FORMATS = ("table", "csv", "tsv", "json", "xml", "turtle", "nt")


@click.command()
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
            raise Fail("give a query (SPARQL text, a .rq file, @name or -); `kg query --list` shows the bundled ones")
        if query == "-":
            query = click.get_text_stream("stdin").read()
        values = {}
        for p in params:
            name, sep, value = p.partition("=")
            if not sep or not name.strip():
                raise Fail(f"--param {p!r}: write NAME=VALUE")
            values[name.strip()] = value
        notices: list[str] = []
        try:
            with Progress() as bar:  # the first query of an export loads the store: drawn on a terminal only
                text = run(outdir, query, params=values, fmt=fmt, rebuild=rebuild, notices=notices,
                           progress=bar.callback)
        finally:
            for line in notices:  # a damaged query store was rebuilt
                click.echo(f"kg: {line}", err=True)
        click.echo(text, nl=False)
    except KGError as e:
        raise Fail(str(e)) from e


@click.command()
@click.argument("outdir", required=False, type=click.Path(file_okay=False, path_type=Path), default=Path("output"))
@click.option("--host", default="127.0.0.1", show_default=True,
              help="Address to listen on (the endpoint has no authentication: keep it local; "
                   "0.0.0.0 serves every network and warns).")
@click.option("--port", type=click.IntRange(0, 65535), default=8000, show_default=True,
              help="Port to listen on (0: any free port).")
@click.option("--timeout", type=click.FloatRange(min=0.1), default=30.0, show_default=True,
              help="Seconds a query may run before its worker process is stopped (503).")
@click.option("--max-memory", type=Size(), default="1G", show_default=True,
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
        with Progress(quiet) as bar:  # the first serve of an export loads the store: drawn on a terminal only
            server = make_server(outdir, host, port, workers=workers, timeout=timeout, max_rows=max_rows,
                                 max_memory=max_memory, cors=cors, log=log, on_ready=ready, progress=bar.callback)
    except KGError as e:
        raise Fail(str(e)) from e
    except OSError as e:
        raise Fail(f"{host}:{port}: cannot listen: {e.strerror or e}") from e
    if server.notice:
        click.echo(f"kg: {server.notice}", err=True)

    with sigterm_interrupts():  # `kill` stops the workers too, as Ctrl-C does
        try:
            server.serve_forever()  # handles Ctrl-C and SIGTERM itself, then raises KeyboardInterrupt
        except KeyboardInterrupt:
            pass
        except KGError as e:
            raise Fail(str(e)) from e
        finally:
            server.server_close()
    click.echo("kg: stopped", err=True)
