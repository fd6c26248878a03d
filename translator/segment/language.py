"""Which pysbd rules a language code reaches, and which marks end a sentence in it.

Every language pysbd knows reaches pysbd's own rules, whatever region or script subtag the code
carries (``pt-BR``, ``zh-Hans``, ``sr-Latn``). A language pysbd lacks goes to a close relative
with the same script and punctuation habits (``uk`` -> ``ru``, ``ti`` -> ``am``, ``pt`` -> ``es``)
and otherwise to the pysbd language of its script, taken from the code's script subtag or from
CLDR's likely script for the language (Babel): Cyrillic -> ``ru``, Arabic -> ``fa``, Ethiopic ->
``am``, Bengali or Gurmukhi -> ``hi``, Tamil -> ``mr``... Only Latin and the scripts pysbd has no
language for at all (Hebrew, Georgian, Hangul, Thai, ...) end at pysbd's default rules (``en``),
which look at no letter of those scripts.
"""

from __future__ import annotations

import unicodedata
from functools import lru_cache

from babel.core import get_global
from pysbd.languages import LANGUAGE_CODES

# Languages pysbd lacks -> the supported relative with the closest punctuation habits. Used only
# when the text is written in the relative's script (Serbian in Cyrillic is not German).
_RELATIVES = {
    "uk": "ru",
    "be": "ru",
    "mk": "bg",
    "sr": "bg",
    "ky": "kk",
    "tt": "kk",
    "ba": "kk",
    "bn": "hi",
    "ne": "hi",
    "ps": "fa",
    "ckb": "fa",
    "ku": "fa",
    "ku-latn": "de",
    "sd": "ur",
    "ti": "am",
    "tr": "de",
    "az": "de",
    "uz": "de",
    "tk": "de",
    "hu": "de",
    "fi": "de",
    "et": "de",
    "lv": "de",
    "lt": "de",
    "bs": "de",
    "hr": "de",
    "sr-latn": "de",
    "sl": "de",
    "cs": "sk",
    "no": "da",
    "nb": "da",
    "nn": "da",
    "sv": "da",
    "is": "da",
    "fo": "da",
    "pt": "es",
    "ca": "es",
    "gl": "es",
    "ro": "it",
}

# Script (ISO 15924) -> the pysbd language written in it, for languages with no relative above.
_SCRIPT_LANGUAGE = {
    "Cyrl": "ru",
    "Arab": "fa",
    "Grek": "el",
    "Armn": "hy",
    "Ethi": "am",
    "Mymr": "my",
    "Deva": "hi",
    "Beng": "hi",
    "Guru": "hi",
    "Gujr": "hi",
    "Orya": "hi",
    "Taml": "mr",
    "Telu": "mr",
    "Knda": "mr",
    "Mlym": "mr",
    "Sinh": "mr",
    "Hans": "zh",
    "Hant": "zh",
    "Hani": "zh",
    "Jpan": "ja",
}
# The script of each non-Latin pysbd language a relative above may lead to.
_LIBRARY_SCRIPT = {
    "ru": "Cyrl",
    "bg": "Cyrl",
    "kk": "Cyrl",
    "fa": "Arab",
    "ur": "Arab",
    "hi": "Deva",
    "am": "Ethi",
}

# First word of a letter's Unicode name -> its script, for codes CLDR does not know.
_UNICODE_SCRIPT = {
    "LATIN": "Latn",
    "CYRILLIC": "Cyrl",
    "ARABIC": "Arab",
    "GREEK": "Grek",
    "ARMENIAN": "Armn",
    "ETHIOPIC": "Ethi",
    "MYANMAR": "Mymr",
    "DEVANAGARI": "Deva",
    "BENGALI": "Beng",
    "GURMUKHI": "Guru",
    "GUJARATI": "Gujr",
    "ORIYA": "Orya",
    "TAMIL": "Taml",
    "TELUGU": "Telu",
    "KANNADA": "Knda",
    "MALAYALAM": "Mlym",
    "SINHALA": "Sinh",
    "CJK": "Hani",
    "HIRAGANA": "Jpan",
    "KATAKANA": "Jpan",
}

# Marks that end a sentence in any language, with or without a space after them.
FULL_STOPS = "。！？؟۔।॥։።፧။។៕།\u037e"
# Marks of our own that end a sentence in one pysbd language besides pysbd's list for it.
_EXTRA_TERMINALS = {"ar": "؛"}
# Marks pysbd counts that end no sentence: the Burmese genitive "၏" ("မြန်မာနိုင်ငံ၏ မြို့တော်").
_NOT_TERMINALS = "၏"
_LATIN_STOPS = ".!?…‼⁇⁈⁉"


def base_language(lang: str) -> str:
    """The primary language subtag of a BCP 47 code: ``pt-BR`` -> ``pt``."""
    return lang.replace("_", "-").split("-")[0].lower()


def library_language(lang: str, text: str = "") -> str:
    """The pysbd language whose rules split ``text`` in ``lang`` (see the module docstring).

    ``text`` matters only for a code CLDR does not know (``xx``): its letters tell the script.
    """
    return _library_language(lang.replace("_", "-").lower(), script_of(lang) or text_script(text))


@lru_cache(maxsize=256)
def _library_language(lang: str, script: str) -> str:
    base = lang.split("-")[0]
    if base in LANGUAGE_CODES:
        return base
    relative = _RELATIVES.get(f"{base}-{script.lower()}") or _RELATIVES.get(base)
    if relative and _LIBRARY_SCRIPT.get(relative, "Latn") == script:
        return relative
    return _SCRIPT_LANGUAGE.get(script, "en")


def script_of(lang: str) -> str:
    """The ISO 15924 script of a language code: its script subtag, else CLDR's likely one,
    else ``""`` for a code CLDR does not know."""
    parts = lang.replace("_", "-").split("-")
    for part in parts[1:]:
        if len(part) == 4 and part.isalpha():
            return part.title()
    likely = get_global("likely_subtags").get(parts[0].lower(), "")
    pieces = likely.split("_")
    return pieces[1] if len(pieces) > 1 and len(pieces[1]) == 4 else ""


def text_script(text: str, sample: int = 200) -> str:
    """The script most of the first ``sample`` letters of ``text`` are written in."""
    counts: dict[str, int] = {}
    letters = (ch for ch in text if ch.isalpha())
    for _, ch in zip(range(sample), letters, strict=False):
        script = _UNICODE_SCRIPT.get(unicodedata.name(ch, "").split(" ")[0], "Latn")
        counts[script] = counts.get(script, 0) + 1
    return max(counts, key=counts.__getitem__) if counts else "Latn"


@lru_cache(maxsize=64)
def terminals(code: str) -> str:
    """Every mark that may end a sentence in pysbd language ``code``.

    pysbd's own list for the language (``:`` and ``،`` in Arabic, ``;`` in Greek, ``։`` and
    ``:`` in Armenian; and the Arabic semicolon) plus the unambiguous full stops of every
    script, less the Burmese genitive ``၏``. The Latin ``. ! ? …``
    count only where pysbd counts the full stop (not in Armenian, Amharic, Burmese or Urdu,
    whose own marks end sentences there).
    """
    own = "".join(LANGUAGE_CODES[code].Punctuations) + _EXTRA_TERMINALS.get(code, "")
    own = "".join(ch for ch in own if ch not in _NOT_TERMINALS)
    latin = _LATIN_STOPS if "." in own else "!?"
    return "".join(dict.fromkeys(own + FULL_STOPS + latin))


def ends_with_dot(code: str) -> bool:
    """Whether the Latin full stop ends sentences in pysbd language ``code``."""
    return "." in LANGUAGE_CODES[code].Punctuations
