"""Language codes: validation and the locale facts (names, plurals, direction) Babel knows."""

from __future__ import annotations

import functools

from babel import Locale, UnknownLocaleError
from babel.messages.plurals import get_plural

from translator.errors import LanguageError

RTL_SCRIPTS = {"Arab", "Hebr", "Thaa", "Syrc", "Nkoo", "Adlm", "Rohg"}


@functools.lru_cache(maxsize=512)
def parse_language(code: str) -> Locale:
    """Return Babel's :class:`Locale` for a BCP 47 or gettext code (``pt-BR``, ``pt_BR``)."""
    if not code or not code.replace("-", "_").replace("_", "").isalnum():
        raise LanguageError(f"unknown language code {code!r}")
    try:
        return Locale.parse(code.replace("-", "_"))
    except (UnknownLocaleError, ValueError) as exc:
        raise LanguageError(f"unknown language code {code!r} (Babel has no locale data)") from exc


def normalize_language(code: str) -> str:
    """The gettext spelling used for directories: ``pt-BR`` -> ``pt_BR``.

    >>> normalize_language("pt-br")
    'pt_BR'
    """
    return str(parse_language(code))


def language_name(code: str) -> str:
    """English name of the language, e.g. ``German``."""
    return parse_language(code).english_name or code


def native_name(code: str) -> str:
    """The language's name in its own script, e.g. ``Deutsch``, ``فارسی``."""
    locale = parse_language(code)
    name = locale.get_display_name(locale) or code
    return name[:1].upper() + name[1:] if name[:1].islower() else name


def plural_forms(code: str) -> str:
    """The ``Plural-Forms`` header value from CLDR data."""
    return get_plural(parse_language(code)).plural_forms


def is_rtl(code: str) -> bool:
    """True for right-to-left languages (Arabic, Persian, Hebrew, Urdu, ...)."""
    locale = parse_language(code)
    if locale.character_order == "right-to-left":
        return True
    return (locale.script or "") in RTL_SCRIPTS


def text_direction(code: str) -> str:
    """``rtl`` or ``ltr``, for the HTML ``dir`` attribute."""
    return "rtl" if is_rtl(code) else "ltr"


# Scripts written without a space after a full stop (Chinese, Japanese). Thai, Lao, Khmer and
# Burmese use no spaces between words, but do put one between sentences, so they are not here.
NO_SENTENCE_SPACE = {"zh", "ja", "yue", "wuu", "lzh"}


def sentence_space(code: str) -> bool:
    """True if sentences of ``code`` are separated by a space (False for Chinese, Japanese).

    >>> sentence_space("de"), sentence_space("zh_Hant")
    (True, False)
    """
    return parse_language(code).language not in NO_SENTENCE_SPACE
