"""Writing a build into its output directory: changed files only, stale outputs removed.

:func:`write_build` writes each file whose bytes differ from what is there (atomically) and
removes the outputs of the (document, language) pairs considered that the build no longer
produces: a language held back, dropped from the project, or a format's file of it.
"""

from __future__ import annotations

import contextlib
import os
import re
from pathlib import Path

from translator.build.pipeline import MO_DIR, PAGE_FORMATS, BuildResult
from translator.build.report import BuildReport
from translator.errors import TranslatorError
from translator.languages import normalize_language


def write_build(result: BuildResult, out_dir: Path) -> BuildReport:
    """Write changed files, remove stale outputs of the languages considered; return the report."""
    report = result.report
    report.out_dir = str(out_dir)
    for relative, data in sorted(result.files.items()):
        target = out_dir / relative
        if target.is_file() and target.read_bytes() == data:
            report.unchanged.append(relative)
            continue
        _write_bytes(target, data)
        report.written.append(relative)
    for relative in _stale(result, out_dir):
        with contextlib.suppress(FileNotFoundError):
            (out_dir / relative).unlink()
        report.removed.append(relative)
    report.unchanged = sorted([*report.unchanged, *result.kept])
    return report


def _write_bytes(path: Path, data: bytes) -> None:
    """Replace ``path`` in one rename (readers see the old file or the new one). Outputs are
    made again from their inputs, so they are not synced to disk one by one as catalogs are:
    on 20,000 files that cost more than rendering them."""
    path.parent.mkdir(parents=True, exist_ok=True)
    temporary = path.with_name(f".{path.name}.{os.getpid()}.tmp")
    try:
        temporary.write_bytes(data)
        os.replace(temporary, path)
    except OSError as exc:
        temporary.unlink(missing_ok=True)
        raise TranslatorError(f"{path}: cannot write ({exc.strerror or exc})") from exc


def _stale(result: BuildResult, out_dir: Path) -> list[str]:
    """Outputs of considered (document, language) pairs that this build did not produce."""
    formats = result.report.formats
    stale = []
    made = {path.split("/", 1)[0] for path in (*result.files, *result.kept) if "/" in path}
    for slug, considered in sorted(result.owned.items()):
        codes = set(considered) | (_existing_languages(out_dir, slug) if result.full else set())
        candidates = [f"{slug}/{code}.{fmt}" for code in codes for fmt in PAGE_FORMATS]
        candidates += [f"{MO_DIR}/{code}/LC_MESSAGES/{slug}.mo" for code in codes]
        for relative in candidates:
            if relative.rsplit(".", 1)[-1] not in formats:
                continue
            produced = relative in result.files or relative in result.kept
            if not produced and (out_dir / relative).is_file():
                stale.append(relative)
        unpublished = slug not in made
        if "html" in formats and unpublished and (out_dir / slug / "index.html").is_file():
            stale.append(f"{slug}/index.html")
    return stale


_LANG_FILE = re.compile(r"[a-z]{2,3}(?:_[A-Za-z0-9]+)*")


def _existing_languages(out_dir: Path, slug: str) -> set[str]:
    """Languages with an output of ``slug`` already in ``out_dir`` (from an earlier build)."""
    names = {path.stem for path in (out_dir / slug).glob("*.*") if path.suffix[1:] in PAGE_FORMATS}
    names |= {path.parent.parent.name for path in out_dir.glob(f"{MO_DIR}/*/LC_MESSAGES/{slug}.mo")}
    found = set()
    for name in names:
        if not _LANG_FILE.fullmatch(name):
            continue
        with contextlib.suppress(TranslatorError):
            if normalize_language(name) == name:
                found.add(name)
    return found
