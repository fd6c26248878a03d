"""Site chrome: the phrases and line shapes that websites wrap around a resolution.

A scraped page carries skip links, "Personal tools", breadcrumbs and "Document Actions" in the
site's interface language, which is not always the document's. The phrases are data, one small
table per language, and every table is consulted for every document. Matching works on folded
text (:func:`fold`), so case, accents, Persian letter variants and joiners do not matter.
"""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache
from typing import NamedTuple

# Lines that are chrome wherever they stand: skip links, tool boxes, document action bars.
ANYWHERE: dict[str, tuple[str, ...]] = {
    "en": (
        "skip to content",
        "skip to navigation",
        "skip to main content",
        "jump to content",
        "jump to navigation",
        "personal tools",
        "document actions",
        "back to top",
        "print this",
        "send this",
        "share this",
    ),
    "de": (
        "direkt zum inhalt",
        "direkt zur navigation",
        "zum inhalt springen",
        "zur navigation springen",
        "persönliche werkzeuge",
        "dokumentaktionen",
        "dokument-aktionen",
        "artikelaktionen",
        "benutzerspezifische werkzeuge",
        "nach oben",
        "seite drucken",
    ),
    "tr": (
        "içeriğe geç",
        "içeriğe atla",
        "gezinime geç",
        "navigasyona geç",
        "kişisel araçlar",
        "belge işlemleri",
        "belge eylemleri",
        "başa dön",
    ),
    "fr": (
        "aller au contenu",
        "passer au contenu",
        "aller à la navigation",
        "outils personnels",
        "actions sur le document",
        "actions du document",
        "haut de page",
    ),
    "es": (
        "saltar al contenido",
        "ir al contenido",
        "saltar a navegación",
        "ir a navegación",
        "saltar a contenido",
        "ir a contenido",
        "herramientas personales",
        "acciones de documento",
        "acciones del documento",
        "volver arriba",
    ),
    "fa": (
        "پرش به محتوا",
        "رفتن به محتوا",
        "پرش به ناوبری",
        "ابزارهای شخصی",
        "عملیات سند",
        "اقدامات سند",
        "کنش‌های سند",
        "عملکردهای سند",
        "ابزار شخصی",
        "پرش به منو",
        "بازگشت به بالا",
    ),
    "ru": (
        "перейти к содержимому",
        "перейти к навигации",
        "личные инструменты",
        "персональные инструменты",
        "действия с документом",
        "наверх",
        "в начало страницы",
    ),
    "ar": (
        "انتقل إلى المحتوى",
        "تخطى إلى المحتوى",
        "أدوات شخصية",
        "الأدوات الشخصية",
        "انتقل إلى التصفح",
        "تخطى إلى التصفح",
        "إجراءات الوثيقة",
        "إجراءات المستند",
        "العودة إلى الأعلى",
        "إلى الأعلى",
    ),
    "pt": (
        "pular para o conteúdo",
        "ir para o conteúdo",
        "saltar para o conteúdo",
        "ferramentas pessoais",
        "ir para a navegação",
        "pular para a navegação",
        "saltar para a navegação",
        "ações do documento",
        "voltar ao topo",
    ),
}

# Link labels of print, PDF, mail and share buttons: chrome wherever a line is made of them
# only. At the end of a page :mod:`.margins` finds such lines by shape in any language; this
# table catches them elsewhere and tells them from a list of signatories.
TAIL: dict[str, tuple[str, ...]] = {
    "en": ("pdf", "print", "e-mail", "email", "share", "tweet", "rss", "print version"),
    "de": ("drucken", "druckversion", "versenden", "teilen", "als pdf", "weiterempfehlen"),
    "tr": ("yazdır", "paylaş", "gönder", "e-posta", "başa dön"),
    "fr": ("imprimer", "partager", "envoyer", "version imprimable"),
    "es": ("imprimir", "compartir", "enviar", "versión para imprimir"),
    "pt": ("imprimir", "compartilhar", "partilhar", "enviar"),
    "ru": ("печать", "распечатать", "версия для печати", "поделиться", "отправить"),
    "fa": ("چاپ", "نسخه چاپی", "اشتراک", "اشتراک گذاری", "ارسال", "ایمیل"),
    "ar": ("طباعة", "نسخة للطباعة", "مشاركة", "إرسال", "أرسل", "البريد الإلكتروني"),
    "*": ("facebook", "twitter", "whatsapp", "telegram", "linkedin", "vkontakte", "reddit"),
}

# Lines that are chrome only above the title: menus, search boxes, "Home".
HEAD_ONLY: dict[str, tuple[str, ...]] = {
    "en": ("home", "navigation", "search", "search site", "sections", "menu", "log in", "login"),
    "de": ("startseite", "navigation", "suche", "menü", "rubriken", "anmelden"),
    "tr": ("ana sayfa", "anasayfa", "arama", "menü", "gezinti", "giriş yap"),
    "fr": ("accueil", "recherche", "rechercher", "menu", "rubriques", "se connecter"),
    "es": ("inicio", "búsqueda", "buscar", "menú", "secciones", "iniciar sesión"),
    "fa": ("خانه", "صفحه اصلی", "جستجو", "فهرست", "ورود"),
    "ru": ("главная", "главная страница", "поиск", "меню", "разделы", "войти"),
    "ar": ("الرئيسية", "الصفحة الرئيسية", "بحث", "القائمة", "تسجيل الدخول"),
    "pt": ("início", "página inicial", "pesquisar", "busca", "menu", "seções", "entrar"),
}

# Labels of a page's tag or category line ("Filed under: ICOR, Iran"): chrome before a colon.
TAG_LABELS: tuple[str, ...] = (
    "filed under", "tags", "tagged", "categories", "category", "schlagworter", "schlagwort",
    "kategorie", "kategorien", "etiquettes", "mots-cles", "categorie", "etiquetas", "categorias",
    "categoria", "etiketler", "kategori", "теги", "метки", "рубрика", "برچسب ها", "برچسب‌ها",
    "دسته بندی", "الوسوم", "التصنيف", "الكلمات المفتاحية",
)  # fmt: skip

# Breadcrumb labels: a line starting with one of these is a breadcrumb trail.
BREADCRUMB: dict[str, tuple[str, ...]] = {
    "en": ("you are here",),
    "de": ("sie sind hier", "sie befinden sich hier"),
    "tr": ("buradasınız", "şu an buradasınız", "bulunduğunuz yer"),
    "fr": ("vous êtes ici",),
    "es": ("usted está aquí", "está aquí", "estás aquí"),
    "fa": ("شما اینجا هستید", "شما در اینجا هستید", "مکان شما"),
    "ru": ("вы здесь", "вы находитесь здесь"),
    "ar": ("أنت هنا",),
    "pt": ("você está aqui", "voce esta aqui", "está aqui"),
}

# The first crumb of a trail that has no label ("Home / 2020 / ...").
HOME: tuple[str, ...] = (
    "home", "startseite", "ana sayfa", "anasayfa", "accueil", "inicio", "início", "خانه",
    "главная", "الرئيسية", "página inicial", "صفحه اصلی", "الصفحة الرئيسية",
)  # fmt: skip

MAX_TAG_WORDS = 20  # "Tags: a, b, c": a longer rest is a sentence after all
MAX_CRUMB_WORDS = 4  # a crumb before the last is a section name, not a sentence
_SEPARATORS = re.compile(r"\s+(?:/|›|»|>|→|::|\|)\s+")
# "© ICOR 2014 · Impressum", "Copyright 2014 ICOR": a short line, with a year after "Copyright".
_COPYRIGHT = re.compile(r"\s*(?:©|copyright\s(?=.*\b(?:19|20)\d\d\b)(?!(?:\S+\s+){8}))", re.I)
_NAV_PARTS = re.compile(r"\s*[|·•]\s*")
_CONTROL = {"\u200c", "\u200d", "\u200e", "\u200f", "\u061c", "\ufeff"}
_LETTER_VARIANTS = str.maketrans({"ي": "ی", "ى": "ی", "ك": "ک", "ة": "ه"})


def fold(text: str) -> str:
    """Fold text for matching: no case, accents, joiners or letter variants; ASCII digits.

    >>> fold("Sie sind HIER:  Startseite")
    'sie sind hier: startseite'
    >>> fold("۱۷ ژانویهٔ ۲۰۲۰")
    '17 ژانویه 2020'
    """
    out = []
    for char in unicodedata.normalize("NFKD", text.casefold()):
        if unicodedata.combining(char) or char in _CONTROL:
            continue
        digit = unicodedata.decimal(char, None)
        out.append(str(digit) if digit is not None else char)
    return " ".join("".join(out).translate(_LETTER_VARIANTS).split())


class _Tables(NamedTuple):
    anywhere: frozenset[str]
    head: frozenset[str]  # anywhere + head-only
    labels: tuple[str, ...]  # longest first, so "sie befinden sich hier" beats a shorter one
    home: frozenset[str]
    tail: frozenset[str]  # anywhere + the closing labels


@lru_cache(maxsize=1)
def _tables() -> _Tables:
    anywhere = frozenset(fold(p) for phrases in ANYWHERE.values() for p in phrases)
    head = anywhere | {fold(p) for phrases in HEAD_ONLY.values() for p in phrases}
    tail = anywhere | {fold(p) for phrases in TAIL.values() for p in phrases}
    labels = sorted({fold(p) for phrases in BREADCRUMB.values() for p in phrases}, key=len)
    home = frozenset(fold(h) for h in HOME)
    return _Tables(anywhere, head, tuple(reversed(labels)), home, tail)


def _phrase(part: str) -> str:
    # "Skip to content." and "Personal tools:" are the same phrases as without the stop.
    return fold(part).strip(" .:;,…-–|")


def _all_in(line: str, phrases: frozenset[str]) -> bool:
    parts = [p for p in _NAV_PARTS.split(line) if p.strip()]
    return bool(parts) and all(_phrase(p) in phrases for p in parts)


def breadcrumb_label(line: str) -> str:
    """Return the folded breadcrumb label the line starts with ("you are here"), or "".

    The label must end the line, be followed by a colon, or by a trail, so that a sentence
    like "Usted está aquí porque ..." is not taken for a breadcrumb.
    """
    folded = fold(line)
    for label in _tables().labels:
        rest = folded[len(label) :] if folded.startswith(label) else None
        if rest is None or rest[:1] not in ("", ":", " "):
            continue
        if not rest.strip() or rest.lstrip().startswith(":") or _SEPARATORS.search(rest):
            return label
    return ""


def crumbs(line: str) -> list[str]:
    """Split a breadcrumb trail into its crumbs, without a leading label; [] if not a trail."""
    label = breadcrumb_label(line)
    rest = fold(line)
    if label:
        rest = rest[len(label) :].lstrip(" :")
    parts = [p.strip() for p in _SEPARATORS.split(rest) if p.strip()]
    return parts if len(parts) >= 2 or (label and parts) else []


def is_chrome(line: str) -> bool:
    """True for a line that is chrome anywhere on a page (skip links, tools, breadcrumbs).

    >>> is_chrome("Skip to content. | Skip to navigation")
    True
    >>> is_chrome("We demand the immediate withdrawal of all foreign troops.")
    False
    """
    if _COPYRIGHT.match(line) or _tag_line(line):
        return True  # "© ICOR 2014 · Impressum", "Filed under: ICOR, Iran"
    return _all_in(line, _tables().anywhere) or bool(breadcrumb_label(line))


def _tag_line(line: str) -> bool:
    label, colon, rest = fold(line).partition(":")
    return bool(colon) and label.strip() in _tag_labels() and len(rest.split()) <= MAX_TAG_WORDS


@lru_cache(maxsize=1)
def _tag_labels() -> frozenset[str]:
    return frozenset(fold(label) for label in TAG_LABELS)


def is_head_chrome(line: str) -> bool:
    """True for a line that is chrome when it stands above the title (menus, "Home / 2020")."""
    if is_chrome(line) or _all_in(line, _tables().head):
        return True
    trail = crumbs(line)
    if trail and (trail[0] in _tables().home or _short_trail(trail)):
        return True
    return is_nav_line(line)


def _short_trail(trail: list[str]) -> bool:
    """A trail of three or more short crumbs ("Resolutionen › 2014 › Soma"), by its shape."""
    return len(trail) >= 3 and all(len(crumb.split()) <= MAX_CRUMB_WORDS for crumb in trail[:-1])


def is_tail_chrome(line: str) -> bool:
    """True for a line of closing link labels ("PDF", "Drucken | E-Mail", "Share").

    >>> is_tail_chrome("Drucken | Versenden | PDF")
    True
    """
    return _all_in(line, _tables().tail)


def is_nav_line(line: str) -> bool:
    """True for a menu bar: several short items separated by "|", "·" or "•"."""
    parts = [p for p in _NAV_PARTS.split(line) if p.strip()]
    return len(parts) >= 3 and all(len(p.split()) <= 3 for p in parts)


def repeats_title(line: str, title: str) -> bool:
    """True if the line is a breadcrumb trail whose last crumb is the title (maybe shortened)."""
    trail = crumbs(line)
    if not trail:
        return False
    last, wanted = trail[-1], fold(title)
    if last.endswith(("…", "...")):
        return len(last) > 4 and wanted.startswith(last.rstrip(".…").rstrip())
    return last == wanted
