"""Pausing Python's cycle collector while a step makes many objects that hold no cycles.

A build's stages and ``kg view -d`` make millions of small tuples (mentions, evidence rows,
the page's lists); each young generation that fills up makes Python scan, and every few,
rescan the whole heap, which holds the extraction, the lexicons or the merged graph read
back. Reference counting frees these objects anyway, so the collector only costs time:
40 % of the merge, and a quarter of ``kg view 李强 -d`` on the benchmark corpus's build.
"""

from __future__ import annotations

import gc
from collections.abc import Iterator
from contextlib import contextmanager


@contextmanager
def paused() -> Iterator[None]:
    """Pause the collector for the block. The objects made before are frozen meanwhile
    (``gc.freeze``), so a collection the block asks for examines only the block's own.
    At the end the block's survivors join the oldest generation with the others (frozen
    and unfrozen together, two splices of lists): left in the youngest, the first
    collection after the block would read them all, for nothing. Nested blocks and a
    program that froze objects itself are left as they are."""
    was = gc.isenabled()
    gc.disable()
    freeze = gc.get_freeze_count() == 0  # nothing frozen by the program running us
    if freeze:
        gc.freeze()
    try:
        yield
    finally:
        if freeze:
            gc.freeze()
            gc.unfreeze()
        if was:
            gc.enable()
