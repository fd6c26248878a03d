"""Pre-fill benchmark: provider calls against the floor, and pre-fill's own cost per segment.

On a generated corpus (``benchmarks/corpus.py``: documents sharing boilerplate, slogans and
signatory lists; catalogs partly translated, partly machine drafts, partly empty) this runs
``translator.prefill`` with a counting fake engine and checks that

- the engine received each text once per language (no text twice), and
- the number of texts sent equals the floor: the distinct untranslated sentences that the policy
  sends to an engine (not signatories, dates, or roles left for a person) and that the memory
  does not cover, counted after protection (two datelines that differ only in their date are one
  text for the engine),
- a second run over the same empty entries sends nothing (the persistent cache).

Pre-fill's own cost is the wall time of reading, planning and writing minus the time spent inside
the engine, per candidate entry. Prints one row per language and a summary.

    python3 benchmarks/prefill.py [--docs 100] [--langs 4] [--seed 1]
"""

from __future__ import annotations

import argparse
import shutil
import sys
import tempfile
import time
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parent
sys.path.insert(0, str(ROOT.parent))
sys.path.insert(0, str(ROOT))

from corpus import build_corpus  # noqa: E402

from translator.catalog import read_catalog  # noqa: E402
from translator.config import load_settings  # noqa: E402
from translator.glossary import acronyms, glossary_terms  # noqa: E402
from translator.model import Role  # noqa: E402
from translator.mt import ENGINES, Engine, register  # noqa: E402
from translator.mt.protect import protect  # noqa: E402
from translator.prefill import Prefill, catalog_refs  # noqa: E402
from translator.prefill.dates import carry_dates, date_only, localized_dates  # noqa: E402
from translator.project import Project  # noqa: E402
from translator.tm import open_memory  # noqa: E402


class CountingEngine(Engine):
    """Answers instantly and counts what it was sent, per target language."""

    name = "bench-counting"
    needs_network = False
    batch_size = 50
    received: Counter = Counter()  # (target, text) -> times sent
    calls = 0
    seconds = 0.0

    def translate_batch(self, texts, source, target):
        start = time.perf_counter()
        cls = type(self)
        cls.calls += 1
        cls.received.update((target, text) for text in texts)
        answers = [f"<{target}> {text}" for text in texts]
        cls.seconds += time.perf_counter() - start
        return answers

    @classmethod
    def reset(cls) -> None:
        cls.received, cls.calls, cls.seconds = Counter(), 0, 0.0


def floor(project: Project, lang: str) -> tuple[int, int]:
    """(distinct sentences, distinct protected texts) an engine must see for ``lang``, at least."""
    settings = project.settings
    memory = open_memory(settings.locales_dir, None, lang)  # in memory: the floor writes nothing
    memory.refresh()
    signatories = set()
    for pot in settings.locales_dir.glob("*.pot"):
        signatories |= {e.msgid for e in read_catalog(pot) if Role.SIGNATORY.flag in e.flags}
    terms = {term: term for term in acronyms(sorted(signatories))}
    terms |= glossary_terms(settings.glossary_dir, lang)
    sentences = set()
    for path in sorted((settings.locales_dir / lang / "LC_MESSAGES").glob("*.po")):
        for entry in read_catalog(path):
            roles = {flag[5:] for flag in entry.flags if flag.startswith("role-")}
            if entry.obsolete or entry.msgstr or Role.SIGNATORY.value in roles:
                continue
            if roles & set(settings.human_roles) or date_only(entry.msgid, "en", lang):
                continue
            match = memory.lookup(entry.msgid, int(settings.tm_min_score))
            if (
                match is None
                or carry_dates(entry.msgid, match.source, match.text, "en", lang) is None
            ):
                sentences.add(entry.msgid)  # a match whose dates cannot be carried is no cover
    texts = set()
    for text in sentences:
        protected = protect(text, terms | localized_dates(text, "en", lang))
        if protected.needs_engine:
            texts.add(protected.masked)
    return len(sentences), len(texts)


def run_prefill(project: Project) -> tuple:
    CountingEngine.reset()
    refs = catalog_refs(project.settings, [], [])
    job = Prefill(project.settings, refs, engine=CountingEngine.name)
    start = time.perf_counter()
    entries = job.prepare()
    planned = time.perf_counter()
    report = job.run()
    done = time.perf_counter()
    return report, entries, planned - start, done - planned


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--docs", type=int, default=100)
    parser.add_argument("--langs", type=int, default=4)
    parser.add_argument("--seed", type=int, default=1)
    args = parser.parse_args(argv)
    corpus = build_corpus(args.docs, args.langs, seed=args.seed, log=print)
    register(CountingEngine)
    with tempfile.TemporaryDirectory(prefix="prefill-bench-") as tmp:
        root = Path(tmp) / "project"
        shutil.copytree(corpus.root, root, ignore=shutil.ignore_patterns("instance"))
        project = Project(load_settings(root))
        floors = {lang: floor(project, lang) for lang in corpus.langs}
        report, entries, plan_s, run_s = run_prefill(project)
        received, calls, engine_s = (
            CountingEngine.received,
            CountingEngine.calls,
            CountingEngine.seconds,
        )
        shutil.rmtree(root / "locales")
        shutil.copytree(corpus.root / "locales", root / "locales")  # the same empty entries again
        again, _, plan2_s, run2_s = run_prefill(project)
    ENGINES.pop(CountingEngine.name, None)

    print(
        f"corpus: {corpus.docs} documents x {len(corpus.langs)} languages "
        f"= {corpus.catalogs} catalogs; {entries} entries could take a draft"
    )
    head = (
        "lang",
        "entries",
        "memory",
        "fuzzy",
        "dates",
        "copied",
        "human",
        "engine",
        "sentences",
        "floor",
        "sent",
        "repeats",
        "ok",
    )
    print("".join(f"{h:>10}" for h in head))
    ok_all = True
    for lang, counts in report.languages.items():
        sentences, texts = floors[lang]
        sent = sum(1 for (target, _), _n in received.items() if target == lang)
        repeats = sum(n - 1 for (target, _), n in received.items() if target == lang)
        ok = sent == texts == counts.sent and repeats == 0 and sentences >= texts
        ok_all &= ok
        row = (
            lang,
            counts.entries,
            counts.memory,
            counts.fuzzy,
            counts.dates,
            counts.copied,
            counts.human,
            counts.machine,
            sentences,
            texts,
            sent,
            repeats,
            "yes" if ok else "NO",
        )
        print("".join(f"{value:>10}" for value in row))
    total = report.total()
    own = plan_s + run_s - engine_s
    print(
        f"engine calls: {calls} batches, {total.sent} texts, {total.characters} characters "
        f"(floor {sum(t for _, t in floors.values())} texts)"
    )
    print(
        f"first run: plan {plan_s:.2f}s + fill {run_s:.2f}s, of which engine {engine_s:.3f}s; "
        f"pre-fill's own cost {1000 * own / max(entries, 1):.3f} ms per entry"
    )
    second_sent = again.total().sent
    print(
        f"second run over the same empty entries: sent {second_sent} texts "
        f"({again.total().cached} from the cache), plan {plan2_s:.2f}s + fill {run2_s:.2f}s"
    )
    ok_all &= second_sent == 0 and not report.errors
    for line in report.errors[:5]:
        print(f"error: {line}")
    print("result:", "calls equal the floor" if ok_all else "MISMATCH")
    return 0 if ok_all else 1


if __name__ == "__main__":
    sys.exit(main())
