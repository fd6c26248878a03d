"""The memory's index on disk: reusable pairs of every catalog of one language, kept up to date.

Reading every PO file of a language for each run is the slow part of building a memory, so the
pairs are cached per catalog in ``instance/tm/<lang>.json`` together with each catalog's size
and modification time. A catalog that changed (or appeared) is read again; one that disappeared
is dropped. A catalog that cannot be read is reported and left out; the others still count.
A ``read_only`` store (a dry run) uses the index but never writes it.
"""

from __future__ import annotations

import contextlib
import json
from dataclasses import dataclass, field
from pathlib import Path

from translator.catalog.io import read_catalog, write_text_atomic
from translator.errors import TranslatorError
from translator.tm.memory import TranslationMemory, Unit, catalog_units

FORMAT = 1


@dataclass
class MemoryStore:
    """Builds :class:`TranslationMemory` objects from ``locales/``, indexed in ``instance/``."""

    locales_dir: Path
    instance_dir: Path | None = None
    errors: list[str] = field(default_factory=list)
    reread: int = 0  # catalogs parsed by the last load (the others came from the index)
    read_only: bool = False  # look the index up, never write it (a dry run)

    def index_path(self, lang: str) -> Path | None:
        return self.instance_dir / "tm" / f"{lang}.json" if self.instance_dir else None

    def catalogs(self, lang: str) -> list[Path]:
        return sorted((self.locales_dir / lang / "LC_MESSAGES").glob("*.po"))

    def load(self, lang: str) -> TranslationMemory:
        """The memory of ``lang``: every catalog, re-reading only those that changed."""
        self.reread = 0
        index = self._read_index(lang)
        fresh: dict[str, dict] = {}
        for path in self.catalogs(lang):
            stat = path.stat()
            signature = [stat.st_mtime_ns, stat.st_size]
            known = index.get(path.stem)
            if known and known.get("signature") == signature:
                fresh[path.stem] = known
                continue
            try:
                units = catalog_units(read_catalog(path), path.stem)
            except TranslatorError as exc:
                self.errors.append(f"{exc} (left out of the translation memory)")
                continue
            self.reread += 1
            fresh[path.stem] = {
                "signature": signature,
                "units": [[u.source, u.target, u.approved] for u in units],
            }
        if fresh != index:
            self._write_index(lang, fresh)
        memory = TranslationMemory(lang)
        for slug in sorted(fresh):
            for source, target, approved in fresh[slug]["units"]:
                memory.add_unit(Unit(source, target, slug, bool(approved)))
        return memory

    def _read_index(self, lang: str) -> dict[str, dict]:
        path = self.index_path(lang)
        if path is None or not path.is_file():
            return {}
        try:
            data = json.loads(path.read_text(encoding="utf-8"))
        except (OSError, ValueError):
            return {}  # a damaged index is rebuilt, never trusted
        if not isinstance(data, dict) or data.get("format") != FORMAT:
            return {}
        catalogs = data.get("catalogs")
        return catalogs if isinstance(catalogs, dict) else {}

    def _write_index(self, lang: str, catalogs: dict[str, dict]) -> None:
        path = self.index_path(lang)
        if path is None or self.read_only:
            return
        data = {"format": FORMAT, "lang": lang, "catalogs": catalogs}
        with contextlib.suppress(TranslatorError):  # a read-only instance dir costs speed only
            write_text_atomic(path, json.dumps(data, ensure_ascii=False, separators=(",", ":")))
