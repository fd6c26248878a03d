"""Git set up for a project (``translator init --git``), and the merge driver git runs.

:func:`install_git` makes the project a repository if it is none, ignores ``instance/`` and
registers the catalog merge driver: ``*.po merge=translator-po`` in ``.gitattributes`` and a
``[merge "translator-po"]`` section in ``.git/config`` that runs this interpreter's
``translator merge-driver %O %A %B %P``. :func:`run_merge_driver` is that command: it
writes the merged catalog where git asks and records the conflicts for the editor.
"""

from __future__ import annotations

import shlex
import sys
from dataclasses import dataclass, field
from pathlib import Path

from translator.errors import TranslatorError
from translator.gitstore.conflicts import open_store, record_conflicts
from translator.gitstore.driver import merge_catalogs
from translator.gitstore.repo import GitError, Repo

DRIVER = "translator-po"
DRIVER_NAME = "translator: catalogs merged entry by entry"
ATTRIBUTE_LINE = f"*.po merge={DRIVER}"
IGNORED = "/instance/"


@dataclass
class GitSetup:
    created: bool = False  # a new repository was made
    changed: list[str] = field(default_factory=list)  # files written


def driver_command(python: str | None = None) -> str:
    """The command line git runs for a conflicting catalog."""
    interpreter = shlex.quote(python or sys.executable)
    return f"{interpreter} -m translator merge-driver %O %A %B %P"


def install_git(root: Path, python: str | None = None) -> GitSetup:
    """Make ``root`` (a project) ready to keep its catalogs in git; idempotent."""
    setup = GitSetup()
    try:
        repo = Repo.find(root)
    except GitError:
        Repo(root).run("init", "-q")
        repo = Repo.find(root)
        setup.created = True
    if _add_line(repo.top / ".gitattributes", ATTRIBUTE_LINE):
        setup.changed.append(".gitattributes")
    ignored = f"/{repo.relative(root / 'instance')}/" if root.resolve() != repo.top else IGNORED
    if _add_line(repo.top / ".gitignore", ignored):
        setup.changed.append(".gitignore")
    wanted = {"name": DRIVER_NAME, "driver": driver_command(python)}
    for key, value in wanted.items():
        current = repo.attempt("config", "--local", f"merge.{DRIVER}.{key}").stdout.decode().strip()
        if current != value:
            repo.run("config", "--local", f"merge.{DRIVER}.{key}", value)
            if ".git/config" not in setup.changed:
                setup.changed.append(".git/config")
    return setup


def _add_line(path: Path, line: str) -> bool:
    text = path.read_text(encoding="utf-8") if path.is_file() else ""
    if line in (existing.strip() for existing in text.splitlines()):
        return False
    if text and not text.endswith("\n"):
        text += "\n"
    path.write_text(text + line + "\n", encoding="utf-8")
    return True


def run_merge_driver(base: Path, ours: Path, theirs: Path, path: str, top: Path) -> int:
    """Merge the three versions into ``ours`` (git's %A); 0 when a catalog was written.

    :param path: the catalog's path in the repository (%P), for its document, language and
        project (the folder above ``locales/``).
    :param top: the work tree's top (git runs drivers there).
    :returns: 1 when a version cannot be read as a catalog: git then marks the file as
        conflicting and leaves ours in it, still without any conflict markers.
    """
    try:
        texts = [item.read_bytes().decode("utf-8") for item in (base, ours, theirs)]
        result = merge_catalogs(*texts, name=path)
    except (OSError, UnicodeDecodeError, TranslatorError) as exc:
        print(f"translator merge-driver: {path}: {exc}", file=sys.stderr)
        return 1
    ours.write_text(result.text, encoding="utf-8")
    if result.conflicts:
        where = catalog_place(path)
        if where is not None:
            project, doc, lang = where
            conn = open_store(top / project / "instance")
            try:
                record_conflicts(conn, doc, lang, result.conflicts)
            finally:
                conn.close()
    return 0


def catalog_place(path: str) -> tuple[str, str, str] | None:
    """(project folder, document, language) of ``<project>/locales/<lang>/LC_MESSAGES/<doc>.po``.

    >>> catalog_place("locales/de/LC_MESSAGES/sample.po")
    ('', 'sample', 'de')
    """
    parts = Path(path).parts
    if len(parts) < 4 or parts[-2] != "LC_MESSAGES" or parts[-4] != "locales":
        return None
    return str(Path(*parts[:-4])) if len(parts) > 4 else "", Path(path).stem, parts[-3]
