"""The engine base class: everything machine-translation engines share (Weblate's shape).

An engine implements ``supported_languages()`` (or ``supports()``) and ``translate_batch()``. The
base class maps language codes (``pt_BR`` -> ``pt``), protects outer whitespace, inline Markdown,
placeholders and glossary terms (:mod:`translator.mt.protect`), skips texts already in the
persistent cache or repeated in the call, sends the rest in batches with bounded concurrency,
retries timeouts, HTTP 429 and 5xx with exponential backoff, and wraps every failure in
:class:`~translator.errors.MTError` with secrets scrubbed from the message.
"""

from __future__ import annotations

import threading
import time
from collections.abc import Callable, Collection, Iterator, Mapping
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from typing import Any, ClassVar, TypeVar

from translator.errors import MTError, MTRateLimited, MTUnavailable, MTUnsupportedLanguage
from translator.model import Suggestion
from translator.mt.cache import MTCache
from translator.mt.protect import Protected, protect, restore

T = TypeVar("T")
MAX_WAIT = 60.0  # never sleep longer than this between attempts, whatever Retry-After says


class MTTemporary(MTUnavailable):
    """A failure worth retrying: a timeout or a server error (HTTP 5xx)."""


class MTItemError(MTError):
    """A failure that concerns one text only: a malformed answer, a text the provider refused."""


def retryable(error: MTError) -> bool:
    return isinstance(error, MTTemporary | MTRateLimited)


@dataclass
class EngineStats:
    """What an engine cost in one run."""

    requests: int = 0  # calls to the provider (HTTP requests, processes), retries included
    segments: int = 0  # distinct texts sent
    characters: int = 0  # characters sent (what providers bill)
    cached: int = 0  # distinct texts answered from the cache
    failed: int = 0  # texts the engine could not translate


class Engine:
    """A machine-translation engine; subclasses set the class attributes and two methods."""

    name: ClassVar[str] = ""
    title: ClassVar[str] = ""
    max_quality: ClassVar[int] = 70  # score given to its suggestions (memory exact = 100)
    needs_network: ClassVar[bool] = True
    batch_size: ClassVar[int] = 20  # texts per translate_batch call
    batch_chars: ClassVar[int] = 20_000  # characters per translate_batch call
    max_chars: ClassVar[int] = 5_000  # longest single text the provider takes
    concurrency: ClassVar[int] = 1  # batches in flight at once
    language_map: ClassVar[dict[str, str]] = {}  # our code -> provider code
    fields: ClassVar[tuple[str, ...]] = ()  # options read from env / keys file
    required: ClassVar[tuple[str, ...]] = ()  # options the engine cannot work without
    max_consecutive_failures: ClassVar[int] = 10
    languages_online: ClassVar[bool] = False  # supported_languages() asks the provider

    def __init__(
        self,
        options: Mapping[str, Any] | None = None,
        *,
        cache: MTCache | None = None,
        sleep: Callable[[float], None] = time.sleep,
    ):
        self.options = dict(options or {})
        self.cache = cache
        self.sleep = sleep
        self.retries = int(self.options.get("retries", 3))
        self.backoff = float(self.options.get("backoff", 1.0))
        self.timeout = float(self.options.get("timeout", 20.0))
        self.batch_size = int(self.options.get("batch_size", type(self).batch_size))
        self.concurrency = max(1, int(self.options.get("concurrency", type(self).concurrency)))
        self.stats = EngineStats()
        self._stats_lock = threading.Lock()

    def __repr__(self) -> str:
        return f"<{type(self).__name__} {self.name}>"  # never the options: they hold keys

    # -- what a service implements -------------------------------------------------------------

    def supported_languages(self) -> Collection[str] | None:
        """Provider codes this engine translates between; None when any (the provider decides)."""
        return None

    def translate_batch(self, texts: list[str], source: str, target: str) -> list[str | MTError]:
        """Translate protected texts (provider codes); an item may be an :class:`MTItemError`."""
        raise NotImplementedError

    def variant(self) -> str:
        """What besides the name makes answers differ (a server URL); part of the cache key."""
        return ""

    # -- languages -----------------------------------------------------------------------------

    def map_language(self, code: str) -> str | None:
        """The provider's code for ``code`` (``pt_BR`` -> ``pt-BR`` or ``pt``), or None."""
        normal = code.replace("-", "_")
        candidates = [normal, normal.replace("_", "-"), normal.split("_")[0]]
        supported = self.supported_languages()
        lowered = {c.lower(): c for c in supported} if supported is not None else {}
        for candidate in candidates:
            if candidate in self.language_map:
                return self.language_map[candidate]
            if supported is None:
                continue
            if candidate.lower() in lowered:
                return lowered[candidate.lower()]
        return candidates[-1] if supported is None else None

    def _offline_code(self, code: str) -> str:
        """The provider code as far as it is known without asking the provider (dry runs)."""
        if not self.languages_online:
            return self.map_language(code) or code
        normal = code.replace("-", "_")
        return (
            self.language_map.get(normal)
            or self.language_map.get(normal.split("_")[0])
            or (normal.split("_")[0])
        )

    def supports(self, source: str, target: str) -> bool:
        return self.map_language(source) is not None and self.map_language(target) is not None

    def check_languages(self, source: str, target: str) -> tuple[str, str]:
        """Provider codes for the pair, or :class:`MTUnsupportedLanguage` naming the language."""
        pair = self.map_language(source), self.map_language(target)
        if None in pair:
            missing = source if pair[0] is None else target
            raise MTUnsupportedLanguage(
                f"{self.name} does not translate {source} -> {target} ({missing} is not supported)"
            )
        return pair  # type: ignore[return-value]

    # -- translating ---------------------------------------------------------------------------

    @property
    def cache_key(self) -> str:
        return f"{self.name}@{self.variant()}" if self.variant() else self.name

    def pending(
        self, texts: list[str], source: str, target: str, terms: Mapping[str, str] | None = None
    ) -> list[str]:
        """The distinct protected texts a :meth:`translate` call would send (not cached)."""
        items = [protect(text, terms) for text in texts]
        wanted = list(dict.fromkeys(p.masked for p in items if p.needs_engine))
        if self.cache is None or not wanted:
            return wanted
        src, tgt = self._offline_code(source), self._offline_code(target)
        known = self.cache.get_many(self.cache_key, src, tgt, wanted)
        return [text for text in wanted if text not in known]

    def translate(
        self, texts: list[str], source: str, target: str, terms: Mapping[str, str] | None = None
    ) -> list[Suggestion | MTError]:
        """Translate ``texts``: one suggestion (or per-text error) each, in order.

        Raises :class:`MTError` when the engine as a whole fails (unsupported language, no
        network, rate limit or server errors that outlast the retries, a refused key).
        """
        src, tgt = self.check_languages(source, target)
        items = [protect(text, terms) for text in texts]
        wanted = list(dict.fromkeys(p.masked for p in items if p.needs_engine))
        answers: dict[str, str | MTError] = {}
        if self.cache is not None and wanted:
            answers.update(self.cache.get_many(self.cache_key, src, tgt, wanted))
            self.stats.cached += len(answers)
        missing = [text for text in wanted if text not in answers]
        for batch, results in self._run_batches(missing, src, tgt):
            answers.update(zip(batch, results, strict=True))
            if self.cache is not None:
                good = {k: v for k, v in zip(batch, results, strict=True) if isinstance(v, str)}
                self.cache.put_many(self.cache_key, src, tgt, good)
        return [self._suggestion(item, answers) for item in items]

    def _suggestion(
        self, item: Protected, answers: dict[str, str | MTError]
    ) -> Suggestion | MTError:
        if not item.needs_engine:  # only markup, numbers and terms: nothing to send
            text, problem = restore(item.masked, item)
            origin = "copy" if text == item.text else "glossary"
            return Suggestion(text, origin, 100, item.text, problem)
        answer = answers[item.masked]
        if isinstance(answer, MTError):
            return answer
        text, problem = restore(answer, item)
        return Suggestion(text, f"mt:{self.name}", self.max_quality, item.text, problem)

    def _batches(self, texts: list[str]) -> Iterator[list[str]]:
        batch: list[str] = []
        size = 0
        for text in texts:
            if batch and (len(batch) >= self.batch_size or size + len(text) > self.batch_chars):
                yield batch
                batch, size = [], 0
            batch.append(text)
            size += len(text)
        if batch:
            yield batch

    def _run_batches(self, texts: list[str], src: str, tgt: str):
        """Yield (batch, results) in order; up to ``concurrency`` batches in flight."""
        batches = list(self._batches(texts))
        failures = 0
        if self.concurrency == 1 or len(batches) == 1:
            results_iter = (self._send(batch, src, tgt) for batch in batches)
            pool = None
        else:
            pool = ThreadPoolExecutor(max_workers=self.concurrency, thread_name_prefix=self.name)
            results_iter = pool.map(lambda b: self._send(b, src, tgt), batches)
        try:
            for batch, results in zip(batches, results_iter, strict=False):
                for result in results:
                    failures = failures + 1 if isinstance(result, MTError) else 0
                    if failures >= self.max_consecutive_failures:
                        raise MTError(f"{self.name} keeps failing: {self.scrub(str(result))}")
                yield batch, results
        finally:
            if pool is not None:
                pool.shutdown(wait=True, cancel_futures=True)

    def _send(self, batch: list[str], src: str, tgt: str) -> list[str | MTError]:
        with self._stats_lock:
            self.stats.segments += len(batch)
            self.stats.characters += sum(len(text) for text in batch)
        short = [text for text in batch if len(text) <= self.max_chars]
        try:
            results = self.translate_batch(short, src, tgt) if short else []
        except MTError as exc:
            raise type(exc)(self.scrub(str(exc))) from None
        except Exception as exc:  # an engine bug or a library surprise: never a traceback
            raise MTError(f"{self.name}: {type(exc).__name__}: {self.scrub(str(exc))}") from None
        if len(results) != len(short):
            raise MTError(f"{self.name}: {len(results)} answers for {len(short)} texts")
        answers = dict(zip(short, results, strict=True))
        longest = f"longer than {self.max_chars} characters, the most {self.name} takes"
        out = [answers.get(text, MTItemError(longest)) for text in batch]
        with self._stats_lock:
            self.stats.failed += sum(isinstance(result, MTError) for result in out)
        return out

    # -- helpers for services ------------------------------------------------------------------

    def call(self, function: Callable[..., T], *args: Any) -> T:
        """Call the provider, retrying timeouts, 429 and 5xx with exponential backoff."""
        delay = self.backoff
        for attempt in range(self.retries + 1):
            with self._stats_lock:
                self.stats.requests += 1
            try:
                return function(*args)
            except MTError as exc:
                error = exc
            if not retryable(error) or attempt == self.retries:
                break
            wait = getattr(error, "retry_after", None) or delay
            self.sleep(min(float(wait), MAX_WAIT))
            delay *= 2
        message = self.scrub(str(error))
        if retryable(error) and self.retries:
            message += f" (gave up after {self.retries + 1} attempts)"
        kind = MTUnavailable if isinstance(error, MTTemporary) else type(error)
        raise kind(message) from None

    def secrets(self) -> list[str]:
        """Option values that must never appear in a message."""
        return [
            str(value)
            for key, value in self.options.items()
            if value and key in ("api_key", "appid", "appkey", "secret", "secret_key")
        ]

    def scrub(self, message: str) -> str:
        for secret in self.secrets():
            message = message.replace(secret, "***")
        return message
