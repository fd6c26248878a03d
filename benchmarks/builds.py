"""The build rows of the benchmark and the checks the run makes on builds.

- incremental: ``translator build --format md`` again after one source and its catalogs
  changed (the edited source copied in, ``translator update --doc`` run, neither timed);
- MO files: ``translator build --format mo`` (gates and checks included) against ``msgfmt`` per
  catalog, and a check that both compile the same messages;
- agreement with po2md: mdpo catalogs filled from *our* catalogs (each paragraph's translation
  is the join of its sentences' translations), rendered by ``po2md``; every paragraph we
  translated must read the same in both outputs, whitespace between sentences aside (mdpo
  reads a ``:::`` container's fences as part of its first and last paragraph: they are set
  aside when matching).

``run.py`` calls :func:`bench_incremental`, :func:`bench_mo` and :func:`check_po2md` from its
rebuild step, with its own ``measure``.
"""

from __future__ import annotations

import gettext
import re
import shutil
import subprocess
import sys
from pathlib import Path

import polib

from translator.build import choose_translations
from translator.build.translations import Use
from translator.catalog import read_catalog
from translator.config import load_settings
from translator.project import Project

HERE = Path(__file__).resolve().parent
SAMPLE_LANGS = 2  # languages whose outputs the checks compare
_SPACE = re.compile(r"\s+")
_FENCES = re.compile(r"(::: ?\w+ )?(.*?)( :::)?")


def bench_incremental(measure, table, size, root: Path, out: Path, cli) -> None:
    """After a full build of ``root`` into ``out``: one source and its catalogs change."""
    slug = size.corpus.slugs()[0]
    shutil.copy2(size.corpus.edited / f"{slug}.md", root / "source" / f"{slug}.md")
    subprocess.run(cli(root, "update", "--doc", slug), check=True, capture_output=True)
    proc = measure(
        table, size, "rebuild",
        "ours: `translator build --format md` again, one source and its catalogs changed",
        cli(root, "build", "--format", "md", "--min-completion", "0", "--out", out),
        units=len(size.corpus.langs) + 1, unit="changed doc·lang", ours=True,
    )  # fmt: skip
    line = re.search(r"^pairs: .*$", proc.stdout, re.MULTILINE) if proc is not None else None
    if line:
        table.note("rebuild", f"{size.label}, the incremental build: {line.group()}.")


def bench_mo(measure, table, size, cli) -> None:
    """MO files for every catalog: ours (with gates and checks) and msgfmt, then compared."""
    units = size.corpus.catalogs
    root = size.copy("mo-ours")
    out = size.scratch("mo-out")
    ours = measure(
        table, size, "mo", "ours: `translator build --format mo` (+ gates and checks)",
        cli(root, "build", "--format", "mo", "--min-completion", "0", "--out", out),
        units=units, unit="catalog", ours=True, baseline=True,
    )  # fmt: skip
    quick = size.scratch("mo-out-no-checks")
    measure(
        table, size, "mo", "ours: `translator build --format mo --no-checks` (gates only)",
        cli(root, "build", "--format", "mo", "--min-completion", "0", "--no-checks",
            "--out", quick),
        units=units, unit="catalog", ours=True,
    )  # fmt: skip
    shutil.rmtree(quick, ignore_errors=True)
    again = measure(
        table, size, "mo", "ours: `translator build --format mo` again, nothing changed",
        cli(root, "build", "--format", "mo", "--min-completion", "0", "--out", out),
        units=units, unit="catalog", ours=True,
    )  # fmt: skip
    script = "find locales -name '*.po' -print0 | xargs -0 -I{} msgfmt -o {}.mo {}"
    peer = measure(
        table, size, "mo", "`msgfmt` per catalog", ["sh", "-c", script],
        units=units, unit="catalog", cwd=root, need="msgfmt",
    )  # fmt: skip
    if ours is not None and again is not None and peer is not None:
        same, total = 0, 0
        for lang in size.corpus.langs[:SAMPLE_LANGS]:
            for slug in size.corpus.slugs():
                mine = out / "locale" / lang / "LC_MESSAGES" / f"{slug}.mo"
                theirs = root / "locales" / lang / "LC_MESSAGES" / f"{slug}.po.mo"
                total += 1
                same += _messages(mine) == _messages(theirs)
        verdict = "the same messages" if same == total else f"DIFFERENT messages in {total - same}"
        table.note("mo", f"{size.label}: ours and msgfmt compile {verdict} ({total} MO files).")
    shutil.rmtree(root, ignore_errors=True)
    shutil.rmtree(out, ignore_errors=True)


def _messages(path: Path) -> dict:
    """An MO file's messages without its header."""
    with path.open("rb") as handle:
        catalog = dict(gettext.GNUTranslations(handle)._catalog)  # noqa: SLF001
    catalog.pop("", None)
    return catalog


def check_po2md(table, size, mdpo_pots: Path, ours_out: Path, work: Path) -> None:
    """po2md over mdpo catalogs made from our catalogs: each translated paragraph must agree."""
    project = Project(load_settings(size.corpus.root))
    docs = {doc.slug: doc for doc in project.documents().documents}
    langs = size.corpus.langs[:SAMPLE_LANGS]
    po_dir = work / "catalogs"
    expected: dict[tuple[str, str], list[str]] = {}
    for lang in langs:
        for slug, doc in docs.items():
            po = read_catalog(project.catalog_path(lang, slug))
            blocks = _translated_blocks(doc, po)
            expected[(lang, slug)] = list(blocks.values())
            _write_mdpo_catalog(mdpo_pots / f"{slug}.pot", blocks, po_dir / lang / f"{slug}.po")
    out = work / "po2md"
    proc = subprocess.run(
        [sys.executable, HERE / "peers.py", "mdpo-rebuild", size.corpus.root / "source", po_dir,
         out, ",".join(langs)],
        capture_output=True, text=True,
    )  # fmt: skip
    if proc.returncode != 0:
        table.note("rebuild", f"{size.label}: po2md check could not run: {proc.stderr[-200:]}")
        return
    agree, total, differ = 0, 0, []
    for (lang, slug), paragraphs in expected.items():
        mine = _flat((ours_out / slug / f"{lang}.md").read_text("utf-8"))
        theirs = _flat((out / lang / f"{slug}.md").read_text("utf-8"))
        for paragraph in paragraphs:
            total += 1
            if _flat(paragraph) in mine and _flat(paragraph) in theirs:
                agree += 1
            elif len(differ) < 3:
                differ.append(f"{slug}/{lang}: {paragraph[:60]!r}")
    text = f"{agree} of {total} translated paragraphs read the same in ours and po2md's output"
    detail = f"; differ: {'; '.join(differ)}" if differ else ""
    table.note("rebuild", f"{size.label} ({', '.join(langs)}): {text}{detail}.")


def _translated_blocks(doc, po: polib.POFile) -> dict[str, str]:
    """Source paragraph (sentences joined by a space) -> its translation, for the blocks whose
    every sentence our build translates (approved or translated, no drafts)."""
    selection = choose_translations(doc, po, allow_drafts=False)
    sources: dict[int, list[str]] = {}
    targets: dict[int, list[str] | None] = {}
    for segment, choice in zip(doc.segments, selection.choices, strict=True):
        sources.setdefault(segment.block, []).append(segment.text)
        current = targets.setdefault(segment.block, [])
        if current is None:
            continue
        if choice.use is Use.TRANSLATION:
            current.append(choice.text)
        elif choice.use is not Use.JOINED:
            targets[segment.block] = None
    return {
        _flat(" ".join(sources[block])): " ".join(texts)
        for block, texts in targets.items()
        if texts
    }


def _write_mdpo_catalog(pot: Path, blocks: dict[str, str], target: Path) -> None:
    """mdpo's template with each paragraph translated as our catalog translates it."""
    po = polib.pofile(str(pot))
    for entry in po:
        # mdpo does not know ``:::`` containers: their fences join the first and last paragraph
        head, core, tail = _FENCES.fullmatch(_flat(entry.msgid)).groups()
        translation = blocks.get(core)
        entry.msgstr = f"{head or ''}{translation}{tail or ''}" if translation else ""
    target.parent.mkdir(parents=True, exist_ok=True)
    po.save(str(target))


def _flat(text: str) -> str:
    return _SPACE.sub(" ", text).strip()
