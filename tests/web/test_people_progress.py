"""People's progress on the dashboard: words translated and reviewed per person and language."""

from __future__ import annotations

import re

from translator.web.data.database import connect, log_change


def log(app, user, lang, msgid, before_state, after_state):
    conn = connect(app.config["DATABASE"])
    log_change(
        conn,
        user=user,
        doc="sample",
        lang=lang,
        msgid=msgid,
        action="save",
        before="",
        after="x",
        before_state=before_state,
        after_state=after_state,
    )
    conn.commit()
    conn.close()


def test_words_per_person_and_language_with_a_chart(app, client, auth):
    log(app, "dana", "de", "Stop the war!", "untranslated", "translated")  # 3 words
    log(app, "dana", "de", "Peace now.", "untranslated", "translated")  # 2 words
    log(app, "rita", "de", "Stop the war!", "translated", "approved")
    log(app, "fred", "fr", "Peace now.", "untranslated", "draft")  # a draft is no progress
    auth.login("coord")
    html = client.get("/dashboard/people").get_data(as_text=True)
    dana = re.search(r'data-person="dana">(.*?)</section>', html, re.S).group(1)
    assert "5 words translated · 0 reviewed" in dana
    assert re.search(r'data-lang="de">.*?person-translated">5<.*?person-reviewed">0<', dana, re.S)
    assert "<svg" in dana and "dana, last 30 days: 5 words translated" in dana
    rita = re.search(r'data-person="rita">(.*?)</section>', html, re.S).group(1)
    assert "0 words translated · 3 reviewed" in rita
    assert 'data-person="fred"' not in html


def test_only_coordinators_see_people_progress(app, client, auth):
    auth.login("rita")
    assert client.get("/dashboard/people").status_code == 403
