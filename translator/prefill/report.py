"""What a pre-fill run did per language and engine, and its summary table."""

from __future__ import annotations

from dataclasses import asdict, dataclass, field

from translator.mt import MEMORY_ONLY


@dataclass
class Counts:
    """What pre-fill did (or, in a dry run, would do) for one language."""

    engine: str = ""
    entries: int = 0  # entries that could take a draft
    memory: int = 0  # exact memory matches
    fuzzy: int = 0  # fuzzy memory matches
    dates: int = 0
    copied: int = 0
    glossary: int = 0  # sentences the glossary translates whole
    machine: int = 0  # drafts from the engine (its cache included)
    flagged: int = 0  # drafts written with an mt-warning (markup lost)
    failed: int = 0  # the engine answered, but not with a usable translation
    human: int = 0  # left for a person by the role policy
    skipped: int = 0  # no engine, engine unsupported or unavailable
    changed: int = 0  # edited by someone else during the run: left alone
    sent: int = 0  # distinct texts sent to the engine
    characters: int = 0  # characters sent (what providers bill)
    cached: int = 0  # distinct texts answered by the persistent cache
    requests: int = 0

    @property
    def filled(self) -> int:
        return self.memory + self.fuzzy + self.dates + self.copied + self.glossary + self.machine

    def add(self, other: Counts) -> Counts:
        for name, value in asdict(other).items():
            if isinstance(value, int):
                setattr(self, name, getattr(self, name) + value)
        return self


@dataclass
class PrefillReport:
    dry_run: bool = False
    languages: dict[str, Counts] = field(default_factory=dict)
    errors: list[str] = field(default_factory=list)
    notices: list[str] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        return not self.errors

    def total(self) -> Counts:
        total = Counts(engine="")
        for counts in self.languages.values():
            total.add(counts)
        return total

    def by_engine(self) -> dict[str, Counts]:
        """Sums per engine: what each provider was (or would be) sent and billed."""
        sums: dict[str, Counts] = {}
        for counts in self.languages.values():
            sums.setdefault(counts.engine, Counts(engine=counts.engine)).add(counts)
        return dict(sorted(sums.items()))

    def to_dict(self) -> dict:
        def row(counts: Counts) -> dict:
            return {**asdict(counts), "filled": counts.filled}

        return {
            "dry_run": self.dry_run,
            "languages": {lang: row(counts) for lang, counts in self.languages.items()},
            "engines": {name: row(counts) for name, counts in self.by_engine().items()},
            "total": row(self.total()),
            "notices": self.notices,
            "errors": self.errors,
        }


_COLUMNS = [
    ("memory", "memory"),
    ("fuzzy", "fuzzy"),
    ("dates", "dates"),
    ("copied", "copied"),
    ("glossary", "terms"),
    ("machine", "engine"),
    ("failed", "failed"),
    ("human", "human"),
    ("skipped", "skipped"),
    ("sent", "sent"),
    ("characters", "chars"),
]


def format_report(report: PrefillReport) -> str:
    """The summary table: one row per language, then the total."""
    head = "would fill" if report.dry_run else "filled"
    lines = [f"{'lang':<7} {'engine':<9}" + "".join(f"{t:>8}" for _, t in _COLUMNS)]
    rows = [*report.languages.items(), ("total", report.total())]
    for lang, counts in rows:
        values = "".join(f"{getattr(counts, name):>8}" for name, _ in _COLUMNS)
        lines.append(f"{lang:<7} {counts.engine:<9}{values}")
    send = "would send" if report.dry_run else "sent"
    for name, counts in report.by_engine().items():
        if name not in MEMORY_ONLY:
            lines.append(
                f"{name}: {send} {counts.sent} segments, {counts.characters} characters"
                f" ({counts.cached} from the cache)"
            )
    total = report.total()
    lines.append(f"{head} {total.filled} of {total.entries} entries")
    return "\n".join(lines)
