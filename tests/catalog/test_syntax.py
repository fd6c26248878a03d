"""The strict PO reader: what GNU gettext refuses is refused, with the file and line named."""

from __future__ import annotations

import random
import shutil
import subprocess
from pathlib import Path

import pytest

from translator.catalog import read_catalog
from translator.catalog.syntax import scan_catalog
from translator.errors import CatalogError

REPO = Path(__file__).resolve().parents[2]
HEADER = 'msgid ""\nmsgstr ""\n"Content-Type: text/plain; charset=UTF-8\\n"\n\n'
MSGFMT = shutil.which("msgfmt")


def refused(text: str) -> str:
    with pytest.raises(CatalogError) as caught:
        scan_catalog(text, "x.po")
    return str(caught.value)


@pytest.mark.parametrize(
    ("body", "where", "reason"),
    [
        ('msgid "a"\nmsgstr "b', "x.po:6", "end-of-file within string"),
        ('msgid "a"\nmsgstr "b\n', "x.po:6", "end-of-line within string"),
        ('msgid "a\\q"\nmsgstr "b"\n', "x.po:5", "invalid control sequence"),
        ('msgid "a"\nmsgstr "b"\n\nmsgid "a"\nmsgstr "c"\n', "x.po:8", "duplicate message"),
        ('msgid "a"\nmsgstr "b"\n#~ msgid "a"\n#~ msgstr "c"\n', "x.po:7", "duplicate message"),
        ('msgid "a"\nmsgid "b"\nmsgstr ""\n', "x.po:5", "missing 'msgstr' section"),
        ('msgid "a"\nmsgstr[0] "b"\n', "x.po:6", "missing 'msgid_plural' section"),
        ('msgid "a"\nmsgstr "b"\nfoo "c"\n', "x.po:7", 'keyword "foo" unknown'),
        ('msgid "a"\nmsgstr "b" x\n', "x.po:6", 'keyword "x" unknown'),
        ('#~ msgid "c"\nmsgstr "d"\n', "x.po:6", "inconsistent use of #~"),
        ('msgid "a\\n"\nmsgstr "b"\n', "x.po:5", "do not both end with '\\n'"),
        ('msgid "a"\nmsgid_plural "as"\nmsgstr[0] "b"\nmsgstr[1] "bs"\n', "x.po:5", "Plural-Forms"),
    ],
)
def test_each_kind_of_damage_names_its_line(body, where, reason):
    message = refused(HEADER + body)
    assert message.startswith(f"{where}: invalid PO file:") and reason in message


@pytest.mark.parametrize(
    "text",
    [
        "",
        "\n\n",
        'msgid "a"\nmsgstr "b"\n',  # no header entry
        'msgid ""\nmsgstr "Content-Type: text/plain; charset=BOGUS\\n"\n',
        'msgid ""\nmsgstr "Content-Type: text/plain; charset=ISO-8859-1\\n"\n',
    ],
    ids=["empty", "blank", "no-header", "unknown-charset", "not-utf8"],
)
def test_a_catalog_needs_a_utf8_header(text):
    assert "invalid PO file" in refused(text)


@pytest.mark.parametrize(
    "body",
    [
        'msgid "a" msgstr "b"\n',  # tokens, not lines, as gettext's lexer reads them
        'msgid "a"\nmsgstr "b" # a comment\n',
        'msgid "a"\nmsgstr\n"b"\n',
        '#, fuzzy\n#| msgid "old"\nmsgid "a\\n"\nmsgstr "b"\n',  # drafts are not compiled
        'msgctxt "x"\nmsgid "a"\nmsgstr "b"\n\nmsgid "a"\nmsgstr "c"\n',
        'msgid "\\x41\\101\\t"\nmsgstr "\\"ok\\""\n',
    ],
)
def test_what_gettext_accepts_is_accepted(body):
    entries = scan_catalog(HEADER + body, "x.po")
    assert entries[0].msgid == "" and len(entries) >= 2


def test_entries_carry_what_statistics_need():
    body = '# origin: mt:google\n#, fuzzy, role-title\n#| msgid "Old"\nmsgid "A"\nmsgstr "B"\n'
    entry = scan_catalog(HEADER + body, "x.po")[1]
    assert (entry.msgid, entry.msgstr, entry.previous_msgid) == ("A", {0: "B"}, "Old")
    assert entry.flags == ["fuzzy", "role-title"] and entry.tcomment == ["origin: mt:google"]


def test_read_catalog_refuses_a_file_cut_mid_string(tmp_path):
    seed = next((REPO / "locales" / "de" / "LC_MESSAGES").glob("*.po")).read_text("utf-8")
    cut = tmp_path / "de.po"
    cut.write_text(seed[: seed.index('msgid "', 2000) + 12], encoding="utf-8")
    with pytest.raises(CatalogError, match=r"de\.po:\d+: invalid PO file: end-of-file within"):
        read_catalog(cut)


def _damage(text: str, rng: random.Random) -> str:
    """One edit of the kinds files really suffer: cut, lost quote, pasted entry, stray text."""
    kind = rng.choice(["cut", "quote", "paste", "insert", "drop-line"])
    if kind == "cut":
        return text[: rng.randrange(len(text))]
    if kind == "quote":
        quotes = [i for i, char in enumerate(text) if char == '"']
        i = rng.choice(quotes)
        return text[:i] + text[i + 1 :]
    if kind == "paste":
        return text + "\n" + rng.choice(text.split("\n\n")[1:]) + "\n"
    if kind == "insert":
        i = rng.randrange(len(text))
        return text[:i] + rng.choice(["\\", '"', "x", "\n", "msgid ", "\\q", "#"]) + text[i:]
    lines = text.split("\n")
    del lines[rng.randrange(len(lines))]
    return "\n".join(lines)


def test_agrees_with_msgfmt_on_damaged_copies_of_the_bundled_catalogs(tmp_path, missing_component):
    """A differential test: 120 damaged catalogs, our verdict against ``msgfmt --check``."""
    if MSGFMT is None:
        missing_component("GNU gettext (msgfmt) is not installed")
    catalogs = sorted((REPO / "locales").rglob("*.po"))
    rng = random.Random(20261207)
    disagreements = []
    for number in range(120):
        text = _damage(rng.choice(catalogs).read_text("utf-8"), rng)
        path = tmp_path / f"case{number}.po"
        path.write_text(text, encoding="utf-8")
        gettext_ok = (
            subprocess.run(
                [MSGFMT, "--check", "-o", "/dev/null", str(path)], capture_output=True
            ).returncode
            == 0
        )
        try:
            scan_catalog(text, path.name)
            ours_ok = True
        except CatalogError:
            ours_ok = False
        if ours_ok != gettext_ok:
            disagreements.append(path.name)
    assert not disagreements
