"""An offline file merged back, and ``translator update``, patch the memory index as they write:
the merged translation is suggested at once, with no catalog read again."""

from __future__ import annotations

from tests.exchange.conftest import EMPTY, prepare
from translator.cli import cli
from translator.tm import open_memory
from translator.tm.index import file_identity


def memory(project):
    found = open_memory(project.settings.locales_dir, project.settings.instance_dir, "de")
    found.refresh()
    return found


def run(runner, project, *args):
    return runner.invoke(cli, ["--project", str(project.root), *args])


def test_a_merged_upload_is_in_the_memory_without_a_reread(runner, project, tmp_path):
    prepare(project)
    tm = memory(project)
    out = tmp_path / "sample.de.po"
    assert (
        run(runner, project, "export", "--lang", "de", "--doc", "sample", "-o", str(out)).exit_code
        == 0
    )
    text = out.read_text(encoding="utf-8")
    out.write_text(
        text.replace(
            f'msgid "{EMPTY}"\nmsgstr ""', f'msgid "{EMPTY}"\nmsgstr "Wir fordern den Abzug."'
        ),
        encoding="utf-8",
    )
    result = run(runner, project, "merge", str(out))  # from the command line: no accounts
    assert result.exit_code == 0, result.output
    path = project.catalog_path("de", "sample")
    assert tm.index.known()["sample"] == file_identity(path)  # patched as merge wrote it
    parsed = tm.index.parsed
    assert tm.refresh() == 0 and tm.index.parsed == parsed
    assert tm.lookup(EMPTY).text == "Wir fordern den Abzug."


def test_update_patches_the_catalogs_it_merges(project):
    prepare(project)
    tm = memory(project)
    source = project.settings.source_dir / "sample.md"
    source.write_text(source.read_text(encoding="utf-8") + "\nA new closing sentence.\n", "utf-8")
    assert project.update().ok
    path = project.catalog_path("de", "sample")
    assert tm.index.known()["sample"] == file_identity(path)
    assert tm.refresh() == 0
    assert tm.lookup("The ICOR condemns the war.").text == "Die ICOR verurteilt den Krieg."
