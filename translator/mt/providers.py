"""Online providers through deep-translator: Google, DeepL, Microsoft, MyMemory, LibreTranslate,
Yandex, Baidu and QCRI, each a small adapter over :class:`~translator.mt.deep.DeepEngine`.

An adapter says where the provider is (``endpoint``), which languages it has, and how to build
deep-translator's translator object; the base class does timeouts, error mapping and retries.
``@register`` makes it an engine: nothing else needs to know it exists.

Left out on purpose: Pons and Linguee (dictionaries: single words, 50 characters at most),
ChatGPT (needs the pre-1.0 ``openai`` API, which no longer exists) and Papago (its adapter sends
language names where the API wants codes, and the API was closed to new users).
"""

from __future__ import annotations

from collections.abc import Collection
from typing import Any

from translator.errors import MTRateLimited
from translator.mt.base import MTItemError
from translator.mt.deep import HTTP, DeepEngine, deep_module
from translator.mt.registry import register

MICROSOFT_LANGUAGES_URL = (
    "https://api.cognitive.microsofttranslator.com/languages?api-version=3.0&scope=translation"
)
LIBRE_DEFAULT_URL = "https://libretranslate.com/"


def _codes(mapping: dict[str, str]) -> set[str]:
    return set(mapping.values())


@register
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
        return deep_module("constants").BASE_URLS["GOOGLE_TRANSLATE"]

    def supported_languages(self) -> Collection[str]:
        return _codes(deep_module("constants").GOOGLE_LANGUAGES_TO_CODES)

    def build(self, source: str, target: str) -> Any:
        return deep_module("google").GoogleTranslator(source=source, target=target)


@register
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
        return deep_module("constants").BASE_URLS["DEEPL_FREE" if self._free() else "DEEPL"]

    def supported_languages(self) -> Collection[str]:
        return _codes(deep_module("constants").DEEPL_LANGUAGE_TO_CODE)

    def build(self, source: str, target: str) -> Any:
        return deep_module("deepl").DeeplTranslator(
            source=source, target=target, api_key=self.options["api_key"], use_free_api=self._free()
        )


@register
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
        return deep_module("constants").BASE_URLS["MICROSOFT_TRANSLATE"]

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
        base = deep_module("microsoft").MicrosoftTranslator
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


@register
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
        return deep_module("constants").BASE_URLS["MYMEMORY"]

    def supported_languages(self) -> Collection[str]:
        codes = deep_module("constants").MY_MEMORY_LANGUAGES_TO_CODES.values()
        return {code.split("-")[0] for code in codes}

    def build(self, source: str, target: str) -> Any:
        options = {"email": self.options["email"]} if self.options.get("email") else {}
        translator = deep_module("mymemory").MyMemoryTranslator(
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


@register
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
        translator = deep_module("libre").LibreTranslator(
            source="en",
            target="es",
            api_key=self.options.get("api_key") or "-",
            custom_url=self.endpoint(),
        )
        # The server's language list counts, not the library's outdated one.
        translator.source, translator.target = source, target
        return translator


@register
class YandexEngine(DeepEngine):
    """Yandex Translate API v1.5 (key)."""

    name = "yandex"
    title = "Yandex Translate"
    module = "yandex"
    fields = ("api_key",)
    required = ("api_key",)

    def endpoint(self) -> str:
        return deep_module("constants").BASE_URLS["YANDEX"]

    def build(self, source: str, target: str) -> Any:
        return deep_module("yandex").YandexTranslator(
            source=source, target=target, api_key=self.options["api_key"]
        )


@register
class BaiduEngine(DeepEngine):
    """Baidu Fanyi (app id and key)."""

    name = "baidu"
    title = "Baidu Translate"
    module = "baidu"
    fields = ("appid", "appkey")
    required = ("appid", "appkey")

    @property
    def language_map(self) -> dict[str, str]:  # type: ignore[override]
        constants = deep_module("constants")
        google = constants.GOOGLE_LANGUAGES_TO_CODES
        return {
            google[n].split("-")[0]: code
            for n, code in constants.BAIDU_LANGUAGE_TO_CODE.items()
            if n in google
        } | {"zh_Hant": "cht", "zh_Hans": "zh"}

    def endpoint(self) -> str:
        return deep_module("constants").BASE_URLS["BAIDU"]

    def supported_languages(self) -> Collection[str]:
        return _codes(deep_module("constants").BAIDU_LANGUAGE_TO_CODE)

    def build(self, source: str, target: str) -> Any:
        return deep_module("baidu").BaiduTranslator(
            source=source,
            target=target,
            appid=self.options["appid"],
            appkey=self.options["appkey"],
        )


@register
class QcriEngine(DeepEngine):
    """QCRI's Shaheen (Arabic, English, Spanish), with a ``domain`` (default ``general``)."""

    name = "qcri"
    title = "QCRI Shaheen"
    module = "qcri"
    fields = ("api_key", "domain")
    required = ("api_key",)

    def endpoint(self) -> str:
        return deep_module("constants").BASE_URLS["QCRI"]

    def supported_languages(self) -> Collection[str]:
        return _codes(deep_module("constants").QCRI_LANGUAGE_TO_CODE)

    def build(self, source: str, target: str) -> Any:
        return deep_module("qcri").QcriTranslator(
            source=source, target=target, api_key=self.options["api_key"]
        )

    def request(self, translator: Any, text: str) -> Any:
        return translator.translate(text, domain=self.options.get("domain", "general"))
