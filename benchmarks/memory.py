"""Benchmark: one suggestion-panel memory lookup, the old catalog scan vs the memory index.

The old memory (what ``translator.web.data.assist.other_memory`` did before the index, kept
here only to be measured) read every other catalog of the language into a
:class:`~translator.tm.TranslationMemory`, cached per document and rebuilt whenever any catalog
of the language changed. The index (:mod:`translator.tm.index`) is filled once per
installation, patched on every write and only stats the catalogs on a lookup.

For each, in one process, over the most translated language of a generated corpus:

- ``first lookup``: a new worker's first panel (old: reads every catalog; index: opens the
  file on disk, stats the catalogs and loads its keys);
- ``after a save``: a lookup right after another document's catalog was saved (the save
  itself not counted);
- ``warm``: a lookup when nothing changed.

It also times the index's first fill and checks that both give the same suggestion for every
lookup. Usage: python benchmarks/memory.py [--docs 100] [--langs 3] [--lookups 40]
(run.py calls :func:`bench_memory` with ``--only memory``). Not a test: it prints and exits 0.
"""

from __future__ import annotations

import argparse
import statistics
import sys
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))
sys.path.insert(0, str(HERE.parent))

from translator.catalog import read_catalog, write_catalog  # noqa: E402
from translator.config import load_settings  # noqa: E402
from translator.tm import TranslationMemory, catalog_units, close_indexes, open_memory  # noqa: E402
from translator.tm import search as tm_search  # noqa: E402
from translator.tm.index import file_identity  # noqa: E402

MIN_SCORE = 75


class CatalogScan:
    """The memory as it was: every other catalog of the language read and cached by identity."""

    def __init__(self, locales: Path, lang: str):
        self.locales, self.lang = locales, lang
        self.units: dict[Path, tuple] = {}
        self.memories: dict[str, tuple] = {}

    def _units(self, path: Path) -> list:
        identity = file_identity(path)
        cached = self.units.get(path)
        if cached is None or cached[0] != identity:
            cached = self.units[path] = (identity, catalog_units(read_catalog(path), path.stem))
        return cached[1]

    def lookup(self, text: str, slug: str):
        folder = self.locales / self.lang / "LC_MESSAGES"
        paths = [path for path in sorted(folder.glob("*.po")) if path.stem != slug]
        signature = tuple((path.name, file_identity(path)) for path in paths)
        cached = self.memories.get(slug)
        if cached is None or cached[0] != signature:
            memory = TranslationMemory(self.lang)
            for path in paths:
                for unit in self._units(path):
                    memory.add_unit(unit)
            cached = self.memories[slug] = (signature, memory)
        return cached[1].lookup(text, MIN_SCORE)


def indexed_lookup(root: Path, lang: str, text: str, slug: str):
    settings = load_settings(root)
    memory = open_memory(settings.locales_dir, settings.instance_dir, lang)
    memory.refresh()
    return memory.lookup(text, MIN_SCORE, exclude=slug)


def queries(root: Path, lang: str, docs: list[str], count: int) -> list[tuple[str, str]]:
    """(text, document) pairs: the sentences of a few documents, as a translator opens them."""
    found = []
    for slug in docs:
        path = root / "locales" / lang / "LC_MESSAGES" / f"{slug}.po"
        found += [(entry.msgid, slug) for entry in read_catalog(path) if entry.msgid]
    step = max(1, len(found) // count)
    return found[::step][:count]


def save_elsewhere(root: Path, lang: str, slug: str, number: int) -> None:
    """Change one translation of another document, through the tool (as the editor saves)."""
    path = root / "locales" / lang / "LC_MESSAGES" / f"{slug}.po"
    po = read_catalog(path)
    entry = next(e for e in po if e.msgid and e.msgstr and "fuzzy" not in e.flags)
    entry.msgstr = f"{entry.msgstr.split(' #')[0]} #{number}"
    write_catalog(po, path)


def timed(function) -> tuple[float, object]:
    start = time.perf_counter()
    result = function()
    return time.perf_counter() - start, result


def measure(root: Path, lang: str, lookups: int) -> dict:
    """Seconds per lookup for each scenario, the fill time and how often both agreed."""
    slugs = sorted(path.stem for path in (root / "locales" / lang / "LC_MESSAGES").glob("*.po"))
    asked = queries(root, lang, slugs[:5], lookups)
    scan = CatalogScan(root / "locales", lang)
    CatalogScan(root / "locales", lang).lookup(*queries(root, lang, slugs[-1:], 1)[0])  # warm-up
    result: dict = {"catalogs": len(slugs), "lookups": len(asked)}
    result["old first"], _ = timed(lambda: scan.lookup(*asked[0]))
    fill, _ = timed(lambda: indexed_lookup(root, lang, *asked[0]))
    result["index fill"] = fill
    close_indexes()
    tm_search._memories.clear()
    result["index first"], _ = timed(lambda: indexed_lookup(root, lang, *asked[0]))
    old_warm, new_warm, old_saved, new_saved, same = [], [], [], [], 0
    for number, (text, slug) in enumerate(asked):
        save_elsewhere(root, lang, slugs[-1 - number % min(3, len(slugs))], number)  # both see it
        old_saved.append(timed(lambda text=text, slug=slug: scan.lookup(text, slug))[0])
        seconds, _ = timed(lambda text=text, slug=slug: indexed_lookup(root, lang, text, slug))
        new_saved.append(seconds)
        seconds, old = timed(lambda text=text, slug=slug: scan.lookup(text, slug))
        old_warm.append(seconds)
        seconds, new = timed(lambda text=text, slug=slug: indexed_lookup(root, lang, text, slug))
        new_warm.append(seconds)
        same += (old and (old.text, old.origin, old.score)) == (
            new and (new.text, new.origin, new.score)
        )
    for name, samples in (
        ("old warm", old_warm),
        ("index warm", new_warm),
        ("old saved", old_saved),
        ("index saved", new_saved),
    ):
        result[name] = statistics.median(samples)
        result[name + " p95"] = sorted(samples)[int(0.95 * (len(samples) - 1))]
    settings = load_settings(root)
    memory = open_memory(settings.locales_dir, settings.instance_dir, lang)
    result["keys"] = len(memory.keys.choices)
    result["same"] = same
    result["index bytes"] = (settings.instance_dir / "tm" / f"{lang}.sqlite3").stat().st_size
    return result


ROWS = [
    ("old scan: first lookup (reads every catalog)", "old first", None),
    ("old scan: lookup after a save elsewhere", "old saved", "old saved p95"),
    ("old scan: lookup, nothing changed", "old warm", "old warm p95"),
    ("index: first fill (once per installation)", "index fill", None),
    ("index: first lookup in a new process", "index first", None),
    ("index: lookup after a save elsewhere", "index saved", "index saved p95"),
    ("index: lookup, nothing changed", "index warm", "index warm p95"),
]


def bench_memory(table, label: str, root: Path, lang: str, lookups: int = 40, log=print) -> None:
    """Add the rows to a run.py table (``Cell`` from report.py)."""
    from report import Cell

    log(f"[{label}] memory: {lang} ...")
    found = measure(root, lang, lookups)
    for tool, key, p95 in ROWS:
        extra = f"p95 {found[p95] * 1000:.1f} ms" if p95 else ""
        table.add("memory", tool, label, Cell(found[key], extra=extra), ours=True)
    table.note(
        "memory",
        f"{label}: {lang}, {found['catalogs']} catalogs; {found['same']} of {found['lookups']} "
        f"lookups gave the same suggestion both ways; the index holds {found['keys']} distinct "
        f"source texts in memory per process, {found['index bytes'] / 1e6:.1f} MB on disk.",
    )


def main() -> int:
    import corpus as corpora

    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--docs", type=int, default=100)
    parser.add_argument("--langs", type=int, default=3)
    parser.add_argument("--lookups", type=int, default=40)
    args = parser.parse_args()
    import shutil
    import subprocess

    corpus = corpora.build_corpus(args.docs, args.langs, log=print)
    work = corpora.OUT / "work" / f"memory-{args.docs}x{args.langs}"
    shutil.rmtree(work, ignore_errors=True)
    work.parent.mkdir(parents=True, exist_ok=True)
    subprocess.run(["cp", "-a", str(corpus.root), str(work)], check=True)
    try:
        found = measure(work, corpus.langs[-1], args.lookups)
    finally:
        close_indexes()
        shutil.rmtree(work, ignore_errors=True)
    print(f"memory lookup, {args.docs} documents x {args.langs} languages ({corpus.langs[-1]})")
    for tool, key, p95 in ROWS:
        tail = f"   p95 {found[p95] * 1000:8.1f} ms" if p95 else ""
        print(f"  {tool:<48} {found[key] * 1000:9.1f} ms{tail}")
    print(f"  same suggestion both ways: {found['same']} of {found['lookups']}")
    print(f"  keys in memory: {found['keys']}, index {found['index bytes'] / 1e6:.1f} MB")
    return 0


if __name__ == "__main__":
    sys.exit(main())
