"""import, segment, extract, init, update: sources in, templates and catalogs out."""

from __future__ import annotations

import json

from translator.cli import cli


def run(runner, project, *args, **kwargs):
    return runner.invoke(cli, ["--project", str(project.root), *args], **kwargs)


def test_slug_with_path_characters_is_refused(runner, project, tmp_path):
    text = tmp_path / "page.txt"
    text.write_text("A title\n\nSome text.\n", encoding="utf-8")
    result = run(runner, project, "import", str(text), "--slug", "../x")
    assert result.exit_code == 1
    assert "invalid slug '../x'" in result.output
    assert not (project.root / "x.md").exists()


def test_segment_plain_text(runner):
    result = runner.invoke(cli, ["segment", "--lang", "en"], input="Dr. Smith came. He left!\n")
    assert result.exit_code == 0
    assert result.output.splitlines() == ["Dr. Smith came.", "He left!"]


def test_segment_jsonl_keeps_order(runner):
    lines = [
        {"lang": "de", "text": "Am 16. Januar 2020 kam er. Dann ging er."},
        {"lang": "en", "text": "One."},
    ]
    stdin = "\n".join(json.dumps(line) for line in lines) + "\n"
    result = runner.invoke(cli, ["segment", "--jsonl"], input=stdin)
    assert result.exit_code == 0
    out = [json.loads(line) for line in result.output.splitlines()]
    assert out == [
        {"sentences": ["Am 16. Januar 2020 kam er.", "Dann ging er."]},
        {"sentences": ["One."]},
    ]


def test_segment_jsonl_bad_line_names_it(runner):
    result = runner.invoke(cli, ["segment", "--jsonl"], input='{"text": "a"}\nnot json\n')
    assert result.exit_code == 1
    assert "<stdin>:2" in result.output


def test_broken_source_is_reported_and_others_continue(runner, project):
    (project.root / "source" / "broken.md").write_bytes(b"---\nslug: broken\n\xff\n")
    result = run(runner, project, "extract")
    assert result.exit_code == 1
    assert "source/broken.md:3: not valid UTF-8" in result.output
    assert (project.root / "locales" / "sample.pot").is_file()


def test_segment_rejects_invalid_utf8_as_import_does(runner, project, tmp_path):
    data = b"A title\n\nSome text with a bad byte: \xff.\n"
    page = tmp_path / "page.txt"
    page.write_bytes(data)
    imported = run(runner, project, "import", str(page), "--stdout")
    segmented = runner.invoke(cli, ["segment"], input=data)
    assert imported.exit_code == segmented.exit_code == 1
    assert imported.stderr == f"error: {page}:3: not UTF-8 (byte 0xff at column 28); " + (
        "save the file as UTF-8\n"
    )
    assert segmented.stderr == imported.stderr.replace(str(page), "<stdin>")
    assert segmented.stdout == ""


def test_segment_jsonl_names_the_line_with_invalid_utf8(runner):
    stdin = b'{"text": "Fine."}\n{"text": "Not \xe2\x28 fine."}\n'
    result = runner.invoke(cli, ["segment", "--jsonl"], input=stdin)
    assert result.exit_code == 1
    assert result.stdout == '{"sentences": ["Fine."]}\n'
    assert result.stderr.startswith("error: <stdin>:2: not UTF-8 (byte 0xe2 at column 15)")


def test_segment_jsonl_wants_strings(runner):
    for line in ('{"text": 5}', '{"text": "a", "lang": 3}', "[1]", '"text"'):
        result = runner.invoke(cli, ["segment", "--jsonl"], input=line + "\n")
        assert result.exit_code == 1, line
        assert result.stderr.startswith('error: <stdin>:1: expected {"lang", "text"}'), line


def test_import_explain_lists_every_drop_and_writes_nothing(runner, project, tmp_path):
    page = tmp_path / "saved.txt"
    page.write_text(
        "#!/usr/bin/php\n<?php include('x.php'); ?>\n<html><body>\n"
        "<h1>(Turkish) Free all political prisoners now</h1>\n"
        "<p>İngilizceden çeviren: Ayşe Yılmaz</p>\n"
        "<p>We demand the release of all prisoners.</p>\n"
        "<p><a href='/p.pdf'>PDF</a></p>\n</body></html>\n",
        encoding="utf-8",
    )
    before = sorted(p.name for p in (project.root / "source").iterdir())
    result = run(runner, project, "import", str(page), "--lang", "tr", "--explain")
    assert result.exit_code == 0, result.output
    assert result.stdout.splitlines() == [
        f'{page}:1: dropped "#!/usr/bin/php": server-side code (shebang line)',
        f"{page}:2: dropped \"<?php include('x.php'); ?>\": server-side code (PHP)",
        f'{page}:4: dropped "Turkish": language label on the title',
        f'{page}:5: dropped "İngilizceden çeviren: Ayşe Yılmaz": translator\'s credit -> '
        "front matter translator_credit",
        f'{page}:7: dropped "PDF": a link and nothing else (HTML)',
        f"{page}: front matter translator_credit: İngilizceden çeviren: Ayşe Yılmaz",
        f'{page}: title "Free all political prisoners now", date none, '
        "slug free-all-political-prisoners-now",
    ]
    assert sorted(p.name for p in (project.root / "source").iterdir()) == before
