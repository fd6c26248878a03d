"""Differential run: where our splitter and plain pysbd disagree on real multilingual text.

The corpus is every block the splitter would see in the bundled sources (``source/*.md``,
``tests/data/source/*.md``), in ``benchmarks/data/corpus/*.md`` (texts of our own in 28 language
codes) and in ``benchmarks/data/corpus/udhr/*.md`` (the first articles of the Universal
Declaration of Human Rights in 38 codes; see the README there). Each block goes through ``ours``
(``translator.segment.split_sentences``) and through plain pysbd with the same language
mapping; every block where they differ is listed. Signatory items are never split by the
document parser and are left out.

Every difference must be either fixed or vouched for: ``benchmarks/data/differential/
verdicts.jsonl`` holds, per differing block, the right sentences and why pysbd is wrong
there. ``tests/segment/test_differential.py`` fails when a difference has no verdict, when
ours no longer gives the verdict's sentences, or when a verdict is stale.

    python3 benchmarks/differential.py            # list the differences and their verdicts
    python3 benchmarks/differential.py --pending  # new differences as verdict lines to review
"""

from __future__ import annotations

import argparse
import json
import sys
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

ROOT = Path(__file__).resolve().parent
REPO = ROOT.parent
sys.path.insert(0, str(REPO))

import pysbd  # noqa: E402

from translator.model import Role  # noqa: E402
from translator.segment import parse_document, split_sentences  # noqa: E402
from translator.segment.language import library_language  # noqa: E402
from translator.segment.markdown import block_texts  # noqa: E402

SOURCES = [
    REPO / "source",
    REPO / "tests" / "data" / "source",
    ROOT / "data" / "corpus",
    ROOT / "data" / "corpus" / "udhr",
]
VERDICTS = ROOT / "data" / "differential" / "verdicts.jsonl"


@dataclass(frozen=True)
class Block:
    """One block of the corpus, with where it comes from."""

    where: str
    lang: str
    text: str


@dataclass(frozen=True)
class Difference:
    """A block on which ours and pysbd disagree."""

    block: Block
    ours: list[str]
    pysbd: list[str]


def corpus() -> list[Block]:
    """Every non-signatory block of every corpus document, in file order."""
    blocks = []
    for folder in SOURCES:
        for path in sorted(p for p in folder.glob("*.md") if p.name != "README.md"):
            text = path.read_text(encoding="utf-8")
            lang = parse_document(text, path.name).lang
            for role, line, content in block_texts(text):
                if role is not Role.SIGNATORY:
                    where = f"{path.relative_to(REPO)}:{line}"
                    blocks.append(Block(where, lang, content))
    return blocks


@lru_cache(maxsize=32)
def _segmenter(code: str) -> pysbd.Segmenter:
    return pysbd.Segmenter(language=code, clean=False)


def ours(text: str, lang: str) -> list[str]:
    return [" ".join(text[s:e].split()) for s, e in split_sentences(text, lang)]


def plain_pysbd(text: str, lang: str) -> list[str]:
    """pysbd alone, on the block with soft line breaks as spaces (as ours gives it)."""
    flat = " ".join(text.split("\n"))
    sentences = _segmenter(library_language(lang, text)).segment(flat)
    return [" ".join(s.split()) for s in sentences if s.strip()]


def differences(blocks: list[Block]) -> list[Difference]:
    """The blocks where ours and pysbd split differently."""
    found = []
    for block in blocks:
        mine, theirs = ours(block.text, block.lang), plain_pysbd(block.text, block.lang)
        if mine != theirs:
            found.append(Difference(block, mine, theirs))
    return found


def load_verdicts(path: Path = VERDICTS) -> dict[tuple[str, str], dict]:
    """Verdicts by (language, block text with whitespace folded)."""
    verdicts = {}
    for line in path.read_text(encoding="utf-8").splitlines():
        if line.strip():
            record = json.loads(line)
            verdicts[(record["lang"], " ".join(record["text"].split()))] = record
    return verdicts


def key(block: Block) -> tuple[str, str]:
    return block.lang, " ".join(block.text.split())


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--pending", action="store_true", help="print unreviewed differences")
    args = parser.parse_args(argv)
    blocks = corpus()
    found = differences(blocks)
    verdicts = load_verdicts()
    pending = [d for d in found if key(d.block) not in verdicts]
    if args.pending:
        for d in pending:
            record = {"lang": d.block.lang, "text": d.block.text, "sentences": d.ours, "why": ""}
            print(json.dumps(record, ensure_ascii=False))
        return 0
    langs = len({b.lang for b in blocks})
    print(f"{len(blocks)} blocks in {langs} languages; {len(found)} differ from plain pysbd")
    for d in found:
        verdict = verdicts.get(key(d.block))
        state = "no verdict" if verdict is None else verdict["why"]
        print(f"\n{d.block.where} [{d.block.lang}] {state}")
        print(f"  pysbd: {d.pysbd}\n  ours:  {d.ours}")
    print(f"\n{len(pending)} difference(s) without a verdict")
    return 1 if pending else 0


if __name__ == "__main__":
    sys.exit(main())
