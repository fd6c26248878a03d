"""The server's own commits: with ``git_commit = "after-review"`` in the project settings,
``translator serve`` commits the changed catalogs once nobody saved for ``git_quiet_minutes``
(10 by default), so a review session becomes commits without anyone running a command.

Settings (``[tool.translator]`` or ``translator.toml``):

- ``git_commit``: ``"manual"`` (default) or ``"after-review"``;
- ``git_quiet_minutes``: the quiet period, 1 to 1440;
- ``git_noreply_domain``: the domain of the no-reply addresses of people who set none.
"""

from __future__ import annotations

import datetime as dt
import sqlite3
import threading
from collections.abc import Callable
from dataclasses import dataclass
from typing import TYPE_CHECKING

from translator.errors import ConfigError, TranslatorError

if TYPE_CHECKING:
    from translator.config import Settings

MODES = ("manual", "after-review")


@dataclass(frozen=True)
class GitSettings:
    mode: str = "manual"
    quiet: int = 10  # minutes
    noreply_domain: str = "users.noreply.invalid"


def git_settings(settings: Settings) -> GitSettings:
    """The git settings of a project, checked (a wrong one names its key)."""
    extra = settings.extra
    mode = extra.get("git_commit", "manual")
    if mode not in MODES:
        raise ConfigError(f"[tool.translator] git_commit: expected one of {MODES}, got {mode!r}")
    quiet = extra.get("git_quiet_minutes", 10)
    if isinstance(quiet, bool) or not isinstance(quiet, int) or not 1 <= quiet <= 1440:
        raise ConfigError(
            f"[tool.translator] git_quiet_minutes: expected minutes from 1 to 1440, got {quiet!r}"
        )
    domain = extra.get("git_noreply_domain", GitSettings.noreply_domain)
    if not isinstance(domain, str) or "." not in domain or "@" in domain or " " in domain:
        raise ConfigError(f"[tool.translator] git_noreply_domain: not a domain: {domain!r}")
    return GitSettings(mode, quiet, domain)


def quiet_for(latest: str, minutes: int, now: dt.datetime | None = None) -> str:
    """How much longer until ``minutes`` passed since ``latest`` (UTC); ``""`` when quiet.

    >>> quiet_for("2024-05-01 12:00:00", 10, dt.datetime(2024, 5, 1, 12, 20, tzinfo=dt.UTC))
    ''
    >>> quiet_for("2024-05-01 12:00:00", 10, dt.datetime(2024, 5, 1, 12, 5, tzinfo=dt.UTC))
    '10 minutes'
    """
    if not latest:
        return ""
    try:
        then = dt.datetime.fromisoformat(latest).replace(tzinfo=dt.UTC)
    except ValueError:
        return ""
    now = now or dt.datetime.now(dt.UTC)
    return "" if now - then >= dt.timedelta(minutes=minutes) else f"{minutes} minutes"


class QuietCommitter(threading.Thread):
    """Polls the audit log; commits once it has been quiet since the last change seen.

    :param latest: the time of the last logged change (``""``: none).
    :param commit: makes the commits (errors are reported through ``report``).
    """

    def __init__(
        self,
        latest: Callable[[], str],
        commit: Callable[[], object],
        minutes: int,
        report: Callable[[str], None] = print,
        every: float = 30.0,
    ):
        super().__init__(name="translator-autocommit", daemon=True)
        self.latest, self.commit, self.minutes = latest, commit, minutes
        self.report, self.every = report, every
        self.stopped = threading.Event()
        self._done = ""  # the last change already committed

    def run(self) -> None:
        while not self.stopped.wait(self.every):
            self.tick()

    def tick(self) -> bool:
        """Commit when there is new work and it has been quiet; True when it committed."""
        try:
            latest = self.latest()
            if not latest or latest == self._done or quiet_for(latest, self.minutes):
                return False
            self.commit()
            self._done = latest
            return True
        except (TranslatorError, OSError, sqlite3.Error) as exc:
            self.report(f"translator: automatic commit failed: {exc}")
            return False

    def stop(self) -> None:
        self.stopped.set()
