"""Apertium: offline rule-based translation with the language pairs installed from Debian.

Starting ``apertium`` costs a fraction of a second, so a whole batch goes through one process: the
texts are joined by a separator line that every pair passes through unchanged (a token and a full
stop, so no transfer rule reaches across it) and the output is split on it again. Installed pairs
come from ``apertium -l`` (or the ``.mode`` files of the modes directory). Apertium names languages
with ISO 639-3 codes (``eng-spa``); the table below maps ours onto them.
"""

from __future__ import annotations

import functools
import re
import shutil
import subprocess
from pathlib import Path

from translator.errors import MTError, MTUnavailable, MTUnsupportedLanguage
from translator.mt.base import Engine
from translator.mt.registry import register

SEPARATOR = "[XSEPX]."
MODES_DIR = Path("/usr/share/apertium/modes")
# ISO 639-1 -> the ISO 639-3 code Apertium's pairs use.
_ISO3_TABLE = """
    af:afr an:arg ar:ara ast:ast be:bel bg:bul br:bre bs:hbs ca:cat cs:ces cy:cym da:dan
    de:deu el:ell en:eng eo:epo es:spa et:est eu:eus fa:fas fi:fin fo:fao fr:fra ga:gle
    gd:gla gl:glg he:heb hi:hin hr:hbs hu:hun id:ind is:isl it:ita kk:kaz ky:kir lt:lit
    lv:lav mk:mkd ms:msa mt:mlt nb:nob nl:nld nn:nno no:nob oc:oci pl:pol pt:por ro:ron
    ru:rus sc:srd se:sme sk:slk sl:slv sq:sqi sr:hbs sv:swe tr:tur tt:tat uk:ukr ur:urd
    uz:uzb zh:zho
"""
ISO3 = dict(pair.split(":") for pair in _ISO3_TABLE.split())
_PAIR = re.compile(r"^([a-z]{2,3})-([a-z]{2,3})(?:_(\w+))?$")


@functools.lru_cache(maxsize=8)
def installed_pairs(command: str = "apertium", data_dir: str = "") -> tuple[str, ...]:
    """Modes Apertium can run (``eng-spa``, ``spa-eng_US``, ...), from ``apertium -l``."""
    if shutil.which(command):
        options = ["-d", data_dir] if data_dir else []
        try:
            done = subprocess.run(
                [command, *options, "-l"], capture_output=True, text=True, timeout=30, check=False
            )
            pairs = [line.strip() for line in done.stdout.splitlines() if line.strip()]
            if done.returncode == 0 and pairs:
                return tuple(sorted(pair for pair in pairs if _PAIR.match(pair)))
        except (OSError, subprocess.SubprocessError):
            pass
    modes = Path(data_dir) / "modes" if data_dir else MODES_DIR
    return tuple(sorted(path.stem for path in modes.glob("*.mode") if _PAIR.match(path.stem)))


@register
class ApertiumEngine(Engine):
    """Runs the installed ``apertium`` command; one process per batch."""

    name = "apertium"
    title = "Apertium (offline, rule-based)"
    max_quality = 60
    needs_network = False
    batch_size = 200
    batch_chars = 100_000
    max_chars = 20_000
    fields = ("command", "data_dir")

    @property
    def command(self) -> str:
        return str(self.options.get("command", "apertium"))

    def pairs(self) -> tuple[str, ...]:
        return installed_pairs(self.command, str(self.options.get("data_dir", "")))

    def mode(self, source: str, target: str) -> str | None:
        """The installed mode for a language pair (``en`` -> ``es``: ``eng-spa``), or None."""
        installed = set(self.pairs())
        for src in self._codes(source, with_variant=False):
            for tgt in self._codes(target, with_variant=True):
                if f"{src}-{tgt}" in installed:
                    return f"{src}-{tgt}"
        return None

    def _codes(self, code: str, *, with_variant: bool) -> list[str]:
        normal = code.replace("-", "_")
        base, _, region = normal.partition("_")
        iso3 = ISO3.get(base, base)
        codes = [f"{iso3}_{region}", f"{base}_{region}"] if with_variant and region else []
        return [*codes, iso3, base]

    def supported_languages(self) -> set[str]:
        return {part for pair in self.pairs() for part in _PAIR.match(pair).group(1, 2)}

    def map_language(self, code: str) -> str | None:
        installed = self.supported_languages()
        known = [c for c in self._codes(code, with_variant=True) if c in installed]
        return code.replace("-", "_") if known else None

    def supports(self, source: str, target: str) -> bool:
        return self.mode(source, target) is not None

    def check_languages(self, source: str, target: str) -> tuple[str, str]:
        if not shutil.which(self.command) and not self.pairs():
            raise MTUnavailable(
                f"apertium is not installed (apt-get install apertium "
                f"apertium-{ISO3.get(source, source)}-{ISO3.get(target, target)})"
            )
        if self.mode(source, target) is None:
            pairs = ", ".join(self.pairs()) or "none"
            raise MTUnsupportedLanguage(
                f"apertium has no {source} -> {target} pair installed (installed: {pairs})"
            )
        return source, target

    def translate_batch(self, texts: list[str], source: str, target: str) -> list[str | MTError]:
        mode = self.mode(source, target)
        joined = "".join(f"{text}\n{SEPARATOR}\n" for text in texts)
        parts = self._run(mode, joined)
        if len(parts) == len(texts):
            return parts
        # The separator did not survive somewhere: fall back to one process per text.
        return [self._single(mode, text) for text in texts]

    def _single(self, mode: str, text: str) -> str | MTError:
        parts = self._run(mode, f"{text}\n{SEPARATOR}\n")
        return parts[0] if len(parts) == 1 else MTError(f"apertium {mode}: unreadable output")

    def _run(self, mode: str, text: str) -> list[str]:
        command = [self.command, "-u", "-f", "txt"]
        if self.options.get("data_dir"):
            command += ["-d", str(self.options["data_dir"])]
        self.stats.requests += 1
        try:
            done = subprocess.run(
                [*command, mode],
                input=text,
                capture_output=True,
                text=True,
                timeout=self.timeout + len(text) / 500,
                check=False,
            )
        except FileNotFoundError:
            raise MTUnavailable(
                f"{self.command}: command not found (apt-get install apertium)"
            ) from None
        except subprocess.TimeoutExpired:
            raise MTUnavailable(f"apertium {mode}: no answer within {self.timeout:.0f}s") from None
        if done.returncode != 0:
            detail = (done.stderr.strip().splitlines() or ["no message"])[-1]
            raise MTError(f"apertium {mode} failed (exit {done.returncode}): {detail}")
        lines = done.stdout.split("\n")
        parts, current = [], []
        for line in lines:
            if line.strip() == SEPARATOR:
                parts.append(" ".join(current).strip())
                current = []
            elif line.strip():
                current.append(line.strip())
        return parts
