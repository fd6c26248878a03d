"""The peer tools the benchmark compares us with: where they are, and how each is driven.

gettext (``msgfmt``, ``msgmerge``), Translate Toolkit (``pocount``, ``pot2po``), mdpo (``md2po``,
``po2md``) and po4a are found on ``PATH`` or as Python modules; a missing one is reported by
:func:`missing` with the way to install it, and the benchmark goes on without it.

mdpo is driven through its Python API inside one worker process per step
(``python3 benchmarks/peers.py mdpo-extract|mdpo-rebuild ...``): its command line tools would
spend most of their time starting Python once per document (about 0.14 s each). po4a runs once
for the whole corpus from a generated configuration file, the way its manual recommends.
"""

from __future__ import annotations

import argparse
import importlib.util
import random
import shutil
import sys
from pathlib import Path

import polib

INSTALL = {
    "msgfmt": "apt-get install -y gettext",
    "msgmerge": "apt-get install -y gettext",
    "pocount": "python3 -m pip install translate-toolkit",
    "pot2po": "python3 -m pip install translate-toolkit",
    "mdpo": "python3 -m pip install mdpo",
    "po4a": "apt-get install -y po4a",
}
PEER_PROGRESS = 0.6  # share of entries given a translation in the peers' own catalogs


def missing(tool: str) -> str:
    """Empty when ``tool`` is usable, else a short reason with the install command."""
    if tool == "mdpo":
        found = importlib.util.find_spec("mdpo") is not None
    else:
        found = shutil.which(tool) is not None
    return "" if found else f"not installed ({INSTALL[tool]})"


# -- po4a -----------------------------------------------------------------------------------------


def po4a_config(
    path: Path, sources: list[Path], langs: list[str], pot_dir: Path, out_dir: Path
) -> Path:
    """A po4a configuration: one POT per document (``pot=<slug>``), Markdown via the text module.

    With no ``langs`` only templates are made (extraction); with ``langs`` the catalogs are
    ``<pot_dir>/<lang>/<slug>.po`` and translations go to ``<out_dir>/<lang>/<slug>.md``.
    """
    paths = f"[po4a_paths] {pot_dir}/$master.pot"
    lines = []
    if langs:
        lines.append("[po4a_langs] " + " ".join(langs))
        paths += f" $lang:{pot_dir}/$lang/$master.po"
    lines += [paths, '[options] opt:"-M utf-8 -L utf-8 -k 0"']
    for source in sources:
        slug = source.stem
        lines.append(
            f'[type: text] {source} $lang:{out_dir}/$lang/{slug}.md opt:"-o markdown" pot={slug}'
        )
    path.write_text("\n".join(lines) + "\n", "utf-8")
    return path


# -- catalogs for the peers' rebuilds -------------------------------------------------------------


def fill_peer_catalogs(pot_dir: Path, langs: list[str], layout: str, seed: int = 1) -> int:
    """Give every template of a peer its per-language catalogs, :data:`PEER_PROGRESS` translated.

    ``layout`` is a format string for the catalog's path under ``pot_dir`` with ``{lang}`` and
    ``{slug}``. The translations are fake (upper case), like the corpus's own. Returns the
    number of catalogs written.
    """
    count = 0
    for pot_path in sorted(pot_dir.glob("*.pot")):
        rng = random.Random(f"{seed}/{pot_path.stem}")
        po = polib.pofile(str(pot_path))
        for entry in po:
            if rng.random() < PEER_PROGRESS:
                entry.msgstr = entry.msgid.upper()
        text = str(po)
        for lang in langs:
            path = pot_dir / layout.format(lang=lang, slug=pot_path.stem)
            path.parent.mkdir(parents=True, exist_ok=True)
            path.write_text(text.replace('"Language: \\n"', f'"Language: {lang}\\n"', 1), "utf-8")
            count += 1
    return count


# -- mdpo worker -------------------------------------------------------------------------------


def mdpo_extract(source_dir: Path, pot_dir: Path) -> int:
    """``md2po`` for every document, through mdpo's API: ``<pot_dir>/<slug>.pot``."""
    from mdpo.md2po import markdown_to_pofile

    pot_dir.mkdir(parents=True, exist_ok=True)
    count = 0
    for source in sorted(source_dir.glob("*.md")):
        target = pot_dir / f"{source.stem}.pot"
        markdown_to_pofile(str(source), po_filepath=str(target), save=True)
        count += 1
    return count


def mdpo_rebuild(source_dir: Path, po_dir: Path, out_dir: Path, langs: list[str]) -> int:
    """``po2md`` for every document and language: ``<out_dir>/<lang>/<slug>.md``."""
    from mdpo.po2md import pofile_to_markdown

    count = 0
    for lang in langs:
        (out_dir / lang).mkdir(parents=True, exist_ok=True)
        for source in sorted(source_dir.glob("*.md")):
            po = po_dir / lang / f"{source.stem}.po"
            pofile_to_markdown(str(source), str(po), save=str(out_dir / lang / f"{source.stem}.md"))
            count += 1
    return count


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description="mdpo worker for the benchmark")
    sub = parser.add_subparsers(dest="command", required=True)
    extract = sub.add_parser("mdpo-extract")
    extract.add_argument("source_dir", type=Path)
    extract.add_argument("pot_dir", type=Path)
    rebuild = sub.add_parser("mdpo-rebuild")
    rebuild.add_argument("source_dir", type=Path)
    rebuild.add_argument("po_dir", type=Path)
    rebuild.add_argument("out_dir", type=Path)
    rebuild.add_argument("langs")
    args = parser.parse_args(argv)
    if args.command == "mdpo-extract":
        count = mdpo_extract(args.source_dir, args.pot_dir)
    else:
        count = mdpo_rebuild(args.source_dir, args.po_dir, args.out_dir, args.langs.split(","))
    print(count)
    return 0


if __name__ == "__main__":
    sys.exit(main())
