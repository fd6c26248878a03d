"""Benchmark: the review editor over one document of 2,000 sentences.

A project is generated (1,000 paragraphs of two sentences, half of them translated, some
drafts), then through Flask's test client, logged in as a reviewer, the script times:

- ``first page``: the editor's first request (catalog and source parsed, checks run once);
- ``page``: the editor page again (nothing parsed: the cache is keyed by file identity);
- ``page 20``: a later page of the list; ``search``: a search over all 2,000 sentences;
- ``checks filter``: the "failing checks" list (checks memoized per catalog version);
- ``panel``: one sentence's panel fragment (what the keyboard navigation loads);
- ``save``: one JSON save (lock, read, version check, atomic write, audit log);
- ``save+panel``: a save followed by the next panel (checks carried, not recomputed);
- ``preview``: the side-by-side document preview.

It also reports how many times the catalog was parsed for reading, which must stay at 1 plus
one per external change. Usage: python benchmarks/web_editor.py [--sentences 2000] [--runs 15]
Not a test: it prints a table and exits 0.
"""

from __future__ import annotations

import argparse
import re
import shutil
import statistics
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from translator.catalog import read_catalog, write_catalog  # noqa: E402
from translator.catalog.state import set_draft, set_human  # noqa: E402
from translator.config import load_settings  # noqa: E402
from translator.project import Project  # noqa: E402

PASSWORD = "benchmark password"


def document(sentences: int) -> str:
    paragraphs = "\n\n".join(
        f"Point {n} of the resolution demands action against war number {n}. "
        f"The workers of country {n} will organize protests and strikes."
        for n in range(1, sentences // 2 + 1)
    )
    return (
        "---\nslug: long\ntitle: A long resolution\ndate: 2024-05-01\nlang: en\n---\n\n"
        f"# A long resolution\n\n{paragraphs}\n"
    )


def make_project(root: Path, sentences: int) -> Project:
    (root / "source").mkdir(parents=True)
    (root / "locales").mkdir()
    (root / "source" / "long.md").write_text(document(sentences), encoding="utf-8")
    (root / "translator.toml").write_text('engines = { "*" = "dummy" }\n', encoding="utf-8")
    project = Project(load_settings(root))
    project.init(["de"])
    path = project.catalog_path("de", "long")
    po = read_catalog(path)
    for number, entry in enumerate(po):
        if number % 2:
            set_human(entry, f"Übersetzung {number}.")
        elif number % 7 == 0:
            set_draft(entry, f"Entwurf {number}.", "mt:dummy")
    write_catalog(po, path)
    return project


def timed(function, runs: int) -> float:
    samples = []
    for _ in range(runs):
        start = time.perf_counter()
        function()
        samples.append(time.perf_counter() - start)
    return statistics.median(samples) * 1000


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sentences", type=int, default=2000)
    parser.add_argument("--runs", type=int, default=15)
    args = parser.parse_args()
    from translator.web import create_app
    from translator.web.data import database as db
    from translator.web.data import people as accounts

    tmp = Path(tempfile.mkdtemp(prefix="web-editor-"))
    try:
        project = make_project(tmp / "project", args.sentences)
        app = create_app(
            {"PROJECT_ROOT": str(project.root), "SECRET_KEY": "bench", "FIRST_RUN_ADMIN": False}
        )
        conn = db.connect(app.config["DATABASE"])
        accounts.create_user(conn, "rita", PASSWORD, languages={"de": "reviewer"})
        conn.close()
        client = app.test_client()
        page = client.get("/auth/login").get_data(as_text=True)
        token = re.search(r'name="csrf-token" content="([^"]+)"', page).group(1)
        client.post(
            "/auth/login", data={"username": "rita", "password": PASSWORD, "csrf_token": token}
        )
        store = app.extensions["translator.store"]
        base = "/translate/long/de/"
        rows = []

        start = time.perf_counter()
        html = client.get(base).get_data(as_text=True)
        rows.append(("first page", (time.perf_counter() - start) * 1000))
        token = re.search(r'name="csrf-token" content="([^"]+)"', html).group(1)
        keys = re.findall(r'data-key="([0-9a-f]{16})"', html)
        rows.append(("page", timed(lambda: client.get(base), args.runs)))
        rows.append(("page 20", timed(lambda: client.get(base + "?page=20"), args.runs)))
        rows.append(("search", timed(lambda: client.get(base + "?q=country+999"), args.runs)))
        rows.append(("checks filter", timed(lambda: client.get(base + "?filter=checks"), 5)))
        panel = f"/translate/long/de/segment/{keys[3]}"
        rows.append(("panel", timed(lambda: client.get(panel), args.runs)))
        counter = iter(range(10**6))

        def save(key=keys[4]):
            api = f"/api/translate/long/de/segment/{key}"
            version = client.get(api).get_json()["version"]
            response = client.post(
                api,
                json={"action": "save", "msgstr": f"Neu {next(counter)}.", "version": version},
                headers={"X-CSRFToken": token},
            )
            assert response.status_code == 200, response.get_data(as_text=True)

        rows.append(("save", timed(save, args.runs)))
        rows.append(("save+panel", timed(lambda: (save(), client.get(panel)), args.runs)))
        rows.append(("preview", timed(lambda: client.get("/preview/long/de/"), 5)))
        size = len(client.get(base).get_data())
    finally:
        shutil.rmtree(tmp, ignore_errors=True)

    print(f"editor over {args.sentences} sentences (median of {args.runs} runs, ms)")
    for name, value in rows:
        print(f"  {name:<14} {value:8.1f}")
    print(f"  page size      {size / 1024:8.1f} KiB")
    print(f"  catalog parses for reading: {store.parses} (1 expected: own saves need none)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
