import gc

import pytest

from kg.gc_pause import paused


def test_a_paused_block_leaves_its_objects_out_of_the_youngest_generation():
    # the objects a stage keeps join the older ones at its end: left in the youngest
    # generation, the next collection would read them all and free nothing
    assert gc.isenabled()
    with paused():
        assert not gc.isenabled()
        kept = [[i] for i in range(50_000)]
    assert gc.isenabled() and gc.get_freeze_count() == 0
    assert any(o is kept for o in gc.get_objects(generation=2))  # not read by a young collection


def test_nested_blocks_and_errors_restore_the_collector():
    with pytest.raises(ValueError), paused():
        with paused():
            assert not gc.isenabled()
        assert not gc.isenabled()  # the inner block leaves the outer one's pause
        raise ValueError
    assert gc.isenabled() and gc.get_freeze_count() == 0


def test_a_program_that_paused_the_collector_itself_finds_it_paused_after():
    gc.disable()
    try:
        with paused():
            pass
        assert not gc.isenabled()
    finally:
        gc.enable()
