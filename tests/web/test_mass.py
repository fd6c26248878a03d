"""Mass actions on a filtered list: approve, accept machine drafts that pass every check, send
back, search and replace with a preview; each one audit-log group, undone as a group without
clobbering later edits."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from werkzeug.datastructures import MultiDict

from translator.catalog import read_catalog, write_catalog
from translator.catalog.state import entry_state, set_draft, set_human
from translator.model import EntryState
from translator.web.data import notifications, people
from translator.web.data.database import connect, log_change

MT_OK = "Wir fordern den Abzug aller Truppen."
DE = {
    "Peace now.": ("Frieden jetzt.", "human"),
    "Stop the war!": ("Stoppt den Krieg!", "human"),
    "The ICOR condemns the war.": ("Die ICOR verurteilt den Krieg.", "human"),
    "We demand the withdrawal of all troops.": (MT_OK, "mt:deepl"),
    "Dr. Smith and the U.S. government are responsible for 3.5 million refugees.": (
        "Dr. Smith und die US-Regierung sind für Millionen Flüchtlinge verantwortlich.",
        "mt:deepl",
    ),  # the number is missing: fails a check
    "Strengthen the ICOR!": ("Stärkt die ICOR!", "mt:deepl"),
}
URL = "/translate/sample/de/mass"


def po_path(app, lang="de") -> Path:
    return Path(app.config["PROJECT_ROOT"]) / "locales" / lang / "LC_MESSAGES" / "sample.po"


@pytest.fixture
def filled(app):
    po = read_catalog(po_path(app))
    conn = connect(app.config["DATABASE"])
    for msgid, (text, how) in DE.items():
        entry = po.find(msgid)
        assert entry is not None, msgid
        if how.startswith("mt:"):
            set_draft(entry, text, how)
        else:
            set_human(entry, text)
            log_change(
                conn,
                user="dana",
                doc="sample",
                lang="de",
                msgid=msgid,
                action="save",
                before="",
                after=text,
                after_state="translated",
            )
    conn.commit()
    conn.close()
    write_catalog(po, po_path(app))
    return app


def listed(client, **args) -> dict[str, tuple[str, str]]:
    """key -> (version, source) of every row of the mass page."""
    html = client.get(URL, query_string=args).get_data(as_text=True)
    rows = re.findall(
        r'<tr class="mass-row[^"]*" data-key="(\w+)">.*?name="v-\1" value="(\w+)".*?'
        r'<td class="src">(.*?)</td>',
        html,
        re.S,
    )
    return {key: (version, source) for key, version, source in rows}


def form_for(rows: dict, keys=None, **extra) -> list[tuple[str, str]]:
    data = [("listed", key) for key in rows] + [(f"v-{k}", v) for k, (v, _) in rows.items()]
    data += [("key", key) for key in (rows if keys is None else keys)]
    return data + list(extra.items())


def key_of(rows: dict, source: str) -> str:
    return next(key for key, (_, text) in rows.items() if text == source)


def states(app) -> dict[str, EntryState]:
    po = read_catalog(po_path(app))
    return {msgid: entry_state(po.find(msgid)) for msgid in DE}


def post(client, auth, url, data):
    return client.post(url, data=MultiDict([("csrf_token", auth.token), *data]))


def groups(app) -> list[dict]:
    conn = connect(app.config["DATABASE"])
    try:
        return [dict(r) for r in conn.execute("SELECT * FROM mass_groups ORDER BY id")]
    finally:
        conn.close()


def test_filters_select_by_state_check_origin_and_search(filled, client, auth):
    auth.login("rita")
    machine = listed(client, origin="machine")
    assert {source for _, source in machine.values()} == {
        k for k, (_, how) in DE.items() if how.startswith("mt:")
    }
    failing = listed(client, origin="machine", check="failing")
    assert [source for _, source in failing.values()] == [
        "Dr. Smith and the U.S. government are responsible for 3.5 million refugees."
    ]
    assert [s for _, s in listed(client, state="translated", q="krieg").values()] == [
        "Stop the war!",
        "The ICOR condemns the war.",
    ]


def test_approve_selected_is_one_group_and_undo_restores_it(filled, client, auth):
    auth.login("rita")
    rows = listed(client, state="translated")
    before = po_path(filled).read_text(encoding="utf-8")
    response = post(client, auth, URL, form_for(rows, action="approve"))
    assert response.status_code == 302
    assert all(states(filled)[m] is EntryState.APPROVED for m in ("Peace now.", "Stop the war!"))
    (group,) = groups(filled)
    assert group["action"] == "approve" and group["username"] == "rita"
    undo = post(client, auth, URL + "/undo", [("group", str(group["id"]))])
    assert undo.status_code == 302
    assert states(filled)["Peace now."] is EntryState.TRANSLATED
    restored = read_catalog(po_path(filled))
    original = read_catalog_text(before)
    for msgid in DE:
        assert restored.find(msgid).tcomment == original.find(msgid).tcomment
        assert restored.find(msgid).msgstr == original.find(msgid).msgstr
    assert groups(filled)[0]["undone_by"] == "rita"


def read_catalog_text(text: str):
    import polib

    return polib.pofile(text)


def test_undo_skips_entries_changed_since_and_says_so(filled, client, auth, review):
    auth.login("rita")
    rows = listed(client, state="translated")
    post(client, auth, URL, form_for(rows, action="approve"))
    later = review.find("de", "Stop the war!")
    assert review.save("de", later, "Beendet den Krieg!").status_code == 200  # a later edit
    group = groups(filled)[0]["id"]
    response = post(client, auth, URL + "/undo", [("group", str(group))])
    page = client.get(response.headers["Location"]).get_data(as_text=True)
    assert "Skipped “Stop the war!”: changed since the mass action (by rita" in page
    po = read_catalog(po_path(filled))
    assert po.find("Stop the war!").msgstr == "Beendet den Krieg!"  # not clobbered
    assert entry_state(po.find("Peace now.")) is EntryState.TRANSLATED  # undone
    again = post(client, auth, URL + "/undo", [("group", str(group))])
    assert again.status_code == 409


def test_accept_takes_only_machine_drafts_passing_every_check(filled, client, auth):
    auth.login("rita")
    rows = listed(client)
    post(client, auth, URL, form_for(rows, keys=[], action="accept"))
    po = read_catalog(po_path(filled))
    accepted = po.find("We demand the withdrawal of all troops.")
    assert entry_state(accepted) is EntryState.TRANSLATED
    assert "origin: mt:deepl" in accepted.tcomment  # still known as a machine translation
    failing = po.find("Dr. Smith and the U.S. government are responsible for 3.5 million refugees.")
    assert entry_state(failing) is EntryState.DRAFT
    assert entry_state(po.find("Peace now.")) is EntryState.TRANSLATED  # untouched human work


def test_a_stale_version_is_skipped_not_overwritten(filled, client, auth, review):
    auth.login("rita")
    rows = listed(client, state="translated")
    later = review.find("de", "Peace now.")
    review.save("de", later, "Frieden, jetzt!")
    response = post(client, auth, URL, form_for(rows, action="send-back"))
    page = client.get(response.headers["Location"]).get_data(as_text=True)
    assert "Skipped “Peace now.”: changed since you loaded it" in page
    po = read_catalog(po_path(filled))
    assert entry_state(po.find("Peace now.")) is EntryState.TRANSLATED
    assert entry_state(po.find("Stop the war!")) is EntryState.DRAFT


def test_sending_back_notifies_the_translator(filled, client, auth):
    auth.login("rita")
    rows = listed(client, state="translated")
    post(
        client, auth, URL, form_for(rows, keys=[key_of(rows, "Stop the war!")], action="send-back")
    )
    conn = connect(filled.config["DATABASE"])
    try:
        feed = notifications.feed(conn, people.find_user(conn, "dana").id)
    finally:
        conn.close()
    assert [item["kind"] for item in feed] == ["sent-back"]
    assert feed[0]["body"] == "rita sent 1 of your de translation of sample back to draft."


def test_replace_previews_every_change_then_applies(filled, client, auth):
    auth.login("rita")
    before = po_path(filled).read_bytes()
    response = post(client, auth, URL + "/replace", [("find", "Krieg"), ("replace", "Kriege")])
    html = response.get_data(as_text=True)
    assert response.status_code == 200
    assert "2 changes" in html
    assert html.count('class="replace-row"') == 2
    assert "<ins>Kriege</ins>" in html or "<del>Krieg</del><ins>Kriege</ins>" in html
    assert po_path(filled).read_bytes() == before  # the preview writes nothing
    keys = re.findall(r'name="key" value="(\w+)" checked', html)
    versions = re.findall(r'name="v-(\w+)" value="(\w+)"', html.split('id="mass-form"')[0])
    data = [("find", "Krieg"), ("replace", "Kriege"), ("confirm", "1")]
    data += [("key", k) for k in keys] + [(f"v-{k}", v) for k, v in versions]
    post(client, auth, URL + "/replace", data)
    po = read_catalog(po_path(filled))
    assert po.find("Stop the war!").msgstr == "Stoppt den Kriege!"
    assert po.find("The ICOR condemns the war.").msgstr == "Die ICOR verurteilt den Kriege."
    assert groups(filled)[-1]["action"] == "replace"


def test_translators_see_the_list_but_cannot_act(filled, client, auth):
    auth.login("dana")
    page = client.get(URL)
    assert page.status_code == 200
    assert "mass actions are for reviewers" in page.get_data(as_text=True)
    rows = listed(client)
    before = po_path(filled).read_bytes()
    assert post(client, auth, URL, form_for(rows, action="approve")).status_code == 403
    data = [("find", "Krieg"), ("replace", "x")]
    assert post(client, auth, URL + "/replace", data).status_code == 403
    assert po_path(filled).read_bytes() == before
