"""Catalogs GNU gettext would reject are shown as broken (file and line) and never saved over."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from tests.catalog.damage import DAMAGE

FIRST = "The ICOR condemns the war."


@pytest.mark.parametrize("damage", DAMAGE, ids=lambda f: f.__name__)
def test_a_damaged_catalog_is_broken_in_the_ui_and_left_as_it_is(app, client, auth, review, damage):
    root = Path(app.config["PROJECT_ROOT"])
    path = root / "locales" / "de" / "LC_MESSAGES" / "sample.po"
    auth.login("coord")
    entry = review.find("de", FIRST)
    damaged = damage(path.read_text(encoding="utf-8"))
    path.write_text(damaged, encoding="utf-8")

    page = client.get("/translate/sample/de/").get_data(as_text=True)
    assert "cannot be opened" in page
    assert re.search(r"locales/de/LC_MESSAGES/sample\.po(:\d+)?: invalid PO file", page)
    response = review.save("de", entry, "Krieg ist keine Lösung.")
    assert response.status_code in (409, 503) and "invalid PO file" in response.get_json()["error"]
    assert path.read_text(encoding="utf-8") == damaged  # nothing was written over it
    assert client.get("/translate/sample/fr/").status_code == 200  # the rest works


def test_a_stray_line_break_at_the_end_is_dropped_not_saved(app, client, auth, review):
    auth.login("dana")
    entry = review.find("de", FIRST)
    response = review.save("de", entry, "Krieg ist keine Lösung.\n")
    assert response.status_code == 200, response.get_data(as_text=True)
    assert response.get_json()["entry"]["msgstr"] == "Krieg ist keine Lösung."
