"""``translator export``, ``merge`` and ``tm``: files out, work back in, as a translator and a
reviewer would use them, with the audit log recording who changed what."""

from __future__ import annotations

import io
import json
import zipfile

import pytest

from tests.exchange.conftest import DRAFT, EMPTY, TRANSLATED, online_edit, prepare
from translator.catalog import read_catalog
from translator.catalog.state import entry_state
from translator.cli import cli
from translator.model import EntryState
from translator.web.accounts_cli import add_user, open_accounts
from translator.web.data import database


@pytest.fixture
def team(project):
    prepare(project)
    with open_accounts(project.root, create=True) as conn:
        add_user(conn, "dana", "Dana", None, ["de"], "a-long-password")
        add_user(conn, "rita", "Rita", None, ["de:reviewer"], "a-long-password")
    return project


def run(runner, project, *args):
    return runner.invoke(cli, ["--project", str(project.root), *args])


def test_export_merge_round_trip_is_logged_as_the_translator(runner, team, tmp_path):
    out = tmp_path / "sample.de.po"
    result = run(runner, team, "export", "--lang", "de", "--doc", "sample", "-o", str(out))
    assert result.exit_code == 0, result.output
    text = out.read_text(encoding="utf-8")
    out.write_text(
        text.replace(
            f'msgid "{EMPTY}"\nmsgstr ""', f'msgid "{EMPTY}"\nmsgstr "Wir fordern."'
        ).replace('"Generated-By: translator 0.1.0\\n"', '"X-Generator: Poedit 3.4\\n"'),
        encoding="utf-8",
    )
    result = run(runner, team, "merge", str(out), "--user", "dana")
    assert result.exit_code == 0, result.output
    assert result.stdout.splitlines()[0] == (
        "sample [de]: 1 merged, 0 conflict(s), 13 unchanged (upload:poedit)"
    )
    with open_accounts(team.root) as conn:
        [row] = database.segment_history(conn, "sample", "de", EMPTY)
    assert (row["username"], row["action"], row["after"]) == (
        "dana",
        "upload:poedit",
        "Wir fordern.",
    )
    assert (row["before_state"], row["after_state"]) == ("untranslated", "translated")


def test_conflicts_exit_3_with_both_texts(runner, team, tmp_path):
    out = tmp_path / "sample.xlf"
    assert (
        run(
            runner,
            team,
            "export",
            "--lang",
            "de",
            "--doc",
            "sample",
            "--format",
            "xliff",
            "-o",
            str(out),
        ).exit_code
        == 0
    )
    online_edit(team.catalog_path("de", "sample"), TRANSLATED, "Online geändert.")
    data = out.read_text(encoding="utf-8").replace(
        "Die ICOR verurteilt den Krieg.", "Offline geändert."
    )
    out.write_text(data, encoding="utf-8")
    result = run(runner, team, "merge", str(out), "--user", "dana", "--json")
    assert result.exit_code == 3, result.output
    [conflict] = json.loads(result.stdout)["conflicts"]
    assert conflict["mine"]["text"] == "Offline geändert."
    assert conflict["theirs"]["text"] == "Online geändert."
    assert (
        read_catalog(team.catalog_path("de", "sample")).find(TRANSLATED).msgstr
        == "Online geändert."
    )


def test_only_a_reviewers_merge_approves(runner, team, tmp_path):
    out = tmp_path / "sample.de.po"
    run(runner, team, "export", "--lang", "de", "--doc", "sample", "-o", str(out))
    refused = run(runner, team, "merge", str(out), "--user", "dana", "--approve")
    assert refused.exit_code == 1 and "dana is not a reviewer of de" in refused.stderr
    text = out.read_text(encoding="utf-8").replace("#, fuzzy, role-title", "#, role-title")
    out.write_text(text, encoding="utf-8")
    assert run(runner, team, "merge", str(out), "--user", "rita", "--approve").exit_code == 0
    po = read_catalog(team.catalog_path("de", "sample"))
    assert entry_state(po.find(DRAFT)) is EntryState.APPROVED
    assert entry_state(po.find(TRANSLATED)) is EntryState.APPROVED


def test_a_malformed_file_names_each_problem_and_writes_nothing(runner, team, tmp_path):
    out = tmp_path / "sample.de.po"
    run(runner, team, "export", "--lang", "de", "--doc", "sample", "-o", str(out))
    out.write_text(
        out.read_text(encoding="utf-8")
        + '\nmsgid "Unknown one."\nmsgstr "Eins."\n\nmsgid "Unknown two."\nmsgstr "Zwei."\n',
        encoding="utf-8",
    )
    path = team.catalog_path("de", "sample")
    before = path.read_bytes()
    result = run(runner, team, "merge", str(out), "--user", "dana")
    assert result.exit_code == 1
    lines = result.stderr.splitlines()
    assert len(lines) == 2 and all("not in the catalog" in line for line in lines)
    assert "'Unknown one.'" in lines[0] and "'Unknown two.'" in lines[1]
    assert path.read_bytes() == before


def test_a_language_as_a_zip(runner, team, tmp_path):
    out = tmp_path / "de.zip"
    assert (
        run(
            runner, team, "export", "--lang", "de", "--format", "xliff-2.0", "-o", str(out)
        ).exit_code
        == 0
    )
    names = zipfile.ZipFile(io.BytesIO(out.read_bytes())).namelist()
    assert names == ["de/sample.de.xlf"]
    again = tmp_path / "again.zip"
    run(runner, team, "export", "--lang", "de", "--format", "xliff-2.0", "-o", str(again))
    assert again.read_bytes() == out.read_bytes(), "the same catalogs, the same archive"


def test_tm_export_and_check(runner, team, tmp_path):
    out = tmp_path / "de.tmx"
    result = run(runner, team, "tm", "export", "--lang", "de", "-o", str(out))
    assert result.exit_code == 0, result.output
    data = out.read_text(encoding="utf-8")
    assert "Unsere Forderungen" in data and "Die ICOR verurteilt den Krieg." in data
    assert "Stoppt den Krieg!" not in data, "drafts are not memory"
    assert 'creationid="rita"' in data, "the approval's reviewer"
    checked = run(runner, team, "tm", "import", str(out), "--lang", "de", "--check")
    assert checked.exit_code == 0
    assert checked.stdout.strip() == "de.tmx: 2 units for de (translator)"


def test_without_accounts_the_memory_has_no_authors_and_no_database_appears(runner, project):
    prepare(project)
    result = run(runner, project, "tm", "export", "--lang", "de")
    assert result.exit_code == 0 and "Die ICOR verurteilt den Krieg." in result.stdout
    assert not (project.root / "instance" / "translator.sqlite3").exists()


def test_a_merge_without_user_is_logged_for_the_command_line(runner, project, tmp_path):
    import getpass

    prepare(project)
    out = tmp_path / "sample.de.po"
    run(runner, project, "export", "--lang", "de", "--doc", "sample", "-o", str(out))
    text = out.read_text(encoding="utf-8")
    out.write_text(
        text.replace(f'msgid "{EMPTY}"\nmsgstr ""', f'msgid "{EMPTY}"\nmsgstr "Wir fordern."'),
        encoding="utf-8",
    )
    assert run(runner, project, "merge", str(out)).exit_code == 0
    with open_accounts(project.root) as conn:
        [row] = database.segment_history(conn, "sample", "de", EMPTY)
    assert row["username"] == f"cli:{getpass.getuser()}"
