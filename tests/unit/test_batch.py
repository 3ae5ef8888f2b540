"""Work spread over processes: every item once, in order, whatever the number of processes."""

from __future__ import annotations

import os

import pytest

from pubsvc_cli.batch import BATCH_SIZE, SMALLEST_CHUNK, _chunks, ordered_map


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
