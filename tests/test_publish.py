"""Tests of kg.publish: an output folder is replaced all at once, by one writer at a time.

The unit tests stage small folders of their own; a process stopped at each step of a
replacement (``os._exit`` from ``_crash_point``, as abrupt as ``kill -9``) checks that every
intermediate state reads as the old content or the new and is settled by the next run.
The end-to-end tests run ``kg build`` on the fixture and sample corpora: an empty input,
a full disk, a read-only folder, a second build, SIGTERM and ``kill -9`` at seeded random
moments all leave the previous export byte for byte, or a complete new one. The
extraction store a build keeps in ``OUT/.kg-store`` is a cache beside the export, written
in place as documents are extracted and carried over by the swap: it is left out of the
byte-for-byte comparisons and checked instead to be whole and to serve the next build.
"""

from __future__ import annotations

import contextlib
import errno
import os
import random
import shutil
import signal
import sqlite3
import subprocess
import sys
import time
from contextlib import closing
from pathlib import Path

import pytest
from click.testing import CliRunner

from kg import publish
from kg.cli import main
from kg.config import Settings
from kg.corpus_list import CORPUS_FILE
from kg.extraction_store import DB_NAME, STORE_DIR
from kg.pipeline import build, build_outputs, default_corpus
from kg.publish import OutputError, locked, recover, show_path

HERE = Path(__file__).resolve().parent
FIXTURE_CORPUS = HERE / "fixtures" / "corpus"
OWNED = frozenset({"manifest.json", "graph.ttl", "graph.nq", "entities.csv"})


# --------------------------------------------------------------------------- helpers
def snapshot(folder: Path) -> dict[str, bytes | None]:
    """Every file (bytes) and folder (None) under ``folder``, by relative path, but the
    extraction store (``STORE_DIR``): a cache that the build fills in place while it
    extracts, before any export file is staged, so a stopped build rightly leaves it
    changed (see ``store_serves_the_next_build`` for what it must be)."""
    out: dict[str, bytes | None] = {}
    for p in sorted(folder.rglob("*")):
        rel = p.relative_to(folder).as_posix()
        if rel.split("/")[0] != STORE_DIR:
            out[rel] = None if p.is_dir() else p.read_bytes()
    return out


def store_serves_the_next_build(out: Path, corpus: Path, export: dict[str, bytes | None]) -> int:
    """Check that what a stopped build left of the extraction store in ``out`` is whole
    and that a build of ``corpus`` using it writes ``export`` (the files of a build of
    ``corpus`` that was not stopped), keeping the rest of ``out``; the number of
    documents that build had to extract (those the stopped one had not stored)."""
    db = out / STORE_DIR / DB_NAME
    if db.exists():
        with closing(sqlite3.connect(db)) as con:
            assert con.execute("PRAGMA integrity_check").fetchall() == [("ok",)]
    before = snapshot(out)
    result = build([corpus], out, Settings(), store=True)
    kept = {k: v for k, v in before.items() if k.split("/")[0] not in build_outputs()}
    assert snapshot(out) == dict(sorted({**kept, **export}.items()))
    assert (out / STORE_DIR / DB_NAME).is_file()
    return result.extracted


def make_old(out: Path) -> dict[str, bytes | None]:
    """An earlier export with a query store, an analysis and a user's file beside it."""
    out.mkdir(parents=True)
    for name in ("manifest.json", "graph.ttl", "graph.nq", "entities.csv"):
        (out / name).write_text(f"old {name}\n", encoding="utf-8")
    (out / "notes.txt").write_text("mine\n", encoding="utf-8")
    (out / "analysis").mkdir()
    (out / "analysis" / "report.html").write_text("old report\n", encoding="utf-8")
    (out / ".oxigraph").mkdir()
    (out / ".oxigraph" / "current.json").write_text("{}\n", encoding="utf-8")
    return snapshot(out)


NEW = {"manifest.json": b"new manifest\n", "graph.ttl": b"new graph\n", "entities.csv": b"new entities\n"}


def write_new(stage: Path) -> None:
    for name, data in NEW.items():
        (stage / name).write_bytes(data)


def expected_new(old: dict[str, bytes | None]) -> dict[str, bytes | None]:
    """The new content plus every entry of the old folder it does not own."""
    kept = {k: v for k, v in old.items() if k.split("/")[0] not in OWNED}
    return dict(sorted({**kept, **NEW}.items()))


def leftovers(*folders: Path) -> list[str]:
    """Staging folders and lock files left in ``folders``."""
    names = [p.name for f in folders if f.is_dir() for p in f.iterdir()]
    return sorted(n for n in names if ".kg-stage-" in n or ".kg-lock" in n)


HOLD = (
    "import sys; from kg.publish import locked\n"
    "with locked(sys.argv[1], sys.argv[2]):\n"
    "    print('held', flush=True); sys.stdin.read()\n"
)


def _holder(out: Path, command: str = "kg build") -> subprocess.Popen:
    proc = subprocess.Popen(
        [sys.executable, "-c", HOLD, str(out), command],
        stdin=subprocess.PIPE, stdout=subprocess.PIPE, text=True,
    )
    assert proc.stdout.readline().strip() == "held"
    return proc


@pytest.fixture(params=["exchange", "rename"])
def mode(request, monkeypatch) -> str:
    """Run a test with renameat2(RENAME_EXCHANGE) and with the two-rename fallback."""
    if request.param == "exchange":
        if publish._renameat2() is None:
            pytest.skip("renameat2 is not available here")
    else:
        monkeypatch.setattr(publish, "_renameat2", lambda: None)
    return request.param


# --------------------------------------------------------------------------- the swap
def test_a_missing_folder_is_created_with_the_new_content(tmp_path) -> None:
    out = tmp_path / "deep" / "out"
    with locked(out) as target, target.replacing(owned=OWNED) as stage:
        assert stage.is_dir() and not list(stage.iterdir())
        assert not out.exists()  # nothing is visible before the block ends
        write_new(stage)
    assert snapshot(out) == NEW
    assert leftovers(tmp_path / "deep") == []


def test_the_new_content_replaces_the_old_and_the_rest_carries_over(tmp_path, mode, monkeypatch) -> None:
    out = tmp_path / "out"
    old = make_old(out)
    inode = out.stat().st_ino
    used = []
    real = publish.exchange
    monkeypatch.setattr(publish, "exchange", lambda a, b: used.append(real(a, b)) or used[-1])
    with locked(out) as target, target.replacing(owned=OWNED) as stage:
        write_new(stage)
        assert snapshot(out) == old  # the old content is untouched while the new is written
    assert snapshot(out) == expected_new(old)
    assert "graph.nq" not in snapshot(out)  # an owned file this run did not write is gone
    assert out.stat().st_ino != inode  # the folder itself was replaced, not its files rewritten
    assert used == [mode == "exchange"]
    assert leftovers(tmp_path, out) == []


def test_a_symbolic_link_keeps_pointing_at_the_replaced_folder(tmp_path) -> None:
    real = tmp_path / "real"
    old = make_old(real)
    link = tmp_path / "link"
    link.symlink_to(real, target_is_directory=True)
    with locked(link) as target, target.replacing(owned=OWNED) as stage:
        write_new(stage)
    assert link.is_symlink() and os.readlink(link) == str(real)
    assert snapshot(link) == expected_new(old)


def test_a_subfolder_is_replaced_whole_and_nothing_else(tmp_path, mode) -> None:
    out = tmp_path / "out"
    old = make_old(out)
    (out / "analysis" / "periods").mkdir()
    (out / "analysis" / "periods" / "2020.csv").write_text("old period\n", encoding="utf-8")
    with locked(out, "kg analyze") as target, target.replacing("analysis") as stage:
        assert stage.name == "analysis"
        (stage / "report.html").write_text("new report\n", encoding="utf-8")
    after = snapshot(out)
    assert {k: v for k, v in after.items() if not k.startswith("analysis")} == {
        k: v for k, v in old.items() if not k.startswith("analysis")
    }
    analysis = {k: v for k, v in after.items() if k.startswith("analysis/")}
    assert analysis == {"analysis/report.html": b"new report\n"}
    assert leftovers(tmp_path, out) == []


@pytest.mark.parametrize("error", [RuntimeError("boom"), KeyboardInterrupt()])
def test_an_error_while_staging_leaves_the_folder_as_it_was(tmp_path, error) -> None:
    out = tmp_path / "out"
    old = make_old(out)
    with pytest.raises(type(error)), locked(out) as target, target.replacing(owned=OWNED) as stage:
        write_new(stage)
        raise error
    assert snapshot(out) == old
    assert leftovers(tmp_path, out) == []


def test_a_full_disk_is_a_one_line_error_and_the_folder_stays(tmp_path) -> None:
    out = tmp_path / "out"
    old = make_old(out)
    with pytest.raises(OutputError) as e, locked(out) as target, target.replacing(owned=OWNED) as stage:
        (stage / "graph.ttl").write_bytes(b"half a gra")
        raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC), str(stage / "graph.ttl"))
    assert str(e.value) == f"{out}: cannot write: No space left on device; {out} was left as it was"
    assert snapshot(out) == old
    assert leftovers(tmp_path, out) == []


def test_a_failed_swap_leaves_the_folder_as_it_was(tmp_path, monkeypatch) -> None:
    out = tmp_path / "out"
    old = make_old(out)

    def refuse(_a, _b):
        raise OSError(errno.EROFS, os.strerror(errno.EROFS))

    monkeypatch.setattr(publish, "exchange", refuse)
    with pytest.raises(OutputError, match="cannot replace: Read-only file system"):
        with locked(out) as target, target.replacing(owned=OWNED) as stage:
            write_new(stage)
    assert snapshot(out) == old
    assert leftovers(tmp_path, out) == []


def test_the_second_rename_failing_puts_the_old_folder_back(tmp_path, monkeypatch) -> None:
    out = tmp_path / "out"
    old = make_old(out)
    monkeypatch.setattr(publish, "_renameat2", lambda: None)
    real_rename = os.rename

    def rename(src, dst):
        staged = Path(src).parent.parent.name.startswith(".out.kg-stage-")
        if Path(dst) == out and staged:
            raise OSError(errno.EIO, os.strerror(errno.EIO))  # the new folder cannot be put in place
        return real_rename(src, dst)

    monkeypatch.setattr(publish.os, "rename", rename)
    with pytest.raises(OutputError, match="cannot replace: Input/output error"):
        with locked(out) as target, target.replacing(owned=OWNED) as stage:
            write_new(stage)
    monkeypatch.undo()
    assert snapshot(out) == old
    assert leftovers(tmp_path, out) == []


def test_refused_targets(tmp_path, monkeypatch) -> None:
    (tmp_path / "file").write_text("x", encoding="utf-8")
    with pytest.raises(OutputError, match="not a folder"), locked(tmp_path / "file"):
        pass
    monkeypatch.chdir(tmp_path)
    with pytest.raises(OutputError, match="holds the current folder"), locked("."):
        pass
    with pytest.raises(OutputError, match="holds the current folder"), locked(tmp_path.parent):
        pass


def test_paths_are_shown_on_one_line() -> None:
    assert show_path("out\nput") == "out\\nput"
    assert show_path("a\tb\x1bc") == "a\\tb\\x1bc"
    assert show_path(os.fsdecode(b"caf\xff")) == "caf\\xff"
    assert show_path("输出 folder") == "输出 folder"


def test_long_names_get_short_side_names(tmp_path) -> None:
    out = tmp_path / ("长" * 80)  # 240 bytes: ".NAME.kg-lock" would not fit in 255
    with locked(out) as target, target.replacing(owned=OWNED) as stage:
        write_new(stage)
    assert snapshot(out) == NEW
    assert leftovers(tmp_path) == []


# --------------------------------------------------------------------------- killed at every step
STEPS = [
    ("staged", "old"),  # staging folder made, content being written
    ("synced", "old"),  # content written and flushed, not yet swapped
    ("aside", "missing"),  # fallback only: old renamed aside, new not yet in place
    ("swapped", "new"),  # new in place, nothing carried over yet
    ("carry", "new"),  # one entry carried over
    ("carried", "new"),  # everything carried, staging folder not yet deleted
]


@pytest.mark.parametrize(("step", "state"), STEPS, ids=[s for s, _ in STEPS])
def test_a_writer_killed_at_any_step_is_settled_by_the_next(tmp_path, mode, step, state) -> None:
    if step == "aside" and mode == "exchange":
        pytest.skip("the exchange has no such step")
    out = tmp_path / "out"
    old = make_old(out)
    pid = os.fork()
    if pid == 0:  # the writer: dies on the spot at ``step``, as kill -9 would stop it
        try:
            publish._crash_point = lambda s: os._exit(0) if s == step else None
            with locked(out) as target, target.replacing(owned=OWNED) as stage:
                write_new(stage)
        finally:
            os._exit(3)  # the step was never reached
    _, status = os.waitpid(pid, 0)
    assert os.WEXITSTATUS(status) == 0, "the writer did not stop at the step"
    # what a reader sees right after the kill: old or new build files, never a mix
    owned_now = {k: v for k, v in snapshot(out).items() if k.split("/")[0] in OWNED}
    if state == "old":
        assert snapshot(out) == old
    elif state == "new":
        assert owned_now == NEW
    else:
        assert not out.exists()
    assert leftovers(tmp_path, out)  # the killed writer's staging folder is still there
    recover(out)  # the next writer of ``out`` settles it
    assert snapshot(out) == (expected_new(old) if state == "new" else old)
    assert leftovers(tmp_path, out) == []


def test_stale_staging_folders_of_other_folders_are_left_alone(tmp_path) -> None:
    other = tmp_path / "other"
    make_old(other)
    pid = os.fork()
    if pid == 0:
        try:
            publish._crash_point = lambda s: os._exit(0) if s == "synced" else None
            with locked(other) as target, target.replacing(owned=OWNED) as stage:
                write_new(stage)
        finally:
            os._exit(3)
    os.waitpid(pid, 0)
    before = leftovers(tmp_path)
    assert [n.split("-")[0] for n in before] == [".other.kg", ".other.kg"]  # its lock file and staging folder
    recover(tmp_path / "out")
    assert leftovers(tmp_path) == before
    recover(other)
    assert leftovers(tmp_path) == []


# --------------------------------------------------------------------------- kg build and kg analyze
@pytest.fixture(scope="module")
def fixture_export(tmp_path_factory) -> dict[str, bytes | None]:
    """The fixture corpus's export, built once with a store as ``kg build`` does (so it
    holds the corpus list), as a snapshot."""
    out = tmp_path_factory.mktemp("fixture") / "out"
    build([FIXTURE_CORPUS], out, Settings(), store=True)
    export = snapshot(out)
    assert CORPUS_FILE in export and CORPUS_FILE in build_outputs()  # swapped with the rest
    return export


@pytest.fixture(scope="module")
def sample_export(tmp_path_factory) -> dict[str, bytes | None]:
    """The sample corpus's export, built once with a store, as a snapshot."""
    out = tmp_path_factory.mktemp("sample") / "out"
    build([default_corpus()], out, Settings(), store=True)
    return snapshot(out)


def old_export(out: Path, fixture_export: dict[str, bytes | None]) -> dict[str, bytes | None]:
    """``out`` holding the fixture export, a user's file and an analysis."""
    out.mkdir(parents=True)
    for rel, data in fixture_export.items():
        (out / rel).write_bytes(data)
    (out / "notes.txt").write_text("mine\n", encoding="utf-8")
    (out / "analysis").mkdir()
    (out / "analysis" / "report.html").write_text("old report\n", encoding="utf-8")
    return snapshot(out)


def test_a_build_reading_no_document_keeps_the_export_byte_for_byte(tmp_path, fixture_export) -> None:
    out = tmp_path / "out"
    old = old_export(out, fixture_export)
    empty = tmp_path / "in"
    empty.mkdir()
    (empty / "blank.txt").write_text("  \n", encoding="utf-8")
    result = build([empty], out, Settings())
    assert not result.extraction.docs and result.outputs == []
    assert snapshot(out) == old
    cli = CliRunner().invoke(main, ["build", str(empty), "-o", str(out)])
    assert cli.exit_code == 1
    last = cli.stderr.splitlines()[-1]
    assert last == f"Error: no document could be read from {empty}; {out} was left as it was"
    assert snapshot(out) == old
    assert leftovers(tmp_path, out) == []


def test_a_rebuild_keeps_what_kg_build_does_not_write(tmp_path, fixture_export) -> None:
    out = tmp_path / "out"
    old_export(out, fixture_export)
    (out / "graph.nq").write_text("an earlier build's quads\n", encoding="utf-8")
    result = build([FIXTURE_CORPUS], out, Settings(), store=True)
    after = snapshot(out)
    assert sorted(result.outputs) == sorted(k for k in fixture_export)
    assert {k: after[k] for k in fixture_export} == fixture_export
    assert after["notes.txt"] == b"mine\n" and after["analysis/report.html"] == b"old report\n"
    assert "graph.nq" not in after  # described an earlier build: it goes with it
    assert set(result.outputs) <= build_outputs()
    assert (out / STORE_DIR / DB_NAME).is_file()  # made in place, kept by the swap


@pytest.mark.parametrize("writer", ["kg.export.html.write_html", "kg.export.tables.write_manifest"])
def test_a_full_disk_during_kg_build_keeps_the_export(tmp_path, fixture_export, monkeypatch, writer) -> None:
    out = tmp_path / "out\nput"
    old = old_export(out, fixture_export)
    module, name = writer.rsplit(".", 1)

    def full(*args, **kwargs):
        path = next(a for a in args if isinstance(a, Path))
        path.write_bytes(b"{\n  \"cou")  # a partial file, as a full disk leaves it
        raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC), str(path))

    monkeypatch.setattr(f"{module}.{name}", full)
    result = CliRunner().invoke(main, ["build", str(FIXTURE_CORPUS), "-o", str(out), "-q"])
    assert result.exit_code == 1
    shown = f"{tmp_path}/out\\nput"
    reason = "No space left on device"
    assert result.stderr == f"Error: {shown}: cannot write: {reason}; {shown} was left as it was\n"
    assert snapshot(out) == old
    assert leftovers(tmp_path, out) == []
    monkeypatch.undo()
    assert store_serves_the_next_build(out, FIXTURE_CORPUS, fixture_export) == 0  # extracted before the disk filled


def _read_only(monkeypatch, folder: Path) -> None:
    """Make creating anything directly in ``folder`` fail as on a read-only file system
    (for root, whom chmod does not stop)."""
    real_open, real_mkdir = os.open, os.mkdir

    def inside(path) -> bool:
        return Path(os.path.abspath(path)).parent == folder

    def fake_open(path, flags, *args, **kwargs):
        if flags & os.O_CREAT and inside(path):
            raise OSError(errno.EROFS, os.strerror(errno.EROFS), str(path))
        return real_open(path, flags, *args, **kwargs)

    def fake_mkdir(path, *args, **kwargs):
        if inside(path):
            raise OSError(errno.EROFS, os.strerror(errno.EROFS), str(path))
        return real_mkdir(path, *args, **kwargs)

    monkeypatch.setattr(os, "open", fake_open)
    monkeypatch.setattr(os, "mkdir", fake_mkdir)


def test_a_read_only_folder_is_a_one_line_error_and_the_export_stays(tmp_path, fixture_export, monkeypatch):
    parent = tmp_path / "ro"
    out = parent / "out"
    old = old_export(out, fixture_export)
    if os.geteuid() == 0:
        _read_only(monkeypatch, parent)
        reason = "Read-only file system"
    else:
        parent.chmod(0o555)
        reason = "Permission denied"
    try:
        result = CliRunner().invoke(main, ["build", str(FIXTURE_CORPUS), "-o", str(out), "-q"])
    finally:
        parent.chmod(0o755)
        monkeypatch.undo()
    assert result.exit_code == 1
    assert result.stderr == f"Error: {out}: cannot write: {reason}\n"
    assert snapshot(out) == old
    assert leftovers(parent, out) == []


def test_kg_analyze_replaces_analysis_whole_under_the_same_lock(tmp_path, fixture_export) -> None:
    out = tmp_path / "out"
    old = old_export(out, fixture_export)
    (out / "analysis" / "periods").mkdir()
    (out / "analysis" / "periods" / "stale.csv").write_text("x\n", encoding="utf-8")
    runner = CliRunner()
    result = runner.invoke(main, ["analyze", str(FIXTURE_CORPUS), "-o", str(out), "-q"])
    assert result.exit_code == 0, result.output
    after = snapshot(out)
    assert {k: v for k, v in after.items() if not k.startswith("analysis")} == {
        k: v for k, v in old.items() if not k.startswith("analysis")
    }
    assert "analysis/report.html" in after and after["analysis/report.html"] != b"old report\n"
    assert not any(k.startswith("analysis/periods") for k in after)
    assert leftovers(tmp_path, out) == []
    holder = _holder(out)
    try:
        busy = runner.invoke(main, ["analyze", str(FIXTURE_CORPUS), "-o", str(out), "-q"])
    finally:
        holder.communicate("")
    assert busy.exit_code == 1
    assert busy.stderr == f"kg: {out} is being written by another kg build (pid {holder.pid})\n"
    assert snapshot(out) == after


# --------------------------------------------------------------------------- signals
KG = [sys.executable, "-m", "kg"]


def _wait_for_staging(parent: Path, proc: subprocess.Popen, limit: float = 60.0) -> bool:
    """Wait until ``proc`` has started writing (its staging folder exists)."""
    end = time.monotonic() + limit
    while time.monotonic() < end and proc.poll() is None:
        if leftovers(parent) and any(".kg-stage-" in n for n in leftovers(parent)):
            return True
        time.sleep(0.002)
    return False


def test_sigterm_while_writing_keeps_the_export(tmp_path, fixture_export, sample_export) -> None:
    out = tmp_path / "out"
    old = old_export(out, fixture_export)
    proc = subprocess.Popen([*KG, "build", str(default_corpus()), "-o", str(out), "-q"],
                            stderr=subprocess.PIPE, text=True, cwd=tmp_path)
    if not _wait_for_staging(tmp_path, proc):
        proc.kill()
        pytest.fail(f"the build never started writing: {proc.communicate()[1]}")
    proc.send_signal(signal.SIGTERM)
    _, err = proc.communicate(timeout=60)
    if err == f"Error: {out}: interrupted after it was replaced\n":
        pytest.skip("the signal came during the swap")  # rare: the export is then the new one
    assert proc.returncode == 1
    assert err == f"Error: {out}: interrupted; it was left as it was\n"
    assert snapshot(out) == old
    assert leftovers(tmp_path, out) == []
    assert store_serves_the_next_build(out, default_corpus(), sample_export) == 0  # stored before writing began


def _timed_build(corpus: Path, out: Path) -> tuple[float, float]:
    """Build ``corpus`` into ``out`` in a subprocess; seconds until it started writing
    and from then until it exited."""
    start = time.monotonic()
    proc = subprocess.Popen([*KG, "build", str(corpus), "-o", str(out), "-q"], cwd=out.parent)
    assert _wait_for_staging(out.parent, proc), "the build never started writing"
    staged = time.monotonic()
    assert proc.wait() == 0
    return staged - start, time.monotonic() - staged


def test_kill_9_at_random_moments_never_leaves_a_mixed_export(tmp_path, fixture_export) -> None:
    """``kg build`` of the sample corpus over the fixture export, killed with SIGKILL at
    seeded random moments (most of them while it writes): the build files in OUT (the
    corpus list among them) are the old export or the complete new one, the next run
    restores the rest, and the extraction store left serves the build run after it."""
    corpus = default_corpus()
    (tmp_path / "ref").mkdir()
    reading, writing = _timed_build(corpus, tmp_path / "ref" / "out")
    new = snapshot(tmp_path / "ref" / "out")
    assert CORPUS_FILE in new
    pristine = tmp_path / "pristine"
    old = old_export(pristine, fixture_export)
    extras = {k: v for k, v in old.items() if k.split("/")[0] not in build_outputs()}
    rng = random.Random(20240613)
    out = tmp_path / "out"
    seen = []
    for i in range(6):
        shutil.rmtree(out, ignore_errors=True)
        shutil.copytree(pristine, out, symlinks=True)
        proc = subprocess.Popen([*KG, "build", str(corpus), "-o", str(out), "-q"], cwd=tmp_path,
                                stderr=subprocess.DEVNULL)
        if i % 3:  # while it writes (and a little after)
            _wait_for_staging(tmp_path, proc)
            time.sleep(rng.uniform(0, writing * 1.1))
        else:
            time.sleep(rng.uniform(0, reading + writing))
        proc.kill()
        proc.wait()
        now = snapshot(out)
        build_files = {k: v for k, v in now.items() if k.split("/")[0] in build_outputs()}
        if build_files == {k: v for k, v in old.items() if k.split("/")[0] in build_outputs()}:
            seen.append("old")
            assert now == old
            final = old
        else:
            assert build_files == new, f"run {i}: a mixed export"
            seen.append("new")
            final = {**new, **extras}
        recover(out)
        assert snapshot(out) == dict(sorted(final.items()))
        assert leftovers(tmp_path, out) == []
        # from the folder the reference build ran in: a file's path is shown relative to
        # the working folder when it lies below it (the manifest, kg:sourceFile)
        with contextlib.chdir(tmp_path):
            extracted = store_serves_the_next_build(out, corpus, new)
        if i % 3:  # killed after it began writing: every result was stored by then
            assert extracted == 0, f"run {i}"
    assert "old" in seen  # the seeded moments include kills before the swap


def test_flush_files_flushes_the_files_named(tmp_path, monkeypatch) -> None:
    import kg.publish

    (tmp_path / "a.txt").write_text("a", encoding="utf-8")
    flushed = []
    real = kg.publish._fsync
    monkeypatch.setattr(kg.publish, "_fsync", lambda path, directory=False: flushed.append(path) or real(path))
    kg.publish.flush_files(tmp_path, ["a.txt"])
    assert flushed == [str(tmp_path / "a.txt")]
    with pytest.raises(FileNotFoundError):  # a name that is not written is an error, not skipped
        kg.publish.flush_files(tmp_path, ["missing.txt"])
