"""Downloads and uploads in the editor, flaskr style: the same library merge as the command
line, conflicts shown with both texts and decided per sentence, the audit log as the
uploader, and the conflicts a git sync left."""

from __future__ import annotations

import io
import re
import zipfile
from pathlib import Path

import pytest

from translator.catalog import read_catalog, write_catalog
from translator.catalog.state import entry_state, set_human
from translator.gitstore.conflicts import open_conflicts, open_store, record_conflicts
from translator.gitstore.driver import DriverConflict
from translator.model import EntryState
from translator.web.data import authorship, database, people

FIRST = "The ICOR condemns the war."
SECOND = "Our demands"
PAGE = "/files/sample/de/"


def path_of(app, lang="de") -> Path:
    return Path(app.config["PROJECT_ROOT"]) / "locales" / lang / "LC_MESSAGES" / "sample.po"


def translate(app, msgid: str, text: str, lang="de") -> None:
    po = read_catalog(path_of(app, lang))
    set_human(po.find(msgid), text)
    write_catalog(po, path_of(app, lang))


def audit(app) -> list[dict]:
    conn = database.connect(app.config["DATABASE"])
    return [dict(row) for row in conn.execute("SELECT * FROM audit_log ORDER BY id")]


def download(client, fmt="po") -> str:
    response = client.get(f"/files/sample/de/download?format={fmt}")
    assert response.status_code == 200
    return response.get_data(as_text=True)


def upload(client, auth, text: str, name="sample.de.po", **fields):
    data = {"csrf_token": auth.token, "file": (io.BytesIO(text.encode()), name), **fields}
    return client.post("/files/sample/de/upload", data=data, content_type="multipart/form-data")


def fill(text: str, msgid: str, new: str, old: str = "") -> str:
    before = f'msgid "{msgid}"\nmsgstr "{old}"'
    assert before in text
    return text.replace(before, f'msgid "{msgid}"\nmsgstr "{new}"')


def test_the_editor_links_to_the_files_page(client, auth):
    auth.login("dana")
    editor = client.get("/translate/sample/de/").get_data(as_text=True)
    assert f'href="{PAGE}"' in editor
    page = client.get(PAGE).get_data(as_text=True)
    assert "/files/sample/de/download?format=xliff-1.2" in page
    assert "/files/de/download?format=po" in page and 'name="file"' in page


def test_downloads(client, auth):
    auth.login("dana")
    response = client.get("/files/sample/de/download?format=po")
    assert response.headers["Content-Disposition"] == 'attachment; filename="sample.de.po"'
    assert response.mimetype == "text/x-gettext-translation"
    assert "X-Translator-Document: sample" in response.get_data(as_text=True)
    xliff = client.get("/files/sample/de/download?format=xliff-2.0")
    assert xliff.mimetype == "application/xliff+xml" and b'version="2.0"' in xliff.data
    archive = client.get("/files/de/download?format=xliff-1.2")
    assert archive.mimetype == "application/zip"
    assert zipfile.ZipFile(io.BytesIO(archive.data)).namelist() == ["de/sample.de.xlf"]
    assert client.get("/files/fr/download").status_code == 403, "not dana's language"


def test_upload_merges_and_logs_as_the_uploader(app, client, auth):
    auth.login("dana")
    text = fill(download(client), FIRST, "Die ICOR verurteilt den Krieg.")
    text = text.replace('"Generated-By: translator 0.1.0\\n"', '"X-Generator: Poedit 3.4.2\\n"')
    response = upload(client, auth, text)
    assert response.status_code == 200
    assert "<strong>1</strong> sentence merged" in response.get_data(as_text=True)
    assert read_catalog(path_of(app)).find(FIRST).msgstr == "Die ICOR verurteilt den Krieg."
    [row] = audit(app)
    assert (row["username"], row["action"], row["msgid"]) == ("dana", "upload:poedit", FIRST)


def test_a_conflict_is_shown_and_decided_per_sentence(app, client, auth):
    auth.login("dana")
    exported = download(client)
    translate(app, FIRST, "Online geändert.")
    translate(app, SECOND, "Unsere Forderungen")
    text = fill(exported, FIRST, "Offline geändert.")
    text = fill(text, SECOND, "Forderungen")
    page = upload(client, auth, text).get_data(as_text=True)
    assert "Online geändert." in page and "Offline geändert." in page
    assert read_catalog(path_of(app)).find(FIRST).msgstr == "Online geändert.", "untouched"
    form = dict(re.findall(r'<input type="hidden" name="([^"]+)" value="([^"]*)"', page))
    keys = re.findall(r'name="key" value="([0-9a-f]+)"', page)
    assert len(keys) == 2
    by_text = {form[f"text-{key}"]: key for key in keys}
    mine, theirs = by_text["Offline geändert."], by_text["Forderungen"]
    choices = {f"choice-{mine}": "mine", f"choice-{theirs}": "online"}
    data = {**form, **choices, "key": keys}
    response = client.post("/files/sample/de/resolve", data=data)
    assert response.status_code == 302
    po = read_catalog(path_of(app))
    assert po.find(FIRST).msgstr == "Offline geändert."
    assert po.find(SECOND).msgstr == "Unsere Forderungen"
    assert [r["action"] for r in audit(app)] == ["upload"]


def test_a_decision_on_a_sentence_changed_again_is_asked_again(app, client, auth):
    auth.login("dana")
    exported = download(client)
    translate(app, FIRST, "Online geändert.")
    page = upload(client, auth, fill(exported, FIRST, "Offline.")).get_data(as_text=True)
    form = dict(re.findall(r'<input type="hidden" name="([^"]+)" value="([^"]*)"', page))
    [key] = re.findall(r'name="key" value="([0-9a-f]+)"', page)
    translate(app, FIRST, "Noch einmal online geändert.")
    response = client.post(
        "/files/sample/de/resolve", data={**form, "key": key, f"choice-{key}": "mine"}
    )
    assert response.status_code == 409
    assert "Noch einmal online geändert." in response.get_data(as_text=True)
    assert read_catalog(path_of(app)).find(FIRST).msgstr == "Noch einmal online geändert."


def test_a_malformed_upload_names_each_problem_and_writes_nothing(app, client, auth):
    auth.login("dana")
    before = path_of(app).read_bytes()
    text = download(client).replace("Language: de", "Language: fr")
    text += '\nmsgid "Not in this document."\nmsgstr "Nicht hier."\n'
    response = upload(client, auth, text)
    assert response.status_code == 400
    page = response.get_data(as_text=True)
    assert "the file is in &#39;fr&#39;, this catalog is &#39;de&#39;" in page
    assert "&#39;Not in this document.&#39;: not in the catalog" in page
    assert path_of(app).read_bytes() == before
    assert upload(client, auth, "").status_code == 302, "no file: back to the form"


def test_only_a_reviewers_upload_approves(app, client, auth):
    auth.login("dana")
    text = fill(download(client), FIRST, "Die ICOR verurteilt den Krieg.")
    assert upload(client, auth, text, approve="1").status_code == 403
    auth.logout()
    auth.login("rita")
    upload(client, auth, text, approve="1")
    assert entry_state(read_catalog(path_of(app)).find(FIRST)) is EntryState.APPROVED


def test_a_translator_of_another_language_cannot_upload(client, auth):
    auth.login("fred")
    assert client.get(PAGE).status_code == 403
    assert upload(client, auth, "x").status_code == 403


@pytest.fixture
def sync_conflict(app):
    translate(app, FIRST, "Hier übersetzt.")
    conn = open_store(Path(app.config["PROJECT_ROOT"]) / "instance")
    record_conflicts(
        conn,
        "sample",
        "de",
        [
            DriverConflict(
                FIRST, None, "Hier übersetzt.", "translated", "Dort übersetzt.", "translated"
            )
        ],
    )
    conn.close()


def test_sync_conflicts_wait_in_the_editor(app, client, auth, sync_conflict):
    auth.login("dana")
    editor = client.get("/translate/sample/de/").get_data(as_text=True)
    assert 'title="conflicts from a sync">1</span>' in editor
    page = client.get("/files/sample/de/conflicts").get_data(as_text=True)
    assert "Hier übersetzt." in page and "Dort übersetzt." in page
    number = re.search(r'name="conflict" value="(\d+)"', page).group(1)
    version = re.search(r'name="version" value="([0-9a-f]+)"', page).group(1)
    data = {"csrf_token": auth.token, "conflict": number, "take": "theirs", "version": version}
    assert client.post("/files/sample/de/conflicts", data=data).status_code == 302
    assert read_catalog(path_of(app)).find(FIRST).msgstr == "Dort übersetzt."
    conn = open_store(Path(app.config["PROJECT_ROOT"]) / "instance")
    assert open_conflicts(conn, "sample", "de") == []
    conn.close()
    assert audit(app)[-1]["action"] == "sync-resolve"


def test_profile_sets_the_commit_address(app, client, auth):
    auth.login("dana")
    assert "dana@users.noreply.invalid" in client.get("/files/profile").get_data(as_text=True)
    bad = client.post("/files/profile", data={"csrf_token": auth.token, "email": "not an address"})
    assert bad.status_code == 400
    good = client.post(
        "/files/profile", data={"csrf_token": auth.token, "email": "dana@example.org"}
    )
    assert good.status_code == 302
    conn = database.connect(app.config["DATABASE"])
    identity = authorship.identity_of(conn)("dana")
    assert (identity.name, identity.email) == ("Dana", "dana@example.org")
    assert people.find_user(conn, "dana") is not None
