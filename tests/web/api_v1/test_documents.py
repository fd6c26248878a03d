"""The API's documents with each role's token: the figures (equal to ``translator stats
--json``), the list, a new document imported (201, 403, 409, 422), and a catalog downloaded
and merged back with the offline round trip's rules (200, 403, 409 with the conflicts,
422 naming the line), every merged entry logged as the token's person with origin ``api``."""

from __future__ import annotations

import io
import json
import os
import time
from pathlib import Path

import polib
import pytest

from tests.hardening.conftest import msgfmt_check
from translator.catalog import read_catalog
from translator.cli import cli
from translator.web.data import database

CATALOG = "/documents/{slug}/languages/{lang}/catalog.po"
DE = {"slug": "sample", "lang": "de"}
PAGE = (
    b"Solidarity with the dockers!\n\n1 May 2024\n\nThe dockers are on strike. We support them.\n"
)


def test_stats_are_the_figures_of_translator_stats_json(api, app, runner):
    cli_run = runner.invoke(cli, ["--project", app.config["PROJECT_ROOT"], "stats", "--json"])
    assert cli_run.exit_code == 0, cli_run.output
    response = api.get("/stats", "coord")
    assert response.status_code == 200
    assert response.get_json() == json.loads(cli_run.stdout)
    assert {row["language"] for row in response.get_json()["catalogs"]} == {"ar", "de", "fr"}


def test_stats_come_from_the_statistics_index(api, app):
    """A second request parses no catalog again (the dashboard's index answers)."""
    past = time.time() - 100  # older than the index's racy window
    for path in Path(app.config["PROJECT_ROOT"], "locales").rglob("*.po*"):
        os.utime(path, (past, past))
    index = app.extensions["translator.store"].project.stats_index()
    first = index.parsed
    assert api.get("/stats", "coord").status_code == 200
    parsed = index.parsed
    assert parsed >= first + 3  # the three catalogs (touched above) went through the index
    assert api.get("/stats", "coord").status_code == 200
    assert api.get("/stats", "dana").status_code == 200
    assert index.parsed == parsed


@pytest.mark.parametrize(("who", "langs"), [("rita", {"de"}), ("dana", {"de"}), ("fred", {"fr"})])
def test_stats_and_documents_show_only_the_tokens_languages(api, who, langs):
    stats = api.get("/stats", who).get_json()
    assert {row["language"] for row in stats["catalogs"]} == langs
    assert set(stats["languages"]) == langs
    (document,) = api.get("/documents", who).get_json()["documents"]
    assert document["slug"] == "sample" and document["title"] == "Peace now. Stop the war!"
    assert set(document["languages"]) == langs == set(document["catalogs"])


def test_stats_of_one_language_and_document(api):
    body = api.get("/stats", "coord", query_string={"lang": "fr", "doc": "sample"}).get_json()
    assert [(row["document"], row["language"]) for row in body["catalogs"]] == [("sample", "fr")]
    assert api.get("/stats", "coord", query_string={"lang": "xx"}).status_code == 404


def post_document(api, who, data=PAGE, name="dockers.txt", slug="dockers", lang="en"):
    form = {"file": (io.BytesIO(data), name), "slug": slug, "lang": lang}
    return api.post("/documents", who, data=form, content_type="multipart/form-data")


def test_a_coordinator_imports_a_document_and_gets_what_was_made(api, app):
    response = post_document(api, "coord")
    assert response.status_code == 201, response.get_json()
    made = response.get_json()
    assert made["slug"] == "dockers" and made["title"] == "Solidarity with the dockers!"
    assert made["source"] == "source/dockers.md" and made["template"] == "locales/dockers.pot"
    assert sorted(made["catalogs"]) == [
        f"locales/{lang}/LC_MESSAGES/dockers.po" for lang in ("ar", "de", "fr")
    ]
    root = app.config["PROJECT_ROOT"]
    for path in [made["template"], *made["catalogs"]]:
        assert msgfmt_check(Path(root) / path) == "", path
    po = read_catalog(Path(root) / made["catalogs"][1])
    assert "We support them." in {entry.msgid for entry in po}
    slugs = [doc["slug"] for doc in api.get("/documents", "dana").get_json()["documents"]]
    assert slugs == ["dockers", "sample"]
    again = post_document(api, "coord")
    assert again.status_code == 409 and "dockers" in again.get_json()["error"]


@pytest.mark.parametrize("who", ["rita", "dana", "fred"])
def test_only_coordinators_import_documents(api, app, who):
    response = post_document(api, who)
    assert response.status_code == 403
    assert not (Path(app.config["PROJECT_ROOT"]) / "source/dockers.md").exists()


def test_an_import_that_fails_is_422_and_a_missing_field_400(api):
    bad = post_document(api, "coord", name="dockers.pdf")
    assert bad.status_code == 422 and "cannot import this kind of file" in bad.get_json()["error"]
    no_slug = post_document(api, "coord", slug="")
    assert no_slug.status_code == 400 and "slug" in no_slug.get_json()["error"]
    wrong = post_document(api, "coord", slug="../up")
    assert wrong.status_code == 422
    exists = post_document(api, "coord", slug="sample")
    assert exists.status_code == 409


def download(api, who="dana", params=DE):
    response = api.get(CATALOG, who, params=params)
    assert response.status_code == 200, response.get_data(as_text=True)
    return polib.pofile(response.get_data(as_text=True))


def upload(api, po: polib.POFile, who="dana", params=DE, **kwargs):
    return api.put(
        CATALOG,
        who,
        params=params,
        data=po.__unicode__().encode("utf-8"),
        content_type="text/x-gettext-translation",
        **kwargs,
    )


def test_the_download_is_the_export_with_its_base(api, tmp_path):
    po = download(api)
    assert po.metadata["X-Translator-Document"] == "sample"
    assert po.metadata["X-Translator-Base"] and po.metadata["X-Translator-Entries"]
    path = tmp_path / "de.po"
    po.save(str(path))
    assert msgfmt_check(path) == ""
    assert api.get(CATALOG, "fred", params=DE).status_code == 403
    assert api.get(CATALOG, "dana", params={"slug": "sample", "lang": "xx"}).status_code == 404


def audit_rows(app, lang="de"):
    conn = database.connect(app.config["DATABASE"])
    try:
        rows = conn.execute("SELECT * FROM audit_log WHERE lang = ? ORDER BY id", (lang,))
        return [dict(row) for row in rows]
    finally:
        conn.close()


def test_a_merged_catalog_is_logged_as_the_tokens_person_with_origin_api(api, app):
    po = download(api, "fred", {"slug": "sample", "lang": "fr"})
    entry = next(e for e in po if e.msgid == "Stop the war!")
    entry.msgstr = "Arrêtez la guerre !"
    response = upload(api, po, "fred", {"slug": "sample", "lang": "fr"})
    assert response.status_code == 200, response.get_json()
    report = response.get_json()
    assert report["origin"] == "api" and [m["msgid"] for m in report["merged"]] == ["Stop the war!"]
    (row,) = audit_rows(app, "fr")
    assert (row["username"], row["action"], row["after"]) == ("fred", "api", "Arrêtez la guerre !")
    catalog = read_catalog(Path(app.config["PROJECT_ROOT"]) / ("locales/fr/LC_MESSAGES/sample.po"))
    assert catalog.find("Stop the war!").msgstr == "Arrêtez la guerre !"
    # an unowned token is logged under its own name
    po = download(api, "coord")
    next(e for e in po if e.msgid == "Stop the war!").msgstr = "Stoppt den Krieg!"
    assert upload(api, po, "coord").status_code == 200
    assert audit_rows(app)[-1]["username"] == "token:coord-ci"


def test_changed_in_the_file_and_online_is_a_409_with_the_conflicts(api, app):
    mine = download(api, "dana")
    theirs = download(api, "rita")
    next(e for e in theirs if e.msgid == "Stop the war!").msgstr = "Beendet den Krieg!"
    assert upload(api, theirs, "rita").status_code == 200
    next(e for e in mine if e.msgid == "Stop the war!").msgstr = "Stoppt den Krieg!"
    next(e for e in mine if e.msgid == "Strengthen the ICOR!").msgstr = "Stärkt die ICOR!"
    response = upload(api, mine, "dana")
    assert response.status_code == 409
    body = response.get_json()
    (conflict,) = body["conflicts"]
    assert conflict["msgid"] == "Stop the war!"
    assert conflict["mine"]["text"] == "Stoppt den Krieg!"
    assert conflict["theirs"]["text"] == "Beendet den Krieg!"
    assert [item["msgid"] for item in body["report"]["merged"]] == ["Strengthen the ICOR!"]
    catalog = read_catalog(Path(app.config["PROJECT_ROOT"]) / ("locales/de/LC_MESSAGES/sample.po"))
    assert catalog.find("Stop the war!").msgstr == "Beendet den Krieg!"  # left as it was


def test_a_file_that_does_not_fit_is_422_naming_the_line(api, app):
    po = download(api, "dana")
    po.append(polib.POEntry(msgid="A sentence nobody wrote.", msgstr="Ein Satz."))
    response = upload(api, po, "dana")
    assert response.status_code == 422
    (problem,) = response.get_json()["problems"]
    assert "not in the catalog" in problem and "A sentence nobody wrote." in problem
    assert problem.split(":")[1].isdigit()  # name:line: ...
    fr = download(api, "fred", {"slug": "sample", "lang": "fr"})
    wrong_language = upload(api, fr, "coord")
    assert wrong_language.status_code == 422 and "'fr'" in wrong_language.get_json()["error"]
    broken = api.put(CATALOG, "dana", params=DE, data=b'msgid "x"\nmsgstr "unterminated\n')
    assert broken.status_code == 422 and ":2:" in broken.get_json()["error"]
    empty = api.put(CATALOG, "dana", params=DE, data=b"")
    assert empty.status_code == 400
    assert audit_rows(app) == []


@pytest.mark.parametrize("who", ["fred"])
def test_a_token_without_the_language_cannot_merge(api, who):
    po = download(api, "dana")
    assert upload(api, po, who).status_code == 403


def test_a_multipart_upload_merges_too_and_approve_needs_a_reviewer(api, app):
    po = download(api, "rita")
    next(e for e in po if e.msgid == "Stop the war!").msgstr = "Stoppt den Krieg!"
    data = {"file": (io.BytesIO(po.__unicode__().encode()), "de.po")}
    refused = api.put(
        CATALOG,
        "dana",
        params=DE,
        data=dict(data),
        content_type="multipart/form-data",
        query_string={"approve": "1"},
    )
    assert refused.status_code == 403
    data = {"file": (io.BytesIO(po.__unicode__().encode()), "de.po")}
    approved = api.put(
        CATALOG,
        "rita",
        params=DE,
        data=data,
        content_type="multipart/form-data",
        query_string={"approve": "1"},
    )
    assert approved.status_code == 200, approved.get_json()
    assert approved.get_json()["merged"][0]["after"] == "approved"
