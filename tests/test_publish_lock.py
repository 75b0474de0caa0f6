"""Tests of kg.publish.lock: one writer per output folder, refused at once, free again
when its holder dies (even by ``kill -9``, even with forked workers outliving it)."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time

import pytest
from click.testing import CliRunner
from test_publish import FIXTURE_CORPUS, NEW, OWNED, _holder, leftovers, make_old, snapshot, write_new

from kg.cli import main
from kg.publish import OutputBusy, locked


# --------------------------------------------------------------------------- the lock
def test_a_second_writer_fails_at_once_naming_the_first(tmp_path) -> None:
    out = tmp_path / "out"
    holder = _holder(out, "kg analyze")
    try:
        start = time.monotonic()
        with pytest.raises(OutputBusy) as e, locked(out):
            pass
        assert time.monotonic() - start < 2
        assert str(e.value) == f"{out} is being written by another kg analyze (pid {holder.pid})"
    finally:
        holder.communicate("")
    with locked(out):  # free again once the holder is done, and its lock file is gone
        pass
    assert leftovers(tmp_path) == []


def test_the_lock_of_a_killed_writer_is_free(tmp_path) -> None:
    out = tmp_path / "out"
    holder = _holder(out)
    holder.kill()
    holder.wait()
    with locked(out) as target, target.replacing(owned=OWNED) as stage:
        write_new(stage)
    assert snapshot(out) == NEW


#: Takes the lock, forks a child that outlives it (as a pool worker may), dies by SIGKILL.
ORPHAN = (
    "import os, signal, sys, time; from kg.publish import locked\n"
    "with locked(sys.argv[1]):\n"
    "    child = os.fork()\n"
    "    if child == 0:\n"
    "        os.dup2(os.open(os.devnull, os.O_WRONLY), 1); time.sleep(60); os._exit(0)\n"
    "    print(child, flush=True); os.kill(os.getpid(), signal.SIGKILL)\n"
)


def test_a_forked_worker_outliving_a_killed_writer_does_not_hold_the_lock(tmp_path) -> None:
    out = tmp_path / "out"
    proc = subprocess.run([sys.executable, "-c", ORPHAN, str(out)], stdout=subprocess.PIPE, text=True)
    assert proc.returncode == -signal.SIGKILL
    worker = int(proc.stdout)
    try:
        os.kill(worker, 0)  # still running
        with locked(out) as target, target.replacing(owned=OWNED) as stage:
            write_new(stage)
    finally:
        os.kill(worker, signal.SIGKILL)
    assert snapshot(out) == NEW


def test_kg_build_of_a_folder_being_written_is_a_one_line_error(tmp_path) -> None:
    out = tmp_path / "out\nx"
    make_old(out)
    old = snapshot(out)
    holder = _holder(out)
    try:
        result = CliRunner().invoke(main, ["build", str(FIXTURE_CORPUS), "-o", str(out), "-q"])
    finally:
        holder.communicate("")
    assert result.exit_code == 1
    shown = f"{tmp_path}/out\\nx"
    assert result.stderr == f"Error: {shown} is being written by another kg build (pid {holder.pid})\n"
    assert snapshot(out) == old
