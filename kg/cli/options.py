"""What the commands of the command line share: the corpus and input options, a size
parameter, the one-line failure and SIGTERM as Ctrl-C (the progress line is :mod:`kg.cli.progress`).

Only click, :mod:`kg.config` and :mod:`kg.errors` are imported here, so that ``kg --help``
stays fast; the commands import the library where they run.
"""

from __future__ import annotations

import signal
from contextlib import contextmanager
from pathlib import Path
from typing import ClassVar

import click

from kg.config import BACKENDS, NER_SOURCES
from kg.errors import show_path

DATA_DIR_HELP = ("A folder of data files laid out as kg's data/ (lexicon/entities.tsv, rules/relations.toml …) "
                 "used on top of the built-in data: its tables and word lists extend the built-in ones, its "
                 "rules files replace them; files it lacks come from the built-in data.")
USER_DICT_HELP = ("A file of names to add, one a line: name[<TAB>type[<TAB>alias1,alias2]] (type one of Person, "
                  "Place, Organization, Enterprise, Initiative, Event; default Person). The segmenter keeps each "
                  "name whole and it becomes an entity of that type.")


#: The options that choose how names are found, which ``kg annotate`` shares with the
#: commands of :func:`corpus_options`.
BACKEND_OPTION = click.option(
    "--backend", type=click.Choice(BACKENDS), default=None,
    help="Segmentation backend: rjieba (jieba-rs, fast; the default) or jieba (the reference).")
NER_OPTION = click.option(
    "--ner", type=click.Choice(NER_SOURCES), default=None,
    help="Entity candidates: rules (the default) or lac (rules plus filtered spans of Baidu's LAC model; "
         "pip install 'kg[lac]').")
DATA_DIR_OPTION = click.option(
    "--data-dir", type=click.Path(exists=True, file_okay=False, path_type=Path), default=None, help=DATA_DIR_HELP)
USER_DICT_OPTION = click.option(
    "--user-dict", type=click.Path(exists=True, dir_okay=False, path_type=Path), default=None, help=USER_DICT_HELP)

#: The settings of :func:`corpus_options`'s options, handed to the command as one dict.
CORPUS_SETTINGS = ("backend", "ner", "workers", "user_dict")


def corpus_options(config_help: str = "TOML file with settings (a [kg] table); command-line options override it."):
    """The options every command that extracts a corpus shares (build, view, analyze, kwic).

    The command gets ``config_path`` and ``data_dir`` as they are, and the settings of
    :data:`CORPUS_SETTINGS` as one dict, ``chosen`` (setting name -> value or None), to
    hand to ``load_settings``."""

    def decorate(command):
        import functools

        @functools.wraps(command)
        def wrapper(*args, **kwargs):
            kwargs["chosen"] = {name: kwargs.pop(name) for name in CORPUS_SETTINGS}
            return command(*args, **kwargs)

        f = wrapper
        for opt in reversed(
            (
                BACKEND_OPTION,
                NER_OPTION,
                click.option("--config", "config_path", type=click.Path(exists=True, dir_okay=False, path_type=Path),
                             default=None, help=config_help),
                click.option("--workers", type=click.IntRange(min=1), default=None,
                             help="Processes for the per-document step (default 1: this process)."),
                DATA_DIR_OPTION,
                USER_DICT_OPTION,
            )
        ):
            f = opt(f)
        return f

    return decorate


def data_source(data_dir: Path | None, user_dict: str):
    """What the resources are loaded from: the --data-dir overlay and the user dictionary
    of the settings (--user-dict or the config file's ``user_dict``), as one value that
    the pipeline hands to ``load_resources`` (and worker processes load again)."""
    if data_dir is None and not user_dict:
        return None
    from kg.resources import DataSource

    return DataSource.of(data_dir, user_dict)


class Size(click.ParamType):
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
INPUT_OPTIONS = (
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
    ("max_input_bytes", click.option("--max-input-bytes", type=Size(), default=None,
                                     help="Most bytes read from one file, after gzip decompression (default 1G); "
                                          "a file over it is read up to it and marked partial.")),
)


def input_options(f):
    """Add the options of :data:`INPUT_OPTIONS`; the command gets them as one dict, ``reading``
    (setting name -> value or None), to hand to ``load_settings``."""
    import functools

    @functools.wraps(f)
    def wrapper(*args, **kwargs):
        kwargs["reading"] = {name: kwargs.pop(name) for name, _opt in INPUT_OPTIONS}
        return f(*args, **kwargs)

    for _name, opt in reversed(INPUT_OPTIONS):
        wrapper = opt(wrapper)
    return wrapper


BUILT_HELP = ("Read the extraction of the kg build in this output folder from its store instead of "
              "extracting INPUTS again (the build's extraction settings and resources are used).")


def built_options(f):
    """Add ``-d/--built`` and ``--cache``: the commands that can read a build's stored
    extraction instead of extracting INPUTS (view, analyze, kwic)."""
    f = click.option("--cache", type=click.Path(file_okay=False, path_type=Path), default=None,
                     help="The --cache folder the build given to -d used.")(f)
    return click.option("-d", "--built", type=click.Path(exists=True, file_okay=False, path_type=Path),
                        default=None, help=BUILT_HELP)(f)


def entity_extraction(entity: str, depth: int, cooccurrence: bool, paths, settings, *, built, cache, data_dir,
                      bar):
    """The extraction ``kg view`` and ``kg kwic`` look ``entity`` up in: with ``built`` (-d),
    the entity's neighbourhood read from that build's store (the whole merged corpus
    when the store has none); otherwise the corpus of ``paths`` extracted afresh, each
    unreadable file reported above the progress line ``bar``."""
    if built is not None:
        from kg.incremental import built_view

        ex = built_view(built, settings, entity, depth, cooccurrence, cache=cache, progress=bar.callback)
        if ex is None:
            from kg.pipeline import built_corpus  # imported here: with it come the extraction's modules

            ex, _files = built_corpus(built, settings, cache=cache, progress=bar.callback)
        return ex
    from kg.pipeline import extract_corpus

    ex, _files, _tools = extract_corpus(paths, settings, data_dir=data_source(data_dir, settings.user_dict),
                                        progress=bar.callback, on_file_error=bar.above(report_file_error))
    return ex


def report_file_error(rec) -> None:
    """One line for an input path that was not read, read only in part, or read with a warning."""
    if rec.status in ("ok", "partial") and rec.warning:
        click.echo(f"kg: {rec.path}: warning: {rec.warning}", err=True)
    if rec.status != "ok":
        kind = "partly read" if rec.status == "partial" else "skipped"
        click.echo(f"kg: {rec.path}: {kind}: {rec.reason}", err=True)


@contextmanager
def sigterm_interrupts():
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


def interrupted(target: Path, e: KeyboardInterrupt) -> str:
    """The one-line message of an interrupted build or analysis."""
    if getattr(e, "replaced", False):  # kg.publish.Interrupted: it came during the swap
        return f"{show_path(target)}: interrupted after it was replaced"
    return f"{show_path(target)}: interrupted; it was left as it was"


class Fail(click.ClickException):
    """A one-line error printed as ``kg: <message>``, exit status 1."""

    def show(self, file=None) -> None:
        click.echo(f"kg: {self.format_message()}", err=True, file=file)


def count(n: int, noun: str) -> str:
    return f"{n} {noun}{'' if n == 1 else 's'}"
