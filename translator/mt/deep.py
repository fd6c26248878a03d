"""The shared base of the online providers reached through deep-translator (the adapters
themselves are in :mod:`translator.mt.providers`).

deep-translator is wrapped, not trusted: its modules get a ``requests`` stand-in that sets a
timeout (the library sets none) and remembers each answer's HTTP status, so errors map to ours
whatever exception the library raises (``TooManyRequests``, ``RequestError``, ``ServerException``,
a bare ``KeyError`` on a malformed answer, or the ``AttributeError`` its Microsoft adapter raises
after swallowing a timeout). Its ``AuthorizationException`` quotes the API key; no message of it is
ever passed on unscrubbed. Each provider call goes through :meth:`Engine.call` for retries.

"""

from __future__ import annotations

import functools
import threading
from typing import Any
from urllib.parse import urlsplit

import requests

from translator.errors import MTError, MTRateLimited, MTUnavailable, MTUnsupportedLanguage
from translator.mt.base import Engine, MTItemError, MTTemporary


class _Requests:
    """Stands in for ``requests`` inside deep-translator's modules: a timeout and a memory."""

    def __init__(self) -> None:
        self.local = threading.local()

    def begin(self, timeout: float) -> None:
        self.local.timeout = timeout
        self.local.status = None
        self.local.error = None
        self.local.retry_after = None

    def request(self, method: str, url: str, **kwargs: Any) -> requests.Response:
        kwargs.setdefault("timeout", getattr(self.local, "timeout", 20.0))
        try:
            response = requests.request(method, url, **kwargs)
        except requests.RequestException as exc:
            self.local.error = exc
            raise
        self.local.status = response.status_code
        self.local.retry_after = response.headers.get("Retry-After")
        return response

    def get(self, url: str, params: Any = None, **kwargs: Any) -> requests.Response:
        return self.request("GET", url, params=params, **kwargs)

    def post(self, url: str, data: Any = None, json: Any = None, **kwargs: Any):
        return self.request("POST", url, data=data, json=json, **kwargs)

    def __getattr__(self, name: str) -> Any:
        return getattr(requests, name)  # requests.exceptions and the rest, unchanged


HTTP = _Requests()


@functools.cache
def deep_module(module: str) -> Any:
    """Import one deep-translator module (lazily: it pulls in bs4) and give it our requests."""
    import importlib

    try:
        loaded = importlib.import_module(f"deep_translator.{module}")
    except ImportError as exc:  # pragma: no cover - a declared dependency
        raise MTUnavailable(f"deep-translator is not installed ({exc})") from None
    loaded.requests = HTTP
    return loaded


class DeepEngine(Engine):
    """One deep-translator provider: build its translator, translate one text per request."""

    module: str = ""
    concurrency = 4
    batch_size = 16
    max_quality = 75

    def __init__(self, *args: Any, **kwargs: Any):
        super().__init__(*args, **kwargs)
        missing = [name for name in self.required if not self.options.get(name)]
        if missing:
            from translator.mt.keys import env_name

            raise MTUnavailable(
                f"{self.name} needs {missing[0]}: set {env_name(self.name, missing[0])} "
                "(or add it to the keys file, see `translator engines`)"
            )
        self._local = threading.local()
        self._failures = 0

    def host(self) -> str:
        return urlsplit(self.endpoint()).netloc or self.name

    def endpoint(self) -> str:
        return ""

    def build(self, source: str, target: str) -> Any:
        """A deep-translator translator object for the pair."""
        raise NotImplementedError

    def extract(self, result: Any, text: str) -> str:
        """The translation out of what the library returned."""
        if isinstance(result, list):  # Yandex answers with a list of strings
            result = "\n".join(str(part) for part in result)
        if not isinstance(result, str) or (not result.strip() and text.strip()):
            raise MTItemError(f"{self.name}: malformed answer (no translation in it)")
        return result

    def translate_batch(self, texts: list[str], source: str, target: str) -> list[str | MTError]:
        translator = self._translator(source, target)
        results: list[str | MTError] = []
        for text in texts:
            try:
                results.append(self.call(self._translate_one, translator, text))
                self._failures = 0
            except MTItemError as exc:
                results.append(exc)
                self._failures += 1  # shared by the threads: any success resets it
                if self._failures >= self.max_consecutive_failures:
                    raise MTError(f"{self.name} keeps failing: {exc}") from None
        return results

    def _translator(self, source: str, target: str) -> Any:
        cache = self._local.__dict__.setdefault("translators", {})
        if (source, target) not in cache:
            cache[(source, target)] = self._build(source, target)
        return cache[(source, target)]

    def _build(self, source: str, target: str) -> Any:
        HTTP.begin(self.timeout)
        try:
            return self.build(source, target)
        except MTError:
            raise
        except Exception as exc:
            raise self.map_error(exc) from None

    def _translate_one(self, translator: Any, text: str) -> str:
        HTTP.begin(self.timeout)
        try:
            result = self.request(translator, text)
        except MTError:
            raise
        except Exception as exc:
            raise self.map_error(exc) from None
        status = HTTP.local.status
        if status is not None and not 200 <= status < 300:
            raise self.map_error(RuntimeError(f"HTTP {status}"))
        return self.extract(result, text)

    def request(self, translator: Any, text: str) -> Any:
        return translator.translate(text)

    def map_error(self, exc: BaseException) -> MTError:
        """Our error for whatever deep-translator raised (status and transport errors first)."""
        transport, status = HTTP.local.error, HTTP.local.status
        name = type(exc).__name__
        if isinstance(transport, requests.Timeout):
            return MTTemporary(
                f"{self.name}: no answer from {self.host()} within {self.timeout:g}s"
            )
        if isinstance(transport, requests.ConnectionError):
            return MTUnavailable(f"no network: cannot reach {self.host()} ({self.name})")
        code = str(exc)  # ServerException carries Yandex-style codes: ERR_KEY_INVALID, ...
        if status == 429 or name == "TooManyRequests" or "TOO_MANY_REQUESTS" in code:
            error = MTRateLimited(f"{self.name}: rate limited by {self.host()} (HTTP 429)")
            error.retry_after = _seconds(HTTP.local.retry_after)  # type: ignore[attr-defined]
            return error
        if (status is not None and status >= 500) or code in (
            "ERR_INTERNAL_SERVER_ERROR",
            "ERR_SERVICE_NOT_AVAIBLE",
        ):
            return MTTemporary(f"{self.name}: server error at {self.host()} (HTTP {status})")
        if (
            status in (401, 403)
            or name in ("AuthorizationException", "ApiKeyException")
            or code in ("ERR_KEY_INVALID", "ERR_KEY_BLOCKED")
        ):
            return MTError(f"{self.name}: {self.host()} refused the API key (HTTP {status})")
        if status == 456 or code.startswith("ERR_DAILY_"):
            return MTError(f"{self.name}: quota exceeded at {self.host()} ({status or code})")
        if name in ("LanguageNotSupportedException", "InvalidSourceOrTargetLanguage") or (
            code == "ERR_LANG_NOT_SUPPORTED"
        ):
            return MTUnsupportedLanguage(f"{self.name}: language not supported")
        if status is not None and status >= 400:
            return MTItemError(f"{self.name}: {self.host()} refused the text (HTTP {status})")
        if name in ("NotValidLength", "NotValidPayload"):
            return MTItemError(f"{self.name}: text refused ({self.scrub(str(exc))})")
        return MTItemError(f"{self.name}: malformed answer from {self.host()} ({name})")


def _seconds(value: str | None) -> float | None:
    try:
        return float(value) if value else None
    except ValueError:
        return None
