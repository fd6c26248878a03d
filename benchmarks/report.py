"""The benchmark's results table: one row per (benchmark, tool), one column per corpus size.

A cell holds a wall time and the number of units it covered (catalogs, documents, renders), so
the table shows the time per unit at each size (how the figure grows), and each peer's row shows
ours / peer per size against the benchmark's baseline row (ours, doing the same job). Cells
without a time (a missing peer, a failure, a count) carry text instead. The table is Markdown,
so a run's output can go into ``benchmarks/README.md`` as it is.
"""

from __future__ import annotations

import json
from dataclasses import asdict, dataclass, field


@dataclass
class Cell:
    """One measurement: ``seconds`` over ``units`` of ``unit``, or a ``text`` instead."""

    seconds: float | None = None
    units: int = 0
    unit: str = ""
    text: str = ""  # replaces the time (missing tool, failure, counts)
    extra: str = ""  # appended after the time

    @property
    def per_unit(self) -> float | None:
        if self.seconds is None or not self.units:
            return None
        return self.seconds / self.units

    def render(self) -> str:
        if self.seconds is None:
            return self.text or "–"
        out = format_seconds(self.seconds)
        if self.per_unit is not None and self.units > 1:
            out += f" · {format_seconds(self.per_unit)}/{self.unit}"
        return f"{out} · {self.extra}" if self.extra else out


@dataclass
class Row:
    """A tool's results in one benchmark, by size label."""

    bench: str
    tool: str
    ours: bool = False
    baseline: bool = False  # the row peers are compared with
    cells: dict[str, Cell] = field(default_factory=dict)


@dataclass
class Table:
    """Rows in the order they were first reported, the sizes, and notes per benchmark."""

    sizes: list[str] = field(default_factory=list)
    rows: list[Row] = field(default_factory=list)
    notes: dict[str, list[str]] = field(default_factory=dict)
    records: list[dict] = field(default_factory=list)  # plain figures for results.json

    def record(self, **figures) -> None:
        """One measurement as plain keys (``p50_ms``, ``workers``, ...) in results.json."""
        self.records.append(figures)

    def row(self, bench: str, tool: str, *, ours: bool = False, baseline: bool = False) -> Row:
        for row in self.rows:
            if row.bench == bench and row.tool == tool:
                return row
        row = Row(bench, tool, ours, baseline)
        self.rows.append(row)
        return row

    def add(self, bench: str, tool: str, size: str, cell: Cell, **kind) -> Cell:
        self.row(bench, tool, **kind).cells[size] = cell
        if size not in self.sizes:
            self.sizes.append(size)
        return cell

    def note(self, bench: str, text: str) -> None:
        notes = self.notes.setdefault(bench, [])
        if text not in notes:
            notes.append(text)

    def baseline(self, bench: str) -> Row | None:
        return next((r for r in self.rows if r.bench == bench and r.baseline), None)

    def ratios(self, row: Row) -> str:
        """ours / this peer, per size (below 1: we are faster)."""
        base = self.baseline(row.bench)
        if row.ours or base is None:
            return ""
        parts = []
        for size in self.sizes:
            mine, theirs = base.cells.get(size), row.cells.get(size)
            if mine and theirs and mine.seconds and theirs.seconds:
                parts.append(f"{mine.seconds / theirs.seconds:.2f}")
            else:
                parts.append("–")
        return " · ".join(parts) if any(part != "–" for part in parts) else ""

    def growth(self, row: Row) -> str:
        """Time per unit at the largest size over the smallest (1.0: grows linearly)."""
        figures = [row.cells[s].per_unit for s in self.sizes if s in row.cells]
        figures = [f for f in figures if f]
        if len(figures) < 2:
            return ""
        return f"×{figures[-1] / figures[0]:.2f}"

    def markdown(self) -> str:
        head = ["benchmark", "tool", *self.sizes, "ours / peer", "per-unit growth"]
        lines = ["| " + " | ".join(head) + " |", "|" + "---|" * len(head)]
        for row in self.rows:
            tool = f"**{row.tool}**" if row.baseline else row.tool
            cells = [row.cells[s].render() if s in row.cells else "–" for s in self.sizes]
            line = [row.bench, tool, *cells, self.ratios(row), self.growth(row)]
            lines.append("| " + " | ".join(line) + " |")
        for bench, notes in self.notes.items():
            lines.append("")
            lines += [f"- {bench}: {note}" for note in notes]
        return "\n".join(lines)

    def to_json(self) -> str:
        return json.dumps(asdict(self), indent=2)


def format_seconds(seconds: float) -> str:
    """``2.31 s``, ``41.2 ms``, ``310 µs``."""
    if seconds >= 100:
        return f"{seconds:.0f} s"
    if seconds >= 1:
        return f"{seconds:.2f} s"
    if seconds >= 0.001:
        return f"{seconds * 1000:.1f} ms"
    return f"{seconds * 1e6:.0f} µs"
