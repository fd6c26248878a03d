"""Read and write PO/POT files with polib: clear errors on read, atomic replace on write.

``write_catalog`` is the only code in the project that writes a PO file. Code that keeps data
derived from catalogs (the translation memory's index) registers with :func:`on_catalog_written`
and is told of every write as it happens, under the writer's lock.
"""

from __future__ import annotations

import contextlib
import functools
import glob
import os
import re
import tempfile
from collections.abc import Callable
from pathlib import Path

import polib

from translator.catalog.syntax import RawEntry, scan_catalog
from translator.errors import CatalogError
from translator.text import unsafe_character

WRAP_WIDTH = 79  # gettext's own default, so msgcat/msgmerge leave our files unchanged
_listeners: list[Callable[[polib.POFile, Path], None]] = []


Identity = tuple[int, int, int]  # inode, size, mtime_ns


def file_identity(path: Path) -> Identity | None:
    """What tells one version of a file from the next without reading it (None: missing)."""
    try:
        info = os.stat(path)
    except FileNotFoundError:
        return None
    return (info.st_ino, info.st_size, info.st_mtime_ns)


def on_catalog_written(listener: Callable[[polib.POFile, Path], None]) -> None:
    """Call ``listener(po, path)`` after every write of a catalog by this process.

    A listener must not raise: the file is written by then, and its caller saw it succeed.
    """
    if listener not in _listeners:
        _listeners.append(listener)


def _remember_wrapped_fields() -> None:
    """Keep polib's wrapped field lines by their text: the slowest part of every write.

    polib wraps each msgid and msgstr with :mod:`textwrap` whenever a catalog is written, and
    a project writes the same sentences again and again (every language's catalog of a
    document has the same msgids; an update rewrites all of them). ``_str_field`` depends on
    its arguments only (not on the entry), so its result is kept for the polib version this was
    checked against; another version is left alone.
    """
    original = polib._BaseEntry._str_field
    if polib.__version__ != "1.2.0" or getattr(original, "remembered", False):
        return

    @functools.lru_cache(maxsize=65536)
    def lines(fieldname, delflag, plural_index, field, wrapwidth):
        return tuple(original(None, fieldname, delflag, plural_index, field, wrapwidth))

    def _str_field(self, fieldname, delflag, plural_index, field, wrapwidth=78):
        return list(lines(fieldname, delflag, plural_index, field, wrapwidth))

    _str_field.remembered, _str_field.original = True, original
    polib._BaseEntry._str_field = _str_field


_remember_wrapped_fields()


def read_catalog(path: Path) -> polib.POFile:
    """Parse a PO/POT file that GNU gettext accepts; anything else names the file and line."""
    return _parse(read_catalog_text(path), str(path))


def read_catalog_text(path: Path) -> str:
    """The file's text, checked as msgfmt checks it (:mod:`translator.catalog.syntax`)."""
    return read_checked(path)[0]


def read_checked(path: Path) -> tuple[str, list[RawEntry]]:
    """The file's text and its entries as the strict pass reads them (header first)."""
    try:
        data = path.read_bytes()
    except FileNotFoundError:
        raise CatalogError(f"{path}: no such catalog") from None
    except IsADirectoryError:
        raise CatalogError(f"{path}: is a directory, not a catalog") from None
    except OSError as exc:
        raise CatalogError(f"{path}: cannot read ({exc.strerror or exc})") from exc
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as exc:
        line = data.count(b"\n", 0, exc.start) + 1
        raise CatalogError(f"{path}:{line}: not valid UTF-8") from exc
    return text, scan_catalog(text, str(path))


def parse_catalog(text: str, name: str = "<catalog>") -> polib.POFile:
    """Parse PO text held in memory (uploads, tests); errors name ``name`` and the line."""
    scan_catalog(text, name)
    return _parse(text, name)


def _parse(text: str, name: str) -> polib.POFile:
    try:
        return polib.pofile(polib_safe(text), encoding="utf-8", wrapwidth=WRAP_WIDTH)
    except (OSError, ValueError) as exc:
        raise CatalogError(_syntax_message(Path(name), str(exc))) from exc


_EMPTY_OBSOLETE = re.compile(r"^[ \t]*#~[ \t]*$", re.MULTILINE)


def polib_safe(text: str) -> str:
    """``text`` with what gettext accepts but polib mishandles made plain (same line numbers).

    polib drops the last entry of a file that ends in an empty comment line (``#.``, ``#:``,
    ``#,``: comments it skips, so the entry before is never added) and refuses a bare ``#~``.
    Trailing comments belong to no entry and polib never keeps them: leaving them out changes
    nothing else. A bare ``#~`` line is an empty obsolete line: made blank.

    >>> polib_safe('msgid "a"\\nmsgstr "b"\\n#,\\n\\n#.\\n')
    'msgid "a"\\nmsgstr "b"\\n'
    """
    if "#~" in text:
        text = _EMPTY_OBSOLETE.sub("", text)
    end = len(text)
    while True:  # drop the last line while it is blank or a comment (from the end: cheap)
        start = text.rfind("\n", 0, max(0, end - 1)) + 1
        line = text[start:end].strip()
        if start == 0 or (line and (not line.startswith("#") or line.startswith("#~"))):
            return text[:end] if end == len(text) else text[:end].rstrip("\n") + "\n"
        end = start


def _syntax_message(path: Path, detail: str) -> str:
    match = re.search(r"\(line (\d+)\)", detail)
    where = f"{path}:{match.group(1)}" if match else str(path)
    reason = re.sub(r"\s*\(line \d+\)", "", detail).replace(f"{path}", "").strip(" :")
    return f"{where}: invalid PO file: {reason or 'syntax error'}"


def catalog_text(po: polib.POFile) -> str:
    """The exact text :func:`write_catalog` would write."""
    po.wrapwidth = WRAP_WIDTH
    return str(po).rstrip("\n") + "\n"


def write_catalog(po: polib.POFile, path: Path) -> bool:
    """Write atomically (temp file in the same directory, fsync, rename); False if unchanged."""
    _refuse_unsafe_text(po, path)
    text = catalog_text(po)
    _refuse_invalid_text(text, path)
    if path.is_file() and path.read_text(encoding="utf-8", errors="replace") == text:
        return False
    write_text_atomic(path, text)
    for listener in _listeners:
        listener(po, path)
    return True


def _refuse_unsafe_text(po: polib.POFile, path: Path) -> None:
    for entry in po:
        for text in (entry.msgid, entry.msgstr, *entry.msgstr_plural.values(), entry.tcomment):
            char = unsafe_character(text or "")
            if char is not None:
                raise CatalogError(
                    f"{path}: refusing to write U+{ord(char):04X} in the entry "
                    f"{entry.msgid[:40]!r}: PO readers would cut the text there"
                )


def _refuse_invalid_text(text: str, path: Path) -> None:
    """Never write what GNU gettext would reject (and the next read would call broken)."""
    try:
        scan_catalog(text, path.name)
    except CatalogError as exc:
        reason = str(exc).replace(": invalid PO file:", ":", 1)
        message = f"{path}: refusing to write, msgfmt would reject it ({reason})"
        raise CatalogError(message) from None


def write_text_atomic(path: Path, text: str) -> None:
    """Replace ``path`` with ``text`` so readers see the old or the new file, never a mix."""
    path.parent.mkdir(parents=True, exist_ok=True)
    handle = tempfile.NamedTemporaryFile(  # noqa: SIM115 (closed below, before the rename)
        "w", encoding="utf-8", dir=path.parent, prefix=f".{path.name}.", suffix=".tmp", delete=False
    )
    try:
        with handle:
            handle.write(text)
            handle.flush()
            os.fsync(handle.fileno())
        os.chmod(handle.name, 0o644)
        os.replace(handle.name, path)
    except BaseException as exc:
        with contextlib.suppress(FileNotFoundError):
            os.unlink(handle.name)
        if isinstance(exc, OSError):
            raise CatalogError(f"{path}: cannot write ({exc.strerror or exc})") from exc
        raise
    _fsync_directory(path.parent)


def remove_temp_files(path: Path) -> list[Path]:
    """Delete the temp files that interrupted writes of ``path`` left (a killed process).

    Call it only while holding ``catalog_lock(path)``: then no write of ``path`` is under way,
    and every ``.<name>.<random>.tmp`` beside it is garbage.
    """
    removed = []
    for stale in path.parent.glob(f".{glob.escape(path.name)}.*.tmp"):
        with contextlib.suppress(FileNotFoundError):
            stale.unlink()
            removed.append(stale)
    return removed


def _fsync_directory(directory: Path) -> None:
    # The rename itself must reach the disk, or a power cut can bring the old file back.
    try:
        fd = os.open(directory, os.O_RDONLY)
    except OSError:
        return
    try:
        os.fsync(fd)
    except OSError:
        pass
    finally:
        os.close(fd)
