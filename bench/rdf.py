"""RDF export, store load and SPARQL query times on the benchmark corpus.

Usage (from the repository root)::

    python3 bench/rdf.py                         # the whole corpus (a few minutes)
    python3 bench/rdf.py --limit 2000            # its first 2,000 stories
    python3 bench/rdf.py --from-export DIR       # time load and queries of an existing build
    python3 bench/rdf.py --rdflib-limit 0 --json # no rdflib comparison; JSON report

Steps:

1. extraction of the corpus (``--corpus``, default
   ``../shared/bench/cctv_xinwenlianbo_2022-2026.jsonl.gz`` relative to the repository
   root, read in place; with ``--limit N`` its first N lines go to a temporary file in the
   system temporary directory): ``read_inputs``, ``make_tools``, ``extract_all``,
   ``merge``; timed once, for information only;
2. export: ``kg.export.rdf.write_rdf`` to Turtle (``graph.ttl``, what ``kg build`` writes), to
   N-Triples and to N-Quads (one named graph per document), best of ``--repeat``;
3. load: ``kg.sparql.store.GraphStore.open`` on a fresh output directory (bulk load of the
   export into an on-disk Oxigraph store, compaction, counting), once for each file (for
   N-Quads, also the copy of the graphs' union into the default graph); then the time to
   open the built Turtle store again (what every later ``kg query`` pays);
4. queries: several aggregates typical of the research questions, and every bundled
   query (``data/queries``), each the best of ``--repeat`` runs through
   ``kg.sparql.query.execute`` (parse, evaluate, and collect the rows in Python);
5. comparison: rdflib's SPARQL engine on ``to_rdf`` of the first ``--rdflib-limit``
   stories (default 2,000; 0 skips it) against Oxigraph on the same triples, for two of
   the aggregates.

Temporary exports and stores are removed unless ``--keep DIR`` is given.
"""

from __future__ import annotations

import argparse
import json
import shutil
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
if str(REPO) not in sys.path:  # run as a script from a source checkout
    sys.path.insert(0, str(REPO))

from corpus_sample import head_lines

from kg import pipeline
from kg.read import inputs as readers
from kg.export import rdf as kgrdf
from kg.config import Settings
from kg.sparql.query import PREFIXES, bundled_queries, execute
from kg.sparql.store import GraphStore

DEFAULT_CORPUS = REPO.parent / "shared" / "bench" / "cctv_xinwenlianbo_2022-2026.jsonl.gz"

#: Aggregates timed besides the bundled queries.
AGGREGATES: dict[str, str] = {
    "mentions per month": """
        SELECT ?month (COUNT(DISTINCT ?doc) AS ?documents) (COUNT(?entity) AS ?entityDocuments)
        WHERE {
          ?doc a kg:Document ; dcterms:date ?date .
          BIND(SUBSTR(STR(?date), 1, 7) AS ?month)
          OPTIONAL { ?entity kg:mentionedIn ?doc }
        }
        GROUP BY ?month ORDER BY ?month""",
    "relations per type": """
        SELECT ?relation (COUNT(?s) AS ?n) (SUM(?w) AS ?sentences)
        WHERE { ?s a kg:RelationStatement ; rdf:predicate ?relation ; kg:weight ?w }
        GROUP BY ?relation ORDER BY DESC(?n)""",
    "nodes per class": """
        SELECT ?class (COUNT(?x) AS ?n) WHERE { ?x a ?class } GROUP BY ?class ORDER BY DESC(?n)""",
    "top co-occurrence partners of 习近平": """
        SELECT ?name ?count ?npmi WHERE {
          ?x rdfs:label "习近平"@zh .
          { ?c kg:entityA ?x ; kg:entityB ?y } UNION { ?c kg:entityB ?x ; kg:entityA ?y }
          ?c kg:count ?count ; kg:npmi ?npmi . ?y rdfs:label ?name
        } ORDER BY DESC(?count) LIMIT 20""",
    # The same question twice: joining every co-occurrence before sorting costs ten times
    # what sorting the counts first and joining twenty does.
    "strongest pairs (join, then sort)": """
        SELECT ?a ?b ?count WHERE { ?c a kg:Cooccurrence ; kg:entityA ?a ; kg:entityB ?b ; kg:count ?count }
        ORDER BY DESC(?count) LIMIT 20""",
    "strongest pairs (sort, then join)": """
        SELECT ?aName ?bName ?count WHERE {
          { SELECT ?c ?count WHERE { ?c kg:count ?count } ORDER BY DESC(?count) LIMIT 20 }
          ?c kg:entityA/rdfs:label ?aName ; kg:entityB/rdfs:label ?bName
        } ORDER BY DESC(?count) ?aName ?bName""",
    "most mentioned people": """
        SELECT ?name ?m WHERE { ?p a kg:Person ; rdfs:label ?name ; kg:mentions ?m } ORDER BY DESC(?m) LIMIT 20""",
}
#: Aggregates also run on rdflib for the comparison.
COMPARED = ("relations per type", "mentions per month")


def best_of(repeat: int, func: Callable[[], object]) -> tuple[float, object]:
    """The shortest wall time of ``repeat`` calls, and the last call's result."""
    best, result = float("inf"), None
    for _ in range(repeat):
        result = None
        t0 = time.perf_counter()
        result = func()
        best = min(best, time.perf_counter() - t0)
    return best, result


def extraction(corpus: Path, limit: int | None, tmp: Path, settings: Settings):
    """(extraction, documents, seconds) of the corpus or its first ``limit`` lines."""
    source = corpus
    if limit:
        source = tmp / f"first{limit}.jsonl"
        head_lines(corpus, limit, source)
    t0 = time.perf_counter()
    documents, _files = readers.read_inputs([source])
    tools = pipeline.make_tools(settings)
    ex = pipeline.merge(pipeline.extract_all(documents, tools), tools.resources, settings)
    return ex, len(documents), time.perf_counter() - t0


def load(outdir: Path) -> tuple[float, float, int]:
    """(seconds to build the store, seconds to open it again, triples)."""
    t0 = time.perf_counter()
    with GraphStore.open(outdir, rebuild=True) as gs:
        built = time.perf_counter() - t0
        triples = gs.info.triples
    t0 = time.perf_counter()
    with GraphStore.open(outdir) as gs:
        reopened = time.perf_counter() - t0
    return built, reopened, triples


def time_queries(store, repeat: int) -> list[dict]:
    rows = []
    queries = [(name, text) for name, text in AGGREGATES.items()]
    queries += [(f"@{q.name}", q.text) for q in bundled_queries()]
    for name, text in queries:
        seconds, result = best_of(repeat, lambda text=text: execute(store, text))
        rows.append({"query": name, "seconds": round(seconds, 4), "rows": len(result.rows)})
    return rows


def rdflib_comparison(corpus: Path, limit: int, tmp: Path, settings: Settings, repeat: int) -> dict:
    import pyoxigraph as ox

    ex, docs, _s = extraction(corpus, limit, tmp, settings)
    graph = kgrdf.to_rdf(ex, settings)
    store = ox.Store()
    store.bulk_extend(ox.Quad(t.subject, t.predicate, t.object) for t in kgrdf.rdf_triples(ex, settings))
    prologue = "".join(f"PREFIX {k}: <{v}>\n" for k, v in PREFIXES.items())
    out = {"stories": docs, "triples": len(graph), "queries": []}
    for name in COMPARED:
        text = AGGREGATES[name]
        rdflib_s, rdflib_rows = best_of(repeat, lambda text=text: list(graph.query(prologue + text)))
        ox_s, ox_result = best_of(repeat, lambda text=text: execute(store, text))
        assert len(rdflib_rows) == len(ox_result.rows), (name, len(rdflib_rows), len(ox_result.rows))
        out["queries"].append(
            {
                "query": name,
                "rdflib_s": round(rdflib_s, 4),
                "oxigraph_s": round(ox_s, 4),
                "rows": len(ox_result.rows),
            }
        )
    return out


def run(args: argparse.Namespace) -> dict:
    settings = Settings(backend=args.backend)
    tmp = Path(tempfile.mkdtemp(prefix="kg-rdf-bench-"))
    report: dict = {"repeat": args.repeat}
    try:
        work = Path(args.keep) if args.keep else tmp / "out"
        work.mkdir(parents=True, exist_ok=True)
        if args.from_export:
            ttl_dir = Path(args.from_export)
            report["source"] = str(ttl_dir)
        else:
            corpus = Path(args.corpus)
            if not corpus.is_file():
                raise SystemExit(f"rdf: corpus not found: {corpus}")
            ex, docs, seconds = extraction(corpus, args.limit, tmp, settings)
            report.update(
                stories=docs,
                entities=len(ex.entities),
                relations=len(ex.relations),
                cooccurrences=len(ex.cooccurrences),
                extract_s=round(seconds, 2),
            )
            ttl_dir, nt_dir, nq_dir = work / "ttl", work / "nt", work / "nq"
            for d in (ttl_dir, nt_dir, nq_dir):
                d.mkdir(exist_ok=True)
            s_ttl, _ = best_of(
                args.repeat, lambda: kgrdf.write_rdf(ex, ttl_dir / "graph.ttl", settings=settings)
            )
            s_nt, _ = best_of(
                args.repeat, lambda: kgrdf.write_rdf(ex, nt_dir / "graph.nt", "nt", settings=settings)
            )
            s_nq, _ = best_of(
                args.repeat, lambda: kgrdf.write_rdf(ex, nq_dir / "graph.nq", "nquads", settings=settings)
            )
            del ex
            report["export_turtle_s"] = round(s_ttl, 2)
            report["export_ntriples_s"] = round(s_nt, 2)
            report["export_nquads_s"] = round(s_nq, 2)
            for name, path in (("turtle", ttl_dir / "graph.ttl"), ("ntriples", nt_dir / "graph.nt")):
                report[f"{name}_mb"] = round(path.stat().st_size / 1e6, 1)
            report["nquads_mb"] = round((nq_dir / "graph.nq").stat().st_size / 1e6, 1)
            built, reopened, _n = load(nt_dir)
            report["load_ntriples_s"] = round(built, 2)
            built, reopened, _n = load(nq_dir)
            report["load_nquads_s"] = round(built, 2)
        built, reopened, triples = load(ttl_dir)
        report.update(triples=triples, load_turtle_s=round(built, 2), reopen_s=round(reopened, 4))
        with GraphStore.open(ttl_dir) as gs:
            report["queries"] = time_queries(gs.store, args.repeat)
        if args.rdflib_limit and not args.from_export:
            report["rdflib"] = rdflib_comparison(
                Path(args.corpus), args.rdflib_limit, tmp, settings, args.repeat
            )
    finally:
        shutil.rmtree(tmp, ignore_errors=True)
    return report


def print_report(r: dict) -> None:
    if "stories" in r:
        print(
            f"{r['stories']} stories: {r['entities']} entities, {r['relations']} relations, "
            f"{r['cooccurrences']} co-occurrences (extraction {r['extract_s']} s, not part of the figures below)"
        )
        print(
            f"export: Turtle {r['export_turtle_s']} s ({r['turtle_mb']} MB), "
            f"N-Triples {r['export_ntriples_s']} s ({r['ntriples_mb']} MB), "
            f"N-Quads {r['export_nquads_s']} s ({r['nquads_mb']} MB)"
        )
        print(
            f"load into the on-disk store: from N-Triples {r['load_ntriples_s']} s, "
            f"from N-Quads {r['load_nquads_s']} s (named graphs, and their union copied to the default graph)"
        )
    print(
        f"load into the on-disk store: from Turtle {r['load_turtle_s']} s; "
        f"{r['triples']} triples; reopening the built store {r['reopen_s'] * 1000:.1f} ms"
    )
    print(f"\nqueries (best of {r['repeat']}):")
    width = max(len(q["query"]) for q in r["queries"])
    for q in r["queries"]:
        print(f"  {q['query']:<{width}}  {q['seconds'] * 1000:9.1f} ms  {q['rows']:6d} rows")
    if "rdflib" in r:
        c = r["rdflib"]
        print(f"\nrdflib against Oxigraph on the first {c['stories']} stories ({c['triples']} triples):")
        for q in c["queries"]:
            ratio = q["rdflib_s"] / q["oxigraph_s"] if q["oxigraph_s"] else float("inf")
            print(
                f"  {q['query']:<{width}}  rdflib {q['rdflib_s'] * 1000:9.1f} ms  "
                f"Oxigraph {q['oxigraph_s'] * 1000:7.1f} ms  ({ratio:.0f}x)"
            )


def main() -> None:
    p = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    p.add_argument(
        "--corpus", default=str(DEFAULT_CORPUS), help="JSONL(.gz) corpus (default: the CCTV corpus)"
    )
    p.add_argument("--limit", type=int, default=None, help="use the first N stories only")
    p.add_argument("--repeat", type=int, default=3, help="runs per timing; the best is reported (default 3)")
    p.add_argument("--backend", default="rjieba", choices=["rjieba", "jieba"])
    p.add_argument("--from-export", metavar="DIR", help="skip extraction and export: time an existing build")
    p.add_argument(
        "--rdflib-limit", type=int, default=2000, help="stories for the rdflib comparison (0: skip)"
    )
    p.add_argument("--keep", metavar="DIR", help="keep the exports and stores in DIR")
    p.add_argument("--json", action="store_true", help="print the report as JSON")
    args = p.parse_args()
    report = run(args)
    if args.json:
        print(json.dumps(report, ensure_ascii=False, indent=2))
    else:
        print_report(report)


if __name__ == "__main__":
    main()
