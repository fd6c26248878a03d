"""Uploads that do not fit: every problem is named with its line and sentence, and nothing is
written."""

from __future__ import annotations

import pytest

from tests.exchange.conftest import EMPTY, TRANSLATED
from translator.exchange import UploadError, merge_into_catalog, read_export, read_upload
from translator.exchange.files import export_format

PO = export_format("po")


def attempt(path, data: bytes, name="upload.po", *, slug="sample", lang="de"):
    before = path.read_bytes()
    with pytest.raises(UploadError) as caught:
        upload = read_upload(data, name)
        merge_into_catalog(path, upload, slug=slug, lang=lang, user="dana", may_approve=False)
    assert path.read_bytes() == before, "nothing was written"
    return caught.value.problems


def exported(project) -> str:
    return read_export(project.settings, "de", "sample", PO).decode()


def test_several_problems_are_each_named(catalog):
    project, path = catalog
    text = exported(project)
    long = "Abzug " * 4000
    text = text.replace(f'msgid "{EMPTY}"\nmsgstr ""', f'msgid "{EMPTY}"\nmsgstr "{long}"')
    text += '\nmsgid "A sentence of another document."\nmsgstr "Ein Satz."\n'
    problems = attempt(path, text.encode())
    assert len(problems) == 2
    assert any(EMPTY[:20] in p and "longer than 20000 characters" in p for p in problems)
    unknown = [p for p in problems if "another document" in p]
    assert unknown and unknown[0].startswith("upload.po:") and "not in the catalog" in unknown[0]
    line = int(unknown[0].split(":")[1])
    assert text.split("\n")[line - 1].startswith('msgid "A sentence of another'), "its line"


def test_a_file_for_another_document_or_language(catalog):
    project, path = catalog
    text = exported(project)
    problems = attempt(path, text.replace("Language: de", "Language: fr").encode())
    assert problems == ["upload.po: the file is in 'fr', this catalog is 'de'"]
    problems = attempt(path, text.encode(), slug="other")
    assert any("for the document 'sample', not 'other'" in p for p in problems)


def test_a_broken_po_names_the_line(catalog):
    project, path = catalog
    lines = exported(project).split("\n")
    number = lines.index(f'msgid "{TRANSLATED}"') + 2
    lines[number - 1] = 'msgstr "Die ICOR verurteilt'  # the closing quote lost
    [problem] = attempt(path, "\n".join(lines).encode())
    assert problem.startswith(f"upload.po:{number}:"), problem


def test_not_utf8_and_not_xml(catalog):
    _, path = catalog
    [problem] = attempt(path, 'msgid "x"\nmsgstr "\xe4"\n'.encode("latin-1"))
    assert problem == "upload.po:2: not valid UTF-8"
    [problem] = attempt(path, b"<?xml version='1.0'?>\n<xliff version='1.2'>\n<file", "u.xlf")
    assert problem.startswith("u.xlf:3: not well-formed XML")


def test_a_line_break_the_source_does_not_have(catalog):
    project, path = catalog
    text = exported(project)
    text = text.replace(f'msgid "{EMPTY}"\nmsgstr ""', f'msgid "{EMPTY}"\nmsgstr "Abzug\\n"')
    [problem] = attempt(path, text.encode())
    assert "do not both end with" in problem, "msgfmt's own rule, with the line"
    xlf = read_export(project.settings, "de", "sample", export_format("xliff")).decode()
    xlf = xlf.replace(
        "<source>Peace now.</source>", "<source>Peace now.</source><target>Frieden.\n</target>"
    )
    [problem] = attempt(path, xlf.encode(), "u.xlf")
    assert problem.startswith("u.xlf:") and "'Peace now.'" in problem
    assert problem.endswith("a line break ends only one of source and translation")


def test_duplicates_and_changed_sources_in_xliff(catalog):
    project, path = catalog
    text = read_export(project.settings, "de", "sample", export_format("xliff")).decode()
    start = text.index("<trans-unit")
    end = text.index("</trans-unit>") + len("</trans-unit>")
    doubled = text[:end] + text[start:end] + text[end:]
    problems = attempt(path, doubled.encode(), "u.xlf")
    assert len(problems) == 1 and "appears twice (first at line" in problems[0]
    changed = text.replace("<source>Peace now.</source>", "<source>Peace soon.</source>")
    [problem] = attempt(path, changed.encode(), "u.xlf")
    assert "'Peace soon.'" in problem and "source text differs" in problem


def test_a_file_without_a_language(catalog):
    project, path = catalog
    text = exported(project).replace('"Language: de\\n"\n', "")
    assert attempt(path, text.encode()) == [
        "upload.po: the file does not say its language (expected de)"
    ]
