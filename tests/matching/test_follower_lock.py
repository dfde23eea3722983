"""The lock between rankings and the follower thread's changes (procure.matching.follower).

A change waits for the rankings in progress and holds new ones back, so that it is never
starved; when it ends, the rankings that waited go before the next change, so that a long run
of changes costs a ranking one change at most. No timing is asserted: each step waits for the
lock's own state (who waits for what), with a generous limit in case of a bug.
"""

from __future__ import annotations

import threading
import time
from collections.abc import Callable

from procure.matching.follower import ReadWriteLock

LIMIT = 30.0  # seconds: only reached when the lock is broken


def _until(condition: Callable[[], bool]) -> None:
    deadline = time.monotonic() + LIMIT
    while not condition():
        assert time.monotonic() < deadline, "the lock never reached the expected state"
        time.sleep(0.001)


def _in_thread(work: Callable[[], None]) -> threading.Thread:
    thread = threading.Thread(target=work, daemon=True)
    thread.start()
    return thread


def test_a_change_waits_for_rankings_and_rankings_waiting_go_before_the_next_change():
    lock = ReadWriteLock()
    order: list[str] = []

    def holding(enter, name: str, hold: threading.Event | None = None) -> threading.Thread:
        def run() -> None:
            with enter():
                order.append(name)
                if hold is not None:
                    hold.wait(LIMIT)

        return _in_thread(run)

    def ranking(name: str, hold: threading.Event | None = None) -> threading.Thread:
        return holding(lock.reading, name, hold)

    def change(name: str, hold: threading.Event | None = None) -> threading.Thread:
        return holding(lock.writing, name, hold)

    end_ranking, end_change = threading.Event(), threading.Event()
    threads = [ranking("ranking 1", end_ranking)]
    _until(lambda: order == ["ranking 1"])
    threads.append(change("change 1", end_change))
    _until(lambda: lock._writers_waiting == 1)
    threads.append(ranking("ranking 2"))  # arrives while the change waits: held back
    _until(lambda: lock._readers_waiting == 1)
    assert order == ["ranking 1"]

    end_ranking.set()  # ranking 1 ends: the change goes, ranking 2 still waits
    _until(lambda: order == ["ranking 1", "change 1"])
    threads.append(change("change 2"))  # arrives while change 1 runs and ranking 2 waits
    _until(lambda: lock._writers_waiting == 1)
    end_change.set()  # change 1 ends: ranking 2 goes before change 2
    for thread in threads:
        thread.join(LIMIT)
    assert order == ["ranking 1", "change 1", "ranking 2", "change 2"]
    assert lock._readers == 0 and not lock._writer


def test_rankings_share_the_lock():
    lock = ReadWriteLock()
    inside = threading.Barrier(3, timeout=LIMIT)

    def ranking() -> None:
        with lock.reading():
            inside.wait()  # all three inside at once, or the barrier breaks

    threads = [_in_thread(ranking) for _ in range(3)]
    for thread in threads:
        thread.join(LIMIT)
    assert not inside.broken
