"""The changes a person can make to catalog entries, as plain functions on polib entries.

Everything is stored in the PO file so other tools see it (see :mod:`translator.catalog.state`):

- save: ``msgstr`` set, provenance cleared (a person's translation), ``fuzzy`` off, or on for
  "needs review"; an empty text makes the entry untranslated again.
- approve: ``# approved: <user> <yyyy-mm-dd> <hash of msgstr>`` and ``fuzzy`` off. The hash ties
  the approval to the text: edited in Poedit or here, the approval lapses by itself; translator
  comments survive ``translator update``, msgmerge and Poedit.
- join: the first entry gets ``# joined: next`` and the translation of both sentences; the
  second gets ``# joined: previous`` and a copy of its source as msgstr, so it counts as done
  while the build leaves it out. Undo removes both marks and empties the second entry.
"""

from __future__ import annotations

import datetime as dt

import polib

from translator.catalog.state import (
    approve,
    comment_fields,
    dismiss,
    set_comment_field,
    set_fuzzy,
    set_human,
    translation_text,
    undismiss,
)
from translator.errors import TranslatorError
from translator.text import unsafe_character

MAX_LENGTH = 20_000


class EditError(TranslatorError):
    """A change that does not make sense for this entry (shown to the user as is)."""


def clean_text(text: str) -> str:
    """Normalize what a browser sends: CRLF to LF; refuse absurd sizes and control bytes."""
    text = (text or "").replace("\r\n", "\n").replace("\r", "\n")
    if len(text) > MAX_LENGTH:
        raise EditError(f"the translation is longer than {MAX_LENGTH} characters")
    if unsafe_character(text) is not None:
        raise EditError("the translation contains control characters or line separators")
    return text


def _editable(entry: polib.POEntry) -> None:
    if comment_fields(entry).get("joined") == "previous":
        raise EditError("this sentence is joined to the previous one; undo the join there")


def fit_line_breaks(source: str, text: str) -> str:
    """Line breaks at the ends as the source has them: GNU gettext refuses a catalog whose
    translation begins or ends with a line break its source lacks, or lacks one it has.

    A stray Enter at the end of a translation is dropped; a missing one is refused.

    >>> fit_line_breaks("Peace now.", "Frieden jetzt.\\n")
    'Frieden jetzt.'
    """
    if not text.strip():
        return text
    if not source.endswith("\n"):
        text = text.rstrip("\n")
    if not source.startswith("\n"):
        text = text.lstrip("\n")
    for where, test in (("begin", str.startswith), ("end", str.endswith)):
        if test(source, "\n") and not test(text, "\n"):
            raise EditError(
                f"the source sentence {where}s with a line break: so must the translation"
            )
    return text


def save_translation(entry: polib.POEntry, text: str, *, needs_review: bool = False) -> None:
    """A person's translation; empty text makes the entry untranslated."""
    _editable(entry)
    if entry.msgid_plural:
        raise EditError("this entry has plural forms: give one text per form")
    text = fit_line_breaks(entry.msgid, clean_text(text))
    if not text.strip():
        set_human(entry, "")
        set_fuzzy(entry, False)
        return
    set_human(entry, text, needs_review=needs_review)


def save_plural(entry: polib.POEntry, forms: list[str], *, needs_review: bool = False) -> None:
    """A person's translation of a plural entry, one text per plural form (in catalog order).

    Every form empty makes the entry untranslated; it counts as translated once all are filled.
    """
    _editable(entry)
    if not entry.msgid_plural:
        raise EditError("this entry has no plural forms")
    expected = len(entry.msgstr_plural) or len(forms)
    if len(forms) != expected:
        raise EditError(f"expected {expected} plural forms, not {len(forms)}")
    texts = [fit_line_breaks(entry.msgid, clean_text(text)) for text in forms]
    keep_draft = needs_review and any(t.strip() for t in texts)
    set_human(entry, "", needs_review=keep_draft)
    entry.msgstr_plural = {index: text for index, text in enumerate(texts)}


def plural_texts(entry: polib.POEntry) -> list[str]:
    """A plural entry's forms in catalog order."""
    return [entry.msgstr_plural[index] for index in sorted(entry.msgstr_plural)]


def mark_needs_review(entry: polib.POEntry) -> None:
    """Flag the translation as a draft (fuzzy) without changing it."""
    _editable(entry)
    if not (entry.msgstr or any(entry.msgstr_plural.values())):
        raise EditError("there is no translation to review yet")
    set_fuzzy(entry, True)
    set_comment_field(entry, "approved", None)


def approve_translation(entry: polib.POEntry, user: str, text: str | None = None) -> None:
    """Approve the current translation (or ``text``, saved first) as ``user`` today."""
    _editable(entry)
    if (
        text is not None
        and not entry.msgid_plural
        and fit_line_breaks(entry.msgid, clean_text(text)) != entry.msgstr
    ):
        save_translation(entry, text)
    if not translation_text(entry).strip():
        raise EditError("an empty translation cannot be approved")
    approve(entry, user, dt.date.today().isoformat())


def accept_draft(entry: polib.POEntry) -> None:
    """A reviewer accepts a machine or memory draft as it is: translated, its origin kept."""
    _editable(entry)
    if not entry.msgstr.strip():
        raise EditError("there is no draft to accept")
    set_fuzzy(entry, False)
    set_comment_field(entry, "approved", None)


def withdraw_approval(entry: polib.POEntry) -> None:
    """Back to "translated" (a reviewer changed their mind)."""
    set_comment_field(entry, "approved", None)


def join_entries(first: polib.POEntry, second: polib.POEntry, text: str) -> None:
    """``first`` carries the translation of both sentences; ``second`` is marked as joined."""
    _editable(first)
    if second.msgid_plural:
        raise EditError("plural entries cannot be joined")
    save_translation(first, text)
    set_comment_field(first, "joined", "next")
    set_human(second, second.msgid)
    set_comment_field(second, "joined", "previous")


def unjoin_entries(first: polib.POEntry, second: polib.POEntry | None, restore: str = "") -> None:
    """Undo a join: both sentences are separate again; the second gets ``restore`` (or nothing)."""
    if comment_fields(first).get("joined") != "next":
        raise EditError("this sentence is not joined to the next one")
    set_comment_field(first, "joined", None)
    if second is not None and comment_fields(second).get("joined") == "previous":
        set_comment_field(second, "joined", None)
        set_human(second, clean_text(restore))


def dismiss_check(entry: polib.POEntry, check_id: str, dismissed: bool = True) -> None:
    """A reviewer's decision that a failing check is fine here (``ignore-<id>`` flag)."""
    if dismissed:
        dismiss(entry, check_id)
    else:
        undismiss(entry, check_id)
