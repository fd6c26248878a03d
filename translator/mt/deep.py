"""Online providers through deep-translator: Google, DeepL, Microsoft, MyMemory, LibreTranslate,
Yandex, Baidu and QCRI, each a small adapter over the shared :class:`DeepEngine`.

deep-translator is wrapped, not trusted: its modules get a ``requests`` stand-in that sets a
timeout (the library sets none) and remembers each answer's HTTP status, so errors map to ours
whatever exception the library raises (``TooManyRequests``, ``RequestError``, ``ServerException``,
a bare ``KeyError`` on a malformed answer, or the ``AttributeError`` its Microsoft adapter raises
after swallowing a timeout). Its ``AuthorizationException`` quotes the API key; no message of it is
ever passed on unscrubbed. Each provider call goes through :meth:`Engine.call` for retries.

Left out on purpose: Pons and Linguee (dictionaries: single words, 50 characters at most),
ChatGPT (needs the pre-1.0 ``openai`` API, which no longer exists) and Papago (its adapter sends
language names where the API wants codes, and the API was closed to new users).
"""

from __future__ import annotations

import functools
import threading
from collections.abc import Collection
from typing import Any
from urllib.parse import urlsplit

import requests

from translator.errors import MTError, MTRateLimited, MTUnavailable, MTUnsupportedLanguage
from translator.mt.base import Engine, MTItemError, MTTemporary

MICROSOFT_LANGUAGES_URL = (
    "https://api.cognitive.microsofttranslator.com/languages?api-version=3.0&scope=translation"
)
LIBRE_DEFAULT_URL = "https://libretranslate.com/"


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
def _library(module: str) -> Any:
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


def _codes(mapping: dict[str, str]) -> set[str]:
    return set(mapping.values())


class GoogleEngine(DeepEngine):
    """Google Translate's free web endpoint; no key needed (the default engine)."""

    name = "google"
    title = "Google Translate (no key)"
    module = "google"
    language_map = {
        "he": "iw",
        "zh": "zh-CN",
        "zh_Hans": "zh-CN",
        "zh_Hant": "zh-TW",
        "jv": "jw",
        "fil": "tl",
        "nb": "no",
    }

    def endpoint(self) -> str:
        return _library("constants").BASE_URLS["GOOGLE_TRANSLATE"]

    def supported_languages(self) -> Collection[str]:
        return _codes(_library("constants").GOOGLE_LANGUAGES_TO_CODES)

    def build(self, source: str, target: str) -> Any:
        return _library("google").GoogleTranslator(source=source, target=target)


class DeepLEngine(DeepEngine):
    """DeepL API (free keys end in ``:fx`` and use the free endpoint)."""

    name = "deepl"
    title = "DeepL"
    max_quality = 85
    module = "deepl"
    fields = ("api_key", "use_free_api")
    required = ("api_key",)

    def _free(self) -> bool:
        value = self.options.get("use_free_api")
        if value is None:
            return str(self.options["api_key"]).endswith(":fx")
        return str(value).lower() in ("1", "true", "yes")

    def endpoint(self) -> str:
        return _library("constants").BASE_URLS["DEEPL_FREE" if self._free() else "DEEPL"]

    def supported_languages(self) -> Collection[str]:
        return _codes(_library("constants").DEEPL_LANGUAGE_TO_CODE)

    def build(self, source: str, target: str) -> Any:
        return _library("deepl").DeeplTranslator(
            source=source, target=target, api_key=self.options["api_key"], use_free_api=self._free()
        )


class MicrosoftEngine(DeepEngine):
    """Azure AI Translator (key, and region for regional resources)."""

    name = "microsoft"
    title = "Microsoft Translator"
    max_quality = 80
    module = "microsoft"
    languages_online = True
    fields = ("api_key", "region")
    required = ("api_key",)
    language_map = {"zh": "zh-hans", "zh_Hans": "zh-hans", "zh_Hant": "zh-hant", "no": "nb"}

    def endpoint(self) -> str:
        return _library("constants").BASE_URLS["MICROSOFT_TRANSLATE"]

    def supported_languages(self) -> Collection[str]:
        return set(self._languages().values())

    def _languages(self) -> dict[str, str]:
        if not hasattr(self, "_known"):
            self._known = self.call(self._fetch_languages)
        return self._known

    def _fetch_languages(self) -> dict[str, str]:
        HTTP.begin(self.timeout)
        try:
            response = HTTP.get(MICROSOFT_LANGUAGES_URL)
            table = response.json()["translation"]
            known = {table[code]["name"].lower(): code.lower() for code in table}
        except Exception as exc:
            raise self.map_error(exc) from None
        if not 200 <= response.status_code < 300:
            raise self.map_error(RuntimeError(f"HTTP {response.status_code}"))
        return known

    def build(self, source: str, target: str) -> Any:
        base = _library("microsoft").MicrosoftTranslator
        known = self._languages()

        class _Microsoft(base):  # its own constructor fetches the language list, untimed
            def _get_supported_languages(self) -> dict[str, str]:
                return known

        return _Microsoft(
            source=source,
            target=target,
            api_key=self.options["api_key"],
            region=self.options.get("region") or None,
        )


class MyMemoryEngine(DeepEngine):
    """MyMemory (translated.net); free, rate-limited, 500 characters per text."""

    name = "mymemory"
    title = "MyMemory"
    max_quality = 60
    module = "mymemory"
    max_chars = 499
    concurrency = 2
    fields = ("email",)

    def endpoint(self) -> str:
        return _library("constants").BASE_URLS["MYMEMORY"]

    def supported_languages(self) -> Collection[str]:
        codes = _library("constants").MY_MEMORY_LANGUAGES_TO_CODES.values()
        return {code.split("-")[0] for code in codes}

    def build(self, source: str, target: str) -> Any:
        options = {"email": self.options["email"]} if self.options.get("email") else {}
        translator = _library("mymemory").MyMemoryTranslator(
            source="auto", target="english", **options
        )
        translator.source, translator.target = source, target  # ISO codes; the API takes them
        return translator

    def extract(self, result: Any, text: str) -> str:
        answer = super().extract(result, text)
        if answer.startswith("MYMEMORY WARNING"):  # quota message sent as a "translation"
            raise MTRateLimited(f"mymemory: daily quota used up ({answer[:60]}...)")
        if answer.startswith(("QUERY LENGTH LIMIT", "INVALID ")):
            raise MTItemError(f"mymemory: text refused ({answer[:60]})")
        return answer


class LibreEngine(DeepEngine):
    """LibreTranslate: a public instance or your own (``url``), with a key if it wants one."""

    name = "libre"
    title = "LibreTranslate"
    module = "libre"
    languages_online = True
    fields = ("url", "api_key")

    def endpoint(self) -> str:
        url = str(self.options.get("url") or LIBRE_DEFAULT_URL)
        return url if url.endswith("/") else url + "/"

    def variant(self) -> str:
        return self.host()

    def supported_languages(self) -> Collection[str]:
        if not hasattr(self, "_known"):
            self._known = self.call(self._fetch_languages)
        return self._known

    def _fetch_languages(self) -> set[str]:
        HTTP.begin(self.timeout)
        try:
            response = HTTP.get(self.endpoint() + "languages")
            known = {str(item["code"]) for item in response.json()}
        except Exception as exc:
            raise self.map_error(exc) from None
        if not 200 <= response.status_code < 300:
            raise self.map_error(RuntimeError(f"HTTP {response.status_code}"))
        return known

    def build(self, source: str, target: str) -> Any:
        translator = _library("libre").LibreTranslator(
            source="en",
            target="es",
            api_key=self.options.get("api_key") or "-",
            custom_url=self.endpoint(),
        )
        # The server's language list counts, not the library's outdated one.
        translator.source, translator.target = source, target
        return translator


class YandexEngine(DeepEngine):
    """Yandex Translate API v1.5 (key)."""

    name = "yandex"
    title = "Yandex Translate"
    module = "yandex"
    fields = ("api_key",)
    required = ("api_key",)

    def endpoint(self) -> str:
        return _library("constants").BASE_URLS["YANDEX"]

    def build(self, source: str, target: str) -> Any:
        return _library("yandex").YandexTranslator(
            source=source, target=target, api_key=self.options["api_key"]
        )


class BaiduEngine(DeepEngine):
    """Baidu Fanyi (app id and key)."""

    name = "baidu"
    title = "Baidu Translate"
    module = "baidu"
    fields = ("appid", "appkey")
    required = ("appid", "appkey")

    @property
    def language_map(self) -> dict[str, str]:  # type: ignore[override]
        constants = _library("constants")
        google = constants.GOOGLE_LANGUAGES_TO_CODES
        return {
            google[n].split("-")[0]: code
            for n, code in constants.BAIDU_LANGUAGE_TO_CODE.items()
            if n in google
        } | {"zh_Hant": "cht", "zh_Hans": "zh"}

    def endpoint(self) -> str:
        return _library("constants").BASE_URLS["BAIDU"]

    def supported_languages(self) -> Collection[str]:
        return _codes(_library("constants").BAIDU_LANGUAGE_TO_CODE)

    def build(self, source: str, target: str) -> Any:
        return _library("baidu").BaiduTranslator(
            source=source,
            target=target,
            appid=self.options["appid"],
            appkey=self.options["appkey"],
        )


class QcriEngine(DeepEngine):
    """QCRI's Shaheen (Arabic, English, Spanish), with a ``domain`` (default ``general``)."""

    name = "qcri"
    title = "QCRI Shaheen"
    module = "qcri"
    fields = ("api_key", "domain")
    required = ("api_key",)

    def endpoint(self) -> str:
        return _library("constants").BASE_URLS["QCRI"]

    def supported_languages(self) -> Collection[str]:
        return _codes(_library("constants").QCRI_LANGUAGE_TO_CODE)

    def build(self, source: str, target: str) -> Any:
        return _library("qcri").QcriTranslator(
            source=source, target=target, api_key=self.options["api_key"]
        )

    def request(self, translator: Any, text: str) -> Any:
        return translator.translate(text, domain=self.options.get("domain", "general"))


DEEP_ENGINES: tuple[type[DeepEngine], ...] = (
    GoogleEngine,
    DeepLEngine,
    MicrosoftEngine,
    MyMemoryEngine,
    LibreEngine,
    YandexEngine,
    BaiduEngine,
    QcriEngine,
)
