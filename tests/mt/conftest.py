"""A local HTTP server on 127.0.0.1 that speaks each provider's API, and engines pointed at it.

The server "translates" by upper-casing the text and prefixing the target code it was asked for
(``ES: THE WAR.``), so a test can tell exactly what the engine sent and got back. ``server.script``
makes the next requests misbehave: ``429``, ``500``, ``403``, ``timeout`` (answers after the
client gave up), ``malformed`` (a body without a translation) or ``garbage`` (not JSON/HTML).
Only the endpoint URLs of deep-translator are redirected here (``BASE_URLS``, and our own
Microsoft language-list URL); the rest of the library runs as shipped.
"""

from __future__ import annotations

import html
import json
import threading
import time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from urllib.parse import parse_qs, urlsplit

import pytest

from translator.mt import MTCache, get_engine

LANGUAGES = ["en", "es", "de", "fr", "ar"]


def fake_translation(text: str, target: str) -> str:
    return f"{target.upper()}: {text.upper()}"


class ProviderServer(ThreadingHTTPServer):
    daemon_threads = True

    def __init__(self) -> None:
        super().__init__(("127.0.0.1", 0), Handler)
        self.script: list[str] = []
        self.requests: list[tuple[str, str]] = []  # (provider, text)
        self.keys: list[str] = []
        self.delay = 1.0
        self.transform = fake_translation  # what the provider does to a text
        self.lock = threading.Lock()

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.server_address[1]}"

    def next_action(self) -> str:
        with self.lock:
            return self.script.pop(0) if self.script else ""

    def handle_error(self, request, client_address) -> None:
        pass  # a client that timed out closed the socket: expected in the timeout tests


class Handler(BaseHTTPRequestHandler):
    server: ProviderServer

    def log_message(self, *args) -> None:
        pass

    def do_GET(self) -> None:
        self._dispatch(parse_qs(urlsplit(self.path).query), None)

    def do_POST(self) -> None:
        length = int(self.headers.get("Content-Length") or 0)
        body = self.rfile.read(length).decode("utf-8") if length else ""
        params = parse_qs(urlsplit(self.path).query)
        if self.headers.get("Content-Type", "").startswith("application/json"):
            self._dispatch(params, json.loads(body or "null"))
        else:
            params.update(parse_qs(body))
            self._dispatch(params, None)

    def _dispatch(self, params: dict, payload) -> None:
        path = urlsplit(self.path).path
        provider = path.strip("/").split("/")[0]
        if path.endswith("/languages"):
            return self._languages(provider)
        text, target = self._request_text(provider, params, payload)
        self.server.requests.append((provider, text))
        action = self.server.next_action()
        if action == "timeout":
            time.sleep(self.server.delay)
        elif action in ("429", "500", "503", "403", "400"):
            return self._send(int(action), {"error": "scripted"}, provider)
        elif action == "garbage":
            return self._raw(200, b"<<not what you expected>>", "text/plain")
        translated = self.server.transform(text, target)
        if action == "malformed":
            translated = None
        self._send(200, self._answer(provider, text, target, translated), provider)

    def _request_text(self, provider: str, params: dict, payload) -> tuple[str, str]:
        one = {key: values[0] for key, values in params.items()}
        for name in ("key", "auth_key", "api_key", "appid"):
            if name in one:
                self.server.keys.append(one[name])
        if provider == "microsoft":
            self.server.keys.append(self.headers.get("Ocp-Apim-Subscription-Key", ""))
            return payload[0]["text"], one["to"]
        if provider == "google":
            return one["q"], one["tl"]
        if provider == "mymemory":
            return one["q"], one["langpair"].split("|")[1]
        if provider == "deepl":
            return one["text"], one["target_lang"]
        if provider in ("libre", "baidu"):
            return one["q"], one.get("target") or one["to"]
        if provider == "yandex":
            return one["text"], one["lang"].split("-")[-1]
        if provider == "qcri":
            return one["text"], one["langpair"].split("-")[1]
        raise AssertionError(f"unknown provider {provider}")

    def _answer(self, provider: str, text: str, target: str, translated: str | None):
        if provider == "google":
            if translated is None:
                return "<html><body><div class='other'>nothing</div></body></html>"
            div = f'<div class="result-container">{html.escape(translated)}</div>'
            return f"<html><body>{div}</body></html>"
        if provider == "mymemory":
            data = {"translatedText": translated} if translated is not None else {}
            return {"responseData": data, "matches": [], "responseStatus": 200}
        if provider == "deepl":
            return {"translations": [{"text": translated}]} if translated is not None else {"x": 1}
        if provider == "microsoft":
            if translated is None:
                return [{"detectedLanguage": {"language": "en"}}]
            return [{"translations": [{"text": translated, "to": target}]}]
        if provider in ("libre", "qcri"):
            return {"translatedText": translated} if translated is not None else {"detail": "?"}
        if provider == "yandex":
            return {"code": 200, "lang": f"en-{target}", "text": [translated] if translated else []}
        if provider == "baidu":
            if translated is None:
                return {"from": "en", "to": target}
            return {"from": "en", "to": target, "trans_result": [{"src": text, "dst": translated}]}
        raise AssertionError(provider)

    def _languages(self, provider: str) -> None:
        if provider == "microsoft":
            names = {"en": "English", "es": "Spanish", "de": "German", "fr": "French"}
            body = {"translation": {code: {"name": name} for code, name in names.items()}}
        else:
            body = [{"code": code, "name": code, "targets": LANGUAGES} for code in LANGUAGES]
        self._send(200, body, provider)

    def _send(self, status: int, body, provider: str) -> None:
        if isinstance(body, str):
            return self._raw(status, body.encode("utf-8"), "text/html; charset=utf-8")
        if provider == "yandex" and status != 200:  # Yandex repeats the status in the JSON
            body = {"code": status, "message": "scripted"}
        self._raw(status, json.dumps(body).encode("utf-8"), "application/json")

    def _raw(self, status: int, data: bytes, content_type: str) -> None:
        self.send_response(status)
        self.send_header("Content-Type", content_type)
        self.send_header("Content-Length", str(len(data)))
        self.end_headers()
        self.wfile.write(data)


@pytest.fixture
def provider_server(monkeypatch):
    """The fake provider API, with every deep-translator endpoint URL pointed at it."""
    from deep_translator import constants

    import translator.mt.providers as providers

    server = ProviderServer()
    thread = threading.Thread(target=server.serve_forever, args=(0.01,), daemon=True)
    thread.start()
    url = server.url
    monkeypatch.setenv("NO_PROXY", "127.0.0.1,localhost")
    monkeypatch.setitem(constants.BASE_URLS, "GOOGLE_TRANSLATE", f"{url}/google/m")
    monkeypatch.setitem(constants.BASE_URLS, "MYMEMORY", f"{url}/mymemory/get")
    monkeypatch.setitem(constants.BASE_URLS, "DEEPL_FREE", f"{url}/deepl/{{version}}/")
    monkeypatch.setitem(constants.BASE_URLS, "DEEPL", f"{url}/deepl/{{version}}/")
    monkeypatch.setitem(
        constants.BASE_URLS, "MICROSOFT_TRANSLATE", f"{url}/microsoft/translate?api-version=3.0"
    )
    monkeypatch.setattr(providers, "MICROSOFT_LANGUAGES_URL", f"{url}/microsoft/languages")
    monkeypatch.setitem(
        constants.BASE_URLS, "YANDEX", f"{url}/yandex/api/{{version}}/tr.json/{{endpoint}}"
    )
    monkeypatch.setitem(constants.BASE_URLS, "BAIDU", f"{url}/baidu/translate")
    monkeypatch.setitem(constants.BASE_URLS, "QCRI", f"{url}/qcri/api/v1/{{endpoint}}?")
    yield server
    server.shutdown()
    server.server_close()


SECRETS = {
    "TRANSLATOR_DEEPL_API_KEY": "deepl-secret-0001:fx",
    "TRANSLATOR_MICROSOFT_API_KEY": "msft-secret-0002",
    "TRANSLATOR_LIBRE_API_KEY": "libre-secret-0003",
    "TRANSLATOR_YANDEX_API_KEY": "yandex-secret-0004",
    "TRANSLATOR_BAIDU_APPID": "baidu-id-0005",
    "TRANSLATOR_BAIDU_APPKEY": "baidu-secret-0006",
    "TRANSLATOR_QCRI_API_KEY": "qcri-secret-0007",
}


@pytest.fixture
def secrets() -> dict[str, str]:
    """The test keys, by environment variable."""
    return dict(SECRETS)


@pytest.fixture
def make_engine(provider_server, tmp_path):
    """Build a registered engine against the fake server, keys from a test environment."""

    def make(name: str, cache: MTCache | None = None, **options):
        env = {**SECRETS, "TRANSLATOR_KEYS_FILE": str(tmp_path / "no-keys.toml")}
        if name == "libre":
            options.setdefault("url", f"{provider_server.url}/libre/")
        options.setdefault("backoff", 0.001)
        return get_engine(name, env=env, cache=cache or MTCache(), **options)

    return make
