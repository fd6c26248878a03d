"""HTML import: our rules against trafilatura (main content) and htmldate (publication date).

Runs over the HTML fixture pages of ``tests/importers/fixtures/`` (and ``tests/importers/data/
page.html``), whose canonical Markdown beside them is the gold, and compares:

- ``rules``: ``translator.importers.import_html`` as it stands (markup chrome, link density,
  the margins pass, then the shared recognition rules);
- ``trafilatura``: trafilatura's main-content text (``trafilatura.extract``), then our plain
  text rules on it (they find title, date line, slogans, signatories);
- ``both``: our paragraphs, keeping only those trafilatura also kept (the ``<h1>`` always).

A block is one paragraph, heading or list item of the result (title, date line and footnotes
included); precision and recall count blocks whose text equals a gold block. For dates: the
rules (date line, metadata line), htmldate on the page's markup only, htmldate with its
extensive search of the text, and the rules with htmldate's markup date as the fallback.

    python3 benchmarks/importing.py

The fixtures were written for the rules (they are not held out), so the rules' score there is
an upper bound; what the numbers show is where each library falls short on such pages.
"""

from __future__ import annotations

import re
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent
sys.path.insert(0, str(ROOT.parent))

from bs4 import BeautifulSoup  # noqa: E402

from translator.importers import html as html_importer  # noqa: E402
from translator.importers import import_html, import_text  # noqa: E402
from translator.importers.plaintext import import_paragraphs  # noqa: E402
from translator.importers.sniff import looks_like_html, strip_server_code  # noqa: E402
from translator.segment.markdown import block_texts  # noqa: E402

FIXTURES = ROOT.parent / "tests" / "importers" / "fixtures"
PAGE = ROOT.parent / "tests" / "importers" / "data" / "page.html"


def _pages() -> list[tuple[str, str, str, str]]:
    """(name, lang, html, gold markdown) for every HTML page among the fixtures."""
    pages = []
    for path in sorted(FIXTURES.glob("*.*")):
        if path.suffix == ".md":
            continue
        text = path.read_text(encoding="utf-8-sig")
        if looks_like_html(strip_server_code(text)[0]):
            gold = path.with_suffix(".md").read_text(encoding="utf-8")
            pages.append((path.name, path.name.split("-")[0], text, gold))
    return pages


def _blocks(markdown: str) -> list[str]:
    return [" ".join(text.split()) for _, _, text in block_texts(markdown)]


def _rules(page: str, lang: str) -> str:
    return import_html(page, lang=lang, filename="page").markdown


def _trafilatura(page: str, lang: str) -> str:
    import trafilatura

    text = trafilatura.extract(strip_server_code(page)[0], include_comments=False) or ""
    return import_text(text.replace("\n", "\n\n"), lang=lang, filename="page").markdown


def _both(page: str, lang: str) -> str:
    import trafilatura

    clean = strip_server_code(page)[0]
    kept = {_fold(line) for line in (trafilatura.extract(clean) or "").splitlines()}
    walker = html_importer._Walker()
    walker.walk(BeautifulSoup(clean, "html.parser").body)
    walker.flush()
    paras = [p for p in walker.paras if p.hint == "title" or _fold(p.text) in kept]
    return import_paragraphs(paras, lang=lang, filename="page").markdown


def _fold(text: str) -> str:
    # Letters only: trafilatura drops joiners (U+200C) and keeps footnote digits glued.
    return "".join(ch for ch in text if ch.isalpha()).casefold()


def _score(found: list[str], gold: list[str]) -> tuple[int, int, int]:
    hits = sum(1 for block in found if block in gold)
    return hits, len(found), len(gold)


def _dates(page: str, lang: str) -> dict[str, str]:
    from htmldate import find_date

    clean = strip_server_code(page)[0]
    markup = html_importer.page_date(clean)
    extensive = find_date(clean, extensive_search=True, outputformat="%Y-%m-%d") or ""
    combined = import_html(page, lang=lang, filename="page").date
    looked_up = html_importer.page_date
    html_importer.page_date = lambda _html: ""  # the rules alone: no markup date to fall back on
    try:
        rules = import_html(page, lang=lang, filename="page").date
    finally:
        html_importer.page_date = looked_up
    return {
        "rules": rules,
        "htmldate": markup,
        "htmldate extensive": extensive,
        "rules+htmldate": combined,
    }


def main() -> None:
    pages = _pages()
    gold_page = PAGE.read_text(encoding="utf-8")
    pages.append(("page.html", "en", gold_page, import_html(gold_page).markdown))
    totals: dict[str, list[int]] = {}
    print(f"{'page':24} {'candidate':12} {'P':>6} {'R':>6}")
    for name, lang, page, gold in pages:
        wanted = _blocks(gold)
        for label, run in (("rules", _rules), ("trafilatura", _trafilatura), ("both", _both)):
            hits, found, expected = _score(_blocks(run(page, lang)), wanted)
            total = totals.setdefault(label, [0, 0, 0])
            for i, value in enumerate((hits, found, expected)):
                total[i] += value
            print(f"{name:24} {label:12} {hits / max(found, 1):6.3f} {hits / expected:6.3f}")
    for label, (hits, found, expected) in totals.items():
        print(f"{'all':24} {label:12} {hits / max(found, 1):6.3f} {hits / expected:6.3f}")
    print()
    gold_dates = {name: _gold_date(gold) for name, _, _, gold in pages}
    right: dict[str, int] = {}
    for name, lang, page, _ in pages:
        for label, date in _dates(page, lang).items():
            right[label] = right.get(label, 0) + (date == gold_dates[name])
    for label, count in right.items():
        print(f"date {label:20} {count}/{len(pages)} right")


def _gold_date(markdown: str) -> str:
    match = re.search(r"^date: (\S+)$", markdown, re.MULTILINE)
    return match.group(1) if match else ""


if __name__ == "__main__":
    main()
