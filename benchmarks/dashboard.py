"""Benchmark: the coordinators' matrix over generated corpora of growing size.

For each size (documents x languages) a project is generated directly as PO text (no parsing,
no segmentation), then the script times:

- ``cold``: first figures with no index file (every catalog parsed, index written);
- ``reload``: a new process's view (index read from SQLite, every file stat'ed, nothing parsed);
- ``warm``: the same process asking again (nothing changed);
- ``one changed``: after one catalog is rewritten (exactly one parse expected);
- ``first``, ``page``: the dashboard's first page (100 documents, totals over all), through
  Flask's test client, logged in as a coordinator: the app's first request, then warm (median of
  5); ``p.changed``: the page after one catalog was rewritten behind the app's back (as a save
  in another worker); ``full``: every document on one page (``?per=all``), ``html`` its size.

Figures come from ``Project.overview()`` (counts and staleness, as the dashboard and the CSV
export use them); ``translator stats`` by default also runs the quality checks, which this
script does not time.

Usage: python benchmarks/dashboard.py [--sizes 10x20,100x20,500x40] [--entries 40] [--keep DIR]
Not a test: it prints a table and exits 0.
"""

from __future__ import annotations

import argparse
import os
import random
import shutil
import statistics
import sys
import tempfile
import time
from pathlib import Path

from translator.catalog.state import text_hash
from translator.config import load_settings
from translator.progress.index import INDEX_NAME, StatsIndex, open_index
from translator.project import Project

LANGS = [
    "ar", "bg", "bn", "bs", "de", "es", "fa", "fr", "hi", "hu", "ne", "nl", "ru", "tr", "uk",
    "it", "pt", "pl", "ro", "el", "sv", "da", "fi", "cs", "sk", "sl", "hr", "sr", "mk", "sq",
    "ka", "hy", "az", "kk", "ur", "ta", "te", "id", "vi", "zh",
]  # fmt: skip
WORDS = [
    "the", "workers", "of", "all", "countries", "unite", "against", "war", "and", "fascism",
    "for", "peace", "freedom", "socialism", "we", "demand", "withdrawal", "troops", "solidarity",
    "with", "struggles", "people", "everywhere", "now", "international", "resolution",
]  # fmt: skip
HEADER = """# Generated benchmark catalog.
msgid ""
msgstr ""
"Project-Id-Version: bench {slug}\\n"
"POT-Creation-Date: 2026-01-01 10:00+0000\\n"
"PO-Revision-Date: 2026-01-02 10:00+0000\\n"
"Last-Translator: bench\\n"
"Language: {lang}\\n"
"MIME-Version: 1.0\\n"
"Content-Type: text/plain; charset=UTF-8\\n"
"Content-Transfer-Encoding: 8bit\\n"

"""
PAST = time.time() - 3600  # generated files look an hour old (outside the index's racy window)


def sentences(rng: random.Random, count: int) -> list[str]:
    """Distinct sentences of 6 to 30 words."""
    out = []
    for number in range(count):
        words = rng.choices(WORDS, k=rng.randint(6, 30))
        out.append(f"{number + 1}. " + " ".join(words).capitalize() + ".")
    return out


def entry_text(msgid: str, number: int, state: str) -> str:
    head = f"#. paragraph {number}\n#: source/x.md:{number}\n"
    if state == "untranslated":
        return f'{head}msgid "{msgid}"\nmsgstr ""\n\n'
    msgstr = msgid.upper()
    if state == "fuzzy":
        return f'# origin: mt:google\n{head}#, fuzzy\nmsgid "{msgid}"\nmsgstr "{msgstr}"\n\n'
    if state == "approved":
        comment = f"# approved: rev 2026-01-02 {text_hash(msgstr)}\n"
        return f'{comment}{head}msgid "{msgid}"\nmsgstr "{msgstr}"\n\n'
    return f'{head}msgid "{msgid}"\nmsgstr "{msgstr}"\n\n'


def generate(root: Path, docs: int, langs: int, entries: int, seed: int = 1) -> int:
    """Write source/, POTs and PO files; returns the number of PO catalogs."""
    rng = random.Random(seed)
    states = ["untranslated", "fuzzy", "translated", "approved"]
    (root / "source").mkdir(parents=True)
    locales = root / "locales"
    for lang in LANGS[:langs]:
        (locales / lang / "LC_MESSAGES").mkdir(parents=True)
    for d in range(docs):
        slug = f"doc-{d:04d}"
        (root / "source" / f"{slug}.md").write_text(f"---\nslug: {slug}\n---\n", "utf-8")
        texts = sentences(rng, entries)
        pot = HEADER.format(slug=slug, lang="") + "".join(
            entry_text(t, n, "untranslated") for n, t in enumerate(texts, 1)
        )
        (locales / f"{slug}.pot").write_text(pot, "utf-8")
        for lang in LANGS[:langs]:
            progress = rng.random()
            weights = [1 - progress, 0.3, progress, progress / 2]
            picks = rng.choices(states, weights=weights, k=len(texts))
            pairs = enumerate(zip(texts, picks, strict=True), 1)
            body = "".join(entry_text(text, n, state) for n, (text, state) in pairs)
            path = locales / lang / "LC_MESSAGES" / f"{slug}.po"
            path.write_text(HEADER.format(slug=slug, lang=lang) + body, "utf-8")
    for path in (*locales.rglob("*.po*"), *(root / "source").iterdir()):
        os.utime(path, (PAST, PAST))
    return docs * langs


def timed(func, repeat: int = 1) -> tuple[float, object]:
    """Median wall time in seconds of ``repeat`` runs, and the last result."""
    times, result = [], None
    for _ in range(repeat):
        start = time.perf_counter()
        result = func()
        times.append(time.perf_counter() - start)
    return statistics.median(times), result


def page_timer(project: Project):
    """A callable rendering the full dashboard page as a coordinator, or None without the web UI."""
    try:
        from translator.web import create_app
        from translator.web.data import people as accounts
        from translator.web.data.database import connect
    except ImportError:
        return None
    app = create_app(
        {
            "TESTING": True,
            "PROJECT_ROOT": str(project.root),
            "SECRET_KEY": "benchmark",
            "WTF_CSRF_ENABLED": False,
            "FIRST_RUN_ADMIN": False,
        }
    )
    conn = connect(app.config["DATABASE"])
    accounts.create_user(conn, "coco", "benchmark password", global_role="coordinator")
    conn.close()
    client = app.test_client()
    client.post("/auth/login", data={"username": "coco", "password": "benchmark password"})

    def render(url: str):
        response = client.get(url)
        assert response.status_code == 200, response.status_code
        return len(response.data)

    return render


def touch_and_render(project: Project, render) -> int:
    """One catalog rewritten (as a save in another worker does), then the page asked for."""
    target = project.catalog_path(LANGS[1], "doc-0000")
    text = target.read_text("utf-8").replace('msgstr ""', 'msgstr "Y"', 2)
    target.write_text(text, "utf-8")
    os.utime(target, (PAST + 120, PAST + 120))
    return render("/dashboard/")


def run_size(base: Path, docs: int, langs: int, entries: int) -> dict:
    root = base / f"{docs}x{langs}"
    start = time.perf_counter()
    catalogs = generate(root, docs, langs, entries)
    generated = time.perf_counter() - start
    project = Project(load_settings(root))
    index = open_index(project.settings.locales_dir, project.settings.instance_dir)
    figures = project.overview  # what the dashboard and the CSV export use (no checks)
    cold, (table, _) = timed(figures)
    parsed_cold = index.parsed

    fresh = StatsIndex(project.settings.locales_dir, project.settings.instance_dir / INDEX_NAME)
    reload, _ = timed(lambda: fresh.records(project.slugs(), project.languages()))
    warm, _ = timed(figures, repeat=3)

    target = project.catalog_path(LANGS[0], "doc-0000")
    text = target.read_text("utf-8").replace('msgstr ""', 'msgstr "X"', 1)
    target.write_text(text, "utf-8")
    os.utime(target, (PAST + 60, PAST + 60))
    before = index.parsed
    changed, _ = timed(figures)
    reparsed = index.parsed - before

    render = page_timer(project)
    nothing = (float("nan"), 0)
    first, _ = timed(lambda: render("/dashboard/")) if render else nothing
    page, _ = timed(lambda: render("/dashboard/"), repeat=5) if render else nothing
    page_changed, _ = timed(lambda: touch_and_render(project, render)) if render else nothing
    full, size = timed(lambda: render("/dashboard/?per=all"), repeat=3) if render else nothing
    return {
        "size": f"{docs}x{langs}",
        "catalogs": catalogs,
        "generate": generated,
        "cold": cold,
        "parsed": parsed_cold,
        "reload": reload,
        "warm": warm,
        "changed": changed,
        "reparsed": reparsed,
        "first": first,
        "page": page,
        "p.changed": page_changed,
        "full": full,
        "html": f"{size / 1e6:.1f}MB",
        "rows": len(table.rows),
    }


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", default="10x20,100x20,500x40", help="DOCSxLANGS,...")
    parser.add_argument("--entries", type=int, default=40, help="Entries per document.")
    parser.add_argument("--keep", type=Path, help="Generate under DIR and keep it.")
    args = parser.parse_args(argv)
    base = args.keep or Path(tempfile.mkdtemp(prefix="bench-dashboard-"))
    results = []
    try:
        for size in args.sizes.split(","):
            docs, langs = (int(part) for part in size.lower().split("x"))
            results.append(run_size(base, docs, langs, args.entries))
            print_table(results[-1:], header=len(results) == 1)
    finally:
        if not args.keep:
            shutil.rmtree(base, ignore_errors=True)
    print_growth(results)
    return 0


COLUMNS = [
    ("size", 9, "{}"), ("catalogs", 8, "{}"), ("generate", 8, "{:.2f}s"), ("cold", 8, "{:.3f}s"),
    ("reload", 8, "{:.3f}s"), ("warm", 8, "{:.3f}s"), ("changed", 8, "{:.3f}s"),
    ("reparsed", 8, "{}"), ("first", 8, "{:.3f}s"), ("page", 8, "{:.3f}s"),
    ("p.changed", 9, "{:.3f}s"), ("full", 8, "{:.3f}s"), ("html", 7, "{}"),
]  # fmt: skip


def print_table(results: list[dict], header: bool) -> None:
    if header:
        print(" ".join(f"{name:>{width}}" for name, width, _ in COLUMNS))
    for row in results:
        print(" ".join(f"{fmt.format(row[name]):>{width}}" for name, width, fmt in COLUMNS))
    sys.stdout.flush()


def print_growth(results: list[dict]) -> None:
    """Time per catalog, to see whether cost grows linearly with the corpus."""
    print("\nper catalog (microseconds):  cold   reload   warm   full")
    for row in results:
        n = row["catalogs"]
        print(
            f"{row['size']:>10}  {1e6 * row['cold'] / n:>12.0f} {1e6 * row['reload'] / n:>8.1f}"
            f" {1e6 * row['warm'] / n:>6.1f} {1e6 * row['full'] / n:>6.1f}"
        )


if __name__ == "__main__":
    sys.exit(main())
