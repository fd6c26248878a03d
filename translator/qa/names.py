"""Names and acronyms: the source's acronyms must survive, and an unchanged copy must be justified.

``acronyms`` is our own: Translate Toolkit's ``acronyms`` only finds a Latin acronym spelled
the same way, so it rejects Russian "НАТО" for "NATO", has no way to accept a glossary's
rendering (Persian "آیکور" for ICOR), and Arabic switches it off altogether. Ours accepts the
acronym as written (inflection suffixes allowed: "ICOR'un", "MLPD-Vorsitz"), a glossary
rendering, or a Cyrillic/Greek transliteration of it, and skips a short list of acronyms that
languages usually translate (UN -> ONU, ООН; EU -> UE, ЕС; NATO -> OTAN).

``unchanged`` wraps TT's ``unchanged`` (its fuzzy "same except case, variables and
accelerators" comparison is right), and skips what may legitimately stay as it is: signatory
lines, copies the prefill made on purpose, and segments made only of acronyms, numbers,
addresses and the glossary's do-not-translate names.
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

from translator.catalog.state import entry_role, origin
from translator.model import Issue, Role, Severity
from translator.qa.base import Check, ToolkitCheck, base_language
from translator.qa.markup import strip_link_targets

if TYPE_CHECKING:
    import polib


def _words(spec: str) -> list[str]:
    return spec.split()


#: acronyms that languages commonly translate; their absence is not reported
TRANSLATED_ACRONYMS = frozenset(
    _words(
        "UN UNO EU EC US USA UK USSR GDR FRG NATO WHO IMF ILO WTO OECD UNESCO UNICEF UNHCR OPEC "
        "AIDS HIV COVID GDP CEO LGBT LGBTQ LGBTI LGBTIQ TV OK AM PM AD BC ID PC"
    )
)
_WORD = re.compile(r"[^\W_][\w]*")
_ROMAN = re.compile(r"(?:XC|XL|L?X{0,3})(?:IX|IV|V?I{0,3})")  # up to 99: congresses, centuries
_URL = re.compile(r"\w+://\S+|www\.\S+|\S+@\S+\.\w+")
_LATIN = {
    **dict(
        zip(
            "АБВГДЕЁЖЗИЙКЛМНОПРСТУФХЦЧШЩЪЫЬЭЮЯІЇЄҐЈЉЊЋЂЏ",
            _words(
                "A B V G D E E ZH Z I I K L M N O P R S T U F KH TS CH SH SHCH _ Y _ E YU YA "
                "I I E G J LJ NJ C DJ DZ"
            ),
            strict=True,
        )
    ),
    **dict(
        zip(
            "ΑΒΓΔΕΖΗΘΙΚΛΜΝΞΟΠΡΣΤΥΦΧΨΩ",
            _words("A V G D E Z I TH I K L M N X O P R S T Y F CH PS O"),
            strict=True,
        )
    ),
}
_FOLD = str.maketrans({"C": "K", "Q": "K", "W": "V", "Y": "I", "J": "I", "_": None})


def latin_key(word: str) -> str:
    """A rough Latin spelling of an upper-case word, for comparing transliterated acronyms.

    >>> latin_key("ИКОР") == latin_key("ICOR"), latin_key("ΝΑΤΟ") == latin_key("NATO")
    (True, True)
    """
    spelled = "".join(_LATIN.get(char, char) for char in word.upper())
    return spelled.translate(_FOLD)


def find_acronyms(text: str) -> list[str]:
    """Upper-case words of two or more letters (any cased script), Roman numerals left out.

    >>> find_acronyms("CPI (ML) Red Star and the БКП, with UN support")
    ['CPI', 'ML', 'БКП', 'UN']
    """
    text = _URL.sub(" ", strip_link_targets(text))
    words = _WORD.findall(text)
    if sum(word.isupper() for word in words) == len(words) > 2:
        return []  # a line in capitals: its words are not acronyms
    found = []
    for word in words:
        letters = sum(char.isalpha() for char in word)
        if letters >= 2 and word.isupper() and not _ROMAN.fullmatch(word) and word not in found:
            found.append(word)
    return found


def contains_name(text: str, name: str) -> bool:
    """True when ``name`` stands in ``text`` as a word, perhaps with a lower-case ending.

    >>> contains_name("ICOR'un kararı", "ICOR"), contains_name("MLPD", "ML")
    (True, False)
    """
    start = text.find(name)
    while start != -1:
        before = text[start - 1] if start else " "
        after = text[start + len(name)] if start + len(name) < len(text) else " "
        if (
            not before.isalnum()
            and not (after.isalpha() and after.isupper())
            and not (after.isdigit())
        ):
            return True
        start = text.find(name, start + 1)
    return False


class AcronymsCheck(Check):
    check_id = "acronyms"
    name = "Acronyms and names"
    description = (
        "Acronyms of the source (ICOR, MLPD, CPI (ML)) must appear in the translation, as written, "
        "transliterated, or as the glossary renders them."
    )
    severity = Severity.WARNING

    def check_single(self, source: str, target: str, entry: polib.POEntry) -> Issue | None:
        glossary = self.context.glossary
        target_keys = {latin_key(word) for word in _WORD.findall(target) if word.isupper()}
        missing = [
            acronym
            for acronym in find_acronyms(source)
            if acronym not in TRANSLATED_ACRONYMS
            and not (glossary and glossary.has_term(acronym))  # the glossary check reports it
            and not contains_name(target, acronym)
            and latin_key(acronym) not in target_keys
        ]
        if not missing:
            return None
        return self.issue(f"missing in the translation: {', '.join(missing)}")


class UnchangedCheck(ToolkitCheck):
    check_id = "unchanged"
    name = "Unchanged translation"
    description = "The translation is the source text as it is (signatories and names excepted)."
    severity = Severity.WARNING
    toolkit_test = "unchanged"

    def applies(self) -> bool:
        same = base_language(self.context.lang) == base_language(self.context.source_lang)
        return super().applies() and not same

    def check_single(self, source: str, target: str, entry: polib.POEntry) -> Issue | None:
        if entry_role(entry) == Role.SIGNATORY or origin(entry) == "copy":
            return None
        if self._names_only(source):
            return None
        failed = self.toolkit(source, target)
        return failed and self.issue("the translation is the source text: translate it")

    def _names_only(self, source: str) -> bool:
        """True when nothing in ``source`` but acronyms, numbers, addresses and kept names."""
        rest = _URL.sub(" ", strip_link_targets(source))
        glossary = self.context.glossary
        for name in sorted(glossary.kept_names() if glossary else (), key=len, reverse=True):
            rest = rest.replace(name, " ")
        acronyms = set(find_acronyms(source))
        words = [word for word in _WORD.findall(rest) if not word.isdigit()]
        return all(word in acronyms or len(word) < 2 for word in words)
