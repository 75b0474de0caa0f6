"""The pipeline: the stages in order, in one readable function.

- ``extract_document(doc, tools)`` is the per-document step: a pure function of the
  document and the loaded resources whose result (``DocExtraction``) pickles, so it runs
  the same in a loop, in a process pool or elsewhere.
- ``merge(doc_extractions, resources)`` is the corpus step: it merges entities across
  documents (aliases, gazetteer ids), gathers relations and co-occurrence counts and
  computes the association measures. It only adds up per-document counts, so merging
  parts and then the whole gives the same result as merging everything at once.
- ``build(inputs, outdir, settings)`` reads, extracts, merges and writes every export.
"""

from __future__ import annotations

import gc
import math
import os
import sys
import time
from collections import defaultdict
from collections.abc import Callable, Iterable, Sequence
from contextlib import contextmanager
from dataclasses import dataclass, field, replace
from hashlib import sha1
from importlib import metadata
from pathlib import Path

from kg.config import AnalysisSettings, Settings
from kg.extract.entities import EntityFinder, merge_aliases, resolve_references
from kg.model import (
    Cooccurrence,
    DocEntity,
    DocExtraction,
    Document,
    Entity,
    Evidence,
    Extraction,
    FileRecord,
    Relation,
)
from kg.extract.document import Packed, pack, unpack
from kg.extract.lac import LacSource
from kg.extract.relations import RelationFinder, cooccurrences
from kg.resources import Resources, load_resources
from kg.extract.script import TRADITIONAL_FORMS, restore_original, script_and_view
from kg.extract.segment import Segmenter
from kg.read.text import split_sentences


@dataclass
class Tools:
    """Resources plus the engines built from them, made once per process."""

    resources: Resources
    segmenter: Segmenter
    entities: EntityFinder
    relations: RelationFinder
    settings: Settings


def make_tools(settings: Settings, data_dir: str | Path | None = None) -> Tools:
    res = load_resources(data_dir)
    finder = EntityFinder(res)
    if settings.ner == "lac":
        finder.second = LacSource(finder)  # a ConfigError naming the extra when it is not installed
    return Tools(res, Segmenter(settings.backend, res.user_words()), finder, RelationFinder(res), settings)


def extract_document(doc: Document, tools: Tools) -> DocExtraction:
    """Sentences, mentions, document-level entities, relations and co-occurrences of one document.

    A traditional-character document is read through its simplified view (same offsets)
    and its result told again in its own characters (see :mod:`kg.extract.script`)."""
    script, view = script_and_view(doc.text)
    doc = replace(doc, script=script)
    if view is doc.text:
        return _extract_text(doc, tools)
    return restore_original(_extract_text(replace(doc, text=view), tools), doc)


def _extract_text(doc: Document, tools: Tools) -> DocExtraction:
    text = doc.text
    sentences = split_sentences(text)
    furniture = list(doc.excluded)  # page furniture, found by the reader
    # a long document is segmented in sections; the bounds of its tokens are what is kept
    mentions, bounds = tools.entities.find_sections(text, sentences, tools.segmenter.tokens, excluded=furniture)
    keyed, entities = merge_aliases(text, mentions, tools.resources)
    keyed = sorted(
        keyed + resolve_references(text, keyed, entities, sentences, tools.resources, bounds.starts),
        key=lambda m: (m.start, m.end),
    )
    refs = {e.name: dict(e.attrs).get("ref", "") for e in entities}
    relations = tools.relations.find(doc, sentences, keyed, bounds, skip=furniture, refs=refs)
    pairs, counts = cooccurrences(doc, sentences, keyed, tools.settings.max_cooccurrence_entities, skip=furniture)
    return DocExtraction(
        doc=doc,
        sentences=sentences,
        mentions=tuple(keyed),
        entities=tuple(entities),
        relations=tuple(relations),
        cooccurrences=tuple(pairs),
        sentence_counts=tuple(counts.items()),
    )


# ---------------------------------------------------------------------- merging
class _UnionFind:
    def __init__(self) -> None:
        self.parent: dict[str, str] = {}

    def find(self, x: str) -> str:
        p = self.parent.setdefault(x, x)
        while p != x:
            self.parent[x] = self.parent.setdefault(p, p)
            x, p = p, self.parent[p]
        return x

    def union(self, a: str, b: str) -> None:
        ra, rb = self.find(a), self.find(b)
        if ra != rb:
            lo, hi = sorted((ra, rb))
            self.parent[hi] = lo


def _entity_id(typ: str, ref: str, name: str) -> str:
    if ref.startswith("cn:"):
        return f"place/cn-{ref[3:]}"
    if typ == "Place" and ref:
        return f"place/{ref.lower()}"
    return f"{typ.lower()}/{name}"


def merge(docs: Sequence[DocExtraction], res: Resources, settings: Settings) -> Extraction:
    """Merge per-document results into corpus entities, relations and co-occurrences."""
    uf = _UnionFind()
    members: list[tuple[str, DocEntity]] = []
    # An entity with a gazetteer or lexicon reference joins others through that reference
    # only: 长宁 is a form of both 长宁区 (Shanghai) and 长宁县 (Sichuan). One without a
    # reference joins by a shared form, and joins a referenced entity when exactly one
    # reference has that form.
    ref_forms: dict[tuple[str, str], set[str]] = defaultdict(set)
    unreferenced: list[tuple[str, DocEntity]] = []
    for dx in docs:
        for e in dx.entities:
            node = f"{dx.doc.id}\x00{e.name}"
            members.append((node, e))
            uf.find(node)
            ref = dict(e.attrs).get("ref", "")
            if ref:
                uf.union(node, f"{e.type}\x01ref\x01{ref}")
                for form in (e.name, *e.aliases):
                    ref_forms[(e.type, form)].add(ref)
                continue
            unreferenced.append((node, e))
            # short forms of people are not shared keys (李书记 in two papers is not one person)
            for form in (e.name, *e.aliases):
                if e.type == "Person" and form != e.name:
                    continue
                uf.union(node, f"{e.type}\x01form\x01{form}")
    for node, e in unreferenced:
        for form in (e.name, *e.aliases):
            refs = ref_forms.get((e.type, form), ())
            if len(refs) == 1:
                uf.union(node, f"{e.type}\x01ref\x01{next(iter(refs))}")
    groups: dict[str, list[tuple[str, DocEntity]]] = defaultdict(list)
    for node, e in members:
        groups[uf.find(node)].append((node, e))
    entities: list[Entity] = []
    entity_of: dict[tuple[str, str], str] = {}
    mention_docs: dict[str, set[str]] = defaultdict(set)
    for _root, items in groups.items():
        typ = items[0][1].type
        ref = min((dict(e.attrs).get("ref", "") for _n, e in items if dict(e.attrs).get("ref")), default="")
        name_count: dict[str, int] = defaultdict(int)
        forms: set[str] = set()
        traditional: set[str] = set()
        for _n, e in items:
            name_count[e.name] += e.mentions
            forms.add(e.name)
            forms.update(e.aliases)
            if trad := dict(e.attrs).get(TRADITIONAL_FORMS):
                traditional.update(trad.split("|"))
        # a traditional form is an alias, never the canonical name (习近平, not 習近平)
        named = (forms - traditional) or forms
        attrs: dict[str, str] = {}
        if ref and ref in res.places:
            place = res.places[ref]
            canonical = place.name if place.name in forms else max(named, key=lambda f: (len(f), f))
            attrs = {"ref": ref, "kind": place.kind, "lon": place.lon, "lat": place.lat}
            if place.adcode:
                attrs["adcode"] = place.adcode
            if place.parent:
                attrs["parent"] = place.parent
        else:
            lex = res.lexicon_forms.get(ref) if ref else None
            if lex is not None and lex.name in forms:
                canonical = lex.name
            else:
                canonical = max(named, key=lambda f: (len(f), name_count.get(f, 0), f))
        eid = _entity_id(typ, ref if typ == "Place" else "", canonical)
        docs_of = sorted({n.split("\x00", 1)[0] for n, _e in items})
        entities.append(
            Entity(
                id=eid,
                type=typ,
                name=canonical,
                aliases=tuple(sorted(forms - {canonical})),
                mentions=sum(e.mentions for _n, e in items),
                documents=tuple(docs_of),
                attrs=tuple(sorted((k, v) for k, v in attrs.items() if v)),
            )
        )
        for n, e in items:
            doc_id = n.split("\x00", 1)[0]
            entity_of[(doc_id, e.name)] = eid
            mention_docs[eid].add(doc_id)
    # ids must be unique: two groups with the same type and canonical name (no shared
    # form) are different entities, told apart by a short hash of their documents
    seen: dict[str, int] = defaultdict(int)
    for e in entities:
        seen[e.id] += 1
    if any(v > 1 for v in seen.values()):
        fixed = []
        remap: dict[str, dict[str, str]] = {}
        for e in entities:
            if seen[e.id] > 1:
                new_id = f"{e.id}~{sha1('|'.join(e.documents).encode()).hexdigest()[:8]}"
                remap.setdefault(e.id, {})
                for d in e.documents:
                    remap[e.id][d] = new_id
                e = Entity(new_id, e.type, e.name, e.aliases, e.mentions, e.documents, e.attrs)
            fixed.append(e)
        entities = fixed
        for key, eid in list(entity_of.items()):
            if eid in remap:
                entity_of[key] = remap[eid][key[0]]
    entities.sort(key=lambda e: e.id)

    # typed relations
    rel_ev: dict[tuple[str, str, str], list[Evidence]] = defaultdict(list)
    for dx in docs:
        for r in dx.relations:
            h = entity_of.get((dx.doc.id, r.head))
            t = entity_of.get((dx.doc.id, r.tail))
            if h is None or t is None or h == t:
                continue
            if r.type in ("cooperates_with", "met") and t < h:
                h, t = t, h
            rel_ev[(h, r.type, t)].extend(r.evidence)
    relations = tuple(
        Relation(h, ty, t, tuple(sorted(set(ev), key=lambda v: (v.doc, v.sentence, v.start, v.rule))))
        for (h, ty, t), ev in sorted(rel_ev.items())
    )

    # co-occurrence: counts over sentences, measures at the end
    sent_total = sum(len(dx.sentences) for dx in docs)
    ent_sent: dict[str, int] = defaultdict(int)
    pair_ev: dict[tuple[str, str], list[Evidence]] = defaultdict(list)
    for dx in docs:
        for name, c in dx.sentence_counts:
            eid = entity_of.get((dx.doc.id, name))
            if eid:
                ent_sent[eid] += c
        for (a, b), ev in dx.cooccurrences:
            ea, eb = entity_of.get((dx.doc.id, a)), entity_of.get((dx.doc.id, b))
            if not ea or not eb or ea == eb:
                continue
            if eb < ea:
                ea, eb = eb, ea
            pair_ev[(ea, eb)].append(ev)
    coocs = []
    for (a, b), evs in sorted(pair_ev.items()):
        evs = sorted(set(evs), key=lambda v: (v.doc, v.sentence))
        count = len(evs)
        if count < settings.min_cooccurrence:
            continue
        pmi, npmi = association(count, ent_sent[a], ent_sent[b], sent_total)
        coocs.append(Cooccurrence(a, b, count, len({v.doc for v in evs}), pmi, npmi, tuple(evs)))
    return Extraction(
        docs=tuple(docs),
        entities=tuple(entities),
        relations=relations,
        cooccurrences=tuple(coocs),
        entity_of=dict(sorted(entity_of.items())),
        sentence_total=sent_total,
        homonym_candidates=homonym_candidates(docs, entity_of, national_bodies(entities, res)),
    )


def national_bodies(entities: Sequence[Entity], res: Resources) -> frozenset[str]:
    """Ids of countries and of the curated national and international bodies.

    One person commonly holds several of them at once (中共中央, 中央军委, 国家主席 of 中国);
    posts among them do not tell two namesakes apart.
    """
    out = set()
    for e in entities:
        kind = e.attr("kind")
        if kind == "country" or (e.type in ("Organization", "Enterprise") and e.name in res.lexicon_forms):
            out.add(e.id)
    return frozenset(out)


def homonym_candidates(
    docs: Sequence[DocExtraction],
    entity_of: dict[tuple[str, str], str],
    national: frozenset[str] = frozenset(),
) -> tuple[tuple[str, tuple[tuple[str, tuple[str, ...]], ...]], ...]:
    """People merged across documents who hold different posts in different documents.

    One name in two papers with disjoint posts (晋中市委 in one, 某公司 in another) may be
    two people; the merge keeps them together and the manifest lists them for review.
    Posts in national bodies (``national``) count as one post.
    """
    posts: dict[str, dict[str, set[str]]] = defaultdict(lambda: defaultdict(set))
    for dx in docs:
        for r in dx.relations:
            if r.type != "holds_position":
                continue
            person = entity_of.get((dx.doc.id, r.head))
            post = entity_of.get((dx.doc.id, r.tail))
            if person and post:
                posts[person][dx.doc.id].add(post)
    out = []
    for person, by_doc in sorted(posts.items()):
        # documents sharing a post belong together; two groups sharing none are suspicious
        groups: list[set[str]] = []
        for v in by_doc.values():
            v = {"national" if p in national else p for p in v}
            joined = [g for g in groups if not g.isdisjoint(v)]
            merged = set(v).union(*joined)
            groups = [g for g in groups if g not in joined] + [merged]
        if len(groups) > 1:
            out.append((person, tuple((d, tuple(sorted(v))) for d, v in sorted(by_doc.items()))))
    return tuple(out)


def association(pair: int, a: int, b: int, total: int) -> tuple[float, float]:
    """PMI and normalised PMI of two events counted over ``total`` units.

    >>> association(2, 2, 2, 4)
    (1.0, 1.0)
    """
    if pair <= 0 or a <= 0 or b <= 0 or total <= 0:
        return 0.0, -1.0
    p_xy = pair / total
    pmi = math.log2(p_xy / ((a / total) * (b / total)))
    if p_xy >= 1.0:
        return round(pmi, 6), 1.0
    npmi = pmi / -math.log2(p_xy)
    return round(pmi, 6), round(max(-1.0, min(1.0, npmi)), 6)


# ---------------------------------------------------------------------- build
@dataclass
class BuildResult:
    extraction: Extraction
    files: list[FileRecord]
    outputs: list[str] = field(default_factory=list)
    timings: dict[str, float] = field(default_factory=dict)


_WORKER_TOOLS: Tools | None = None


def _init_worker(settings: Settings, data_dir: str | None) -> None:
    global _WORKER_TOOLS
    _WORKER_TOOLS = make_tools(settings, data_dir)


def _extract_in_worker(doc: Document) -> Packed | str:
    """The per-document step in a worker: the result goes back packed (see
    :mod:`kg.extract.document`), a fifth of the pickled size of the objects."""
    assert _WORKER_TOOLS is not None
    return _extract_guarded(doc, _WORKER_TOOLS, packed=True)


def _extract_guarded(doc: Document, tools: Tools, packed: bool = False) -> DocExtraction | Packed | str:
    """The per-document step; a failure becomes a one-line reason instead of ending the run."""
    try:
        dx = extract_document(doc, tools)
        return pack(dx) if packed else dx
    except Exception as e:  # noqa: BLE001 - one bad document must not end a corpus run
        return f"document {doc.id}: extraction failed: {type(e).__name__}: {e}".splitlines()[0]


def extract_all(
    documents: Sequence[Document],
    tools: Tools,
    progress: Callable[[int, int], None] | None = None,
    failures: list[tuple[Document, str]] | None = None,
) -> list[DocExtraction]:
    """The per-document step over a corpus, in this process or in a pool of workers.

    A document whose extraction raises is left out of the result and reported in
    ``failures`` (document, reason) when a list is given.
    """
    out: list[DocExtraction] = []
    n = len(documents)

    def keep(doc: Document, result: DocExtraction | str) -> None:
        if isinstance(result, str):
            if failures is not None:
                failures.append((doc, result))
        else:
            out.append(result)

    if tools.settings.workers > 1 and n > 1:
        from concurrent.futures import ProcessPoolExecutor

        with ProcessPoolExecutor(
            tools.settings.workers, initializer=_init_worker, initargs=(tools.settings, tools.resources.data_dir)
        ) as pool:
            for i, (doc, result) in enumerate(zip(documents, pool.map(_extract_in_worker, documents, chunksize=32)), 1):
                keep(doc, result if isinstance(result, str) else unpack(result, doc))
                if progress:
                    progress(i, n)
        return out
    for i, doc in enumerate(documents, 1):
        keep(doc, _extract_guarded(doc, tools))
        if progress:
            progress(i, n)
    return out


def software_versions() -> dict[str, str]:
    out = {"kg": _version("kg"), "python": sys.version.split()[0]}
    for dist in ("jieba", "rjieba", "networkx", "rdflib", "pyvis", "ahocorasick-rs"):
        out[dist] = _version(dist)
    return out


def _version(dist: str) -> str:
    try:
        return metadata.version(dist)
    except metadata.PackageNotFoundError:
        return "unknown"


def build(
    inputs: Iterable[str | Path],
    outdir: str | Path,
    settings: Settings | None = None,
    *,
    data_dir: str | Path | None = None,
    progress: Callable[[str, int, int], None] | None = None,
    on_file_error: Callable[[FileRecord], None] | None = None,
) -> BuildResult:
    """Read ``inputs``, extract, merge and write every export into ``outdir``.

    ``outdir`` is replaced all at once (see :mod:`kg.publish`): the exports are written
    to a staging folder beside it and swapped in when complete, while a lock keeps other
    builds of ``outdir`` out (``OutputBusy``). When no document could be read nothing is
    written (``outputs`` is empty) and ``outdir`` stays as it was; a write that fails
    raises ``OutputError`` and leaves it as it was too. Entries of ``outdir`` that are
    not ``build_outputs()`` (the query store, ``analysis/``, the user's files) are kept.
    """
    from kg.export import rdf, tables, html as viz
    from kg.publish import locked

    settings = settings or Settings()
    timings: dict[str, float] = {}
    with locked(outdir, "kg build") as target:
        ex, files, tools = extract_corpus(
            inputs, settings, data_dir=data_dir, progress=progress, on_file_error=on_file_error, timings=timings
        )
        if not ex.docs:
            return BuildResult(ex, files, [], timings)

        written = []
        with target.replacing(owned=build_outputs()) as out:
            t0 = time.perf_counter()
            tables.write_documents_jsonl(ex, out / "documents.jsonl")
            tables.write_entities_csv(ex, out / "entities.csv")
            tables.write_relations_csv(ex, out / "relations.csv")
            written += ["documents.jsonl", "entities.csv", "relations.csv"]
            timings["tables"] = time.perf_counter() - t0
            t0 = time.perf_counter()
            written += rdf.write_exports(ex, out, settings)  # graph.ttl and the other settings.rdf_formats
            timings["rdf"] = time.perf_counter() - t0
            t0 = time.perf_counter()
            viz.write_html(ex, out / "graph.html", settings)
            written.append("graph.html")
            timings["html"] = time.perf_counter() - t0
            tables.write_manifest(
                out / "manifest.json",
                files=files,
                ex=ex,
                settings=settings,
                backend_info=tools.segmenter.info(),
                versions=software_versions(),
            )
            written.append("manifest.json")
    return BuildResult(ex, files, written, timings)


def build_outputs() -> frozenset[str]:
    """Every file ``kg build`` can write, whatever this run's formats: a new export
    replaces all of them, so none of an earlier build is left beside it."""
    from kg.export.rdf import EXPORT_FORMATS

    tables = ("documents.jsonl", "entities.csv", "relations.csv", "graph.html", "manifest.json")
    return frozenset((*tables, *(f.file for f in EXPORT_FORMATS.values())))


@dataclass
class AnalyzeResult:
    extraction: Extraction
    files: list[FileRecord]
    analysis: object  # kg.analysis.Analysis
    outputs: list[str] = field(default_factory=list)
    timings: dict[str, float] = field(default_factory=dict)


def analyze(
    inputs: Iterable[str | Path],
    outdir: str | Path,
    settings: Settings | None = None,
    analysis_settings: AnalysisSettings | None = None,
    *,
    data_dir: str | Path | None = None,
    progress: Callable[[str, int, int], None] | None = None,
    on_file_error: Callable[[FileRecord], None] | None = None,
) -> AnalyzeResult:
    """Read ``inputs``, extract and merge as ``build`` does, then analyse the graph and
    write ``outdir/analysis/`` (see :mod:`kg.analysis`); nothing else in ``outdir``
    is written. The extraction is made again rather than read from ``kg build``'s
    tables because those keep no sentence or paragraph positions, which every
    co-occurrence window needs. ``analysis/`` is replaced whole, as ``build`` replaces
    ``outdir`` (see :mod:`kg.publish`), under the same lock."""
    from kg import analysis
    from kg.publish import locked

    settings = settings or Settings()
    timings: dict[str, float] = {}
    with locked(outdir, "kg analyze") as target:
        ex, files, _tools = extract_corpus(inputs, settings, data_dir=data_dir, progress=progress,
                                           on_file_error=on_file_error, timings=timings)
        t0 = time.perf_counter()
        result = analysis.analyze(ex, analysis_settings)
        timings["analyze"] = time.perf_counter() - t0
        t0 = time.perf_counter()
        written: list[str] = []
        if ex.docs:
            # the staging folder is named analysis/, so writing into its parent fills it
            with target.replacing("analysis") as stage:
                written = analysis.write_analysis(result, stage.parent)
        timings["write"] = time.perf_counter() - t0
    return AnalyzeResult(ex, files, result, written, timings)


def extract_corpus(
    inputs: Iterable[str | Path],
    settings: Settings,
    *,
    data_dir: str | Path | None = None,
    progress: Callable[[str, int, int], None] | None = None,
    on_file_error: Callable[[FileRecord], None] | None = None,
    timings: dict[str, float] | None = None,
) -> tuple[Extraction, list[FileRecord], Tools]:
    """The first stages of ``build`` (read, load resources, extract, merge) with the
    same reporting of unreadable files, for commands that need the extraction only."""
    from kg.read.inputs import read_inputs

    timings = {} if timings is None else timings
    t0 = time.perf_counter()
    documents, files = read_inputs([_display_path(Path(p)) for p in inputs], settings)  # ids unique
    if on_file_error:
        for f in files:
            if f.status != "ok" or f.warning:
                on_file_error(f)
    timings["read"] = time.perf_counter() - t0
    t0 = time.perf_counter()
    tools = make_tools(settings, data_dir)
    timings["load"] = time.perf_counter() - t0
    t0 = time.perf_counter()
    cb = (lambda i, n: progress("extract", i, n)) if progress else None
    failures: list[tuple[Document, str]] = []
    with _no_gc():
        doc_results = extract_all(documents, tools, cb, failures)
    timings["extract"] = time.perf_counter() - t0
    if failures:
        files = _mark_failures(files, failures)
        if on_file_error:
            for f in files:
                if f.status != "ok" and any(d.path == f.path for d, _r in failures):
                    on_file_error(f)
    t0 = time.perf_counter()
    with _no_gc():
        ex = merge(doc_results, tools.resources, settings)
    timings["merge"] = time.perf_counter() - t0
    return ex, files, tools


@contextmanager
def _no_gc():
    """Pause the cycle collector: the stages make millions of small immutable objects
    without reference cycles, and full collections over them took 40 % of the merge."""
    was = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was:
            gc.enable()


def _mark_failures(files: list[FileRecord], failures: list[tuple[Document, str]]) -> list[FileRecord]:
    """Record documents whose extraction failed in their file's manifest entry."""
    from dataclasses import replace

    reasons: dict[str, list[str]] = defaultdict(list)
    for doc, reason in failures:
        reasons[doc.path].append(reason)
    out = []
    for f in files:
        if f.path in reasons:
            lost = len(reasons[f.path])
            status = "error" if lost >= f.documents else "partial"
            reason = "; ".join(filter(None, [f.reason, *reasons[f.path]]))
            f = replace(f, status=status, reason=reason)
        out.append(f)
    return out


def _display_path(p: Path) -> Path:
    """Paths under the working directory are shown relative to it (stable manifests)."""
    try:
        return p.resolve().relative_to(Path.cwd().resolve())
    except ValueError:
        return p


def default_corpus() -> Path:
    """``data/corpus`` of the source checkout (or of the installed data)."""
    from kg.resources import default_data_dir

    return default_data_dir() / "corpus"


def cpu_count() -> int:
    return os.cpu_count() or 1
