"""The build manifest: what made each output file, so an unchanged one is not made again.

``<out>/.build-manifest.json`` (written atomically) holds, for the last build into that
directory:

- ``inputs``: each source and catalog read, by project-relative path, with its content hash and
  the identity (size, modification time) it had, so an input whose identity did not move is not
  hashed again;
- ``documents``: per slug, the source's hash and what later builds need without parsing it
  again (its language and title);
- ``units``: per ``<slug>/<lang>``, the digest of everything the pair's outputs depend on (the
  source, the catalog, the build settings, the glossary, the tool) and its report item;
- ``files``: per output file, the digest it was made from and the hash and identity of its bytes,
  so a file deleted or edited by hand is made again.

A manifest that is missing, unreadable or from another manifest version counts as empty: the
next build makes everything, as ``--force`` does.
"""

from __future__ import annotations

import dataclasses
import hashlib
import json
import os
from dataclasses import dataclass, field
from pathlib import Path

import translator
from translator.catalog.io import write_text_atomic
from translator.config import Settings

MANIFEST_NAME = ".build-manifest.json"
MANIFEST_VERSION = 1
# The packages whose code decides an output's bytes: a change to any of them rebuilds everything.
_TOOL_PACKAGES = ("build", "segment", "qa", "catalog", "glossary")
_TOOL_MODULES = ("model.py", "text.py", "languages.py", "config.py")


@dataclass
class Manifest:
    """The manifest's four tables (see the module docstring); plain JSON values inside."""

    inputs: dict[str, list] = field(default_factory=dict)  # path -> [size, mtime_ns, sha256]
    documents: dict[str, dict] = field(default_factory=dict)  # slug -> {source, lang, title}
    units: dict[str, dict] = field(default_factory=dict)  # slug/lang -> {inputs, langs, item}
    files: dict[str, dict] = field(default_factory=dict)  # output path -> {made_from, sha256, ...}

    def to_json(self) -> str:
        data = {"version": MANIFEST_VERSION, "inputs": self.inputs, "documents": self.documents}
        data |= {"units": self.units, "files": self.files}
        # One line: the C encoder (an indented manifest costs seconds at 20,000 files).
        return json.dumps(data, ensure_ascii=False, sort_keys=True, separators=(",", ":")) + "\n"


def read_manifest(out_dir: Path) -> Manifest:
    """The manifest of ``out_dir``, or an empty one when there is none worth trusting."""
    try:
        data = json.loads((out_dir / MANIFEST_NAME).read_text("utf-8"))
    except (OSError, ValueError):
        return Manifest()
    if not isinstance(data, dict) or data.get("version") != MANIFEST_VERSION:
        return Manifest()
    tables = {name: data.get(name) for name in ("inputs", "documents", "units", "files")}
    if not all(isinstance(table, dict) for table in tables.values()):
        return Manifest()
    return Manifest(**tables)


def write_manifest(out_dir: Path, manifest: Manifest) -> None:
    """Replace the manifest atomically (readers see the old one or the new one); a manifest
    that would not change is left alone, so a build that changed nothing writes nothing."""
    path, text = out_dir / MANIFEST_NAME, manifest.to_json()
    try:
        if path.read_text("utf-8") == text:
            return
    except (OSError, ValueError):
        pass
    write_text_atomic(path, text)


def sha256_bytes(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def digest(*parts: object) -> str:
    """A short stable hash of JSON-able parts.

    >>> digest("a", 1) == digest("a", 1) != digest("a", 2)
    True
    """
    text = json.dumps(parts, ensure_ascii=False, sort_keys=True, default=str)
    return hashlib.sha256(text.encode("utf-8")).hexdigest()[:32]


def identity(path: Path | str) -> tuple[int, int] | None:
    """(size, mtime_ns) of a file, None when it is missing."""
    try:
        info = os.stat(path)
    except OSError:
        return None
    return info.st_size, info.st_mtime_ns


def content_hash(path: Path | str, known: dict[str, list], key: str) -> str | None:
    """The sha256 of ``path`` (None: missing), hashed again only if its identity moved.

    :param known: ``{key: [size, mtime_ns, sha256]}``, updated in place.
    """
    found = identity(path)
    if found is None:
        known.pop(key, None)
        return None
    record = known.get(key)
    if isinstance(record, list) and len(record) == 3 and tuple(record[:2]) == found:
        return record[2]
    try:
        with open(path, "rb") as handle:
            sha = sha256_bytes(handle.read())
    except OSError:
        return None
    known[key] = [*found, sha]
    return sha


def output_intact(path: Path, record: dict | None) -> bool:
    """Whether the output file is still the one the manifest recorded (not deleted or edited)."""
    if not isinstance(record, dict):
        return False
    found = identity(path)
    if found is None:
        return False
    if [found[0], found[1]] == [record.get("size"), record.get("mtime_ns")]:
        return True
    try:
        return sha256_bytes(path.read_bytes()) == record.get("sha256")
    except OSError:
        return False


def file_record(path: Path, data: bytes, made_from: str) -> dict:
    """The manifest's record of an output file just written (or found equal) at ``path``."""
    size, mtime_ns = identity(path) or (len(data), 0)
    return {
        "made_from": made_from,
        "sha256": sha256_bytes(data),
        "size": size,
        "mtime_ns": mtime_ns,
    }


def tool_fingerprint() -> str:
    """The tool's version and a hash of the code that shapes outputs (a change rebuilds all)."""
    package = Path(translator.__file__).parent
    paths = [package / name for name in _TOOL_MODULES]
    for name in _TOOL_PACKAGES:
        paths += sorted((package / name).rglob("*.py"))
    hasher = hashlib.sha256(translator.__version__.encode())
    for path in paths:
        if path.is_file():
            hasher.update(path.relative_to(package).as_posix().encode())
            hasher.update(path.read_bytes())
    return f"{translator.__version__}+{hasher.hexdigest()[:16]}"


def settings_digest(settings: Settings, threshold: float, fallback: str) -> str:
    """Every setting a build may read (the gates, drafts, checks), the threshold and fallback."""
    values = {
        name: value
        for name, value in dataclasses.asdict(settings).items()
        if name != "root"  # the same project elsewhere builds the same bytes
    }
    return digest(values, float(threshold), fallback)


def glossary_digest(glossary_dir: Path) -> str:
    """A hash of every glossary file (they feed the checks, which can hold a language back)."""
    if not glossary_dir.is_dir():
        return ""
    parts = [
        (path.relative_to(glossary_dir).as_posix(), sha256_bytes(path.read_bytes()))
        for path in sorted(glossary_dir.rglob("*"))
        if path.is_file()
    ]
    return digest(parts)
