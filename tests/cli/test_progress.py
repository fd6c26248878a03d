"""The progress bar: drawn on a terminal (a real pty), silent on files, pipes and under --json."""

from __future__ import annotations

import doctest
import io
import os
import pty
import select

import pytest

from translator.cli import progress
from translator.cli.progress import ProgressBar, format_duration, progress_bar, render_line
from translator.parallel import run_parallel


def _double(number: int) -> int:
    return 2 * number


class FakeClock:
    def __init__(self):
        self.now = 100.0

    def __call__(self) -> float:
        return self.now


class TerminalIO(io.StringIO):
    def isatty(self) -> bool:
        return True


@pytest.fixture
def terminal():
    """A real pseudo-terminal: (writable stream on the slave side, function reading the master)."""
    master, slave = pty.openpty()
    stream = os.fdopen(slave, "w", encoding="utf-8")

    def read() -> str:
        stream.flush()
        chunks = []
        while True:
            ready, _, _ = select.select([master], [], [], 0.2)
            if not ready:
                return b"".join(chunks).decode("utf-8")
            chunks.append(os.read(master, 65536))

    yield stream, read
    stream.close()
    os.close(master)


def test_module_examples_hold():
    assert doctest.testmod(progress).failed == 0


def test_line_shows_done_of_total_and_time_left():
    line = render_line("update", 30, 120, 15.0)
    assert "[######" in line and " 30/120 " in line and "25%" in line
    assert line.endswith("0:45 left")  # 0.5 s per item so far, 90 items to go


def test_finished_line_shows_time_taken_not_time_left():
    line = render_line("stats", 8, 8, 3.2)
    assert "8/8" in line and "100%" in line and line.endswith("0:04")
    assert "left" not in line and "." not in line.split("]")[0]


def test_durations_over_an_hour():
    assert format_duration(3600) == "1:00:00"
    assert format_duration(59.1) == "1:00"


def test_bar_draws_on_a_pty_through_run_parallel(terminal):
    stream, read = terminal
    with progress_bar("extract", stream=stream) as on_done:
        assert on_done is not None
        assert run_parallel(_double, range(5), jobs=2, on_done=on_done) == [0, 2, 4, 6, 8]
    shown = read()
    assert "extract [" in shown and "5/5" in shown and "100%" in shown
    assert shown.endswith("\r")  # the bar is blanked, the cursor back at the line start


def test_redraws_are_throttled_but_the_last_frame_always_shows():
    clock, stream = FakeClock(), TerminalIO()
    bar = ProgressBar("check", stream, clock=clock)
    for done in range(1, 100):
        bar(done, 100)  # all within the same instant: only the first frame is drawn
    assert stream.getvalue().count("\r") == 1
    clock.now += 1.0
    bar(100, 100)
    frames = stream.getvalue().split("\r")
    assert frames[-1].startswith("check [") and "100/100" in frames[-1]


def test_shorter_frame_overwrites_the_longer_one():
    clock, stream = FakeClock(), TerminalIO()
    bar = ProgressBar("stats", stream, clock=clock)
    bar(1, 10)
    long = len(stream.getvalue()) - 1
    clock.now += 5
    bar(10, 10)  # "0:05" is shorter than "0:45 left"
    assert len(stream.getvalue().split("\r")[-1]) == long
    bar.close()
    assert stream.getvalue().endswith("\r" + " " * long + "\r")


def test_silent_on_a_file():
    stream = io.StringIO()
    with progress_bar("update", stream=stream) as on_done:
        assert on_done is None
        run_parallel(_double, range(3), jobs=1, on_done=on_done)
    assert stream.getvalue() == ""


def test_default_stream_is_stderr_and_silent_when_redirected(monkeypatch):
    redirected = io.StringIO()
    monkeypatch.setattr("sys.stderr", redirected)
    with progress_bar("update") as on_done:
        assert on_done is None
    monkeypatch.setattr("sys.stderr", TerminalIO())
    with progress_bar("update") as on_done:
        assert isinstance(on_done, ProgressBar)
    assert redirected.getvalue() == ""


def test_silent_under_json_even_on_a_terminal(terminal):
    stream, read = terminal
    with progress_bar("stats", quiet=True, stream=stream) as on_done:
        assert on_done is None
    assert read() == ""


def test_closed_stream_means_no_bar(terminal):
    stream, _ = terminal
    stream.close()
    with progress_bar("stats", stream=stream) as on_done:
        assert on_done is None


def test_a_second_phase_starts_the_estimate_over():
    clock, stream = FakeClock(), TerminalIO()
    bar = ProgressBar("stats", stream, clock=clock)
    clock.now += 100
    bar(10, 10)  # reading took 100 s
    clock.now += 2
    bar(1, 4)  # the first of four checks took 2 s: 6 s left, not 300
    assert stream.getvalue().split("\r")[-1].rstrip().endswith("0:06 left")
