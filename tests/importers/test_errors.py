"""Bad inputs: one-line errors that name the file (and the line where there is one)."""

from __future__ import annotations

import pytest

from translator.errors import ConfigError, LanguageError, SourceError
from translator.importers import import_file, import_html, import_text


def test_non_utf8_bytes_name_file_and_line(tmp_path):
    path = tmp_path / "latin1.txt"
    path.write_bytes("Title of the page\n\nLine two\nCôte d'Ivoire\n".encode("latin-1"))
    with pytest.raises(SourceError) as caught:
        import_file(path)
    message = str(caught.value)
    assert message.startswith(f"{path}:4: not UTF-8 (byte 0xf4 at column 2)")
    assert "\n" not in message


def test_utf8_bom_is_fine(tmp_path):
    path = tmp_path / "bom.txt"
    path.write_bytes(b"\xef\xbb\xbfNo war on Iran now\n\nText.\n")
    assert import_file(path).title == "No war on Iran now"


@pytest.mark.parametrize("content", ["", "   \n\t\n  "])
@pytest.mark.parametrize("name", ["empty.txt", "empty.html", "empty"])
def test_empty_file(tmp_path, name, content):
    path = tmp_path / name
    path.write_text(content, encoding="utf-8")
    with pytest.raises(SourceError, match=f"^{path}: empty input"):
        import_file(path)


def test_only_chrome_has_no_title():
    with pytest.raises(SourceError, match=r"^<text>: no title found"):
        import_text("Skip to content\n\nPersonal tools\n\nHome\n\nDocument Actions\n")


def test_html_without_text():
    with pytest.raises(SourceError, match=r"^page.html: empty input"):
        import_html("<html><script>x()</script></html>", filename="page.html")


@pytest.mark.parametrize("slug", ["../x", "a/b", "Upper", "", "x."])
def test_bad_slug(slug):
    with pytest.raises(ConfigError, match="invalid slug"):
        import_text("No war on Iran now\n", slug=slug)


def test_bad_language():
    with pytest.raises(LanguageError):
        import_text("No war on Iran now\n", lang="xx-nonsense")


def test_unknown_suffix(tmp_path):
    path = tmp_path / "resolution.pdf"
    path.write_bytes(b"%PDF-1.4")
    with pytest.raises(SourceError, match=r"resolution.pdf: cannot import .pdf files"):
        import_file(path)


def test_missing_file(tmp_path):
    with pytest.raises(SourceError, match="missing.txt: cannot read"):
        import_file(tmp_path / "missing.txt")


def test_language_code_is_written_in_bcp47_spelling():
    assert "\nlang: pt-BR\n" in import_text("Não à guerra contra o Irã\n", lang="pt_BR").markdown
