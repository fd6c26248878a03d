"""Sentence segmentation benchmark: exact cases, boundary precision and recall per language.

Runs every available candidate over the gold sets in ``benchmarks/data/segmentation/``:
``ours`` (``translator.segment.split.split_sentences``), raw ``pysbd`` (same language mapping,
no post-rules), and ``sentencex``, ``syntok`` and ``blingfire`` when installed (``pip install -e
'.[bench]'``; each is skipped otherwise).

Sets: ``golden`` (pysbd-style cases of our own, one or more per kind, in the 23 languages pysbd
knows and in our project languages), ``langs`` (the folder ``langs/``: held-out style cases,
one file per language pysbd knows plus ``other-codes.jsonl`` for languages it does not), ``dev``
(for tuning) and ``test`` (held out, resolution-style text); all four by default. Each line is
``{"lang", "sentences", "sep"?, "kind"?}``: the block text is the sentences joined by ``sep`` (a
space unless given; ``""`` for scripts written without spaces). A case is exact when all its
sentences come out as in the gold. A boundary is counted as the number of non-whitespace
characters before a sentence start, so segmenters that trim or keep whitespace compare fairly;
one that alters the text is penalised.

    python3 benchmarks/segmentation.py [--sets golden langs dev test] [--only ours pysbd] [--errors]

Results: ours is exact on every case of ``golden`` (194) and ``langs`` (951), pysbd on 0.912
and 0.750 of them; ours is at least pysbd's rate in every language of every set. See the
README of benchmarks/ for the full table.
"""

from __future__ import annotations

import argparse
import json
import sys
import time
from collections import defaultdict
from collections.abc import Callable
from pathlib import Path

ROOT = Path(__file__).resolve().parent
sys.path.insert(0, str(ROOT.parent))

from translator.segment import split  # noqa: E402
from translator.segment.language import library_language  # noqa: E402
from translator.segment.split import split_sentences  # noqa: E402

DATA = ROOT / "data" / "segmentation"
Segmenter = Callable[[str, str], list[str]]


def load_set(name: str) -> list[tuple[str, str, list[str]]]:
    """A gold set by name: ``<name>.jsonl``, or every ``*.jsonl`` of the folder ``<name>/``."""
    folder = DATA / name
    paths = sorted(folder.glob("*.jsonl")) if folder.is_dir() else [DATA / f"{name}.jsonl"]
    return [block for path in paths for block in load_gold(path)]


def load_gold(path: Path) -> list[tuple[str, str, list[str]]]:
    """Read a gold set: (lang, block text, sentences) per line."""
    blocks = []
    for line in path.read_text(encoding="utf-8").splitlines():
        if line.strip():
            record = json.loads(line)
            sentences = record["sentences"]
            blocks.append((record["lang"], record.get("sep", " ").join(sentences), sentences))
    return blocks


def boundaries(text: str, sentences: list[str]) -> set[int]:
    """Sentence starts (after the first) as counts of non-whitespace characters before them."""
    result, count = set(), 0
    for sentence in sentences[:-1]:
        count += sum(not ch.isspace() for ch in sentence)
        result.add(count)
    return result


def _letters(text: str) -> str:
    return "".join(text.split())


def ours(text: str, lang: str) -> list[str]:
    return [text[s:e] for s, e in split_sentences(text, lang)]


def candidates() -> dict[str, Segmenter]:
    """Segmenters to compare, each taking one block and a language code."""
    found: dict[str, Segmenter] = {"ours": ours}
    import pysbd

    segmenters: dict[str, pysbd.Segmenter] = {}

    def raw_pysbd(text: str, lang: str) -> list[str]:
        code = library_language(lang, text)
        if code not in segmenters:
            segmenters[code] = pysbd.Segmenter(language=code, clean=False)
        return segmenters[code].segment(text)

    found["pysbd"] = raw_pysbd
    try:
        from sentencex import segment as sentencex_segment

        found["sentencex"] = lambda text, lang: list(sentencex_segment(lang.split("-")[0], text))
    except ImportError:
        print("sentencex not installed: skipped", file=sys.stderr)
    try:
        from syntok import segmenter as syntok_segmenter

        def syntok(text: str, lang: str) -> list[str]:
            return [
                "".join(f"{token.spacing}{token.value}" for token in sentence)
                for paragraph in syntok_segmenter.analyze(text)
                for sentence in paragraph
            ]

        found["syntok"] = syntok
    except ImportError:
        print("syntok not installed: skipped", file=sys.stderr)
    try:
        from segtok.segmenter import split_single

        found["segtok"] = lambda text, lang: split_single(text)
    except ImportError:
        print("segtok not installed: skipped", file=sys.stderr)
    try:
        import blingfire

        def bling(text: str, lang: str) -> list[str]:
            _, offsets = blingfire.text_to_sentences_and_offsets(text)
            return [text[s:e] for s, e in offsets]

        found["blingfire"] = bling
    except ImportError:
        print("blingfire not installed: skipped", file=sys.stderr)
    for name in ("syntok", "blingfire"):  # our rules over another library's proposals
        if name in found:
            found[f"ours/{name}"] = with_library(found[name])
    return found


def with_library(library: Segmenter) -> Segmenter:
    """``ours`` with its pysbd proposals replaced by ``library``'s."""

    def segment(text: str, lang: str) -> list[str]:
        original = split._library_sentences
        split._library_sentences = library
        try:
            return ours(text, lang)
        finally:
            split._library_sentences = original

    return segment


def timed(segment: Segmenter, blocks: list[tuple[str, str, list[str]]]) -> float:
    """Sentences per second over ``blocks``, repeated until at least 0.2 s have passed."""
    rounds, start = 0, time.perf_counter()
    while True:
        for lang, text, _ in blocks:
            segment(text, lang)
        rounds += 1
        elapsed = time.perf_counter() - start
        if elapsed >= 0.2:
            return rounds * sum(len(sentences) for _, _, sentences in blocks) / elapsed


def evaluate(segment: Segmenter, blocks, errors: list[str] | None = None) -> dict[str, tuple]:
    """Per language and overall: (cases, exact rate, precision, recall, F1, sentences/s)."""
    by_lang = defaultdict(list)
    for block in blocks:
        by_lang[block[0]].append(block)
    table = {}
    seconds = 0.0
    for lang, group in [*sorted(by_lang.items()), ("ALL", blocks)]:
        tp = fp = fn = exact = 0
        for block_lang, text, gold in group:
            predicted = segment(text, block_lang)
            want, got = boundaries(text, gold), boundaries(text, predicted)
            if _letters("".join(predicted)) != _letters(text):
                got = {-1}  # the segmenter lost or changed text: nothing it says counts
            tp, fp, fn = tp + len(want & got), fp + len(got - want), fn + len(want - got)
            exact += want == got
            if errors is not None and lang != "ALL" and want != got:
                errors.append(f"[{block_lang}] {predicted}")
        precision = tp / (tp + fp) if tp + fp else 1.0
        recall = tp / (tp + fn) if tp + fn else 1.0
        f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
        sentences = sum(len(s) for _, _, s in group)
        if lang == "ALL":  # a document is in one language: add up the per-language times
            speed = sentences / seconds
        else:
            speed = timed(segment, group)
            seconds += sentences / speed
        table[lang] = (len(group), exact / len(group), precision, recall, f1, speed)
    return table


def document_speed(segment: Segmenter, blocks, sentences: int, lang: str) -> float:
    """Seconds to split a document of about ``sentences`` sentences in ``lang``, block by block."""
    blocks = [block for block in blocks if block[0] == lang]
    document, count = [], 0
    while blocks and count < sentences:
        for block in blocks:
            document.append(block)
            count += len(block[2])
    start = time.perf_counter()
    for lang, text, _ in document:
        segment(text, lang)
    return time.perf_counter() - start


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--sets", nargs="+", default=["golden", "langs", "dev", "test"])
    parser.add_argument("--only", nargs="+", help="candidates to run (default: all installed)")
    parser.add_argument("--errors", action="store_true", help="print blocks split wrongly")
    parser.add_argument("--document", type=int, default=2000, help="sentences in speed test")
    parser.add_argument("--document-lang", default="en", help="language of the speed test")
    args = parser.parse_args(argv)
    found = candidates()
    names = [name for name in found if not args.only or name in args.only]
    for set_name in args.sets:
        blocks = load_set(set_name)
        print(
            f"\n== {set_name.upper()}: {len(blocks)} cases, "
            f"{sum(len(s) for _, _, s in blocks)} sentences =="
        )
        tables = {}
        for name in names:
            errors: list[str] = []
            tables[name] = evaluate(found[name], blocks, errors if args.errors else None)
            for line in errors:
                print(f"   ! {name}: {line}")
        print_tables(tables)
        if args.document:
            print(f"-- {args.document_lang} document of ~{args.document} sentences, by block --")
            for name in names:
                seconds = document_speed(found[name], blocks, args.document, args.document_lang)
                print(f"{name:<14} {seconds:6.2f} s")
    print(
        "\nchoice: ours = pysbd proposals + the rules of translator/segment/ "
        "(ours/X: the same rules over library X's proposals)"
    )
    return 0


def print_tables(tables: dict[str, dict[str, tuple]]) -> None:
    """Exact rate, then boundary precision/recall, per language, one column per candidate;
    then P/R/F1 and speed overall."""
    names = list(tables)
    langs = list(next(iter(tables.values())))
    columns = [
        ("exact", lambda row: f"{row[1]:>11.3f}"),
        ("precision/recall", lambda row: f"{row[2]:>6.2f}/{row[3]:.2f}"),
    ]
    for title, cell in columns:
        print(f"{title}\n{'lang':<8} {'cases':>5}  " + " ".join(f"{n[:11]:>11}" for n in names))
        for lang in langs:
            cases = tables[names[0]][lang][0]
            print(f"{lang:<8} {cases:>5}  " + " ".join(cell(tables[n][lang]) for n in names))
    heading = f"{'candidate':<14} {'exact':>6} {'P':>6} {'R':>6} {'F1':>6} {'sent/s':>9}"
    print(f"\n{heading}  languages worse than pysbd")
    for name in names:
        _, exact, p, r, f1, speed = tables[name]["ALL"]
        worse = [
            lang
            for lang in langs
            if "pysbd" in tables
            and lang != "ALL"
            and tables[name][lang][1] < tables["pysbd"][lang][1]
        ]
        row = f"{name:<14} {exact:>6.3f} {p:>6.3f} {r:>6.3f} {f1:>6.3f} {speed:>9.0f}"
        print(f"{row}  {' '.join(worse) or '-'}")


if __name__ == "__main__":
    sys.exit(main())
