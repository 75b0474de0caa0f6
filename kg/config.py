"""Settings as frozen dataclasses with defaults written once.

Settings can be overridden from a TOML file (``[kg]`` table or top level); unknown keys
are errors, so a misspelt option never goes unnoticed. The same file may hold an
``[analysis]`` table for ``kg analyze`` (:class:`AnalysisSettings`).
"""

from __future__ import annotations

import tomllib
from dataclasses import dataclass, fields, replace
from pathlib import Path

from kg.errors import ConfigError

BACKENDS = ("rjieba", "jieba")
#: Sources of entity candidates: our rules alone, or the rules plus filtered LAC spans (kg.extract.lac).
NER_SOURCES = ("rules", "lac")
#: RDF serialisations ``kg build`` can write (kg.export.rdf.EXPORT_FORMATS has their files).
RDF_FORMAT_NAMES = ("turtle", "ntriples", "jsonld", "trig", "nquads")
#: Units co-occurrence is counted over by ``kg analyze``.
WINDOWS = ("sentence", "paragraph", "document")
#: Periods ``kg analyze --by`` slices the corpus into ("" = no slicing).
PERIODS = ("", "year", "month")
#: Languages of graph.html's interface (kg.export.html.labels has the words).
PAGE_LANGUAGES = ("zh", "en")
#: Engines of the per-document step: ``local`` (this process, or a pool of ``workers``
#: processes) or ``dask`` (Dask tasks on a local or remote cluster, kg.engines).
ENGINES = ("local", "dask")


@dataclass(frozen=True, slots=True)
class Settings:
    """Options of a build. Every field is recorded in the run's manifest."""

    #: Segmentation backend: ``rjieba`` (jieba-rs, the default by measurement) or ``jieba``.
    backend: str = "rjieba"
    #: Entity candidates: ``rules`` (the default) or ``lac`` (rules plus filtered spans of
    #: Baidu's LAC model, ``pip install 'kg[lac]'``; see docs/quality.md for its effect).
    ner: str = "rules"
    #: Minimum number of sentences for a co-occurrence edge to be kept.
    min_cooccurrence: int = 1
    #: Largest number of entities in one sentence that still counts for co-occurrence;
    #: longer lists (attendee lists) add nothing but noise.
    max_cooccurrence_entities: int = 12
    #: Most nodes drawn in ``graph.html`` (the most mentioned first).
    html_max_nodes: int = 500
    #: Evidence sentences kept per relation or co-occurrence edge in exports.
    max_evidence: int = 20
    #: Worker processes for the per-document step (1 = in this process).
    workers: int = 1
    #: Where the per-document step runs: ``local`` (this process, or a pool of ``workers``
    #: processes) or ``dask`` (Dask tasks: a local cluster of ``workers`` processes, two when
    #: ``workers`` is 1, or the cluster whose scheduler is ``scheduler``; ``pip install 'kg[dask]'``).
    engine: str = "local"
    #: Address of a running Dask scheduler (``tcp://host:8786``) for ``engine = "dask"``;
    #: "" starts a local cluster.
    scheduler: str = ""
    #: RDF serialisations written (names of ``RDF_FORMAT_NAMES``; a list or a
    #: comma-separated string is accepted and kept in that tuple's order).
    rdf_formats: tuple[str, ...] = ("turtle",)
    #: Write the CSV tables for Excel: UTF-8 with a byte-order mark and CRLF line ends
    #: (without the mark, Excel on a Chinese-language Windows reads them as GBK).
    excel: bool = False
    #: Field (or CSV column) of records read as each document's text, title, date, id and
    #: source; looked for before the common names (text, content, 正文 …; see
    #: kg.read.records.COMMON_NAMES), compared without case or spacing. Empty: the common
    #: names only.
    text_field: str = ""
    title_field: str = ""
    date_field: str = ""
    id_field: str = ""
    source_field: str = ""
    #: A user dictionary: names added on top of kg's data, one a line,
    #: ``name[<TAB>type[<TAB>alias1,alias2]]`` (see kg.resources.lexicon.load_user_dict);
    #: a path as given (relative to the working directory), "" for none.
    user_dict: str = ""
    #: Most bytes read from one input file, after gzip decompression; a file over it is
    #: read up to it and marked partial.
    max_input_bytes: int = 1 << 30
    #: Language of graph.html's buttons, labels and type and relation names: ``zh``
    #: (Chinese, the default) or ``en``.
    lang: str = "zh"

    def __post_init__(self) -> None:
        if self.lang not in PAGE_LANGUAGES:
            raise ConfigError(f"lang must be one of {', '.join(PAGE_LANGUAGES)}, not {self.lang!r}")
        formats = self.rdf_formats
        names = formats.split(",") if isinstance(formats, str) else formats
        if not isinstance(names, list | tuple) or not all(isinstance(n, str) for n in names):
            raise ConfigError(f"rdf_formats must be a list of format names, not {formats!r}")
        wanted = {n.strip().lower() for n in names}
        unknown = sorted(wanted - set(RDF_FORMAT_NAMES))
        if unknown or not wanted:
            what = f"unknown format {', '.join(map(repr, unknown))}" if unknown else "no format given"
            raise ConfigError(f"rdf_formats: {what}: use one or more of {', '.join(RDF_FORMAT_NAMES)}")
        object.__setattr__(self, "rdf_formats", tuple(n for n in RDF_FORMAT_NAMES if n in wanted))
        if isinstance(self.user_dict, Path):
            object.__setattr__(self, "user_dict", str(self.user_dict))
        if not isinstance(self.user_dict, str):
            raise ConfigError(f"user_dict must be the path of a file (a string), not {self.user_dict!r}")
        if self.backend not in BACKENDS:
            raise ConfigError(f"backend must be one of {', '.join(BACKENDS)}, not {self.backend!r}")
        if self.ner not in NER_SOURCES:
            raise ConfigError(f"ner must be one of {', '.join(NER_SOURCES)}, not {self.ner!r}")
        if self.engine not in ENGINES:
            raise ConfigError(f"engine must be one of {', '.join(ENGINES)}, not {self.engine!r}")
        if not isinstance(self.scheduler, str):
            raise ConfigError(f"scheduler must be an address such as tcp://host:8786, not {self.scheduler!r}")
        if self.scheduler and self.engine != "dask":
            raise ConfigError(f"scheduler {self.scheduler!r} is used by engine dask only, not {self.engine!r}")
        for name in ("min_cooccurrence", "max_cooccurrence_entities", "html_max_nodes", "max_evidence", "workers",
                     "max_input_bytes"):
            value = getattr(self, name)
            if not isinstance(value, int) or value < 1:
                raise ConfigError(f"{name} must be a positive integer, not {value!r}")
        for name in ("text_field", "title_field", "date_field", "id_field", "source_field"):
            if not isinstance(getattr(self, name), str):
                raise ConfigError(f"{name} must be a field name (a string), not {getattr(self, name)!r}")
        if not isinstance(self.excel, bool):
            raise ConfigError(f"excel must be true or false, not {self.excel!r}")

    def as_dict(self) -> dict[str, object]:
        """Every field, as JSON has it (tuples as lists), for the manifest, and the SHA-256
        of the user dictionary (``user_dict_sha256``, "" without one): the path alone does
        not say which names a run was given."""
        out = {f.name: list(v) if isinstance(v := getattr(self, f.name), tuple) else v for f in fields(self)}
        out["user_dict_sha256"] = _sha256(self.user_dict) if self.user_dict else ""
        return out

    def with_overrides(self, **overrides: object) -> Settings:
        """Return a copy with the given non-None overrides; unknown names are errors."""
        return _with_overrides(self, overrides, "setting")


def _sha256(path: str) -> str:
    import hashlib

    try:
        return hashlib.sha256(Path(path).read_bytes()).hexdigest()
    except OSError as e:
        raise ConfigError(f"{path}: cannot read: {e.strerror or e}") from e


def _with_overrides(settings, overrides: dict[str, object], what: str):
    """``settings`` with the non-None ``overrides``; a name it has no field for is an error."""
    unknown = sorted(set(overrides) - {f.name for f in fields(settings)})
    if unknown:
        raise ConfigError(f"unknown {what}(s): {', '.join(unknown)}")
    return replace(settings, **{k: v for k, v in overrides.items() if v is not None})


def _from_file(settings, path: str | Path | None, table: str):
    """``settings`` overridden by one table of a TOML file (``[kg]`` may also be the top level)."""
    if path is None:
        return settings
    p = Path(path)
    try:
        data = tomllib.loads(p.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, tomllib.TOMLDecodeError) as e:
        raise ConfigError(f"{p}: {e}") from e
    if table == "kg":
        values = data.get("kg", {k: v for k, v in data.items() if k != "analysis"})
    else:
        values = data.get(table, {})
    if not isinstance(values, dict):
        raise ConfigError(f"{p}: [{table}] must be a table")
    try:
        return settings.with_overrides(**values)
    except ConfigError as e:
        raise ConfigError(f"{p}: {e}") from e


def load_settings(path: str | Path | None = None, **overrides: object) -> Settings:
    """Defaults, then a TOML file if given, then keyword overrides."""
    return _from_file(Settings(), path, "kg").with_overrides(**overrides)


@dataclass(frozen=True, slots=True)
class AnalysisSettings:
    """Options of ``kg analyze`` (the ``[analysis]`` table of a settings file)."""

    #: Co-occurrence unit: ``sentence``, ``paragraph`` or ``document``.
    window: str = "sentence"
    #: Minimum number of units a pair shares to be an edge.
    min_count: int = 1
    #: Keep only each node's k heaviest edges (an edge stays if either end keeps it); 0: all.
    top_k: int = 0
    #: Disparity-filter backbone: keep edges whose significance alpha is below this for
    #: either end (0.05 is usual); 0: no filter.
    backbone: float = 0.0
    #: Units naming more entities than this add no pairs (0: no limit; the 1/(n-1) pair
    #: weight already keeps long lists from dominating).
    max_entities: int = 0
    #: Jaccard similarity of character shingles from which two documents are one story
    #: counted once; 0: no near-duplicate detection.
    duplicates: float = 0.8
    #: Dated documents further apart than this many days are never duplicates.
    duplicate_days: int = 7
    #: Per-period tables and graphs: ``year``, ``month`` or "" (none).
    by: str = ""
    #: Most edges written to graph.gexf, graph.graphml and graph.json (the heaviest kept
    #: ones; the tables hold them all); 0: no limit.
    export_max_edges: int = 20000
    #: Seed of the community detection (Leiden) and of betweenness sampling.
    seed: int = 42
    #: Graphs with more than 2,000 nodes get betweenness estimated from this many sources.
    betweenness_sample: int = 500
    #: Length of the top lists (per entity type) in the report and summary.
    top_n: int = 20
    #: Write the CSV tables for Excel (UTF-8 with a byte-order mark, CRLF); ``kg analyze``
    #: also turns it on when the ``[kg]`` table or ``--excel`` asks for it.
    excel: bool = False

    def __post_init__(self) -> None:
        if self.window not in WINDOWS:
            raise ConfigError(f"window must be one of {', '.join(WINDOWS)}, not {self.window!r}")
        if self.by not in PERIODS:
            raise ConfigError(f"by must be year, month or empty, not {self.by!r}")
        for name in ("min_count", "betweenness_sample", "top_n"):
            value = getattr(self, name)
            if not isinstance(value, int) or isinstance(value, bool) or value < 1:
                raise ConfigError(f"{name} must be a positive integer, not {value!r}")
        for name in ("top_k", "max_entities", "duplicate_days", "export_max_edges", "seed"):
            value = getattr(self, name)
            if not isinstance(value, int) or isinstance(value, bool) or value < 0:
                raise ConfigError(f"{name} must be a non-negative integer, not {value!r}")
        for name in ("backbone", "duplicates"):
            value = getattr(self, name)
            if not isinstance(value, int | float) or isinstance(value, bool) or not 0 <= value <= 1:
                raise ConfigError(f"{name} must be a number from 0 to 1, not {value!r}")
        if self.max_entities == 1:
            raise ConfigError("max_entities must be 0 (no limit) or at least 2, not 1")
        if not isinstance(self.excel, bool):
            raise ConfigError(f"excel must be true or false, not {self.excel!r}")

    def as_dict(self) -> dict[str, object]:
        return {f.name: getattr(self, f.name) for f in fields(self)}

    def with_overrides(self, **overrides: object) -> AnalysisSettings:
        """Return a copy with the given non-None overrides; unknown names are errors."""
        return _with_overrides(self, overrides, "analysis setting")


def load_analysis_settings(path: str | Path | None = None, **overrides: object) -> AnalysisSettings:
    """Defaults, then the ``[analysis]`` table of a TOML file if given, then overrides."""
    return _from_file(AnalysisSettings(), path, "analysis").with_overrides(**overrides)
