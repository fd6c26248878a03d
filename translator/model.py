"""Plain data shared by every layer: roles, segments, documents, states, suggestions, issues."""

from __future__ import annotations

import enum
from dataclasses import dataclass, field


class Role(enum.StrEnum):
    """What a segment is in a resolution; later steps treat roles differently."""

    TITLE = "title"
    DATELINE = "dateline"
    HEADING = "heading"
    PARAGRAPH = "paragraph"
    SLOGAN = "slogan"
    SIGNATORY = "signatory"
    LIST_ITEM = "list-item"

    @property
    def flag(self) -> str:
        """The PO flag that tools filter on, e.g. ``role-slogan``."""
        return f"role-{self.value}"


class EntryState(enum.StrEnum):
    """The life cycle of one catalog entry, as translators see it."""

    UNTRANSLATED = "untranslated"
    DRAFT = "draft"  # fuzzy: machine, memory or carried over from a changed source
    TRANSLATED = "translated"  # by a person
    APPROVED = "approved"  # by a reviewer


@dataclass(frozen=True)
class Segment:
    """One translatable sentence of a source document.

    ``raw`` is the exact source text the sentence occupies (it may span wrapped lines);
    ``text`` is what translators see (the msgid): ``raw`` with line breaks folded.
    """

    text: str
    raw: str
    role: Role
    block: int  # 1-based index of the block in the document
    block_kind: str  # "heading", "paragraph", "list item", "blockquote paragraph", ...
    block_number: int  # 1-based number of the block among blocks of the same role
    sentence: int  # 1-based index within the block
    sentences: int  # sentences in the block
    line: int  # 1-based line in the source file where the sentence starts

    @property
    def position(self) -> str:
        """Where the sentence stands, for a translator: ``paragraph 3, sentence 2 of 5``."""
        where = f"{self.role.value.replace('-', ' ')} {self.block_number}"
        if self.sentences > 1:
            where += f", sentence {self.sentence} of {self.sentences}"
        return where


@dataclass(frozen=True)
class Slot:
    """A place in a document template filled by one segment's text or translation."""

    index: int  # index into Document.segments


@dataclass(frozen=True)
class Gap:
    """Whitespace between two sentences of one block (a builder may respace it per language)."""

    text: str


@dataclass
class Document:
    """A parsed source document: metadata, ordered segments, and a template to rebuild it."""

    slug: str
    title: str
    lang: str
    date: str = ""
    path: str = ""  # relative to the project, e.g. "source/<slug>.md"
    segments: list[Segment] = field(default_factory=list)
    template: list[str | Slot | Gap] = field(default_factory=list)  # after the front matter
    metadata: dict[str, str] = field(default_factory=dict)
    front_matter: str = ""  # the exact "---...---" text at the top of the file


@dataclass(frozen=True)
class Suggestion:
    """A candidate translation from a memory or an engine."""

    text: str
    origin: str  # "tm", "mt:google", "mt:apertium", ...
    score: int = 100  # 0..100
    source: str = ""  # the source sentence the suggestion was made for (TM: the matched one)
    problem: str = ""  # why it must not be taken as is, e.g. "lost markup: ](https://...)"


class Severity(enum.StrEnum):
    """How bad a failing check is (Translate Toolkit's buckets)."""

    ERROR = "error"  # critical: blocks builds with --strict and `translator check`
    WARNING = "warning"  # functional
    INFO = "info"  # cosmetic


@dataclass(frozen=True)
class Issue:
    """One failing quality check on one entry."""

    check_id: str
    message: str
    severity: Severity
