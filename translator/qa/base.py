"""The check base classes: what a check is, when it runs, and how Translate Toolkit tests plug in.

A check is a class whose id, name, description and severity are data (Weblate's shape). It is
instantiated once per run with a :class:`CheckContext` (target language, glossary, the
language's other translations), so ``check_single(source, target, entry)`` keeps Weblate's
signature while still knowing the language. The base class decides *whether* to run:
untranslated, obsolete and ``joined: previous`` entries are skipped, and so is an entry whose
``#,`` flags carry ``ignore-<check-id>`` (a reviewer's dismissal, see
:func:`translator.catalog.state.dismiss`).

:class:`ToolkitCheck` wraps one test of Translate Toolkit's ``StandardChecker``: the test runs
with the target language's TT data, and a ``FilterFailure`` becomes our :class:`Issue`.
"""

from __future__ import annotations

import functools
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, ClassVar

from translator.catalog.state import comment_fields, ignore_flag
from translator.model import Issue, Severity

if TYPE_CHECKING:
    import polib

    from translator.glossary import Glossary
    from translator.qa.index import TranslationIndex


@dataclass
class CheckContext:
    """What checks may know beyond one entry: languages, glossary, the language's other catalogs."""

    lang: str
    source_lang: str = "en"
    glossary: Glossary | None = None
    translations: TranslationIndex | None = None  # for the consistency check
    slug: str = ""  # the document being checked (consistency leaves its own entries out)
    cache: dict = field(default_factory=dict, repr=False)  # per-run memo for expensive helpers

    @property
    def base_lang(self) -> str:
        """``pt_BR`` -> ``pt``."""
        return base_language(self.lang)


def base_language(code: str) -> str:
    """The language part of a locale code: ``sr_Latn`` -> ``sr``, ``pt-BR`` -> ``pt``."""
    return code.replace("-", "_").split("_")[0].lower()


class Check:
    """One quality check. Subclasses set the class data and implement :meth:`check_single`."""

    check_id: ClassVar[str]
    name: ClassVar[str]
    description: ClassVar[str]
    severity: ClassVar[Severity] = Severity.WARNING
    #: languages (base codes) the check applies to; empty means every language
    languages: ClassVar[frozenset[str]] = frozenset()

    def __init__(self, context: CheckContext):
        self.context = context

    @classmethod
    def flag(cls) -> str:
        """The ``#,`` flag that turns this check off for one entry (``ignore-end-punctuation``)."""
        return ignore_flag(cls.check_id)

    def applies(self) -> bool:
        """False when the check is meaningless for the target language."""
        return not self.languages or self.context.base_lang in self.languages

    def check(self, entry: polib.POEntry, source: str | None = None, target: str | None = None):
        """Run on one entry (``source``/``target`` override the entry's text); Issue or None."""
        source = entry.msgid if source is None else source
        target = entry.msgstr if target is None else target
        if not target or entry.obsolete or self.flag() in entry.flags:
            return None
        if "joined" in (entry.tcomment or "") and comment_fields(entry).get("joined") == "previous":
            return None  # its msgstr is bookkeeping: the previous entry carries the translation
        return self.check_single(source, target, entry)

    def check_single(self, source: str, target: str, entry: polib.POEntry) -> Issue | None:
        """Issue when ``target`` fails this check against ``source``, else None."""
        raise NotImplementedError

    def issue(self, message: str) -> Issue:
        return Issue(check_id=self.check_id, message=message, severity=self.severity)


@functools.lru_cache(maxsize=64)
def toolkit_checker(lang: str):
    """Translate Toolkit's StandardChecker set up for ``lang`` (cached: it is slow to build)."""
    from translate.filters.checks import CheckerConfig, StandardChecker

    return StandardChecker(checkerconfig=CheckerConfig(targetlanguage=lang))


class ToolkitCheck(Check):
    """A check whose test is Translate Toolkit's ``StandardChecker.<toolkit_test>``."""

    toolkit_test: ClassVar[str]

    def applies(self) -> bool:
        ignored = toolkit_checker(self.context.lang).config.lang.ignoretests.get("all", [])
        return super().applies() and self.toolkit_test not in ignored

    def check_single(self, source: str, target: str, entry: polib.POEntry) -> Issue | None:
        return self.toolkit(source, target)

    def toolkit(self, source: str, target: str) -> Issue | None:
        """Run the wrapped TT test; its failure message becomes the issue's message."""
        from translate.filters.checks import FilterFailure

        test = getattr(toolkit_checker(self.context.lang), self.toolkit_test)
        try:
            passed = test(source, target)
        except FilterFailure as failure:
            return self.issue(_failure_text(failure))
        return None if passed else self.issue(self.name)


def _failure_text(failure: Exception) -> str:
    messages = getattr(failure, "messages", None) or [str(failure)]
    return "; ".join(str(message) for message in messages)
