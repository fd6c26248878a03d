"""Server-side SVG charts for the dashboard: no JavaScript, no external files.

``activity_chart`` draws words translated and approved per day as paired bars with a y axis,
date labels and a legend; ``sparkline`` draws the same series small, for one row per language.
Both return standalone SVG markup (usable inline or served as ``image/svg+xml``).
"""

from __future__ import annotations

import math
from typing import TYPE_CHECKING

from markupsafe import Markup, escape

if TYPE_CHECKING:
    from translator.progress.activity import Day

COLORS = {"translated": "#3fb871", "approved": "#1b7f4b", "grid": "#e3e6ea", "text": "#52606d"}
FONT = "font-family=\"system-ui, -apple-system, 'Segoe UI', Roboto, sans-serif\""


def nice_ticks(top: int, count: int = 4) -> list[int]:
    """Round axis values from 0 to at least ``top`` (steps of 1, 2 or 5 times a power of ten).

    >>> nice_ticks(870)
    [0, 250, 500, 750, 1000]
    """
    if top <= 0:
        return [0, 1]
    raw = top / count
    power = 10 ** math.floor(math.log10(raw))
    step = next(m * power for m in (1, 2, 2.5, 5, 10) if m * power >= raw)
    step = int(step) if step >= 1 else 1
    return list(range(0, int(math.ceil(top / step)) * step + 1, step))


def _label(day) -> str:
    return f"{day.day} {day.strftime('%b')}"


def activity_chart(
    days: list[Day], *, label: str, title: str = "", width: int = 760, height: int = 240
) -> Markup:
    """Paired bars per day (translated, approved), y axis in words, a label every week.

    ``label`` names the series for screen readers; ``title`` (optional) is drawn above the plot.
    """
    left, right, top, bottom = 44, 10, 30, 26
    plot_w, plot_h = width - left - right, height - top - bottom
    ticks = nice_ticks(max([d.translated for d in days] + [d.approved for d in days] + [0]))
    scale = plot_h / ticks[-1]
    slot = plot_w / max(len(days), 1)
    bar = max(min(slot * 0.38, 14), 1)
    total_t, total_a = sum(d.translated for d in days), sum(d.approved for d in days)
    summary = f"{label}: {total_t} words translated and {total_a} approved in {len(days)} days"
    out = [
        f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {width} {height}" '
        f'width="{width}" height="{height}" role="img" aria-label="{escape(summary)}" '
        f'class="chart" {FONT} font-size="11">',
        f"<title>{escape(summary)}</title>",
        _legend(width - right, 14),
    ]
    if title:
        out.append(
            f'<text x="{left}" y="14" font-size="13" font-weight="600" fill="#1f2933">'
            f"{escape(title)}</text>"
        )
    for value in ticks:
        y = top + plot_h - value * scale
        out.append(
            f'<line x1="{left}" x2="{width - right}" y1="{y:.1f}" y2="{y:.1f}" '
            f'stroke="{COLORS["grid"]}"/>'
            f'<text x="{left - 6}" y="{y + 4:.1f}" text-anchor="end" fill="{COLORS["text"]}">'
            f"{value:,}</text>"
        )
    every = 7 if len(days) > 14 else 1
    for number, item in enumerate(days):
        x = left + number * slot + slot / 2
        for offset, kind in ((-bar, "translated"), (0, "approved")):
            value = getattr(item, kind)
            if value:
                h = max(value * scale, 1)
                out.append(
                    f'<rect x="{x + offset:.1f}" y="{top + plot_h - h:.1f}" width="{bar:.1f}" '
                    f'height="{h:.1f}" fill="{COLORS[kind]}" rx="1.5">'
                    f"<title>{item.day.isoformat()}: {value:,} words {kind}</title></rect>"
                )
        if (len(days) - 1 - number) % every == 0:
            out.append(
                f'<text x="{x:.1f}" y="{height - 8}" text-anchor="middle" '
                f'fill="{COLORS["text"]}">{_label(item.day)}</text>'
            )
    out.append("</svg>")
    return Markup("".join(out))


def _legend(x_right: float, y: float) -> str:
    parts, x = [], x_right
    for kind in ("approved", "translated"):
        label = f"words {kind}"
        x -= 8 + len(label) * 6.2
        parts.append(
            f'<rect x="{x:.0f}" y="{y - 9}" width="10" height="10" rx="2" fill="{COLORS[kind]}"/>'
            f'<text x="{x + 14:.0f}" y="{y}" fill="{COLORS["text"]}">{label}</text>'
        )
        x -= 14
    return "".join(parts)


def sparkline(days: list[Day], *, width: int = 180, height: int = 28) -> Markup:
    """A small pair of bar series, for a table cell; the peak day sets the scale."""
    peak = max([d.translated for d in days] + [d.approved for d in days] + [1])
    slot = width / max(len(days), 1)
    bar = max(slot / 2 - 0.5, 0.5)
    total_t, total_a = sum(d.translated for d in days), sum(d.approved for d in days)
    label = f"{total_t} words translated, {total_a} approved"
    out = [
        f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {width} {height}" '
        f'width="{width}" height="{height}" role="img" aria-label="{label}" class="sparkline">',
        f'<line x1="0" x2="{width}" y1="{height - 0.5}" y2="{height - 0.5}" '
        f'stroke="{COLORS["grid"]}"/>',
    ]
    for number, item in enumerate(days):
        for offset, kind in ((0, "translated"), (bar, "approved")):
            value = getattr(item, kind)
            if value:
                h = max(value / peak * (height - 2), 1)
                out.append(
                    f'<rect x="{number * slot + offset:.1f}" y="{height - 1 - h:.1f}" '
                    f'width="{bar:.1f}" height="{h:.1f}" fill="{COLORS[kind]}"/>'
                )
    out.append("</svg>")
    return Markup("".join(out))
