"""A file a translator sends back, in one shape whatever its format, and checked.

An :class:`Upload` (read by :mod:`translator.exchange.reading`) says which document and
language the file is for, which tool wrote it, the base it was exported from (if it was) and
holds one :class:`UploadedEntry` per sentence. :func:`check_upload` compares it with the
catalog it is meant for and names every problem with its line and entry; an upload with
problems is never merged.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

import polib

from translator.errors import TranslatorError
from translator.exchange.snapshot import ExportBase, Proposal, entry_id, exchange_entries
from translator.languages import normalize_language
from translator.text import unsafe_character

MAX_TEXT = 20_000  # the editor's limit too
MAX_ENTRIES = 20_000


class UploadError(TranslatorError):
    """A file that cannot be merged; ``problems`` lists each reason (file:line: entry: why)."""

    def __init__(self, problems: list[str]):
        self.problems = list(problems)
        count = len(self.problems)
        first = self.problems[0] if self.problems else "unreadable"
        more = f" (and {count - 1} more problem{'s' if count > 2 else ''})" if count > 1 else ""
        super().__init__(first + more)


@dataclass
class UploadedEntry:
    """One sentence of an uploaded file."""

    msgid: str
    msgctxt: str | None
    proposal: Proposal
    line: int = 0
    id: str = ""  # entry id; found from the source text when the file has none of ours
    base: str | None = None  # the entry's fingerprint at export, when the file carries it
    plural: bool = False

    def __post_init__(self):
        if not self.id:
            self.id = entry_id(polib.POEntry(msgid=self.msgid, msgctxt=self.msgctxt))


@dataclass
class Upload:
    """An uploaded file, format aside."""

    name: str
    format: str
    language: str = ""
    document: str = ""
    tool: str = ""  # lower-case name of the program that wrote it, "" when unknown
    base: ExportBase | None = None
    entries: list[UploadedEntry] = field(default_factory=list)

    @property
    def origin(self) -> str:
        """What the audit log records as the source of the changes."""
        return f"upload:{self.tool}" if self.tool else "upload"

    def where(self, item: UploadedEntry) -> str:
        """``name:line: "sentence..."`` for messages about one entry."""
        at = f"{self.name}:{item.line}" if item.line else self.name
        return f"{at}: {_excerpt(item.msgid)}"


def tool_name(generator: str) -> str:
    """``Poedit 3.4.2`` -> ``poedit``; our own exports and nonsense -> ``""``."""
    word = (generator or "").strip().split(" ")[0].lower()
    word = re.sub(r"[^a-z0-9._-]", "", word)[:30]
    return "" if word in ("", "translator") else word


def check_upload(upload: Upload, catalog: polib.POFile, document: str, language: str) -> None:
    """Refuse a file meant for another catalog, or with entries the catalog does not know.

    :raises UploadError: with every problem found, each naming its line and sentence.
    """
    problems = _header_problems(upload, document, language)
    known = {entry_id(entry): entry for entry in exchange_entries(catalog)}
    seen: dict[str, int] = {}
    if len(upload.entries) > MAX_ENTRIES:
        problems.append(f"{upload.name}: more than {MAX_ENTRIES} entries")
    for item in upload.entries[:MAX_ENTRIES]:
        problems += _entry_problems(upload, item, known, seen)
    if problems:
        raise UploadError(problems)


def _header_problems(upload: Upload, document: str, language: str) -> list[str]:
    problems = []
    if upload.document and upload.document != document:
        problems.append(
            f"{upload.name}: the file is for the document {upload.document!r}, not {document!r}"
        )
    if not upload.language:
        problems.append(f"{upload.name}: the file does not say its language (expected {language})")
    elif not same_language(upload.language, language):
        problems.append(
            f"{upload.name}: the file is in {upload.language!r}, this catalog is {language!r}"
        )
    if upload.base is not None and upload.base.language and upload.base.language != language:
        problems.append(f"{upload.name}: exported from the {upload.base.language} catalog")
    return problems


def _entry_problems(
    upload: Upload, item: UploadedEntry, known: dict[str, polib.POEntry], seen: dict[str, int]
) -> list[str]:
    where = upload.where(item)
    if item.id in seen:
        return [f"{where}: appears twice (first at line {seen[item.id]})"]
    seen[item.id] = item.line
    entry = known.get(item.id)
    if entry is None:
        return [f"{where}: not in the catalog (another document, or an older version?)"]
    problems = []
    if entry.msgid != item.msgid:
        problems.append(f"{where}: the source text differs from the catalog's")
    text = item.proposal.text
    if len(text) > MAX_TEXT:
        problems.append(f"{where}: the translation is longer than {MAX_TEXT} characters")
    char = unsafe_character(text)
    if char is not None:
        problems.append(f"{where}: the translation contains U+{ord(char):04X}")
    if text and text.endswith("\n") != entry.msgid.endswith("\n"):
        problems.append(f"{where}: a line break ends only one of source and translation")
    if text and text.startswith("\n") != entry.msgid.startswith("\n"):
        problems.append(f"{where}: a line break starts only one of source and translation")
    return problems


def same_language(written: str, language: str) -> bool:
    """Whether a file's language code (``de-DE``, ``pt-BR``) fits a catalog's (``de``).

    >>> same_language("de-DE", "de"), same_language("pt", "pt_BR"), same_language("DE", "de")
    (True, False, True)
    """
    try:
        code = normalize_language(written.strip().replace("-", "_"))
    except TranslatorError:
        return False
    return code == language or ("_" not in language and code.split("_")[0] == language)


def _excerpt(text: str, width: int = 50) -> str:
    flat = " ".join(text.split())
    return repr(flat if len(flat) <= width else flat[: width - 1] + "…")
