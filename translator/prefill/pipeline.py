"""Pre-fill empty catalog entries with drafts: memory first, then dates, copies and an engine.

Each empty entry (with ``replace_machine``, each machine draft too) goes down this list:

1. an exact memory match (the same sentence translated by a person in any catalog of the
   language: other resolutions share slogans, boilerplate and signatory names);
2. a sentence that is only a date becomes that date in the target language (Babel), origin ``date``;
3. a signatory keeps its organisation's own language and script: a memory match of at least 90,
   else a copy of the source (origin ``copy``); with ``translate_glosses = true`` in the project
   settings, a trailing gloss in parentheses is sent to the engine and the name copied;
4. a fuzzy memory match at or above ``tm_min_score`` (75);
5. roles listed in ``human_roles`` (none by default; e.g. slogans, titles) are left for a person;
6. everything else goes to the language's engine (``engines`` in the settings, ``--engine``),
   each distinct sentence once, dates and glossary terms protected and written the target way.

Every draft is fuzzy and carries ``# origin:`` (``tm:87 <slug>``, ``mt:google``, ``date``,
``copy``); a draft whose markup did not survive gets ``# mt-warning:``. Catalogs are written after
each step and each engine batch, every time re-read under the catalog's lock, so an entry someone
edited meanwhile is left alone and an interrupted run leaves every catalog valid.
"""

from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field, replace

import polib

from translator.catalog import catalog_lock, read_catalog, write_catalog
from translator.catalog.state import is_fuzzy, is_machine, set_draft
from translator.config import Settings
from translator.errors import (
    MTError,
    MTUnavailable,
    MTUnsupportedLanguage,
    TranslatorError,
)
from translator.glossary import acronyms, glossary_terms
from translator.model import Role, Suggestion
from translator.mt import MEMORY_ONLY, Engine, MTCache, cache_path, get_engine
from translator.prefill.dates import carry_dates, date_only, localized_dates
from translator.prefill.report import Counts, PrefillReport
from translator.prefill.targets import CatalogRef
from translator.tm import IndexedMemory, open_memory

SIGNATORY_MIN_SCORE = 90
_GLOSS = re.compile(r"^(?P<head>.*\S)\s*\((?P<gloss>[^()]*[^\W\d_]{2,}[^()]*\s[^()]+)\)\s*$")


@dataclass
class Draft:
    text: str
    origin: str
    warning: str = ""


@dataclass
class Candidate:
    """An entry that may get a draft, as it was when the run read it."""

    ref: CatalogRef
    msgid: str
    msgctxt: str | None
    roles: frozenset[str]
    old: str
    wrap: tuple[str, str] = ("", "")  # a gloss is sent alone, then put back between these

    @property
    def key(self) -> tuple[str | None, str]:
        return self.msgctxt, self.msgid


@dataclass
class _Language:
    """Everything one language needs during a run."""

    lang: str
    counts: Counts
    memory: IndexedMemory
    engine: Engine | None = None
    terms: dict[str, str] = field(default_factory=dict)
    drafts: list[tuple[Candidate, Draft]] = field(default_factory=list)
    queue: dict[str, list[Candidate]] = field(default_factory=dict)
    failures: list[str] = field(default_factory=list)


class Prefill:
    """One pre-fill run over a set of catalogs: ``prepare()`` reads, ``run()`` writes."""

    def __init__(
        self,
        settings: Settings,
        refs: Iterable[CatalogRef],
        *,
        engine: str | None = None,
        replace_machine: bool = False,
        dry_run: bool = False,
        progress: Callable[[int], None] | None = None,
    ):
        self.settings = settings
        self.refs = sorted(refs, key=lambda ref: (ref.lang, ref.slug))
        self.engine_name = engine
        self.replace_machine = replace_machine
        self.dry_run = dry_run
        self.progress = progress or (lambda _n: None)
        self.report = PrefillReport(dry_run=dry_run)
        self._engines: dict[str, Engine] = {}
        self._dead: dict[str, str] = {}  # engine name -> why it stopped
        self._languages: list[_Language] | None = None

    # -- reading -------------------------------------------------------------------------------

    def prepare(self) -> int:
        """Read the catalogs and decide each entry's route; returns the number of candidates.

        Every engine the run needs is built first: an unknown name or a missing key stops the
        run (:class:`~translator.errors.TranslatorError`) before any file is touched.
        """
        if self._languages is None:
            self._open_engines()
            by_lang: dict[str, list[CatalogRef]] = defaultdict(list)
            for ref in self.refs:
                by_lang[ref.lang].append(ref)
            signatories = self._signatory_acronyms()
            self._languages = [
                self._plan(lang, refs, signatories) for lang, refs in sorted(by_lang.items())
            ]
        return sum(state.counts.entries for state in self._languages)

    def _signatory_acronyms(self) -> set[str]:
        texts = []
        for path in sorted(self.settings.locales_dir.glob("*.pot")):
            try:
                texts += [e.msgid for e in read_catalog(path) if Role.SIGNATORY.flag in e.flags]
            except TranslatorError:
                continue  # reported by the steps that own templates
        return acronyms(texts)

    def _plan(self, lang: str, refs: list[CatalogRef], signatories: set[str]) -> _Language:
        settings = self.settings  # a dry run reads a copy of the index and writes nothing
        memory = open_memory(
            settings.locales_dir, settings.instance_dir, lang, read_only=self.dry_run
        )
        memory.refresh()
        self.report.errors += memory.errors
        state = _Language(lang, Counts(), memory)
        self.report.languages[lang] = state.counts
        state.terms = {term: term for term in signatories}
        try:
            state.terms |= glossary_terms(self.settings.glossary_dir, lang)
        except TranslatorError as exc:
            self.report.errors.append(str(exc))
        state.engine = self._engine_for(state)
        for ref in refs:
            try:
                po = read_catalog(ref.path)
            except TranslatorError as exc:
                self.report.errors.append(str(exc))
                continue
            for entry in po:
                if self._eligible(entry):
                    self._route(state, self._candidate(ref, entry))
        return state

    def _eligible(self, entry: polib.POEntry) -> bool:
        if entry.obsolete or not entry.msgid or entry.msgid_plural:
            return False
        if not entry.msgstr:
            return True
        return self.replace_machine and is_fuzzy(entry) and is_machine(entry)

    @staticmethod
    def _candidate(ref: CatalogRef, entry: polib.POEntry) -> Candidate:
        roles = frozenset(flag[5:] for flag in entry.flags if flag.startswith("role-"))
        return Candidate(ref, entry.msgid, entry.msgctxt, roles, entry.msgstr)

    def _route(self, state: _Language, cand: Candidate) -> None:
        """Give ``cand`` a draft now, queue it for the engine, or leave it for a person."""
        state.counts.entries += 1
        source, lang = self.settings.source_language, state.lang
        suggestion = state.memory.exact(cand.msgid)
        if suggestion is None and (date := date_only(cand.msgid, source, lang)) is not None:
            state.drafts.append((cand, Draft(date, "date")))
            return
        signatory = Role.SIGNATORY.value in cand.roles
        if suggestion is None:
            minimum = SIGNATORY_MIN_SCORE if signatory else int(self.settings.tm_min_score)
            suggestion = self._fuzzy(state, cand.msgid, minimum)
        if suggestion is not None:
            state.drafts.append((cand, Draft(suggestion.text, suggestion.origin)))
        elif signatory:
            self._signatory(state, cand)
        elif cand.roles & set(self.settings.human_roles):
            state.counts.human += 1
        else:
            state.queue.setdefault(cand.msgid, []).append(cand)

    def _fuzzy(self, state: _Language, text: str, minimum: int) -> Suggestion | None:
        """A fuzzy memory match, its dates changed to this sentence's (or None if they can't be)."""
        found = state.memory.fuzzy(text, minimum)
        if found is None:
            return None
        source = self.settings.source_language
        target = carry_dates(text, found.source, found.text, source, state.lang)
        return None if target is None else replace(found, text=target)

    def _signatory(self, state: _Language, cand: Candidate) -> None:
        match = _GLOSS.match(cand.msgid)
        if match and self.settings.extra.get("translate_glosses") and state.engine is not None:
            cand.wrap = (match.group("head") + " (", ")")
            state.queue.setdefault(match.group("gloss"), []).append(cand)
            return
        state.drafts.append((cand, Draft(cand.msgid, "copy")))

    # -- engines -------------------------------------------------------------------------------

    def _engine_name(self, lang: str) -> str:
        engines = self.settings.engines
        name = self.engine_name or engines.get(lang) or engines.get(lang.split("_")[0])
        return name or engines.get("*") or "google"

    def _open_engines(self) -> None:
        """Build the engines of every language; only then may a real run write their cache."""
        names = {self._engine_name(ref.lang) for ref in self.refs}
        names |= {self.engine_name} if self.engine_name else set()
        path = cache_path(self.settings)
        for name in sorted(names - set(MEMORY_ONLY)):
            cache = MTCache(path, read_only=True)  # a dry run never writes it
            self._engines[name] = get_engine(name, self.settings, cache=cache)
        if not self.dry_run:
            for engine in self._engines.values():
                engine.cache.close()
                engine.cache = MTCache(path)

    def _engine_for(self, state: _Language) -> Engine | None:
        lang = state.lang
        name = state.counts.engine = self._engine_name(lang)
        if name in MEMORY_ONLY:
            return None
        engine = self._engines[name]
        if self.dry_run and getattr(engine, "languages_online", False):
            return engine  # its language list needs the network: a dry run does not ask
        try:
            engine.check_languages(self.settings.source_language, lang)
        except MTUnsupportedLanguage as exc:
            self.report.notices.append(f"{exc}; {lang}: memory drafts only")
            return None
        except MTError as exc:
            self._stop(name, exc)
            return None
        return engine

    def _stop(self, name: str, exc: MTError) -> None:
        """Stop using an engine for the rest of the run, saying why once."""
        if name in self._dead:
            return
        self._dead[name] = str(exc)
        if isinstance(exc, MTUnavailable) and str(exc).startswith("no network"):
            self.report.notices.append(f"{exc}: filled from memory only")
        else:
            self.report.errors.append(f"{exc}; stopped using {name}, memory drafts are saved")

    # -- writing -------------------------------------------------------------------------------

    def run(self) -> PrefillReport:
        """Write memory, date and copy drafts, then engine drafts batch by batch."""
        self.prepare()
        for state in self._languages or []:
            self._write_all(state.drafts, state.counts)
            self.progress(len(state.drafts))
            self._translate_queue(state)
            self.progress(state.counts.human)
        return self.report

    def _translate_queue(self, state: _Language) -> None:
        texts = list(state.queue)
        engine = state.engine
        if engine is not None and engine.name in self._dead:
            engine = None
        if engine is None or not texts:
            self._give_up(state, texts)
            return
        if self.dry_run:
            return self._estimate(state, engine, texts)
        before = engine.stats.__dict__.copy()
        chunk = engine.batch_size * engine.concurrency
        try:
            for start in range(0, len(texts), chunk):
                part = texts[start : start + chunk]
                results = engine.translate(
                    part, self.settings.source_language, state.lang, self._terms(state, part)
                )
                self._apply(state, part, results)
        except MTError as exc:
            self._stop(engine.name, exc)
            self._give_up(state, texts[start:])
        finally:
            if state.failures:
                self.report.errors.append(
                    f"{state.lang}: {engine.name} could not translate {len(state.failures)} "
                    f"text(s), e.g. {state.failures[0]}"
                )
            for name in ("segments", "characters", "cached", "requests"):
                delta = getattr(engine.stats, name) - before[name]
                setattr(
                    state.counts,
                    "sent" if name == "segments" else name,
                    getattr(state.counts, "sent" if name == "segments" else name) + delta,
                )

    def _terms(self, state: _Language, texts: list[str]) -> dict[str, str]:
        terms = dict(state.terms)
        for text in texts:
            terms.update(localized_dates(text, self.settings.source_language, state.lang))
        return terms

    def _estimate(self, state: _Language, engine: Engine, texts: list[str]) -> None:
        pending = engine.pending(
            texts, self.settings.source_language, state.lang, self._terms(state, texts)
        )
        state.counts.sent += len(pending)
        state.counts.characters += sum(len(text) for text in pending)
        state.counts.machine += sum(len(state.queue[text]) for text in texts)
        self.progress(sum(len(state.queue[text]) for text in texts))

    def _apply(self, state: _Language, texts: list[str], results: list) -> None:
        drafts = []
        for text, result in zip(texts, results, strict=True):
            waiting = state.queue[text]
            if isinstance(result, Suggestion) and result.text.strip():
                for cand in waiting:
                    origin = result.origin if cand.wrap == ("", "") else f"copy+{result.origin}"
                    text_out = cand.wrap[0] + result.text + cand.wrap[1]
                    drafts.append((cand, Draft(text_out, origin, result.problem)))
                continue
            glosses = [cand for cand in waiting if cand.wrap != ("", "")]
            drafts += [(cand, Draft(cand.msgid, "copy")) for cand in glosses]
            state.counts.failed += len(waiting) - len(glosses)
            state.failures.append(str(result) if isinstance(result, MTError) else "no text")
        self._write_all(drafts, state.counts)
        self.progress(sum(len(state.queue[text]) for text in texts))

    def _give_up(self, state: _Language, texts: list[str]) -> None:
        drafts = []
        for text in texts:
            for cand in state.queue[text]:
                if cand.wrap != ("", ""):
                    drafts.append((cand, Draft(cand.msgid, "copy")))
                else:
                    state.counts.skipped += 1
        self._write_all(drafts, state.counts)
        self.progress(sum(len(state.queue[text]) for text in texts))

    def _write_all(self, drafts: list[tuple[Candidate, Draft]], counts: Counts) -> None:
        by_ref: dict[CatalogRef, list[tuple[Candidate, Draft]]] = defaultdict(list)
        for cand, draft in drafts:
            by_ref[cand.ref].append((cand, draft))
        for ref, items in by_ref.items():
            if self.dry_run:
                for _cand, draft in items:
                    _count(counts, draft)
                continue
            try:
                self._write(ref, items, counts)
            except TranslatorError as exc:
                self.report.errors.append(str(exc))

    def _write(self, ref: CatalogRef, items: list[tuple[Candidate, Draft]], counts: Counts) -> None:
        with catalog_lock(ref.path):
            po = read_catalog(ref.path)
            entries = {(e.msgctxt, e.msgid): e for e in po if not e.obsolete}
            for cand, draft in items:
                entry = entries.get(cand.key)
                if entry is None or entry.msgstr != cand.old or not self._eligible(entry):
                    counts.changed += 1
                    continue
                set_draft(entry, draft.text, draft.origin, warning=draft.warning or None)
                _count(counts, draft)
            write_catalog(po, ref.path)


def _count(counts: Counts, draft: Draft) -> None:
    if draft.origin.startswith("tm:100"):
        counts.memory += 1
    elif draft.origin.startswith("tm:"):
        counts.fuzzy += 1
    elif draft.origin == "date":
        counts.dates += 1
    elif draft.origin == "copy":
        counts.copied += 1
    elif draft.origin == "glossary":
        counts.glossary += 1
    else:
        counts.machine += 1
    counts.flagged += bool(draft.warning)


def prefill(settings: Settings, refs: Iterable[CatalogRef], **options) -> PrefillReport:
    """Pre-fill ``refs`` in one call (see :class:`Prefill` for the options)."""
    return Prefill(settings, refs, **options).run()
