"""``translator commit``: the changed catalogs as one commit per author, the author taken from
the audit log, and a message saying what changed.

Each catalog that differs from HEAD is compared entry by entry with HEAD's version. An entry
whose content changed is credited to whoever the audit log says changed it last since the
file's last commit; changes nobody logged (``translator update``, a PO editor on the server)
go into a first commit by the committer. The commits follow one another in the order the
authors last worked; a catalog touched by several authors is committed in steps, each step
the work-tree file with the later authors' entries still as in HEAD, the last step the
work-tree file itself. The work tree is never touched.
"""

from __future__ import annotations

import contextlib
import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

import polib

from translator.catalog import catalog_lock
from translator.catalog.io import catalog_text, parse_catalog
from translator.catalog.state import entry_state
from translator.errors import TranslatorError
from translator.gitstore.repo import Identity, Repo

# (document, language) -> msgid -> (user name, UTC time "YYYY-MM-DD HH:MM:SS", text after)
# of the entry's last logged change
LastChanges = Callable[[str, str], dict[str, tuple[str, str, str]]]
IdentityOf = Callable[[str], Identity]


@dataclass
class CatalogChange:
    """One changed catalog: its path, texts, and the changed entries by author."""

    path: str  # relative to the work tree
    document: str
    language: str
    text: bytes  # the work-tree file
    po: polib.POFile
    old: dict[str, polib.POEntry]  # HEAD's live entries by msgid_with_context
    by_author: dict[str | None, list[str]] = field(default_factory=dict)  # -> entry keys
    latest: dict[str, str] = field(default_factory=dict)  # author -> time of last change


@dataclass
class CommitReport:
    commits: list[dict] = field(default_factory=list)
    errors: list[str] = field(default_factory=list)


def entry_content(entry: polib.POEntry) -> tuple:
    """What a person changes in an entry (role flags and positions are the template's)."""
    flags = tuple(sorted(flag for flag in entry.flags if not flag.startswith("role-")))
    plurals = tuple(entry.msgstr_plural[k] for k in sorted(entry.msgstr_plural))
    return entry.msgstr, plurals, flags, entry.tcomment or ""


def commit_catalogs(
    repo: Repo,
    locales_dir: Path,
    last_changes: LastChanges,
    identity_of: IdentityOf,
    message: str = "",
    held: list[str] | None = None,
) -> CommitReport:
    """Commit every changed catalog under ``locales_dir`` (see the module's description).

    :param held: catalogs (work-tree paths) whose locks the caller holds already.
    """
    report = CommitReport()
    changes = []
    for path in repo.changed(repo.relative(locales_dir)):
        if not path.endswith(".po"):
            continue
        try:
            change = read_change(repo, path, lock=path not in (held or ()))
        except TranslatorError as exc:
            report.errors.append(str(exc))
            continue
        if change is not None:
            credit_entries(repo, change, last_changes)
            changes.append(change)
    for author, files, catalogs in plan_commits(changes):
        who = identity_of(author) if author else repo.committer()
        text = commit_message(author, catalogs, message)
        sha = repo.commit(files, text, who)
        report.commits.append(
            {"commit": sha, "author": f"{who.name} <{who.email}>", "files": sorted(files)}
        )
    return report


def read_change(repo: Repo, path: str, *, lock: bool = True) -> CatalogChange | None:
    """The work-tree catalog (read under its lock) and HEAD's entries."""
    full = repo.top / path
    parts = Path(path).parts
    if len(parts) < 4 or parts[-2] != "LC_MESSAGES":
        return None
    with catalog_lock(full) if lock else contextlib.nullcontext():
        text = full.read_bytes()
    po = parse_catalog(text.decode("utf-8"), path)
    old_text = repo.blob("HEAD", path) if repo.head() else None
    old_po = parse_catalog(old_text.decode("utf-8"), f"HEAD:{path}") if old_text else None
    old = {e.msgid_with_context: e for e in old_po or () if not e.obsolete and e.msgid}
    return CatalogChange(path, Path(path).stem, parts[-3], text, po, old)


def credit_entries(repo: Repo, change: CatalogChange, last_changes: LastChanges) -> None:
    """Sort the catalog's changed entries by who made them (None: nobody logged it)."""
    since = _utc(repo.last_change(change.path))
    logged = last_changes(change.document, change.language)
    for entry in change.po:
        if entry.obsolete or not entry.msgid:
            continue
        old = change.old.get(entry.msgid_with_context)
        if old is not None and entry_content(old) == entry_content(entry):
            continue
        if old is None and not entry.msgstr and not entry.tcomment:
            continue  # a new, empty sentence: part of the structure
        who, when, after = logged.get(entry.msgid, (None, "", ""))
        if who is not None and (after != entry.msgstr or (since and when < since)):
            who = None  # the logged change is not what the file holds: it came another way
        change.by_author.setdefault(who, []).append(entry.msgid_with_context)
        if who is not None:
            change.latest[who] = max(change.latest.get(who, ""), when)


def plan_commits(changes: list[CatalogChange]):
    """``(author, {path: content}, [(change, keys)])`` per commit, in commit order."""
    latest: dict[str, str] = {}
    for change in changes:
        if not change.by_author:
            change.by_author[None] = []  # only the header or structure changed
        for who, when in change.latest.items():
            latest[who] = max(latest.get(who, ""), when)
    order: list[str | None] = [None] + sorted(latest, key=lambda who: (latest[who], who))
    plans = []
    for position, author in enumerate(order):
        files, catalogs = {}, []
        for change in changes:
            if author not in change.by_author:
                continue
            later = [who for who in order[position + 1 :] if who in change.by_author]
            files[change.path] = change.text if not later else _step(change, later)
            catalogs.append((change, change.by_author[author]))
        if files:
            plans.append((author, files, catalogs))
    return plans


def _step(change: CatalogChange, later: list[str | None]) -> bytes:
    """The work-tree catalog with the entries of ``later`` authors as they are in HEAD."""
    po = parse_catalog(change.text.decode("utf-8"), change.path)
    pending = {key for who in later for key in change.by_author[who]}
    for entry in po:
        if entry.msgid_with_context in pending and not entry.obsolete:
            _restore(entry, change.old.get(entry.msgid_with_context))
    return catalog_text(po).encode("utf-8")


def _restore(entry: polib.POEntry, old: polib.POEntry | None) -> None:
    roles = [flag for flag in entry.flags if flag.startswith("role-")]
    if old is None:
        entry.msgstr, entry.tcomment, entry.previous_msgid = "", "", None
        entry.flags = roles
        return
    entry.msgstr = old.msgstr
    entry.msgstr_plural = dict(old.msgstr_plural)
    entry.tcomment = old.tcomment
    entry.previous_msgid = old.previous_msgid
    entry.flags = [flag for flag in old.flags if not flag.startswith("role-")] + roles


def commit_message(author: str | None, catalogs: list, subject: str = "") -> str:
    """Subject and one line per catalog: what state the changed entries are in now."""
    lines = []
    languages, documents, total = set(), set(), 0
    for change, keys in catalogs:
        counts: dict[str, int] = {}
        for entry in change.po:
            if entry.msgid_with_context in keys and not entry.obsolete:
                state = str(entry_state(entry))
                counts[state] = counts.get(state, 0) + 1
        total += len(keys)
        languages.add(change.language)
        documents.add(change.document)
        described = ", ".join(f"{n} {state}" for state, n in sorted(counts.items()))
        lines.append(f"- {change.document} [{change.language}]: {described or 'header only'}")
    if not subject:
        subject = _subject(author, sorted(languages), sorted(documents), total)
    return subject + "\n\n" + "\n".join(lines) + "\n"


def _subject(author: str | None, languages: list[str], documents: list[str], total: int) -> str:
    where = documents[0] if len(documents) == 1 else f"{len(documents)} documents"
    if author is None:
        return f"{', '.join(languages)}: catalog changes made outside the editor ({where})"
    entries = f"{total} entr{'y' if total == 1 else 'ies'}"
    return f"{', '.join(languages)}: {entries} in {where}"


def _utc(epoch: int | None) -> str:
    if epoch is None:
        return ""
    return dt.datetime.fromtimestamp(epoch, dt.UTC).strftime("%Y-%m-%d %H:%M:%S")
