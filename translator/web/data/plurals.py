"""Plural forms of a language as the editor shows them: one field per form of the catalog's
``Plural-Forms`` (or Babel's rule for the language), each named by its CLDR plural category
(``zero``, ``one``, ``two``, ``few``, ``many``, ``other``) with example numbers.

A form's category is found by evaluating the gettext plural expression on sample numbers and
asking Babel which category each number belongs to, so the names follow the catalog's own rule
even where its form order differs from CLDR's.

>>> [(form.index, form.name, form.examples[:3]) for form in plural_forms("de")]
[(0, 'one', [1]), (1, 'other', [0, 2, 3])]
"""

from __future__ import annotations

import gettext
import re
from dataclasses import dataclass, field

from babel import Locale, UnknownLocaleError
from babel.messages.plurals import get_plural

SAMPLES = [*range(0, 1001), 10**6, 2 * 10**6, 10**7]
EXAMPLES = 4
MAX_FORMS = 6
_HEADER = re.compile(r"nplurals\s*=\s*(\d+)\s*;\s*plural\s*=\s*([^;]+);?")


@dataclass
class PluralForm:
    index: int
    name: str  # CLDR category, or "form N" when no sample number reaches it
    examples: list[int] = field(default_factory=list)


def _rule(lang: str, header: str) -> tuple[int, str]:
    match = _HEADER.search(header or "")
    if match and 0 < int(match.group(1)) <= MAX_FORMS:
        return int(match.group(1)), match.group(2).strip()
    try:
        found = get_plural(lang.replace("-", "_"))
    except (ValueError, UnknownLocaleError):
        return 2, "(n != 1)"
    return found.num_plurals, found.plural_expr


def plural_forms(lang: str, header: str = "") -> list[PluralForm]:
    """The forms of ``lang`` in catalog order (``header``: the catalog's ``Plural-Forms``)."""
    count, expression = _rule(lang, header)
    try:
        choose = gettext.c2py(expression)
    except (ValueError, SyntaxError):
        count, choose = 2, gettext.c2py("(n != 1)")
    try:
        locale = Locale.parse(lang.replace("-", "_"))
    except (ValueError, UnknownLocaleError):
        locale = Locale("en")
    forms = [PluralForm(index, f"form {index}") for index in range(count)]
    named: set[int] = set()
    for number in SAMPLES:
        index = choose(number)
        if not 0 <= index < count:
            continue
        form = forms[index]
        if index not in named:
            form.name = locale.plural_form(number)
            named.add(index)
        if len(form.examples) < EXAMPLES:
            form.examples.append(number)
    return forms
