"""Lines about the document rather than of it: a translator's credit, the original's URL, a
"Published by: | 28.05.2014" line, and a site's language prefix on the title ("(Farsi) ...").

These go to the front matter (``translator_credit``, ``original_url``, the date) instead of
becoming sentences to translate. Credit lines are recognised by their opening words in the
languages of :data:`CREDITS` (what a credit says is a matter of words, not shape); metadata
lines by their shape first: a date beside a label ending in ":" or a "|" separator. Language
names come from Babel (in English, in the document's language and in their own), plus the few
names sites use that Babel does not (:data:`ALIASES`).
"""

from __future__ import annotations

import re
from functools import lru_cache

from babel import Locale

from translator.importers.chrome import fold
from translator.importers.dates import find_date
from translator.languages import parse_language
from translator.text import word_count

MAX_CREDIT_WORDS = 15
MAX_META_WORDS = 12
MAX_LABEL_WORDS = 3  # "Source:", "Original text:" before a URL

# How a translator's credit opens, folded (no case or accents): "Translated from English by".
CREDITS: dict[str, tuple[str, ...]] = {
    "en": (r"translated (?:from|by|into)\b", r"translation (?:from|by)\b", r"translation:"),
    "de": (r"ubersetzt (?:aus|von|ins)\b", r"ubersetzung(?: aus| von|:)", r"aus dem \w+ ubersetzt"),
    "fr": (r"tradu(?:it|ite|ction) (?:de|du|par|en)\b", r"traduction\s*:"),
    "es": (r"tradu(?:cido|cida|ccion) (?:de|del|por|al)\b", r"traduccion\s*:"),
    "pt": (r"tradu(?:zido|zida|cao) (?:de|do|da|por|para)\b", r"traducao\s*:"),
    "tr": (
        r"\w+(?:den|dan|ten|tan) (?:ceviren|cevrilmistir|ceviri)\b",
        r"ceviren\s*:",
        r"ceviri\s*:",
    ),
    "ru": (r"перевод (?:с|со)\b", r"перевод\s*:", r"переведено (?:с|со)\b", r"перевела?\s*:"),
    "fa": (r"ترجمه\s*(?:از|:)", r"ترجمه و تنظیم", r"برگردان\s*(?:از|:)", r"مترجم\s*:"),
    # folded: "ترجمة من" is "ترجمه من", "إلى" is "الی"
    "ar": (r"ترجمه\s*(?:من|عن|:)", r"ترجمها\b", r"المترجم\s*:", r"نقله\s*(?:الی|عن)"),
    "it": (r"tradott[oa] (?:da|dal|dall|dallo|dalla|in)\b", r"traduzione(?: di| a cura|\s*:)"),
    "nl": (r"vertaald (?:uit|door|naar)\b", r"vertaling(?: door|\s*:)"),
    "pl": (r"przetłumaczył[a]?\b", r"przetłumaczone (?:z|przez)\b", r"tłumaczenie(?: z|\s*:)"),
}

# Words that say a dated line is about publishing, folded: a supplement to the shape rules.
PUBLISHED = (
    "published", "posted", "veroffentlicht", "publie", "publicado", "yayinlanma", "yayin tarihi",
    "опубликовано", "дата публикации", "تاریخ انتشار", "منتشر شده", "نشر في", "تاريخ النشر",
)  # fmt: skip

# Words that say a dated line tells when the page last changed: metadata, but not the date of
# the document (sites re-save pages long after they were published).
MODIFIED = (
    "last modified", "last updated", "zuletzt verandert", "zuletzt geandert", "aktualisiert am",
    "derniere modification", "mis a jour", "ultima modificacion", "actualizado", "atualizado",
    "ultima modificacao", "son degisiklik", "guncellendi", "последнее изменение", "обновлено",
    "آخرین تغییر", "آخرین ویرایش", "به روز شده", "آخر تعديل", "آخر تحديث",
)  # fmt: skip

ALIASES = ("farsi", "parsi", "فارسی", "turkce", "deutsch", "francais", "espanol", "portugues")

_URL = re.compile(r"(?:https?://|www\.)\S+", re.IGNORECASE)
_PIPE = re.compile(r"(?:^|\s)\|(?:\s|$)")


@lru_cache(maxsize=1)
def _credit_patterns() -> re.Pattern[str]:
    return re.compile("|".join(f"(?:{p})" for ps in CREDITS.values() for p in ps))


def is_credit(text: str) -> bool:
    """True for a translator's credit line ("Übersetzt aus dem Englischen von ...").

    >>> is_credit("İngilizceden çeviren: Ayşe Yılmaz")
    True
    >>> is_credit("We translated our anger into action.")
    False
    """
    folded = fold(text).lstrip(" ([*-–—")
    return word_count(text) <= MAX_CREDIT_WORDS and bool(_credit_patterns().match(folded))


def url_of(text: str) -> str:
    """The URL of a line that is nothing but a URL (or "Source: URL"), else ""."""
    match = _URL.search(text)
    if not match or text[match.end() :].strip(" .;,)>]"):
        return ""
    label = text[: match.start()].strip(" <([")
    if label and (not label.endswith(":") or word_count(label) > MAX_LABEL_WORDS):
        return ""
    url = match.group().rstrip(".,;)>]")
    return url if url.lower().startswith("http") else f"http://{url}"


def published_date(text: str, lang: str) -> str:
    """The date of a metadata line ("Published by: | 28.05.2014"), else "".

    A metadata line is short, holds a date, and labels it: a "|" separator, a label ending
    in ":" before the date, or a word such as "published" (:data:`PUBLISHED`) in a line that
    does not end like a sentence.

    >>> published_date("Veröffentlicht von: | 28.05.2014", "de")
    '2014-05-28'
    >>> published_date("The resolution was published on 17 January 2020.", "en")
    ''
    """
    if word_count(text) > MAX_META_WORDS:
        return ""
    date = find_date(text, lang)
    return date if date and _labelled(text, PUBLISHED) else ""


def _labelled(text: str, words: tuple[str, ...]) -> bool:
    """A "|" separator or a "Label:" before the date, or one of ``words`` in a line that does
    not end like a sentence ("Posted on May 28, 2014 by admin", not "... on 17 May 2014.")."""
    folded = fold(text)
    if _PIPE.search(text) or re.match(r"[^:\d]{2,40}:\s*\S", folded):
        return True
    sentence = text.rstrip("\"'”’»)] ").endswith((".", "!", "?", "؟", "。"))
    return not sentence and any(fold(word) in folded for word in words)


# Site languages whose names for languages a bracketed label may use ("(Persisch) ...").
SITE_LANGUAGES = ("en", "de", "fr", "es", "pt", "it", "tr", "ru", "fa", "ar")


def is_modified_line(text: str, lang: str) -> bool:
    """True for a short dated line about the page's last change ("— last modified 28.05.2014").

    >>> is_modified_line("von Redaktion — zuletzt verändert 28.05.2014 10:23", "de")
    True
    """
    if word_count(text) > MAX_META_WORDS or not find_date(text, lang):
        return False
    folded = fold(text)
    return any(fold(word) in folded for word in MODIFIED) and _labelled(text, MODIFIED)


@lru_cache(maxsize=32)
def _language_names(lang: str, bracketed: bool) -> frozenset[str]:
    """Folded language names: in English and the document's language; for a label in
    brackets also in the usual site languages. Each language's name in itself as well."""
    names = {fold(alias) for alias in ALIASES}
    own = parse_language(lang)
    codes = SITE_LANGUAGES if bracketed else ("en",)
    for locale in [own, *(Locale.parse(code) for code in codes)]:
        names.update(fold(name) for name in locale.languages.values())
    for code in (*SITE_LANGUAGES, own.language):
        names.add(fold(Locale.parse(code).get_display_name(code) or ""))
    names.discard("")
    return frozenset(names)


_PREFIX = re.compile(r"^\s*[(\[]\s*([^()\[\]]{2,30}?)\s*[)\]]\s*[-–—:]?\s*")
_SUFFIX = re.compile(r"\s*[-–—]?\s*[(\[]\s*([^()\[\]]{2,30}?)\s*[)\]]\s*$")
_LABEL = re.compile(r"^\s*([^\W\d_]{2,20})(?:\s*[:–—]|\s+-)\s+")


def strip_language_label(title: str, lang: str) -> tuple[str, str]:
    """Remove a site's language label from a title: "(Farsi) ...", "... [Turkish]", "Deutsch: ...".

    :return: the title without the label, and the label ("" when there was none).

    >>> strip_language_label("(Turkish) Solidarity with the workers of Soma!", "tr")
    ('Solidarity with the workers of Soma!', 'Turkish')
    """
    for pattern in (_PREFIX, _SUFFIX, _LABEL):
        match = pattern.search(title)
        if match and fold(match.group(1)) in _language_names(lang, pattern is not _LABEL):
            rest = (title[: match.start()] + title[match.end() :]).strip()
            if word_count(rest):
                return rest, match.group(1)
    return title, ""
