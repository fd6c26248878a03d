"""Our rebuild of translated documents, as one process the benchmark can time like a peer's.

``python3 benchmarks/ours.py rebuild ROOT OUT`` renders every document in every language
through :mod:`translator.build` (parse the source, read the catalog, choose the translations,
render, write Markdown): the work ``po2md`` and ``po4a`` do. ``translator build`` does the same
plus completion gates, quality checks, HTML, text and MO files; the runner times it separately.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from translator.catalog import read_catalog
from translator.config import load_settings
from translator.project import Project


def rebuild(root: Path, out_dir: Path, langs: list[str] | None = None) -> int:
    """Render every document in every language into ``out_dir/<lang>/<slug>.md``."""
    from translator.build import Fallback, choose_translations, render_document

    project = Project(load_settings(root))
    codes = langs or project.languages()
    count = 0
    for doc in project.documents().documents:
        for code in codes:
            po = read_catalog(project.catalog_path(code, doc.slug))
            selection = choose_translations(doc, po, allow_drafts=False)
            localized = render_document(doc, selection, code, fallback=Fallback.SOURCE)
            target = out_dir / code / f"{doc.slug}.md"
            target.parent.mkdir(parents=True, exist_ok=True)
            target.write_text(localized.markdown, "utf-8")
            count += 1
    return count


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description="our library steps, timed by the benchmark")
    sub = parser.add_subparsers(dest="command", required=True)
    job = sub.add_parser("rebuild")
    job.add_argument("root", type=Path)
    job.add_argument("out_dir", type=Path)
    args = parser.parse_args(argv)
    print(rebuild(args.root, args.out_dir))
    return 0


if __name__ == "__main__":
    sys.exit(main())
