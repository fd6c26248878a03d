"""Generated benchmark corpora: N resolutions in canonical Markdown and L languages of catalogs.

Documents have the shape of ``source/icor-resolution-2020-01-17.md`` (front matter, title,
``::: dateline``, paragraphs, ``::: slogans``, ``::: signatories`` with an ordered list) and
share what real resolutions share: boilerplate sentences, slogans and signatory lists. The
templates and the first language's catalogs are made by our own Project API (``extract``,
``init``); each document's catalog is then filled with polib in a few progress variants
(translated, approved, fuzzy machine drafts, untranslated) and copied to every language with
its header adjusted, which keeps 1,000 x 20 catalogs fast to make.

Everything depends only on ``(docs, langs, seed)`` and :data:`VERSION`; a finished corpus is
cached under ``benchmarks/out/corpus/`` (git-ignored) and reused. ``edited/`` next to the
project holds the same sources with about 10% of the paragraph sentences changed (half small
edits that a fuzzy matcher should recognise, half new sentences), for the update benchmark.

    python3 benchmarks/corpus.py --docs 10 --langs 3   # prints the project path
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import os
import random
import shutil
import sys
import time
from dataclasses import dataclass, field
from pathlib import Path

import polib

from translator.catalog import read_catalog
from translator.catalog.io import catalog_text
from translator.catalog.state import approve, set_draft, set_human
from translator.config import load_settings
from translator.languages import language_name, native_name, plural_forms
from translator.project import Project

VERSION = 2  # bump when the generated text or layout changes (invalidates the cache)
OUT = Path(__file__).resolve().parent / "out"
LANGS = [
    "ar", "bg", "bn", "bs", "de", "es", "fa", "fr", "hi", "hu", "ne", "nl", "ru", "tr", "uk",
    "it", "pt", "pl", "ro", "el", "sv", "da", "fi", "cs", "sk", "sl", "hr", "sr", "mk", "sq",
]  # fmt: skip
PROGRESS = (0.1, 0.35, 0.6, 0.85)  # share of translated entries in the fill variants
FUZZY_SHARE = 0.15  # of the remaining entries: machine drafts waiting for review
EDIT_SHARE = 0.10  # of paragraph sentences changed in edited/
PAST = time.time() - 7 * 86400  # generated files look a week old (outside any racy window)

LEADS = ["", "", "", "At the same time, ", "Above all, ", "Once again, ", "Therefore, ",
         "For many years, ", "In this situation, "]  # fmt: skip
SUBJECTS = [
    "the ICOR", "the working class", "the broad masses", "the government", "the imperialist powers",
    "the youth", "the women's movement", "the trade unions", "the peoples of the region",
    "our organisations", "the revolutionary forces", "the environmental movement", "the peasants",
    "the international workers' movement", "the reactionary regime", "the monopolies",
]  # fmt: skip
MODALS = ["must", "will", "can", "shall", "should"]
VERBS = [
    "condemn", "reject", "support", "oppose", "expose", "organise", "strengthen", "defend",
    "prepare", "coordinate", "fight against", "denounce", "answer", "resist", "unite against",
]  # fmt: skip
WORDS = [  # the middle of a sentence: random enough that few sentences are near-duplicates
    "aggressive", "brutal", "growing", "renewed", "open", "hidden", "systematic", "permanent",
    "deepening", "dangerous", "reactionary", "fascist", "imperialist", "militarist", "global",
    "regional", "national", "economic", "social", "political", "ecological", "criminal",
    "ruthless", "massive", "general", "latest", "unprecedented", "continuing", "workers",
    "peasants", "youth", "women", "refugees", "miners", "teachers", "nurses", "students",
    "farmers", "fishermen", "tenants", "journalists", "unionists", "activists", "pensioners",
    "families", "soldiers", "sailors", "engineers", "drivers", "cleaners", "crisis", "war",
    "repression", "exploitation", "militarisation", "destruction", "plunder", "occupation",
    "persecution", "sanctions", "privatisation", "deportation", "rearmament", "impoverishment",
    "censorship", "surveillance", "pollution", "speculation", "inflation", "unemployment",
    "austerity", "annexation", "blockade", "intervention", "aggression", "terror", "poverty",
    "famine", "displacement", "wages", "pensions", "rents", "prices", "hospitals", "schools",
    "factories", "mines", "ports", "railways", "forests", "rivers", "harbours", "borders",
    "prisons", "courts", "parliaments", "ministries", "banks", "monopolies", "corporations",
    "markets", "contracts", "debts", "strikes", "protests", "marches", "assemblies", "councils",
    "committees", "unions", "leagues", "fronts", "alliances", "coalitions", "elections",
    "referendums", "constitutions", "laws", "decrees", "budgets", "taxes", "subsidies",
    "tariffs", "exports", "imports", "oil", "gas", "coal", "lithium", "copper", "cotton", "grain",
    "water", "electricity", "housing", "transport", "medicine", "vaccines", "drones", "missiles",
    "tanks", "bases", "fleets", "troops", "militias", "mercenaries", "police", "generals",
    "ministers", "presidents",
]  # fmt: skip
COMPLEMENTS = [
    "in many countries", "all over the world", "in the coming months", "with all its strength",
    "together with the workers", "against all odds", "at the side of the masses",
    "without any compromise", "in every city and village", "during the next days",
    "on the streets and in the factories", "with strikes and demonstrations",
    "across all borders", "for the future of humanity", "under the most difficult conditions",
]  # fmt: skip
SLOGAN_HEADS = ["Active resistance against", "Down with", "Stop", "No to",
                "Forward in the fight against", "Solidarity against",
                "Organise the struggle against"]  # fmt: skip
SLOGAN_TAILS = ["imperialist war", "fascism", "the arms race", "environmental destruction",
                "exploitation and oppression", "the occupation", "repression", "the sanctions",
                "racism and chauvinism", "the dismantling of rights"]  # fmt: skip
ORG_KINDS = ["Communist Party", "Marxist-Leninist Party", "Revolutionary Organisation",
             "Proletarian League", "Workers' Party", "Socialist Union", "Marxist-Leninist Group",
             "Revolutionary Communist League", "Democratic Front", "Workers' Platform"]  # fmt: skip
COUNTRIES = [
    "Germany", "France", "Turkey", "Iran", "Nepal", "India", "Bangladesh", "Peru", "Colombia",
    "Tunisia", "Morocco", "Togo", "Bulgaria", "Ukraine", "Russia", "Hungary", "Netherlands",
    "Switzerland", "Luxembourg", "Afghanistan", "Sri Lanka", "South Africa", "Egypt", "Haiti",
    "Paraguay", "Australia", "Cameroon", "Bosnia and Herzegovina", "Kurdistan", "Austria",
]  # fmt: skip
MONTHS = ["January", "February", "March", "April", "May", "June", "July", "August",
          "September", "October", "November", "December"]  # fmt: skip


@dataclass
class DocSpec:
    """One generated resolution, before it becomes Markdown."""

    slug: str
    date: dt.date
    title: str
    paragraphs: list[list[str]]
    slogans: list[str]
    signatories: list[str]
    shared: set[str] = field(default_factory=set)  # paragraph sentences taken from the pool


def sentence(rng: random.Random) -> str:
    """One sentence (12 to 25 words) with no abbreviation a splitter could trip on.

    The frame (subject, verb, complement) repeats as resolutions do; the middle is drawn from
    :data:`WORDS`, so that, as in real texts, most new sentences have no near-duplicate: about
    a tenth have a 75% fuzzy match among 1,500 others, a third among 15,000.
    """
    lead = rng.choice(LEADS)
    subject = rng.choice(SUBJECTS)
    middle = " ".join(rng.choice(WORDS) for _ in range(rng.randint(4, 8)))
    body = f"{subject} {rng.choice(MODALS)} {rng.choice(VERBS)} the {middle}"
    text = f"{lead}{body} {rng.choice(COMPLEMENTS)}."
    return text[0].upper() + text[1:]


def edit(text: str, rng: random.Random) -> str:
    """A small change (one phrase replaced) that keeps the sentence recognisably the same."""
    for _ in range(20):
        options = [word for word in MODALS if f" {word} " in text]
        choices = MODALS if options else COMPLEMENTS
        if options:
            changed = text.replace(f" {options[0]} ", f" {rng.choice(choices)} ", 1)
        else:
            changed = text[:-1] + " " + rng.choice(choices) + "."
        if changed != text:
            return changed
    return text[:-1] + " again."


def format_date(day: dt.date) -> str:
    return f"{day.day} {MONTHS[day.month - 1]} {day.year}"


class Pools:
    """What documents share: boilerplate sentences, slogans and signatory lists."""

    def __init__(self, rng: random.Random):
        self.sentences = sorted({sentence(rng) for _ in range(400)})
        self.slogans = sorted({f"{h} {t}!" for h in SLOGAN_HEADS for t in SLOGAN_TAILS})
        orgs = set()
        while len(orgs) < 150:
            acronym = "".join(rng.choice("ABCDEKLMNOPRSTU") for _ in range(rng.randint(2, 5)))
            orgs.add(f"{acronym} {rng.choice(ORG_KINDS)} of {rng.choice(COUNTRIES)}")
        self.orgs = sorted(orgs)
        self.lists = [rng.sample(self.orgs, rng.randint(12, 34)) for _ in range(8)]


def make_spec(number: int, pools: Pools, rng: random.Random) -> DocSpec:
    """Document ``number``: about 40% of its sentences come from the shared pool."""
    day = dt.date(2015, 1, 1) + dt.timedelta(days=rng.randrange(365 * 10))
    paragraphs, shared = [], set()
    for _ in range(rng.randint(3, 6)):
        block = []
        for _ in range(rng.randint(3, 7)):
            if rng.random() < 0.4:
                block.append(rng.choice(pools.sentences))
                shared.add(block[-1])
            else:
                block.append(sentence(rng))
        paragraphs.append(block)
    signatories = list(rng.choice(pools.lists))
    for _ in range(rng.randint(0, 2)):
        signatories.pop(rng.randrange(len(signatories)))
    signatories += rng.sample(pools.orgs, rng.randint(0, 2))
    title = f"{rng.choice(SLOGAN_HEADS)} {rng.choice(SLOGAN_TAILS)} in {rng.choice(COUNTRIES)}!"
    return DocSpec(
        slug=f"res-{number:04d}",
        date=day,
        title=title,
        paragraphs=paragraphs,
        slogans=rng.sample(pools.slogans, rng.randint(3, 5)),
        signatories=list(dict.fromkeys(signatories)),
        shared=shared,
    )


def edited_spec(spec: DocSpec, rng: random.Random) -> DocSpec:
    """The same document with about :data:`EDIT_SHARE` of its paragraph sentences changed."""
    paragraphs = [list(block) for block in spec.paragraphs]
    places = [(b, s) for b, block in enumerate(paragraphs) for s in range(len(block))]
    count = max(1, round(EDIT_SHARE * len(places)))
    for number, (b, s) in enumerate(rng.sample(places, count)):
        old = paragraphs[b][s]
        paragraphs[b][s] = edit(old, rng) if number % 2 == 0 else sentence(rng)
    return DocSpec(spec.slug, spec.date, spec.title, paragraphs, spec.slogans, spec.signatories)


def render_markdown(spec: DocSpec) -> str:
    """Canonical Markdown, as the importers write it."""
    lines = [
        "---",
        f"slug: {spec.slug}",
        f'title: "{spec.title}"',
        f"date: {spec.date.isoformat()}",
        "lang: en",
        "---",
        "",
        f"# {spec.title}",
        "",
        "::: dateline",
        f"ICOR Resolution, {format_date(spec.date)}",
        ":::",
        "",
    ]
    for block in spec.paragraphs:
        lines += [" ".join(block), ""]
    lines.append("::: slogans")
    for number, slogan in enumerate(spec.slogans):
        lines += ([""] if number else []) + [slogan]
    lines += [":::", "", "::: signatories"]
    signed = spec.date - dt.timedelta(days=1)
    lines += [f"Signatories (as of {format_date(signed)}):", ""]
    lines += [f"{number}. {name}" for number, name in enumerate(spec.signatories, 1)]
    lines += [":::", ""]
    return "\n".join(lines)


def specs(docs: int, seed: int) -> list[DocSpec]:
    """The corpus's documents; the same ``(docs, seed)`` always gives the same list."""
    rng = random.Random(seed)
    pools = Pools(random.Random(seed * 7919 + 1))
    return [make_spec(number, pools, rng) for number in range(1, docs + 1)]


# -- catalogs -------------------------------------------------------------------------------------

HEADER_MARKS = {"Language": "@LANG@", "Language-Team": "@TEAM@", "Plural-Forms": "@PLURAL@"}
NAME_MARK = "@NAME@"


def fill(po: polib.POFile, progress: float, rng: random.Random) -> str:
    """Catalog text with ``progress`` of the entries translated (a tenth of those approved),
    :data:`FUZZY_SHARE` of the rest as machine drafts, the others empty; header marks left in."""
    for entry in po:
        roll = rng.random()
        translation = fake_translation(entry.msgid)
        if roll < progress:
            set_human(entry, translation)
            if rng.random() < 0.1:
                approve(entry, "reviewer", "2025-01-02")
        elif roll < progress + (1 - progress) * FUZZY_SHARE:
            set_draft(entry, translation, "mt:google")
    po.metadata.update(HEADER_MARKS)
    po.header = NAME_MARK + po.header[po.header.index(" translations of") :]
    return catalog_text(po)


def fake_translation(text: str) -> str:
    """A stand-in translation: visibly different, same tokens (checks stay quiet)."""
    return text.upper()


def localize(text: str, lang: str) -> str:
    """Put ``lang``'s header values into a filled catalog's text."""
    team = f"{language_name(lang)} ({native_name(lang)})"
    marks = [(NAME_MARK, language_name(lang)), ("@LANG@", lang), ("@TEAM@", team),
             ("@PLURAL@", plural_forms(lang))]  # fmt: skip
    for mark, value in marks:
        text = text.replace(mark, value, 1)
    return text


# -- the corpus on disk ---------------------------------------------------------------------------


@dataclass
class Corpus:
    """A generated project (``root``), its edited sources, and what it holds."""

    root: Path
    docs: int
    langs: list[str]
    seed: int
    seconds: float = 0.0  # time it took to generate (0 when it came from the cache)

    @property
    def edited(self) -> Path:
        """``source/`` with about 10% of the sentences changed."""
        return self.root.parent / "edited"

    @property
    def catalogs(self) -> int:
        return self.docs * len(self.langs)

    def po_paths(self) -> list[Path]:
        locales = self.root / "locales"
        return [locales / lang / "LC_MESSAGES" / f"{slug}.po"
                for lang in self.langs for slug in self.slugs()]  # fmt: skip

    def pot_paths(self) -> list[Path]:
        return [self.root / "locales" / f"{slug}.pot" for slug in self.slugs()]

    def slugs(self) -> list[str]:
        return [f"res-{number:04d}" for number in range(1, self.docs + 1)]


def corpus_dir(docs: int, langs: int, seed: int, base: Path = OUT) -> Path:
    return base / "corpus" / f"v{VERSION}-{docs}x{langs}-seed{seed}"


def build_corpus(
    docs: int, langs: int, *, seed: int = 1, base: Path = OUT, log=lambda _msg: None
) -> Corpus:
    """The corpus for ``(docs, langs, seed)``: from the cache, or generated now."""
    if not 1 <= langs <= len(LANGS):
        raise ValueError(f"--langs: 1 to {len(LANGS)}")
    top = corpus_dir(docs, langs, seed, base)
    corpus = Corpus(top / "project", docs, LANGS[:langs], seed)
    stamp = top / "complete.json"
    if stamp.is_file():
        return corpus
    shutil.rmtree(top, ignore_errors=True)
    start = time.perf_counter()
    log(f"generating {docs} documents x {langs} languages in {top} ...")
    generate(corpus)
    corpus.seconds = time.perf_counter() - start
    info = {"docs": docs, "langs": corpus.langs, "seed": seed, "version": VERSION,
            "seconds": round(corpus.seconds, 2)}  # fmt: skip
    stamp.write_text(json.dumps(info, indent=2) + "\n", "utf-8")
    return corpus


def generate(corpus: Corpus) -> None:
    """Write sources, edited sources, templates (Project.extract) and every catalog."""
    root = corpus.root
    (root / "source").mkdir(parents=True)
    (root / "locales").mkdir()
    corpus.edited.mkdir()
    (root / "translator.toml").write_text('project_name = "bench"\n', "utf-8")
    rng = random.Random(corpus.seed + 1)
    for spec in specs(corpus.docs, corpus.seed):
        (root / "source" / f"{spec.slug}.md").write_text(render_markdown(spec), "utf-8")
        changed = render_markdown(edited_spec(spec, rng))
        (corpus.edited / f"{spec.slug}.md").write_text(changed, "utf-8")
    project = Project(load_settings(root))
    first = corpus.langs[0]
    report = project.init([first])  # extracts every template, then one empty catalog each
    if report.errors:
        raise RuntimeError("; ".join(report.errors))
    for slug in corpus.slugs():
        empty = catalog_text(read_catalog(project.catalog_path(first, slug)))
        variants = [
            fill(polib.pofile(empty), progress, random.Random(f"{corpus.seed}/{slug}/{p}"))
            for p, progress in enumerate(PROGRESS)
        ]
        for lang_number, lang in enumerate(corpus.langs):
            # Each language has its own pace (lang_number % 4); documents vary around it.
            level = lang_number % len(variants) + rng.choice((-1, 0, 0, 1))
            text = variants[min(max(level, 0), len(variants) - 1)]
            path = project.catalog_path(lang, slug)
            path.parent.mkdir(parents=True, exist_ok=True)
            path.write_text(localize(text, lang), "utf-8")
    for path in root.rglob("*.lock"):
        path.unlink()  # catalog_lock's files: a fresh checkout has none
    for path in [*root.rglob("*.po"), *root.rglob("*.pot"), *root.rglob("*.md")]:
        os.utime(path, (PAST, PAST))


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--docs", type=int, default=10)
    parser.add_argument("--langs", type=int, default=20)
    parser.add_argument("--seed", type=int, default=1)
    args = parser.parse_args(argv)
    corpus = build_corpus(args.docs, args.langs, seed=args.seed, log=print)
    print(corpus.root)
    return 0


if __name__ == "__main__":
    sys.exit(main())
