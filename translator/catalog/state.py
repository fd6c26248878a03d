"""What state an entry is in, and where its translation came from, stored in the PO file itself.

Provenance and approval live in translator comments (``# key: value`` lines), which msgmerge,
``translator update``, Poedit and Weblate keep. ``fuzzy`` means "needs review" everywhere.

- ``# origin: mt:google`` / ``# origin: tm:87 <slug>`` / ``# origin: human`` / ``# origin: copy``
  / ``# origin: date`` / ``# origin: glossary`` (a sentence the glossary translates whole)
- ``# approved: <user> <yyyy-mm-dd> <hash>``: valid only while the msgstr hashes to ``<hash>``,
  so an approval silently goes stale when someone edits the text in Poedit.
- ``# joined: next`` on an entry whose translation also covers the following sentence; the
  following entry carries ``# joined: previous`` and a copy of its source as msgstr.
"""

from __future__ import annotations

import hashlib
import re

import polib

from translator.model import EntryState, Role

FUZZY = "fuzzy"
_FIELD = re.compile(r"^([a-z][a-z-]*): ?(.*)$")
MACHINE_PREFIXES = ("mt:", "tm:", "copy", "date", "glossary")


def comment_fields(entry: polib.POEntry) -> dict[str, str]:
    """The ``key: value`` lines of the translator comment."""
    fields = {}
    for line in (entry.tcomment or "").splitlines():
        match = _FIELD.match(line.strip())
        if match:
            fields[match.group(1)] = match.group(2).strip()
    return fields


def set_comment_field(entry: polib.POEntry, key: str, value: str | None) -> None:
    """Set (or with ``None`` remove) one ``key: value`` line, keeping every other line."""
    lines = [
        line
        for line in (entry.tcomment or "").splitlines()
        if not line.strip().startswith(f"{key}:")
    ]
    if value is not None:
        lines.append(f"{key}: {value}")
    entry.tcomment = "\n".join(lines)


def text_hash(text: str) -> str:
    """Short stable fingerprint of a translation, used by approvals."""
    return hashlib.sha1(text.encode("utf-8")).hexdigest()[:10]


def origin(entry: polib.POEntry) -> str:
    """Where the current translation came from (``human`` when not recorded)."""
    return comment_fields(entry).get("origin", "human" if entry.msgstr else "")


def is_machine(entry: polib.POEntry) -> bool:
    """True for drafts made by an engine, the memory or a copy, not a person."""
    return origin(entry).startswith(MACHINE_PREFIXES)


def is_fuzzy(entry: polib.POEntry) -> bool:
    return FUZZY in entry.flags


def translation_text(entry: polib.POEntry) -> str:
    """The translation as one string: ``msgstr``, or a plural entry's forms when all are filled
    ("" otherwise, as gettext counts a plural entry with an empty form as untranslated)."""
    if entry.msgid_plural:
        forms = [entry.msgstr_plural[k] for k in sorted(entry.msgstr_plural)]
        return "\x1f".join(forms) if forms and all(forms) else ""
    return entry.msgstr


def is_approved(entry: polib.POEntry) -> bool:
    """Approved by a reviewer, and not edited since."""
    text = translation_text(entry)
    if not text or is_fuzzy(entry) or entry.obsolete:
        return False
    parts = comment_fields(entry).get("approved", "").split()
    return len(parts) >= 3 and parts[-1] == text_hash(text)


def entry_state(entry: polib.POEntry) -> EntryState:
    """untranslated, draft (fuzzy), translated, or approved, as gettext tools would count it."""
    if not translation_text(entry):
        return EntryState.UNTRANSLATED
    if is_fuzzy(entry):
        return EntryState.DRAFT
    return EntryState.APPROVED if is_approved(entry) else EntryState.TRANSLATED


def entry_role(entry: polib.POEntry) -> Role:
    """The segment role from the ``role-*`` flag (paragraph when absent)."""
    for flag in entry.flags:
        if flag.startswith("role-"):
            try:
                return Role(flag[5:])
            except ValueError:
                continue
    return Role.PARAGRAPH


def set_draft(entry: polib.POEntry, text: str, source: str, *, warning: str | None = None) -> None:
    """Store a machine or memory draft: fuzzy, with its origin; never on a human translation.

    ``warning`` (e.g. markup the engine lost) is kept as ``# mt-warning: ...`` for reviewers.
    """
    entry.msgstr = text
    if FUZZY not in entry.flags:
        entry.flags.insert(0, FUZZY)
    set_comment_field(entry, "origin", source)
    set_comment_field(entry, "approved", None)
    set_comment_field(entry, "mt-warning", warning)


def set_human(entry: polib.POEntry, text: str, *, needs_review: bool = False) -> None:
    """Store a person's translation; it clears machine provenance and any stale approval."""
    entry.msgstr = text
    set_comment_field(entry, "origin", None)
    set_comment_field(entry, "approved", None)
    set_comment_field(entry, "mt-warning", None)
    entry.previous_msgid = None
    set_fuzzy(entry, needs_review)


def set_fuzzy(entry: polib.POEntry, fuzzy: bool) -> None:
    if fuzzy and FUZZY not in entry.flags:
        entry.flags.insert(0, FUZZY)
    elif not fuzzy and FUZZY in entry.flags:
        entry.flags.remove(FUZZY)
    if not fuzzy:
        entry.previous_msgid = None


def approve(entry: polib.POEntry, user: str, day: str) -> None:
    """Mark the current translation approved by ``user`` on ``day`` (clears fuzzy)."""
    set_fuzzy(entry, False)
    set_comment_field(entry, "approved", f"{user} {day} {text_hash(translation_text(entry))}")


def change_key(old: str, new: str) -> str:
    """Fingerprint of one source change (old sentence -> new sentence), shared by all languages."""
    return text_hash(f"{old}\0{new}")


def pending_amendment(entry: polib.POEntry) -> bool:
    """A translation carried over from a changed source sentence, with no coordinator decision.

    A decision is the translator comment ``amendment: <minor|substantive> <change key> ...``;
    it stops counting when the source changes again (the key no longer matches).
    """
    if entry.obsolete or not entry.previous_msgid or not entry.msgstr or not is_fuzzy(entry):
        return False
    decided = comment_fields(entry).get("amendment", "").split()
    return not (len(decided) >= 2 and decided[1] == change_key(entry.previous_msgid, entry.msgid))


IGNORE_PREFIX = "ignore-"


def ignore_flag(check_id: str) -> str:
    """The ``#,`` flag that dismisses one check on one entry (Weblate's spelling).

    >>> ignore_flag("end_punctuation")
    'ignore-end-punctuation'
    """
    return IGNORE_PREFIX + check_id.replace("_", "-")


def dismiss(entry: polib.POEntry, check_id: str) -> bool:
    """Store a reviewer's dismissal of ``check_id`` on ``entry``; False if it was already there."""
    flag = ignore_flag(check_id)
    if flag in entry.flags:
        return False
    entry.flags.append(flag)
    return True


def undismiss(entry: polib.POEntry, check_id: str) -> bool:
    """Bring a dismissed check back; False if it was not dismissed."""
    flag = ignore_flag(check_id)
    if flag not in entry.flags:
        return False
    entry.flags.remove(flag)
    return True


def dismissed_checks(entry: polib.POEntry) -> list[str]:
    """Check ids dismissed on ``entry`` (snake_case, as the registry names them)."""
    return [
        flag[len(IGNORE_PREFIX) :].replace("-", "_")
        for flag in entry.flags
        if flag.startswith(IGNORE_PREFIX)
    ]
