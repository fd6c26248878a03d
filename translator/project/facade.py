"""One translation project: its documents, languages and catalogs, and the steps over them.

This is the library face of the CLI and the web UI: each method is one step of the data flow
(source -> segments -> POT -> PO per language) and returns plain results; nothing prints.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

from translator.build import BuildOptions, BuildReport, build_project
from translator.catalog import catalog_path, template_path
from translator.catalog.io import write_text_atomic
from translator.catalog.layout import document_slugs, project_languages
from translator.config import Settings
from translator.errors import SourceError, TranslatorError
from translator.languages import normalize_language
from translator.progress.checked import issue_counts, with_issues
from translator.progress.index import StatsIndex, fingerprint, open_index
from translator.progress.staleness import (
    Staleness,
    changed_sources,
    project_staleness,
    source_mtimes,
)
from translator.progress.stats import StatsTable
from translator.project.ledger import read_ledger, write_ledger
from translator.project.steps import (
    extract_step,
    init_step,
    run_steps,
    table_from_files,
    table_from_records,
    update_step,
)
from translator.qa.report import CheckReport, check_project
from translator.segment import DocumentSet, SegmentCache, load_documents, read_document
from translator.text import validate_slug

OnDone = Callable[[int, int], None]  # progress: (documents done, total)


@dataclass
class StepReport:
    """What one step did per catalog, plus one line per failure (other catalogs went on)."""

    items: list[dict] = field(default_factory=list)
    errors: list[str] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        return not self.errors


class Project:
    """A directory with ``source/`` and ``locales/``, and its settings."""

    def __init__(self, settings: Settings):
        self.settings = settings
        self._overview: tuple | None = None  # (what was asked and seen, table, staleness)

    @property
    def root(self) -> Path:
        return self.settings.root

    def documents(self, slugs: list[str] | None = None, *, cached: bool = False) -> DocumentSet:
        """The documents (all, or ``slugs``: an unknown name stops here), parsed.

        :param cached: split sentences through the project's segmentation cache
            (``instance/cache/``): what steps that write anyway (extract, update) use.
        """
        if slugs:
            self.slugs(slugs)
        splitter = self.segment_cache() if cached else None
        return load_documents(self.settings.source_dir, slugs, splitter)

    def segment_cache(self) -> SegmentCache:
        """The project's cache of block splits (:mod:`translator.segment.cache`)."""
        return SegmentCache.for_instance(self.settings.instance_dir)

    def languages(self) -> list[str]:
        """Languages with a catalog directory (plus those the settings list), sorted."""
        return project_languages(self.settings)

    def relative(self, path: Path) -> str:
        return str(path.relative_to(self.root))

    def template_path(self, slug: str) -> Path:
        return template_path(self.settings.locales_dir, slug)

    def catalog_path(self, lang: str, slug: str) -> Path:
        return catalog_path(self.settings.locales_dir, lang, slug)

    def catalog_paths(self, slug: str) -> dict[str, Path]:
        """Existing catalogs of one document, by language."""
        return {
            lang: path
            for lang in self.languages()
            if (path := self.catalog_path(lang, slug)).is_file()
        }

    # -- steps ---------------------------------------------------------------------------------

    def save_source(self, slug: str, markdown: str, *, force: bool = False) -> Path:
        """Write ``source/<slug>.md`` (an import); an existing document is kept unless ``force``."""
        target = self.settings.source_dir / f"{validate_slug(slug)}.md"
        if target.exists() and not force:
            raise SourceError(f"{self.relative(target)} exists; use --force to replace it")
        write_text_atomic(target, markdown)
        return target

    def extract(
        self,
        slugs: list[str] | None = None,
        *,
        jobs: int = 1,
        on_done: OnDone | None = None,
        force: bool = False,
    ) -> StepReport:
        """Write ``locales/<slug>.pot`` for each readable document (``jobs`` processes).

        A document whose source and template did not change since its template was last
        written is not read again (:mod:`translator.project.ledger`); ``force``: every one is.
        """
        return self._steps(extract_step, slugs, (), jobs, on_done, force=force)

    def init(
        self,
        langs: list[str],
        slugs: list[str] | None = None,
        *,
        jobs: int = 1,
        on_done: OnDone | None = None,
    ) -> StepReport:
        """Create catalogs for new languages (every document, or ``slugs``); existing ones stay."""
        codes = [normalize_language(lang) for lang in langs]  # refuse unknown codes before writing
        return self._steps(init_step, slugs, codes, jobs, on_done)

    def update(
        self,
        slugs: list[str] | None = None,
        langs: list[str] | None = None,
        *,
        jobs: int = 1,
        on_done: OnDone | None = None,
        force: bool = False,
    ) -> StepReport:
        """Re-extract sources and merge into every catalog; broken catalogs are reported.

        A catalog unchanged since its last merge with an unchanged template is not merged
        again (:mod:`translator.project.ledger`); ``force``: every one is.
        """
        codes = [normalize_language(lang) for lang in langs] if langs else self.languages()
        return self._steps(update_step, slugs, codes, jobs, on_done, force=force)

    def _steps(self, work, slugs, codes, jobs: int, on_done, *, force=None) -> StepReport:
        """One of :mod:`translator.project.steps` over the documents, in document order;
        extract and update (``force`` not None) read and keep the ledger."""
        names = self.slugs(slugs)
        ledger = read_ledger(self.settings) if force is not None else None
        items, errors = run_steps(
            work,
            self.settings,
            names,
            codes,
            jobs=jobs,
            on_done=on_done,
            ledger=ledger,
            force=bool(force),
        )
        if ledger is not None:
            write_ledger(self.settings, ledger)
        return StepReport(items=items, errors=errors)

    def build(
        self,
        slugs: list[str] | None,
        options: BuildOptions,
        out_dir: Path | None = None,
        *,
        force: bool = False,
        jobs: int | None = 1,
        on_done: Callable[[int, int], None] | None = None,
    ) -> BuildReport:
        """Build publishable documents (:mod:`translator.build`) into ``out_dir`` (``build/``).

        Only what changed since the last build into ``out_dir`` is made again (``force``:
        everything); ``jobs`` worker processes (None: every core); ``on_done(done, total)``
        after each document.
        """
        if slugs:
            self.slugs(slugs)  # an unknown name stops here
        return build_project(
            self.settings,
            self.languages(),
            options,
            out_dir if out_dir is not None else self.root / "build",
            slugs=slugs,
            force=force,
            jobs=jobs,
            on_done=on_done,
        )

    # -- figures ---------------------------------------------------------------------------------

    def stats(
        self,
        slugs: list[str] | None = None,
        langs: list[str] | None = None,
        *,
        use_index: bool = True,
        with_checks: bool = True,
        jobs: int = 1,
        on_done: OnDone | None = None,
    ) -> StatsTable:
        """Figures per document and language, from the catalogs on disk (``jobs`` processes).

        With ``use_index`` only catalogs changed since they were last counted are read (see
        :mod:`translator.progress.index`); without it every catalog is read (same numbers).
        With ``with_checks`` each row also counts failing checks by severity (see
        :meth:`count_issues`). ``on_done`` reports the catalogs read (and then checked).
        """
        codes = [normalize_language(lang) for lang in langs] if langs else self.languages()
        names = self.slugs(slugs)
        records = None
        if use_index:  # with checks: every document (consistency compares them all)
            area = None if with_checks else names
            records = self.stats_index().records(area, codes, jobs=jobs, on_done=on_done)
            table = table_from_records(self.settings, names, codes, records)
        else:
            table = table_from_files(self.settings, names, codes, jobs=jobs, on_done=on_done)
        if not with_checks:
            return table
        return self.count_issues(table, records, jobs=jobs, on_done=on_done)

    def count_issues(
        self,
        table: StatsTable,
        records: dict | None = None,
        *,
        jobs: int = 1,
        on_done: OnDone | None = None,
    ) -> StatsTable:
        """Fill each row's failing checks by severity; each catalog is checked once per version
        of its file, the glossary and the checks (:mod:`translator.progress.checked`).

        ``records``: the index's records of every document in the table's languages, if read.
        """
        langs = sorted({row.language for row in table.rows if not row.error})
        index = self.stats_index()
        counts = issue_counts(self.settings, index, langs, records, jobs=jobs, on_done=on_done)
        for row in table.rows:
            found = counts.get((row.document, row.language))
            if found is not None:
                row.stats = with_issues(row.stats, found)
        return table

    # -- checks ----------------------------------------------------------------------------------

    def check(
        self,
        slugs: list[str] | None = None,
        langs: list[str] | None = None,
        *,
        include_drafts: bool = True,
        only: list[str] | None = None,
        jobs: int = 1,
        on_done: OnDone | None = None,
    ) -> CheckReport:
        """Run the quality checks (:mod:`translator.qa`) over the catalogs of the documents
        (one language per process with ``jobs``; ``on_done`` counts languages)."""
        codes = [normalize_language(lang) for lang in langs] if langs else self.languages()
        return check_project(
            self.settings,
            self.slugs(slugs),
            codes,
            include_drafts=include_drafts,
            only=only,
            jobs=jobs,
            on_done=on_done,
        )

    def overview(
        self, slugs: list[str] | None = None, langs: list[str] | None = None
    ) -> tuple[StatsTable, dict[tuple[str, str], Staleness]]:
        """:meth:`stats` (without checks) and :meth:`staleness` from one look at the files.

        This is the dashboard's call: while no catalog or source changed, the previous answer
        is returned again (new containers, shared rows: do not modify the rows).
        """
        codes = [normalize_language(lang) for lang in langs] if langs else self.languages()
        names = self.slugs(slugs)
        index = self.stats_index()
        records = index.records(names, [*codes, ""])  # "": the templates
        mtimes = source_mtimes(self.settings.source_dir, names)
        key = (tuple(names), tuple(codes), index.generation, tuple(mtimes.items()))
        if self._overview is None or self._overview[0] != key:
            templates = {slug: record for (slug, lang), record in records.items() if not lang}
            changed = self._changed_sources(templates, mtimes)
            figures = table_from_records(self.settings, names, codes, records)
            self._overview = (key, figures, project_staleness(records, templates, changed))
        _, figures, marks = self._overview
        return StatsTable(rows=list(figures.rows), errors=list(figures.errors)), dict(marks)

    def _changed_sources(self, templates: dict, mtimes: dict[str, int]) -> set[str]:
        """Documents whose source sentences differ from their template's."""
        index, source_dir = self.stats_index(), self.settings.source_dir
        return changed_sources(
            templates, mtimes, lambda slug: index.source_keys(source_dir / f"{slug}.md", _keys)
        )

    def stats_index(self) -> StatsIndex:
        """This project's catalog statistics index (shared by the whole process)."""
        return open_index(self.settings.locales_dir, self.settings.instance_dir)

    def staleness(
        self, slugs: list[str] | None = None, langs: list[str] | None = None
    ) -> dict[tuple[str, str], Staleness]:
        """Catalogs behind their template or source, by (document, language)."""
        codes = [normalize_language(lang) for lang in langs] if langs else self.languages()
        names = self.slugs(slugs)
        records = self.stats_index().records(names, [*codes, ""])
        templates = {slug: record for (slug, lang), record in records.items() if not lang}
        mtimes = source_mtimes(self.settings.source_dir, names)
        return project_staleness(records, templates, self._changed_sources(templates, mtimes))

    def slugs(self, only: list[str] | None = None) -> list[str]:
        """Document names from ``source/`` (without parsing them)."""
        return document_slugs(self.settings, only)


def _keys(path: Path) -> str | None:
    """Fingerprint of a source document's distinct sentences, as its template would list them."""
    try:
        doc = read_document(path, path.parent.parent)
    except TranslatorError:
        return None
    return fingerprint(dict.fromkeys(segment.text for segment in doc.segments))
