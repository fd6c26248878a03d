"""Our own sentence-end rules: full stops that are no end, and ends pysbd does not see.

``abbreviated`` tells whether a full stop marks an abbreviation, an initial or an ordinal
("Dr. Müller", "prof. Nowak", "J. R. Smith", "А.С. Пушкин", "J.-P. Sartre", "am 17. Januar",
"Lindenstr. 12", "At 5 a.m. Mr. Smith went") rather than the end of a sentence, from tables per
language; a one-letter word ("… you and I. Did you …"), a unit after a number ("373.15 K.") and
a time that closes a clause ("He left at 6 P.M. Mr. Smith then …", "It was 3 a.m. The …") still
end one. ``lower_start`` tells where a sentence may start lower-case (only Greek, as pysbd has
it). ``own_cuts`` adds boundaries pysbd misses: after the unambiguous full stops of other
scripts, after ``…``, ``!!!`` or a closing quote before a capital, a full stop glued to the
next sentence ("жағдайы.XVIII", "1,000.That"), a list-closing abbreviation ("usw.", "и т. д.",
"atď.") or a unit ("лв.") before a capital, "I." after a lower-case word, a dotted acronym
before a word that starts English sentences ("in the U.S. Do you?"), a number ending a
Scandinavian sentence ("kl. 10. Kom") and the Arabic semicolon. A year ("2021 г.") before a
capital is left to pysbd, which keeps it inside the sentence ("В 2010-2012 гг. Виктор ...").
"""

from __future__ import annotations

import re
from functools import lru_cache

from pysbd.languages import LANGUAGE_CODES

from translator.segment.language import FULL_STOPS

CLOSERS = "\"'“”‘’»›)]}*_」』》）"
OPENERS = "\"'“‘„«‹([{*_¿¡「『《（"
SPACE = " \u00a0\u202f"  # French puts a (narrow) no-break space before » ! ?
_STOPS = ".!?…‼⁇⁈⁉"
_CLOSE_RUN = rf"(?:[{SPACE}]?[{re.escape(CLOSERS)}])*"

# After a full stop and closing quotes a Japanese particle ("「行こう。」と言った") goes on; a
# book title's own mark ("《团结就是力量！》一书") ends nothing.
_QUOTE_CLOSERS = CLOSERS.replace("》", "")
_FULL_STOP_CUT = re.compile(
    rf"[{FULL_STOPS}](?:\s*(?=[^\s{re.escape(CLOSERS)}])"
    rf"|(?:[{SPACE}]?[{re.escape(_QUOTE_CLOSERS)}])*\s*(?=[^\s》\u3040-\u309f]))"
)
_SUSPENSION_CUT = re.compile(
    rf"(?:…|\.\.\.|[!?‼⁇⁈⁉]{{2,}}|[{re.escape(_STOPS)}](?:[{SPACE}]?[\"“”»)])+)\s+"
    rf"(?=[{re.escape(OPENERS)}]*[^\W\d_])"
)
# "жағдайы.XVIII ғасыр", "world.The", "world.I dag": a word ending in two lower-case letters, a
# full stop, then a capitalised word or a capital letter standing alone; or a number of two
# digits or more before a capitalised word ("bought 1,000.That", "in 2020.The"; "1.Helado" is
# an item of an inline list).
_GLUED_CUT = re.compile(
    r"(?<![\w.@/-])[^\W\d_]*[^\W\d_A-Z]{2}\.(?=[A-ZÀ-ÞА-ЯЁЇІЄҐΑ-Ω](?:[^\W\d_]|\s))"
    r"|(?<![\w.,@/-])\d[\d,.]*\d\.(?=[A-ZÀ-ÞА-ЯЁЇІЄҐΑ-Ω][^\W\d_A-ZÀ-ÞА-ЯЁЇІЄҐΑ-Ω])"
)
_ARABIC_SEMICOLON_CUT = re.compile(r"؛\s+(?=\S)")

# Abbreviations that do not end a sentence before a capital ("Dr. Müller", "z.B. Essen") and,
# in the second table, before a number ("Art. 5", "S. 12"; but "We say no. We fight.").
_NOT_FINAL = {
    "en": "mr mrs ms dr prof st e.g i.e vs cf incl approx gen col lt sgt rev hon",
    "de": "dr prof hr fr z.b bzw ca vgl d.h z.t sog med dent phil jur rer nat dipl",
    "fr": "m mme mlle dr pr ex p.ex cf",
    "es": "sr sra srta dr dra prof profa ej p.ej cf ing lic arq av avda",
    "it": "sig sig.ra sig.na dott dott.ssa prof prof.ssa ing avv arch geom rag on magg gen",
    "ru": "т е т.е г-н г-жа им пос пгт ул пр-т проф доц акад д-р канд",
    "bg": "проф д-р гр ул бул пл с",
    "kk": "проф акад",
    "uk": "т зв т.зв",
    "pl": "prof dr ul al pl os św ks mgr inż hab im ok",
    "sk": "prof dr ul nám",
    "tr": "dr prof bkz",
    "nl": "dhr mevr dr prof bijv o.a d.w.z",
    "da": "hr fr dr prof skt",
    "el": "κ κα δρ καθ",
    "ar": "د أ أ.د",
    "hi": "डॉ प्रो श्री",
    "mr": "डॉ प्रो श्री सौ कै कु श्रीमती इ.स",
}
_BEFORE_NUMBER = {
    "en": "no nos art p pp fig ch chap sec vol",
    "de": "nr art abs s str",
    "fr": "art n° p chap",
    "es": "art núm pág págs p cap caps párr párrf",
    "it": "art n pag pagg cap par",
    "ru": "см ст с кв д рис табл гл",
    "uk": "див ст с",
    "pl": "nr art ust s str pok poz tel godz rozdz m",
    "sk": "s str čl č ods",
    "da": "d nr s",
    "tr": "no",
    "nl": "nr art blz hfst",
    "el": "σελ σ αρ",
    "ar": "ص ج",
    "fa": "ص ج",
}
# Abbreviations that close a list ("… usw.", "… и др."): before a capital they end the sentence.
_LIST_ENDS = r"etc|usw|ecc|enz|osv|itd|itp|atď|atd|κλπ|и\s?др|и\s?пр|и\s?т\.\s?[дп]"
# A unit or currency after a number ("12,50 лв.", "373.15 K.") before a capital ends one.
_UNITS = r"лв|руб|долл|дол|коп|грн|тг|ч|мин|кг|км|см|мм|K|kr|Kč|Ft|km|kg|cm|mm|min|Hs"
_CAPITAL = "A-ZÀ-ÞА-ЯЁЇІЄҐΑ-ΩΆ-Ώ"
_LIST_END_CUT = re.compile(rf"(?<!\w)(?:{_LIST_ENDS})\.\s+(?=[{_CAPITAL}])")
_UNIT_CUT = re.compile(rf"\d\s?(?:{_UNITS})\.\s+(?=[{_CAPITAL}])")
_ONE_LETTER_CUT = re.compile(r"(?<=[a-z] )I\.\s+(?=[A-Z])")
# A dotted acronym before a word that starts English sentences ("in the U.S. Do you?"; but
# "the U.S. Government"): pronouns, articles, question words, auxiliaries, conjunctions.
_STARTERS = (
    "I You He She It We They This That These Those There The A An And But So Then Now Yet "
    "Do Does Did Is Are Was Were Can Could Will Would Should Have Has Had How What Where When "
    "Why Who Which"
)
_ACRONYM_END_CUT = re.compile(
    rf"(?<![\w.])(?:[A-Z]\.){{2,}}\s+(?=(?:{'|'.join(_STARTERS.split())})\b)"
)
# A number ending a Scandinavian sentence before a capitalised word ("kl. 10. Kom"): those
# languages write nouns and months lower-case, so no ordinal stands before a capital.
_ORDINAL_END_CUT = re.compile(r"(?<![\w.,])\d{1,2}\.\s+(?=[A-ZÆØÅÄÖ][a-zæøåäö])")
_LOWER_NOUNS = frozenset({"da", "nb", "nn", "no", "sv"})
# Capitalised one-letter words (not initials) that may end a sentence: "… you and I."
_ONE_LETTER_WORDS = {"en": frozenset({"I"})}
_MONTHS = (
    "january february march april may june july august september october november december "
    "januar februar märz april mai juni juli august september oktober november dezember jänner "
    "ocak şubat mart nisan mayıs haziran temmuz ağustos eylül ekim kasım aralık"
)
_MONTH_NAMES = frozenset(_MONTHS.split())
_TIME_ZONES = "est edt cst cdt pst pdt gmt utc cet cest"
_WEEKDAYS = "monday tuesday wednesday thursday friday saturday sunday"
# Words after "a.m." that continue the sentence: "at 6 a.m. Monday", "at 9 a.m. EST".
_TIME_FOLLOWERS = frozenset(f"{_WEEKDAYS} {_TIME_ZONES}".split()) | _MONTH_NAMES
_ORDINAL_LEADS = (  # German words before an ordinal number: "der 2. Weltkrieg", "zum 3. Mal"
    "der die das den dem des am im zum zur vom beim ins seit bis ab "
    "dieser diesem dieses unser unserem unseres ihr ihrem ihres sein seinem seines"
)
_ORDINAL_LEAD = frozenset(_ORDINAL_LEADS.split())
_ROMAN = re.compile(r"[IVXLC]+")
_ROMAN_NUMBER = re.compile(r"[IVXLC]+\b")
_LAST_WORD = re.compile(r"((?:[\w.°-]|[\u0900-\u0dff])+)\.$")  # Indic vowel signs: "डॉ."
# Initials written without spaces, in a script that writes no dotted acronyms ("А.С. Пушкин")
# or joined by a hyphen ("J.-P. Sartre").
_GLUED_INITIALS = re.compile(r"(?:[А-ЯЁЇІЄҐ]\.)+[А-ЯЁЇІЄҐ]|(?:[^\W\d_]\.-?)*[^\W\d_]\.-[^\W\d_]")
# Languages whose sentences may start lower-case after a full stop (pysbd's Greek rules).
_LOWER_STARTS = frozenset({"el"})
_TIME = re.compile(r"[ap]\.m", re.IGNORECASE)
_SHORT_LEAD = 4  # "At 5 a.m." opens a sentence; "He left the bank at 6 P.M." ends one
# Words that open a phrase of time ("At 5 a.m. Mr. Smith went", "Tomorrow at 9 a.m. John"); a
# clause ("It was 3 a.m. The house was quiet") ends at the time.
_TIME_LEAD_WORDS = (
    "at by before after until till from around about since on tomorrow today tonight "
    "yesterday every each between"
)
_TIME_LEADS = frozenset(_TIME_LEAD_WORDS.split())
_SHORT_WORD = 3  # letters: "ej", "vb", "npr" before a lower-case word are abbreviations


def own_cuts(text: str, base: str, dot_ends: bool) -> set[int]:
    """Cuts pysbd misses (see the module docstring); the keep rules still apply to them.

    :param base: primary language subtag, for the rules of one language.
    :param dot_ends: whether the Latin full stop ends sentences in this language at all.
    """
    cuts = {m.end() for m in _FULL_STOP_CUT.finditer(text)}
    if dot_ends:
        cuts.update(m.end() for m in _SUSPENSION_CUT.finditer(text))
        cuts.update(m.end() for m in _GLUED_CUT.finditer(text))
    cuts.update(m.end() for m in _LIST_END_CUT.finditer(text))
    if base != "de":  # German capitalises nouns: "5 kg. Mehl" is no end
        cuts.update(m.end() for m in _UNIT_CUT.finditer(text))
    if base == "en":
        cuts.update(m.end() for m in _ONE_LETTER_CUT.finditer(text))
        cuts.update(m.end() for m in _ACRONYM_END_CUT.finditer(text))
    if base in _LOWER_NOUNS:
        cuts.update(m.end() for m in _ORDINAL_END_CUT.finditer(text))
    if base == "ar":
        cuts.update(m.end() for m in _ARABIC_SEMICOLON_CUT.finditer(text))
    return cuts


def abbreviation_like(core: str, base: str, code: str) -> bool:
    """Whether the word before the final stop of ``core`` looks like an abbreviation or a
    number (one of ours or pysbd's, dotted, digits, at most three letters): such a stop before
    a lower-case word is no end ("p. ej. sobre", "vb. greve", "2019. godine")."""
    match = _LAST_WORD.search(core)
    if not match:
        return False
    token = match.group(1)
    letters = sum(ch.isalpha() for ch in token)
    dotted = "." in token or any(ch.isdigit() for ch in token)
    return dotted or letters <= _SHORT_WORD or library_abbreviation(token, base, code)


def lower_start(core: str, base: str, code: str) -> bool:
    """Whether a sentence may start with a lower-case word after the full stop ending ``core``:
    only in a language that allows it (Greek) and after no abbreviation-like word; elsewhere a
    stop before a lower-case word marks an abbreviation ("Depto. es", "Magg. dei")."""
    return base in _LOWER_STARTS and not abbreviation_like(core, base, code)


def library_abbreviation(token: str, base: str, code: str) -> bool:
    """Whether ``token`` (without its final stop) is a known abbreviation: one of our tables
    for the language or its pysbd language, or pysbd's own list for that language."""
    word = token.lower()
    return any(word in _abbreviations(name)[0] for name in (base, code)) or word in _library(code)


def abbreviated(core: str, following: str, base: str, code: str, opens_sentence: bool) -> bool:
    """Whether the full stop ending ``core`` marks an abbreviation or an ordinal, not an end.

    ``core`` is the text before the stop (or its last part), ``following`` the text after it;
    ``opens_sentence`` tells whether ``core`` starts where the current sentence starts.
    """
    match = _LAST_WORD.search(core)
    if not match:
        return False
    token, word = match.group(1), match.group(1).lower()
    previous = core[: match.start()].split()[-1:]
    if len(token) == 1 and token.isupper() and following[:1].isupper():
        return _initial(token, previous, base)
    if _GLUED_INITIALS.fullmatch(token) and following[:1].isupper():
        return True
    if _TIME.fullmatch(token):
        return _time_continues(core[: match.start()], following, opens_sentence)
    if not previous and opens_sentence and (token.isdigit() or _ROMAN.fullmatch(token)):
        return True  # a number opening a heading: "3. Kongress ...", "II. Resolution"
    if word.isdigit() and len(word) <= 2:
        next_word = re.match(r"\w*", following).group(0).lower()
        if next_word in _MONTH_NAMES:
            return True  # "16. January 2020", "17. Januar"
        return base == "de" and bool(previous) and previous[0].lower() in _ORDINAL_LEAD
    not_final, before_number = _abbreviations(base) if base in _NOT_FINAL else _abbreviations(code)
    street = base == "de" and word.endswith("str")  # "Lindenstr. 12"
    numbered = following[:1].isdigit() or bool(_ROMAN_NUMBER.match(following))  # "chap. II"
    return word in not_final or ((word in before_number or street) and numbered)


def _initial(token: str, previous: list[str], base: str) -> bool:
    """An upper-case letter and a stop before a capital: an initial ("J. R. Smith",
    "В. І. Ленін"), unless it is a one-letter word after a lower-case one ("you and I.") or a
    unit after a number ("373.15 K.")."""
    if previous and previous[0][-1:].isdigit():
        return False
    word = token in _ONE_LETTER_WORDS.get(base, ())
    return not (word and previous and previous[0][:1].islower())


def _time_continues(before: str, following: str, opens_sentence: bool) -> bool:
    """Whether "a.m."/"p.m." before a capital is inside its sentence: before a weekday, month
    or time zone ("6 a.m. Monday"), or closing a short opening phrase ("At 5 a.m. Mr. Smith")."""
    next_word = re.match(r"\w*", following).group(0).lower()
    if next_word in _TIME_FOLLOWERS:
        return True
    words = before.split()
    leads = bool(words) and words[0].lower().strip("\"'“‘(") in _TIME_LEADS
    return opens_sentence and leads and len(words) <= _SHORT_LEAD - 1


@lru_cache(maxsize=64)
def _library(code: str) -> frozenset[str]:
    """pysbd's abbreviation list for one of its languages."""
    words = LANGUAGE_CODES[code].Abbreviation.ABBREVIATIONS
    return frozenset(word.strip().lower() for word in words)


@lru_cache(maxsize=64)
def _abbreviations(base: str) -> tuple[frozenset[str], frozenset[str]]:
    """Abbreviations never final, and those never final before a number, for a language."""
    return (
        frozenset(_NOT_FINAL.get(base, "").split()),
        frozenset(_BEFORE_NUMBER.get(base, "").split()),
    )
