"""run_parallel: the loop's results in input order, on one process or several."""

import pytest

from translator.parallel import default_jobs, run_parallel


def square(number: int) -> int:
    return number * number


def fail_on_three(number: int) -> int:
    if number == 3:
        raise ValueError("three")
    return number


@pytest.mark.parametrize("jobs", [1, 2, 4])
def test_results_come_back_in_input_order(jobs):
    assert run_parallel(square, range(50), jobs=jobs) == [n * n for n in range(50)]


def test_progress_is_reported_once_per_item_in_order():
    seen = []
    run_parallel(square, range(10), jobs=2, on_done=lambda done, total: seen.append((done, total)))
    assert seen == [(n, 10) for n in range(1, 11)]


@pytest.mark.parametrize("jobs", [1, 2])
def test_an_error_in_a_worker_is_raised_here(jobs):
    with pytest.raises(ValueError, match="three"):
        run_parallel(fail_on_three, range(6), jobs=jobs)


def test_zero_jobs_is_refused():
    with pytest.raises(ValueError, match="at least 1"):
        run_parallel(square, [1, 2], jobs=0)


def test_default_is_at_least_one_core():
    assert default_jobs() >= 1
