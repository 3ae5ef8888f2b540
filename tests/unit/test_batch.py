"""Work spread over processes: every item once, in order, whatever the number of processes."""

from __future__ import annotations

import gc
import os
import weakref

import pytest

from pubsvc_cli.batch import BATCH_SIZE, SMALLEST_CHUNK, _chunks, ordered_map


class _Node:
    pass


_CYCLES: list[weakref.ref] = []  # one per item this process made, in a reference cycle


def _make_a_cycle(item: int, _shared: None) -> tuple[int, bool, int]:
    """Make garbage the collector alone can free; say whether it is running by itself, and how
    many of this process's earlier cycles are freed already."""
    node = _Node()
    node.itself = node
    _CYCLES.append(weakref.ref(node))
    return os.getpid(), gc.isenabled(), sum(ref() is None for ref in _CYCLES)


def _pid_and_square(item: int, offset: int) -> tuple[int, int]:
    return os.getpid(), item * item + offset


@pytest.mark.parametrize("count, jobs", [(1, 2), (63, 2), (64, 2), (1000, 2), (3215, 2), (3215, 8), (5000, 3)])
def test_chunks_cover_every_item_once_in_order_and_shrink_towards_the_end(count, jobs):
    items = list(range(count))
    chunks = _chunks(items, jobs)
    assert [item for chunk in chunks for item in chunk] == items
    sizes = [len(chunk) for chunk in chunks]
    assert max(sizes) <= BATCH_SIZE
    assert all(size >= SMALLEST_CHUNK for size in sizes[:-1])
    assert sizes == sorted(sizes, reverse=True)  # the last runs are the shortest: no long tail for one worker


def test_the_results_come_in_the_order_of_the_items_whatever_the_number_of_processes():
    items = list(range(300))
    one = list(ordered_map(_pid_and_square, items, 7, jobs=1))
    two = list(ordered_map(_pid_and_square, items, 7, jobs=2))
    assert [value for _pid, value in one] == [value for _pid, value in two] == [i * i + 7 for i in items]
    assert {pid for pid, _value in one} == {os.getpid()}
    assert len({pid for pid, _value in two} - {os.getpid()}) >= 1  # forked workers did the work


def test_a_location_crosses_to_the_parent_process_unchanged_and_still_frozen():
    import dataclasses
    import pickle

    from pubsvc_cli.result import Location

    location = Location("plans/a.yaml", 3, 7, ("indicators", 2, "target"), plan="guangxi")
    copy = pickle.loads(pickle.dumps(location, protocol=pickle.HIGHEST_PROTOCOL))
    assert copy == location and hash(copy) == hash(location)
    assert [getattr(copy, f.name) for f in dataclasses.fields(Location)] == [
        "plans/a.yaml",
        3,
        7,
        ("indicators", 2, "target"),
        "guangxi",
    ]
    with pytest.raises(dataclasses.FrozenInstanceError):
        copy.line = 4


@pytest.mark.parametrize("jobs", [1, 2])
def test_the_collector_pauses_for_a_batch_yet_frees_its_cycles_between_runs_of_items(jobs):
    _CYCLES.clear()
    items = list(range(2 * BATCH_SIZE + 1))
    assert gc.isenabled()
    results = list(ordered_map(_make_a_cycle, items, None, jobs=jobs))
    assert gc.isenabled()  # set back after the batch
    assert not any(running for _pid, running, _freed in results)
    # After a run of items (a chunk in a worker), the cycles made so far were collected: memory
    # stays bounded even for input that makes cycles.
    assert max(freed for _pid, _running, freed in results) >= SMALLEST_CHUNK
    if jobs == 1:
        assert results[BATCH_SIZE][2] == BATCH_SIZE


def test_a_batch_leaves_the_collector_off_when_it_was_off():
    gc.disable()
    try:
        list(ordered_map(_pid_and_square, [1, 2, 3], 0, jobs=1))
        assert not gc.isenabled()
    finally:
        gc.enable()
