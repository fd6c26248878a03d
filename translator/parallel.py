"""Run one function over many documents on every core, results in input order.

Extract, update, stats and build all work document by document and a document's work does not
depend on another's, so a process pool over documents uses both cores with no locking beyond
the per-catalog lock each step already takes. Results come back in the order of the inputs,
whatever order the workers finish in, so ``--jobs N`` writes and prints exactly what
``--jobs 1`` does.
"""

from __future__ import annotations

import os
from collections.abc import Callable, Iterable, Sequence
from concurrent.futures import ProcessPoolExecutor
from typing import TypeVar

Item = TypeVar("Item")
Result = TypeVar("Result")


def default_jobs() -> int:
    """The CPU count this process may use (its affinity mask, not the machine's total)."""
    try:
        return max(1, len(os.sched_getaffinity(0)))
    except AttributeError:  # not on Linux
        return max(1, os.cpu_count() or 1)


def run_parallel(
    work: Callable[[Item], Result],
    items: Iterable[Item],
    *,
    jobs: int | None = None,
    on_done: Callable[[int, int], None] | None = None,
) -> list[Result]:
    """``[work(item) for item in items]`` over ``jobs`` processes (1: in this process).

    ``work`` must be a module-level function and items and results picklable. ``on_done(done,
    total)`` is called in this process after each item, in input order, for a progress bar. An
    exception in ``work`` is raised here, as it would be from the loop.
    """
    todo: Sequence[Item] = list(items)
    jobs = default_jobs() if jobs is None else jobs
    if jobs < 1:
        raise ValueError(f"jobs must be at least 1, not {jobs}")
    if jobs == 1 or len(todo) < 2:
        return _in_process(work, todo, on_done)
    results: list[Result] = []
    with ProcessPoolExecutor(max_workers=min(jobs, len(todo))) as pool:
        chunk = max(1, len(todo) // (jobs * 8))  # few round trips, still a smooth progress bar
        for done, result in enumerate(pool.map(work, todo, chunksize=chunk), start=1):
            results.append(result)
            if on_done:
                on_done(done, len(todo))
    return results


def _in_process(work, todo, on_done) -> list:
    results = []
    for done, item in enumerate(todo, start=1):
        results.append(work(item))
        if on_done:
            on_done(done, len(todo))
    return results
