"""Any bytes as an upload: an Upload or an UploadError naming the problem, nothing else.

Mutations of real exports (PO, XLIFF 1.2 and 2.0, TMX) find the paths random bytes miss."""

from __future__ import annotations

import functools

import polib
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from translator.catalog.state import set_human
from translator.exchange import UploadError, check_upload, read_upload
from translator.exchange.po import export_po
from translator.exchange.tmx import MemoryUnit, read_tmx, write_tmx
from translator.exchange.xliff import export_xliff

FUZZ = settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])


@functools.cache
def catalog() -> polib.POFile:
    po = polib.POFile()
    po.metadata = {"Content-Type": "text/plain; charset=UTF-8", "Language": "de"}
    for number, text in enumerate(["Peace now.", "Stop the war!", "Strengthen the ICOR!"]):
        entry = polib.POEntry(msgid=text, msgstr="", occurrences=[("source/s.md", str(number))])
        po.append(entry)
    set_human(po.find("Peace now."), "Frieden jetzt.")
    return po


@functools.cache
def exports() -> list[bytes]:
    po = catalog()
    return [
        export_po(po, "s", "de").encode(),
        export_xliff(po, "s", "de", "en", "1.2"),
        export_xliff(po, "s", "de", "en", "2.0"),
    ]


@st.composite
def mutated(draw) -> bytes:
    data = bytearray(draw(st.sampled_from(exports())))
    for _ in range(draw(st.integers(1, 8))):
        where = draw(st.integers(0, len(data) - 1))
        action = draw(st.sampled_from(["flip", "cut", "insert"]))
        if action == "flip":
            data[where] = draw(st.integers(0, 255))
        elif action == "cut":
            del data[where : where + draw(st.integers(1, 40))]
        else:
            data[where:where] = draw(st.binary(min_size=1, max_size=12))
        if not data:
            break
    return bytes(data)


def read_and_check(data: bytes) -> None:
    try:
        upload = read_upload(data, "u")
        check_upload(upload, catalog(), "s", "de")
    except UploadError as exc:
        assert exc.problems and all(isinstance(p, str) and p for p in exc.problems)


@FUZZ
@given(st.binary(max_size=600))
def test_random_bytes(data):
    read_and_check(data)


@FUZZ
@given(mutated())
def test_damaged_exports(data):
    read_and_check(data)


@FUZZ
@given(st.binary(max_size=300) | mutated())
def test_damaged_memories(data):
    tmx = write_tmx([MemoryUnit("Peace now.", "Frieden jetzt.", "rita", "2024-05-01")], "en", "de")
    for sample in (data, tmx[: len(data) % max(len(tmx), 1)] + data):
        try:
            read_tmx(sample, "m.tmx", "en", "de")
        except UploadError as exc:
            assert exc.problems
