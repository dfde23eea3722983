"""The thread that keeps a process's match index following the registry, off the requests.

Two pieces, both plain threading:
- `ReadWriteLock`: rankings read the index together; a change to it (one supplier added,
  replaced or removed, postings swapped, a whole index swapped) writes alone and briefly. It is
  phase-fair: a waiting writer holds new readers back (so a change is never starved by back-to-
  back rankings), and a writer leaving lets the readers already waiting in before the next
  writer (so a long run of changes is never a stall for a ranking: it waits for one change).
- `Follower`: one daemon thread per process, started at the first `wake()` in that process (so
  after gunicorn's fork, never in the master before it), which runs `step(job)` for each job
  it was woken for until the step says the job is done. A step opens its own database session:
  nothing is shared with the requests' threads or across a fork. `pause()` holds it between
  steps (tests); `drain` is the caller's own synchronous catch-up (see service.catch_up).
"""

from __future__ import annotations

import logging
import os
import threading
from collections.abc import Callable, Hashable, Iterator
from contextlib import contextmanager
from typing import Any

log = logging.getLogger(__name__)


class ReadWriteLock:
    """Many readers or one writer, phase-fair (see the module's docstring); not reentrant."""

    def __init__(self) -> None:
        self._cond = threading.Condition(threading.Lock())
        self._readers = 0
        self._writer = False
        self._readers_waiting = 0
        self._writers_waiting = 0
        self._readers_turn = False  # a writer left while readers waited: they go first

    @contextmanager
    def reading(self) -> Iterator[None]:
        with self._cond:
            self._readers_waiting += 1
            while self._writer or (self._writers_waiting and not self._readers_turn):
                self._cond.wait()
            self._readers_waiting -= 1
            self._readers += 1
            if not self._readers_waiting:
                self._readers_turn = False
                self._cond.notify_all()
        try:
            yield
        finally:
            with self._cond:
                self._readers -= 1
                if not self._readers:
                    self._cond.notify_all()

    def acquire_write(self) -> None:
        with self._cond:
            self._writers_waiting += 1
            while self._writer or self._readers or self._readers_turn:
                self._cond.wait()
            self._writers_waiting -= 1
            self._writer = True

    def release_write(self) -> None:
        with self._cond:
            self._writer = False
            self._readers_turn = self._readers_waiting > 0
            self._cond.notify_all()

    @contextmanager
    def writing(self) -> Iterator[None]:
        self.acquire_write()
        try:
            yield
        finally:
            self.release_write()


Step = Callable[[Any, Any], bool]  # (key, job) -> done


class Follower:
    """A daemon thread running `step(key, job)` for each woken job until it returns True.

    `step` is given the job registered for the key at the time (the last `wake` wins); an
    exception in a step is logged and the job dropped until the next wake (a request wakes it
    again at its next call, so a database briefly down costs freshness, never a request)."""

    def __init__(self, step: Step, name: str, nice: int = 0) -> None:
        self._step = step
        self._name = name
        self._nice = nice
        self._jobs: dict[Hashable, Any] = {}
        self._cond = threading.Condition(threading.Lock())
        self._running = threading.Event()
        self._running.set()
        self._busy = False
        self._thread: threading.Thread | None = None
        self._pid = os.getpid()

    def wake(self, key: Hashable, job: Any) -> None:
        """Ask for `key` to be followed (started lazily, once per process)."""
        with self._cond:
            self._jobs[key] = job
            if self._thread is None or self._pid != os.getpid():
                self._pid = os.getpid()
                self._thread = threading.Thread(target=self._run, name=self._name, daemon=True)
                self._thread.start()
            self._cond.notify_all()

    def forget(self, key: Hashable | None = None) -> None:
        """Drop one job (or all) and wait for the step in flight, if any, to end."""
        with self._cond:
            if key is None:
                self._jobs.clear()
            else:
                self._jobs.pop(key, None)
            while self._busy and self._thread is not threading.current_thread():
                self._cond.wait()

    def pending(self) -> bool:
        with self._cond:
            return bool(self._jobs) or self._busy

    def wait_idle(self, timeout: float) -> bool:
        """Wait until no job is left (tests); False when `timeout` seconds passed first."""
        with self._cond:
            return self._cond.wait_for(lambda: not self._jobs and not self._busy, timeout)

    @contextmanager
    def paused(self) -> Iterator[None]:
        """Hold the thread between steps (tests: what a request does while it lags)."""
        self._running.clear()
        with self._cond:
            while self._busy:
                self._cond.wait()
        try:
            yield
        finally:
            self._running.set()

    def hold(self) -> None:
        """Before a fork: wait for the step in flight, hold the next. A thread forked in the
        middle of a database call leaves the child a C library's lock it can never take
        (seen: a bench client forked while the parent's follower was in SQLite hung in
        sqlite3Malloc); between steps the thread only waits on its own condition."""
        self._running.clear()
        with self._cond:
            while self._busy:
                self._cond.wait()

    def resume(self) -> None:
        self._running.set()

    def _run(self) -> None:
        if self._nice:
            lower_thread_priority(self._nice)
        while True:
            self._running.wait()
            with self._cond:
                while not self._jobs:
                    self._cond.wait()
                if not self._running.is_set():
                    continue
                key, job = next(iter(self._jobs.items()))
                self._busy = True
            done = True
            try:
                done = self._step(key, job)
            except Exception:
                log.exception("%s: following %s failed", self._name, key)
            finally:
                with self._cond:
                    self._busy = False
                    if done and self._jobs.get(key) is job:
                        del self._jobs[key]
                    elif key in self._jobs:  # round robin between databases
                        self._jobs[key] = self._jobs.pop(key)
                    self._cond.notify_all()


def lower_thread_priority(increment: int) -> None:
    """Raise the calling thread's nice value (Linux: per thread; elsewhere the process's)."""
    try:
        os.nice(increment)
    except OSError as exc:  # not permitted here: the work still runs, at normal priority
        log.warning("could not lower the priority: %s", exc)


def reset_after_fork(follower: Follower) -> None:
    """In a forked child: no thread runs there yet; jobs of the parent are not inherited."""
    follower._cond = threading.Condition(threading.Lock())
    follower._jobs = {}
    follower._busy = False
    follower._thread = None
    follower._running = threading.Event()
    follower._running.set()
    follower._pid = os.getpid()
