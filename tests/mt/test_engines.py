"""The engine contract (Weblate's shape), run against every engine, plus provider failures.

Dummy and Apertium run for real; the deep-translator providers run for real over HTTP against
the local server of ``conftest.py``.
"""

from __future__ import annotations

import pytest

from translator.errors import MTError, MTRateLimited, MTUnavailable, MTUnsupportedLanguage
from translator.model import Suggestion
from translator.mt import ENGINES, MTCache, MTItemError, get_engine
from translator.mt.apertium import ApertiumEngine, installed_pairs


def fake_translation(text: str, target: str) -> str:
    """What the local server answers (see conftest.py)."""
    return f"{target.upper()}: {text.upper()}"


LINK = "Read [the appeal](https://example.org/a) and *act*, ICOR."
TERMS = {"ICOR": "ICOR"}


class EngineContract:
    """What every engine must do; subclasses say how to build one and what it answers."""

    name = ""
    source, target = "en", "es"
    unsupported = "tlh"  # a target the engine does not translate into

    @pytest.fixture
    def engine(self, request):
        return self.build(request)

    def build(self, request):
        return get_engine(self.name, env={}, cache=MTCache())

    def expected(self, engine, text: str) -> str | None:
        """The exact translation of ``text``, when the test knows it."""
        return None

    def sent(self, engine) -> int:
        return engine.stats.segments

    def test_registered_under_its_name(self, engine):
        assert ENGINES[self.name] is type(engine)

    def test_supports_the_pair(self, engine):
        assert engine.supports(self.source, self.target)

    def test_unsupported_language_is_a_clear_error(self, engine):
        with pytest.raises(MTUnsupportedLanguage, match=self.unsupported):
            engine.translate(["The war."], self.source, self.unsupported)

    def test_translates_a_batch_in_order(self, engine):
        texts = ["The war.", "Peace now!", "The workers."]
        results = engine.translate(texts, self.source, self.target)
        assert all(isinstance(r, Suggestion) for r in results)
        assert [r.source for r in results] == texts
        assert all(r.text.strip() and r.origin == f"mt:{self.name}" for r in results)
        for text, result in zip(texts, results, strict=True):
            if (want := self.expected(engine, text)) is not None:
                assert result.text == want

    def test_outer_whitespace_is_restored(self, engine):
        [result] = engine.translate(["  The war.\n"], self.source, self.target)
        assert result.text.startswith("  ") and result.text.endswith(".\n")
        assert result.text.strip() == result.text[2:-1]

    def test_markup_and_terms_survive(self, engine):
        [result] = engine.translate([LINK], self.source, self.target, TERMS)
        assert not result.problem
        assert "](https://example.org/a)" in result.text and result.text.count("*") == 2
        assert "ICOR" in result.text and "[X" not in result.text
        if (want := self.expected(engine, LINK)) is not None:
            assert result.text == want

    def test_nothing_to_translate_sends_nothing(self, engine):
        assert engine.translate([], self.source, self.target) == []
        [result] = engine.translate(["https://example.org/a"], self.source, self.target)
        assert result.text == "https://example.org/a" and result.origin == "copy"
        assert self.sent(engine) == 0

    def test_each_distinct_text_is_sent_once(self, engine):
        results = engine.translate(["The war."] * 3 + ["Peace."], self.source, self.target)
        assert len({r.text for r in results[:3]}) == 1
        assert self.sent(engine) == 2

    def test_a_second_run_is_served_from_the_cache(self, engine):
        first = engine.translate(["The war.", "Peace."], self.source, self.target)
        sent = self.sent(engine)
        second = engine.translate(["The war.", "Peace."], self.source, self.target)
        assert [r.text for r in second] == [r.text for r in first]
        assert self.sent(engine) == sent and engine.stats.cached == 2


class TestDummyEngine(EngineContract):
    name = "dummy"
    unsupported = None

    def expected(self, engine, text):
        return f"[{self.target}] {text}"

    def test_unsupported_language_is_a_clear_error(self, engine):
        assert engine.supports("en", "tlh")  # the dummy takes every language


class TestApertiumEngine(EngineContract):
    """Debian's apertium + apertium-eng-spa, run for real."""

    name = "apertium"
    unsupported = "de"

    def expected(self, engine, text):
        return {
            "The war.": "La guerra.",
            LINK: "Leído [la apelación](https://example.org/a) y *ley*, ICOR.",
        }.get(text)

    def test_lists_installed_pairs(self, engine):
        assert "eng-spa" in installed_pairs()
        assert engine.mode("en", "es") == "eng-spa" and engine.mode("es", "en_US") == "spa-eng_US"

    def test_one_process_per_batch(self, engine):
        texts = [f"The {n} workers." for n in ("two", "three", "four", "five", "six")]
        results = engine.translate(texts, "en", "es")
        assert engine.stats.requests == 1
        assert [r.text for r in results][:2] == ["Los dos trabajadores.", "Los tres trabajadores."]

    def test_missing_command_is_unavailable(self):
        engine = get_engine("apertium", env={}, command="/nonexistent/apertium", data_dir="/x")
        with pytest.raises(MTUnavailable, match="not installed"):
            engine.translate(["The war."], "en", "es")


class ProviderContract(EngineContract):
    """A deep-translator provider against the local server."""

    def build(self, request):
        return request.getfixturevalue("make_engine")(self.name)

    def expected(self, engine, text):
        target = engine.map_language(self.target)
        if text == LINK:
            body = fake_translation("Read [X0X]the appeal[X1X] and [X2X]act[X3X], [X4X].", target)
            return (
                body.replace("[X0X]", "[")
                .replace("[X1X]", "](https://example.org/a)")
                .replace("[X2X]", "*")
                .replace("[X3X]", "*")
                .replace("[X4X]", "ICOR")
            )
        return fake_translation(text, target)

    signing_keys: tuple[str, ...] = ()  # used to sign requests, never sent

    def test_key_goes_to_the_provider_only(self, engine, provider_server, secrets):
        engine.translate(["The war."], self.source, self.target)
        mine = {k: v for k, v in secrets.items() if f"_{self.name.upper()}_" in k}
        for variable, key in mine.items():
            assert (key in provider_server.keys) == (variable not in self.signing_keys)
            assert key not in repr(engine)


class TestGoogleEngine(ProviderContract):
    name = "google"
    unsupported = "tlh"


class TestMyMemoryEngine(ProviderContract):
    name = "mymemory"
    unsupported = "tlh"


class TestDeepLEngine(ProviderContract):
    name = "deepl"
    unsupported = "fa"


class TestMicrosoftEngine(ProviderContract):
    name = "microsoft"
    unsupported = "ar"  # not in the language list the local server publishes


class TestLibreEngine(ProviderContract):
    name = "libre"
    unsupported = "ru"  # not in the local server's /languages


class TestYandexEngine(ProviderContract):
    name = "yandex"
    unsupported = None

    def test_unsupported_language_is_a_clear_error(self, engine):
        assert engine.supported_languages() is None  # Yandex itself decides


class TestBaiduEngine(ProviderContract):
    name = "baidu"
    unsupported = "fa"
    signing_keys = ("TRANSLATOR_BAIDU_APPKEY",)

    def test_maps_our_codes_to_baidus(self, engine):
        assert engine.map_language("es") == "spa" and engine.map_language("fr") == "fra"


class TestQcriEngine(ProviderContract):
    name = "qcri"
    unsupported = "de"


# -- failures, over HTTP -----------------------------------------------------------------------


def test_rate_limit_is_retried_with_backoff(make_engine, provider_server):
    engine = make_engine("google", backoff=0.01)
    waits = []
    engine.sleep = waits.append
    provider_server.script = ["429", "429"]
    [result] = engine.translate(["The war."], "en", "de")
    assert result.text == "DE: THE WAR."
    assert waits == [0.01, 0.02] and engine.stats.requests == 3


def test_persistent_rate_limit_stops_with_a_clear_error(make_engine, provider_server):
    engine = make_engine("mymemory", retries=2)
    engine.sleep = lambda _s: None
    provider_server.script = ["429"] * 5
    with pytest.raises(MTRateLimited, match=r"rate limited .*gave up after 3 attempts"):
        engine.translate(["The war."], "en", "de")
    assert len(provider_server.requests) == 3


def test_server_errors_are_retried(make_engine, provider_server):
    engine = make_engine("deepl")
    provider_server.script = ["503", "500"]
    [result] = engine.translate(["The war."], "en", "de")
    assert result.text == "DE: THE WAR." and len(provider_server.requests) == 3


def test_timeout_is_retried_then_succeeds(make_engine, provider_server):
    engine = make_engine("libre", timeout=0.2)
    provider_server.delay = 1.0
    provider_server.script = ["timeout"]
    [result] = engine.translate(["The war."], "en", "de")
    assert result.text == "DE: THE WAR." and len(provider_server.requests) == 2


def test_timeouts_that_persist_make_the_engine_unavailable(make_engine, provider_server):
    engine = make_engine("microsoft", timeout=0.2, retries=1)
    engine.supported_languages()  # fetch the language list before the server stalls
    provider_server.delay = 0.6
    provider_server.script = ["timeout", "timeout"]
    with pytest.raises(MTUnavailable, match="no answer .* within 0.2s"):
        engine.translate(["The war."], "en", "de")


@pytest.mark.parametrize(
    "name", ["google", "mymemory", "deepl", "microsoft", "libre", "yandex", "baidu", "qcri"]
)
def test_malformed_answer_fails_that_text_only(make_engine, provider_server, name):
    engine = make_engine(name)
    provider_server.script = ["malformed"]
    first, second = engine.translate(["The war.", "Peace."], "en", "es")
    assert isinstance(first, MTItemError) and "malformed" in str(first)
    assert isinstance(second, Suggestion)
    assert engine.stats.failed == 1


@pytest.mark.parametrize("name", ["google", "deepl", "libre", "microsoft"])
def test_garbage_answer_is_a_malformed_answer(make_engine, provider_server, name):
    engine = make_engine(name)
    provider_server.script = ["garbage"]
    [result] = engine.translate(["The war."], "en", "es")
    assert isinstance(result, MTItemError)


def test_engine_that_keeps_failing_stops(make_engine, provider_server):
    engine = make_engine("libre")
    provider_server.script = ["malformed"] * 50
    texts = [f"Sentence number {n}." for n in range(30)]
    with pytest.raises(MTError, match="keeps failing"):
        engine.translate(texts, "en", "es")
    assert len(provider_server.requests) < 30


@pytest.mark.parametrize("name", ["deepl", "microsoft", "libre", "yandex"])
def test_refused_key_never_appears_in_the_message(make_engine, provider_server, secrets, name):
    engine = make_engine(name)
    if name in ("microsoft", "libre"):
        engine.supported_languages()
    provider_server.script = ["403"]
    with pytest.raises(MTError) as caught:
        engine.translate(["The war."], "en", "es")
    message = str(caught.value)
    assert "refused the API key" in message
    assert not any(secret in message for secret in secrets.values())


def test_no_network_is_reported_as_such(monkeypatch):
    from deep_translator import constants

    monkeypatch.setitem(constants.BASE_URLS, "GOOGLE_TRANSLATE", "http://127.0.0.1:9/m")
    engine = get_engine("google", env={}, cache=MTCache())
    with pytest.raises(MTUnavailable, match="^no network: cannot reach 127.0.0.1:9"):
        engine.translate(["The war."], "en", "de")


def test_missing_key_names_the_variable(tmp_path):
    env = {"TRANSLATOR_KEYS_FILE": str(tmp_path / "none.toml")}
    with pytest.raises(MTUnavailable, match="TRANSLATOR_DEEPL_API_KEY"):
        get_engine("deepl", env=env)


def test_lost_markup_is_reported_not_hidden(make_engine, provider_server):
    engine = make_engine("google")
    provider_server.transform = lambda text, target: text.replace("[X1X]", "")
    [result] = engine.translate([LINK], "en", "es", TERMS)
    assert "lost ](https://example.org/a)" in result.problem


def test_concurrent_batches_keep_order(make_engine, provider_server):
    engine = make_engine("google", batch_size=2, concurrency=3)
    texts = [f"Sentence {n}." for n in range(11)]
    results = engine.translate(texts, "en", "de")
    assert [r.text for r in results] == [f"DE: SENTENCE {n}." for n in range(11)]
    assert engine.stats.segments == 11 and len(provider_server.requests) == 11


def test_text_longer_than_the_provider_takes_is_refused_locally(make_engine, provider_server):
    engine = make_engine("mymemory")
    [result] = engine.translate(["word " * 200], "en", "de")
    assert isinstance(result, MTItemError) and "longer than 499" in str(result)
    assert provider_server.requests == []


def test_apertium_reports_installed_pairs_without_the_command():
    engine = ApertiumEngine({"command": "/nonexistent/apertium"})
    assert "eng-spa" in engine.pairs()  # from the modes directory
