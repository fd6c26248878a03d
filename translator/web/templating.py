"""Jinja helpers shared by every template: language names and text direction, state labels,
progress figures, the top bar's links, and the static file version used to bust browser caches.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from flask import current_app
from flask_login import current_user
from markupsafe import Markup, escape

from translator import __version__
from translator.errors import LanguageError
from translator.languages import language_name, native_name, text_direction
from translator.web.data.entries import FILTERS, STATE_LABELS, kind_label

if TYPE_CHECKING:
    from flask import Flask

NAV = "translator.nav"


def lang_name(code: str) -> str:
    try:
        return language_name(code)
    except LanguageError:
        return code


def lang_native(code: str) -> str:
    try:
        return native_name(code)
    except LanguageError:
        return code


def lang_dir(code: str) -> str:
    try:
        return text_direction(code)
    except LanguageError:
        return "ltr"


def html_lang(code: str) -> str:
    """BCP 47 spelling for ``lang`` attributes: ``pt_BR`` -> ``pt-BR``."""
    return code.replace("_", "-")


def text_attrs(code: str) -> Markup:
    """``lang`` and ``dir`` for an element holding text in ``code`` (never for page chrome)."""
    return Markup(f'lang="{escape(html_lang(code))}" dir="{escape(lang_dir(code))}"')


def progress_bar(stats) -> Markup:
    """A stacked bar (approved, translated, needs review) as inline SVG: no inline styles."""
    total = stats.total or 1
    parts = [
        ("approved", stats.approved),
        ("translated", stats.translated),
        ("draft", stats.fuzzy),
    ]
    x, rects = 0.0, []
    for name, count in parts:
        width = 100.0 * count / total
        if width:
            rects.append(
                f'<rect class="bar-{name}" x="{x:.3f}%" y="0" width="{width:.3f}%" height="100%"/>'
            )
        x += width
    label = (
        f"{stats.approved} approved, {stats.translated} translated, {stats.fuzzy} need review, "
        f"{stats.untranslated} untranslated of {stats.total}"
    )
    return Markup(
        f'<svg class="progress" role="img" aria-label="{escape(label)}" '
        f'preserveAspectRatio="none"><title>{escape(label)}</title>'
        f'<rect class="bar-bg" x="0" y="0" width="100%" height="100%"/>{"".join(rects)}</svg>'
    )


def add_nav(app: Flask, endpoint: str, label: str, *, coordinators: bool = False) -> None:
    """Put a link to ``endpoint`` in the top bar (for everyone, or coordinators only)."""
    app.extensions.setdefault(NAV, []).append(
        {"endpoint": endpoint, "label": label, "coordinators": coordinators}
    )


def nav_items() -> list[dict]:
    """The top-bar links areas added with :func:`add_nav` that this person may follow."""
    items = current_app.extensions.get(NAV, [])
    return [item for item in items if not item["coordinators"] or current_user.is_coordinator]


def init_app(app: Flask) -> None:
    app.jinja_env.globals.update(
        nav_items=nav_items,
        lang_name=lang_name,
        lang_native=lang_native,
        lang_dir=lang_dir,
        html_lang=html_lang,
        text_attrs=text_attrs,
        progress_bar=progress_bar,
        kind_label=kind_label,
        FILTERS=FILTERS,
        STATE_LABELS=STATE_LABELS,
        version=__version__,
    )
    app.jinja_env.trim_blocks = True
    app.jinja_env.lstrip_blocks = True
