"""A deterministic offline engine for tests and demos: it tags instead of translating.

``Stop the war!`` becomes ``[de] Stop the war!`` for German: visibly not a translation, the same
on every run, and it keeps every token, so a whole pre-fill can be tried without a network.
"""

from __future__ import annotations

from translator.errors import MTError
from translator.mt.base import Engine
from translator.mt.registry import register


@register
class DummyEngine(Engine):
    """Prefixes the target language code; supports every language."""

    name = "dummy"
    title = "Dummy (offline, for tests and demos)"
    max_quality = 10
    needs_network = False
    batch_size = 50

    def translate_batch(self, texts: list[str], source: str, target: str) -> list[str | MTError]:
        self.stats.requests += 1
        return [f"[{target}] {text}" for text in texts]
