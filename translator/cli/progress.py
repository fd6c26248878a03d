"""A progress bar on stderr for long commands: items done of total, with the time left.

It draws only on a terminal: when stderr is a file or a pipe (CI logs, ``2>err.txt``) or the
command prints ``--json``, :func:`progress_bar` yields ``None`` and nothing is written, so
scripts see exactly what they saw before. The callback it yields has the shape of
:func:`translator.parallel.run_parallel`'s ``on_done(done, total)``::

    with progress_bar("update", quiet=as_json) as on_done:
        project.update(..., on_done=on_done)
"""

from __future__ import annotations

import contextlib
import sys
import time
from collections.abc import Callable, Iterator
from typing import TextIO

WIDTH = 24  # characters of the bar itself
REDRAW_S = 0.1  # at most ten redraws a second: a terminal is slow next to a fast loop


class ProgressBar:
    """``label [#####.......]  12/100  12%  0:03 left``, redrawn in place with ``\\r``.

    A command of several phases (read, then check) calls it again from 1: the bar and its
    estimate start over.

    :param label: what is counted (the command's name).
    :param stream: where to draw (a terminal).
    :param clock: seconds, monotonic (tests pass a fake one).
    """

    def __init__(self, label: str, stream: TextIO, *, clock: Callable[[], float] = time.monotonic):
        self.label = label
        self.stream = stream
        self.clock = clock
        self.started = clock()
        self._drawn_at: float | None = None
        self._done, self._done_at = 0, self.started  # the last call, to notice a new phase
        self._width = 0  # characters of the last line drawn, to blank it on close

    def __call__(self, done: int, total: int) -> None:
        """Record that ``done`` of ``total`` items are finished (the ``on_done`` callback)."""
        now = self.clock()
        if done < self._done:  # a new phase (stats reads, then checks): time it from its start
            self.started, self._drawn_at = self._done_at, None
        self._done, self._done_at = done, now
        last = done >= total
        if not last and self._drawn_at is not None and now - self._drawn_at < REDRAW_S:
            return
        self._drawn_at = now
        self._draw(render_line(self.label, done, total, now - self.started))

    def close(self) -> None:
        """Blank the bar so the command's own output starts on a clean line."""
        if self._width:
            self.stream.write("\r" + " " * self._width + "\r")
            self.stream.flush()
            self._width = 0

    def _draw(self, line: str) -> None:
        padding = " " * max(0, self._width - len(line))
        self.stream.write("\r" + line + padding)
        self.stream.flush()
        self._width = len(line) + len(padding)  # what is on the screen now


def render_line(label: str, done: int, total: int, elapsed: float) -> str:
    """One frame of the bar; the time left is the mean time per item so far times what is left.

    >>> render_line("stats", 5, 20, 10.0)
    'stats [######..................]  5/20   25%  0:30 left'
    """
    total = max(total, 1)
    done = min(max(done, 0), total)
    filled = WIDTH * done // total
    bar = "#" * filled + "." * (WIDTH - filled)
    digits = len(str(total))
    percent = 100 * done // total
    line = f"{label} [{bar}] {done:>{digits}}/{total} {percent:>4}%"
    if 0 < done < total:
        line += f"  {format_duration(elapsed / done * (total - done))} left"
    elif done == total:
        line += f"  {format_duration(elapsed)}"
    return line


def format_duration(seconds: float) -> str:
    """``m:ss`` (or ``h:mm:ss``) for a number of seconds, rounded up.

    >>> format_duration(0.2), format_duration(61), format_duration(3725)
    ('0:01', '1:01', '1:02:05')
    """
    whole = int(-(-seconds // 1))
    hours, rest = divmod(whole, 3600)
    minutes, secs = divmod(rest, 60)
    return f"{hours}:{minutes:02d}:{secs:02d}" if hours else f"{minutes}:{secs:02d}"


def wants_bar(stream: TextIO | None, *, quiet: bool = False) -> bool:
    """True when ``stream`` is a terminal and the command is not printing ``--json``."""
    if quiet or stream is None:
        return False
    try:
        return bool(stream.isatty())
    except (AttributeError, ValueError):  # a closed or odd stream: no bar
        return False


@contextlib.contextmanager
def progress_bar(
    label: str, *, quiet: bool = False, stream: TextIO | None = None
) -> Iterator[ProgressBar | None]:
    """A bar on ``stream`` (stderr) when :func:`wants_bar`, else ``None``; blanked at the end."""
    stream = sys.stderr if stream is None else stream
    if not wants_bar(stream, quiet=quiet):
        yield None
        return
    bar = ProgressBar(label, stream)
    try:
        yield bar
    finally:
        bar.close()
