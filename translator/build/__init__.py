"""Publication builds: localized Markdown, HTML, text, Word and OpenDocument files per document
and language, MO files.

``build_documents`` gates each language (completion threshold, readiness rules), renders the
outputs in memory and reports; ``write_build`` writes them. ``build_project`` does both for a
project incrementally (only what changed since the last build, per the output directory's
manifest) over a process pool. Pieces are usable on their own:
``choose_translations`` + ``render_document`` rebuild one document, ``compile_mo`` compiles a
catalog, ``render_page``/``render_text`` turn localized Markdown into HTML or plain text,
``render_docx``/``render_odt`` into Word and OpenDocument files.
"""

from translator.build.documents import (
    Fallback,
    LocalizedDocument,
    localize_front_matter,
    render_document,
    source_document,
)
from translator.build.docx import render_docx
from translator.build.html import render_page
from translator.build.incremental import build_project
from translator.build.mo import compile_mo
from translator.build.odt import render_odt
from translator.build.output import write_build
from translator.build.pipeline import (
    ALL_FORMATS,
    FORMATS,
    BuildOptions,
    BuildResult,
    build_documents,
    parse_formats,
)
from translator.build.report import BuildItem, BuildReport, Status, format_report
from translator.build.rules import RULES, evaluate_rules, rules_for, validate_rules
from translator.build.text import render_text
from translator.build.translations import Selection, Use, choose_translations

__all__ = [
    "ALL_FORMATS",
    "FORMATS",
    "RULES",
    "BuildItem",
    "BuildOptions",
    "BuildReport",
    "BuildResult",
    "Fallback",
    "LocalizedDocument",
    "Selection",
    "Status",
    "Use",
    "build_documents",
    "build_project",
    "choose_translations",
    "compile_mo",
    "evaluate_rules",
    "format_report",
    "localize_front_matter",
    "parse_formats",
    "render_document",
    "render_docx",
    "render_odt",
    "render_page",
    "render_text",
    "rules_for",
    "source_document",
    "validate_rules",
    "write_build",
]
