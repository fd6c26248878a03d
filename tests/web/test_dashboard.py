"""The coordinators' dashboard: matrix numbers, live updates, broken catalogs, permissions,
staleness, amendments, activity, exports, and a screenshot in a real browser."""

from __future__ import annotations

import datetime as dt
import html
import json
import os
import random
import re
import shutil
import subprocess
import threading
import time
from pathlib import Path

import pytest

from translator.catalog import read_catalog, write_catalog
from translator.catalog.state import approve, set_draft, set_human
from translator.cli import cli
from translator.web import create_app
from translator.web.context import get_store
from translator.web.data import people
from translator.web.data.catalogs import entry_key, entry_version
from translator.web.data.database import connect, log_change

DATA = Path(__file__).parent.parent / "data"

PASSWORD = "a long enough password"
REWORDED = (
    "We demand the withdrawal of all troops.",
    "We demand the immediate withdrawal of all troops.",
)
LANGS = ["de", "fa", "fr", "ru", "tr"]


def msgfmt_counts(path: Path) -> tuple[int, int, int]:
    result = subprocess.run(
        ["msgfmt", "--statistics", "-o", os.devnull, str(path)],
        capture_output=True,
        text=True,
        check=True,
    )
    found = {
        k: int(n) for n, k in re.findall(r"(\d+) (translated|fuzzy|untranslated)", result.stderr)
    }
    return found.get("translated", 0), found.get("fuzzy", 0), found.get("untranslated", 0)


def work(project, lang: str, translated: int, approved: int = 0, drafts: int = 0) -> None:
    """Translate the first sentences of the sample, approve some, leave machine drafts."""
    path = project.catalog_path(lang, "sample")
    po = read_catalog(path)
    entries = [entry for entry in po if entry.msgid]
    for number, entry in enumerate(entries[:translated]):
        set_human(entry, f"[{lang}] {entry.msgid}")
        if number < approved:
            approve(entry, "rita", "2026-01-05")
    for entry in entries[translated : translated + drafts]:
        set_draft(entry, f"[{lang}~] {entry.msgid}", "mt:google")
    write_catalog(po, path)


@pytest.fixture
def busy(project):
    """Five languages at different stages; French untouched."""
    project.init(LANGS)
    work(project, "de", translated=12, approved=8, drafts=2)
    work(project, "fa", translated=5, approved=1, drafts=6)
    work(project, "ru", translated=14, approved=14)
    work(project, "tr", translated=2, drafts=1)
    return project


@pytest.fixture
def app(busy):
    app = create_app(
        {
            "TESTING": True,
            "PROJECT_ROOT": str(busy.root),
            "SECRET_KEY": "test",
            "WTF_CSRF_ENABLED": False,
            "FIRST_RUN_ADMIN": False,
            "DASHBOARD_REFILL_ENGINE": "none",
        }
    )
    conn = connect(app.config["DATABASE"])
    people.create_user(conn, "coco", PASSWORD, global_role="coordinator")
    people.create_user(conn, "tina", PASSWORD, languages={"de": "translator"})
    people.create_user(conn, "rita", PASSWORD, languages={"de": "reviewer", "fa": "reviewer"})
    conn.close()
    return app


class Auth:
    def __init__(self, client):
        self.client = client

    def login(self, username: str = "coco"):
        response = self.client.post(
            "/auth/login", data={"username": username, "password": PASSWORD}
        )
        assert response.status_code == 302, response.data[:500]
        return response


@pytest.fixture
def client(app):
    return app.test_client()


@pytest.fixture
def auth(client):
    return Auth(client)


def page(client, url: str) -> str:
    response = client.get(url)
    assert response.status_code == 200, response.data[:2000]
    return response.get_data(as_text=True)


CELL = re.compile(
    r'<td class="cell[^"]*"><a href="[^"]*" title="(?P<doc>[\w-]+) · (?P<name>[^&\n]+)\n'
    r"(?P<words>[^&\n]+)\n(?P<segments>[^&\"\n]+)"
)
PART = re.compile(r"(\d+) (approved|translated|needs review|untranslated)")


def matrix_cells(text: str) -> dict[tuple[str, str], dict]:
    """Each catalog cell's figures, read back from the page's tooltips."""
    cells = {}
    for match in CELL.finditer(text):
        figures = {}
        for unit in ("words", "segments"):
            line = html.unescape(match.group(unit))
            percent = float(line.split("%", 1)[0])
            parts = {label: int(n) for n, label in PART.findall(line)}
            figures[unit] = {"percent": percent, **parts}
        cells[(match.group("doc"), html.unescape(match.group("name")))] = figures
    return cells


# -- the matrix -----------------------------------------------------------------------------------


def test_matrix_numbers_equal_cli_json_and_msgfmt(busy, client, auth, runner):
    auth.login()
    cells = matrix_cells(page(client, "/dashboard/"))
    result = runner.invoke(cli, ["--project", str(busy.root), "stats", "--json"])
    catalogs = json.loads(result.output)["catalogs"]
    assert len(cells) == len(catalogs) == len(LANGS)
    names = {"de": "German", "fa": "Persian", "fr": "French", "ru": "Russian", "tr": "Turkish"}
    for item in catalogs:
        cell = cells[(item["document"], names[item["language"]])]
        assert cell["segments"] == {
            "percent": item["percent"],
            "approved": item["approved"],
            "translated": item["translated"],
            "needs review": item["fuzzy"],
            "untranslated": item["untranslated"],
        }
        assert cell["words"]["percent"] == item["percent_words"]
        assert cell["words"]["untranslated"] == item["untranslated_words"]
        done = item["translated"] + item["approved"]
        path = busy.root / item["catalog"]
        assert (done, item["fuzzy"], item["untranslated"]) == msgfmt_counts(path)


def test_matrix_has_names_in_english_and_own_script_and_totals(client, auth):
    auth.login()
    text = page(client, "/dashboard/")
    assert "Persian" in text and "فارسی" in text and 'dir="rtl"' in text
    assert "Русский" in text or "русский" in text
    assert "All languages" in text and "All documents" in text
    assert "/translate/sample/de/" in text  # cells open the editor


def test_editor_save_shows_up_immediately(busy, app, client, auth):
    auth.login()
    before = matrix_cells(page(client, "/dashboard/"))[("sample", "French")]
    po = read_catalog(busy.catalog_path("fr", "sample"))
    entry = next(e for e in po if e.msgid)
    key = entry_key(entry)
    with app.app_context():  # the editor's save path: lock, version check, write, index refresh
        get_store().modify(
            "fr",
            "sample",
            {key: entry_version(entry)},
            lambda _po, entries: set_human(entries[key], "La paix maintenant."),
        )
    after = matrix_cells(page(client, "/dashboard/"))[("sample", "French")]
    assert after["segments"]["translated"] == before["segments"]["translated"] + 1
    assert after["segments"]["untranslated"] == before["segments"]["untranslated"] - 1


def test_save_through_the_editor_api_shows_up_immediately(busy, client, auth):
    auth.login()
    before = matrix_cells(page(client, "/dashboard/"))[("sample", "Turkish")]
    po = read_catalog(busy.catalog_path("tr", "sample"))
    entry = next(e for e in po if e.msgid and not e.msgstr)
    response = client.post(
        f"/api/translate/sample/tr/segment/{entry_key(entry)}",
        json={"action": "save", "msgstr": "Barış şimdi.", "version": entry_version(entry)},
    )
    assert response.status_code == 200, response.data
    after = matrix_cells(page(client, "/dashboard/"))[("sample", "Turkish")]
    assert after["segments"]["translated"] == before["segments"]["translated"] + 1


def test_only_the_changed_catalog_is_parsed_again(busy, client, auth):
    auth.login()
    page(client, "/dashboard/")
    stamp = time.time() - 3600
    for path in busy.settings.locales_dir.rglob("*.po*"):
        os.utime(path, (stamp, stamp))
    page(client, "/dashboard/")
    index = busy.stats_index()
    parsed = index.parsed
    page(client, "/dashboard/")
    assert index.parsed == parsed
    work(busy, "fr", translated=1)
    page(client, "/dashboard/")
    assert index.parsed == parsed + 1


def test_a_warm_page_reads_no_catalog_and_a_changed_one_shows_next(busy, client, auth):
    auth.login()
    stamp = time.time() - 3600
    catalogs = sorted(busy.settings.locales_dir.rglob("*.po*"))
    for path in catalogs:
        os.utime(path, (stamp, stamp))
    first = page(client, "/dashboard/")
    saved = {path: path.read_bytes() for path in catalogs}
    for path, data in saved.items():  # garbage of the same size, same mtime, same inode
        path.write_bytes(b"\0" * len(data))
        os.utime(path, (stamp, stamp))
    assert page(client, "/dashboard/") == first  # a page that read a catalog would differ
    for path, data in saved.items():
        path.write_bytes(data)
        os.utime(path, (stamp, stamp))
    before = matrix_cells(first)[("sample", "Turkish")]
    path = busy.catalog_path("tr", "sample")
    po = read_catalog(path)
    set_human(next(e for e in po if e.msgid and not e.msgstr and not e.fuzzy), "Barış.")
    po.save(str(path))  # polib rewrites the file in place, as an editor would
    after = matrix_cells(page(client, "/dashboard/"))[("sample", "Turkish")]
    assert after["segments"]["translated"] == before["segments"]["translated"] + 1
    assert after["segments"]["untranslated"] == before["segments"]["untranslated"] - 1


def test_broken_catalog_shows_as_broken_without_breaking_the_page(busy, client, auth):
    busy.catalog_path("tr", "sample").write_text('msgid "a"\nmsgstr "b"\nmsgid\n', "utf-8")
    auth.login()
    text = page(client, "/dashboard/")
    assert '<span class="broken-tag">broken</span>' in text
    assert "tr/LC_MESSAGES/sample.po" in text  # the error names the file
    assert ("sample", "German") in matrix_cells(text)
    assert "1 broken" in text
    assert page(client, "/dashboard/language/tr").count("broken") >= 1


def test_sorting_and_filtering(client, auth):
    auth.login()
    text = page(client, "/dashboard/?lsort=-completion")
    order = [m.group(1) for m in re.finditer(r'<span class="code">(\w+)</span>', text)]
    assert order[0] == "ru" and order[-1] == "fr"
    text = page(client, "/dashboard/?lang=de,fa")
    assert re.findall(r'<span class="code">(\w+)</span>', text) == ["de", "fa"]
    text = page(client, "/dashboard/?below=50")
    assert re.findall(r'<span class="code">(\w+)</span>', text) == ["fa", "fr", "tr"]
    assert "Nothing to show" in page(client, "/dashboard/?doc=no-such-document")
    text = page(client, "/dashboard/?unit=segments&sort=completion&stale=1")
    assert "Nothing to show" in text  # nothing is stale yet


# -- permissions ----------------------------------------------------------------------------------


def test_anonymous_is_sent_to_login(client):
    response = client.get("/dashboard/")
    assert response.status_code == 302 and "/auth/login" in response.headers["Location"]
    assert client.get("/dashboard/export.csv").status_code == 302


@pytest.mark.parametrize("url", ["/dashboard/", "/dashboard/language/de", "/dashboard/activity"])
def test_translators_cannot_open_the_dashboard(client, auth, url):
    auth.login("tina")
    assert client.get(url).status_code == 403


def test_export_needs_the_coordinators_permission(client, auth):
    auth.login("tina")
    assert client.get("/dashboard/export.csv").status_code == 403
    assert client.get("/dashboard/export.json").status_code == 403
    client.post("/auth/logout")
    auth.login("coco")
    response = client.post("/dashboard/settings", data={"export_roles": ["translator"]})
    assert response.status_code == 302
    client.post("/auth/logout")
    auth.login("tina")
    response = client.get("/dashboard/export.json")
    assert response.status_code == 200
    assert {item["language"] for item in response.get_json()["catalogs"]} == {"de"}
    lines = client.get("/dashboard/export.csv").get_data(as_text=True).splitlines()
    assert len(lines) == 2 and lines[1].startswith("sample,de,German,")
    assert client.get("/dashboard/").status_code == 403  # the pages stay closed


def test_export_roles_from_the_configuration(busy):
    app = create_app(
        {
            "TESTING": True,
            "PROJECT_ROOT": str(busy.root),
            "SECRET_KEY": "t",
            "WTF_CSRF_ENABLED": False,
            "FIRST_RUN_ADMIN": False,
            "DASHBOARD_EXPORT_ROLES": ["reviewer"],
        }
    )
    conn = connect(app.config["DATABASE"])
    people.create_user(conn, "rita", PASSWORD, languages={"fa": "reviewer"})
    people.create_user(conn, "tina", PASSWORD, languages={"de": "translator"})
    conn.close()
    client = app.test_client()
    Auth(client).login("rita")
    assert client.get("/dashboard/export.csv").status_code == 200
    client.post("/auth/logout")
    Auth(client).login("tina")
    assert client.get("/dashboard/export.csv").status_code == 403


# -- exports --------------------------------------------------------------------------------------


def test_json_export_equals_translator_stats_json(busy, client, auth, runner):
    auth.login()
    response = client.get("/dashboard/export.json")
    assert response.headers["Content-Disposition"].startswith("attachment;")
    result = runner.invoke(cli, ["--project", str(busy.root), "stats", "--json"])
    assert response.get_data(as_text=True).strip() == result.output.strip()
    one = client.get("/dashboard/export.json?lang=fa").get_json()
    cli_one = runner.invoke(cli, ["--project", str(busy.root), "stats", "--json", "--lang", "fa"])
    assert one == json.loads(cli_one.output)


def test_csv_export_has_the_same_numbers(busy, client, auth, runner):
    auth.login()
    text = client.get("/dashboard/export.csv").get_data(as_text=True)
    result = runner.invoke(cli, ["--project", str(busy.root), "stats", "--csv"])
    assert text == result.output
    assert text.splitlines()[0].startswith("document,language,language_name,catalog,total,")


# -- staleness and amendments ---------------------------------------------------------------------


def change_source(project) -> None:
    earlier = time.time() - 3600
    for path in project.settings.locales_dir.rglob("*.po*"):
        os.utime(path, (earlier, earlier))
    source = project.settings.source_dir / "sample.md"
    source.write_text(source.read_text("utf-8").replace(*REWORDED), encoding="utf-8")


def test_stale_catalogs_are_marked(busy, client, auth):
    change_source(busy)
    auth.login()
    text = page(client, "/dashboard/")
    assert text.count('class="cell is-stale"') == len(LANGS)
    assert "source document changed after its template was extracted" in html.unescape(text)
    busy.update()
    text = html.unescape(page(client, "/dashboard/?stale=1"))
    assert "changed source sentences wait for a decision" in text


def title_of(text: str, name: str) -> str:
    """The tooltip of the sample's cell in language ``name``."""
    match = re.search(rf'title="sample · {name}\n([^"]*)"', text)
    return html.unescape(match.group(1))


def test_new_sentences_are_marked_until_someone_works_on_them(busy, client, auth):
    path = busy.catalog_path("de", "sample")
    po = read_catalog(path)
    po.metadata["PO-Revision-Date"] = "2020-01-01 10:00+0000"  # translated long ago
    write_catalog(po, path)
    source = busy.settings.source_dir / "sample.md"
    source.write_text(source.read_text("utf-8") + "\nA brand new sentence.\n", encoding="utf-8")
    busy.update()
    auth.login()
    assert "new untranslated sentences arrived" in title_of(page(client, "/dashboard/"), "German")
    entry = read_catalog(path).find("A brand new sentence.")
    response = client.post(
        f"/api/translate/sample/de/segment/{entry_key(entry)}",
        json={"action": "save", "msgstr": "Ein ganz neuer Satz.", "version": entry_version(entry)},
    )
    assert response.status_code == 200, response.data
    assert "new untranslated" not in title_of(page(client, "/dashboard/"), "German")


def test_amendment_decisions(busy, app, client, auth):
    change_source(busy)
    busy.update()
    auth.login()
    overview = page(client, "/dashboard/amendments")
    assert "/dashboard/amendments/sample" in overview
    text = page(client, "/dashboard/amendments/sample")
    assert "<ins>immediate </ins>" in text or "<ins> immediate</ins>" in text
    key = re.search(r'name="key" value="(\w+)"', text).group(1)
    waiting = re.findall(r'class="lang-chip" href="/dashboard/language/(\w+)"', text)
    assert waiting == ["de", "fa", "ru"]  # the languages that had translated the sentence
    response = client.post("/dashboard/amendments/sample", data={"key": key, "decision": "minor"})
    assert response.status_code == 302
    text = page(client, "/dashboard/amendments/sample")
    assert "3 languages" in text and "de · minor" in text
    entry = read_catalog(busy.catalog_path("ru", "sample")).find(REWORDED[1])
    assert entry.msgstr.startswith("[ru]") and "fuzzy" in entry.flags
    with app.app_context():
        conn = connect(app.config["DATABASE"])
        actions = [r[0] for r in conn.execute("SELECT action FROM audit_log WHERE lang = 'ru'")]
        conn.close()
    assert actions == ["amend-minor"]


def test_substantive_clears_translations(busy, client, auth):
    change_source(busy)
    busy.update()
    auth.login()
    text = page(client, "/dashboard/amendments/sample")
    key = re.search(r'name="key" value="(\w+)"', text).group(1)
    client.post("/dashboard/amendments/sample", data={"key": key, "decision": "substantive"})
    entry = read_catalog(busy.catalog_path("de", "sample")).find(REWORDED[1])
    assert entry.msgstr == "" and not entry.previous_msgid
    assert "No changed sentences" in page(client, "/dashboard/amendments/sample")
    cells = matrix_cells(page(client, "/dashboard/"))
    assert cells[("sample", "Russian")]["segments"]["untranslated"] == 1


def test_stale_decision_is_refused_politely(client, auth):
    auth.login()
    response = client.post(
        "/dashboard/amendments/sample", data={"key": "nope", "decision": "minor"}
    )
    assert response.status_code == 302
    assert "no longer waiting" in page(client, "/dashboard/amendments/sample")


# -- activity and the language page ---------------------------------------------------------------


def log_events(app) -> None:
    """Tina translated two sentences yesterday; Rita approved one today."""
    today = dt.datetime.now(dt.UTC)
    conn = connect(app.config["DATABASE"])
    rows = [
        (today - dt.timedelta(days=1), "tina", "Peace now.", "untranslated", "translated"),
        (today - dt.timedelta(days=1), "tina", "Stop the war!", "draft", "translated"),
        (today - dt.timedelta(days=1), "tina", "Stop the war!", "translated", "translated"),
        (today, "rita", "Peace now.", "translated", "approved"),
    ]
    for when, user, msgid, before, after in rows:
        log_change(
            conn, user=user, doc="sample", lang="de", msgid=msgid, action="save",
            before="", after="x", before_state=before, after_state=after,
        )  # fmt: skip
        conn.execute(
            "UPDATE audit_log SET at = ? WHERE id = (SELECT MAX(id) FROM audit_log)",
            (when.strftime("%Y-%m-%d %H:%M:%S"),),
        )
    conn.commit()
    conn.close()


def test_activity_chart_counts_words_per_day(app, client, auth):
    log_events(app)
    auth.login()
    text = page(client, "/dashboard/activity?days=7")
    assert "<svg" in text and "cdn" not in text.lower() and "<script" not in text
    assert 'aria-label="All languages, last 7 days: 5 words translated and 2 approved' in text
    svg = client.get("/dashboard/activity.svg?lang=de&days=7")
    assert svg.mimetype == "image/svg+xml"
    assert b"5 words translated and 2 approved" in svg.data


def test_language_page_lists_team_activity_and_words_left(busy, app, client, auth):
    log_events(app)
    auth.login()
    text = page(client, "/dashboard/language/de")
    assert "Deutsch" in text and "tina" in text and "rita" in text
    german = busy.stats(langs=["de"]).rows[0].stats
    left = german.fuzzy_words + german.untranslated_words
    assert f'<span class="kpi-value">{left:,}</span>' in text
    assert dt.datetime.now(dt.UTC).strftime("%Y-%m-%d") in text  # last activity
    assert client.get("/dashboard/language/xx").status_code == 404


# -- in a browser ---------------------------------------------------------------------------------


def fill_randomly(path: Path, rng: random.Random, progress: float) -> None:
    """About ``progress`` of the sentences translated (half of those approved), some drafts."""
    po = read_catalog(path)
    for entry in (e for e in po if e.msgid):
        roll = rng.random()
        if roll < progress:
            set_human(entry, f"~ {entry.msgid}")
            if roll < progress / 2:
                approve(entry, "rita", "2026-01-05")
        elif roll < progress + 0.15:
            set_draft(entry, f"~ {entry.msgid}", "mt:google")
    write_catalog(po, path)


@pytest.fixture
def showcase(seed_project):
    """The repository's resolution and the sample in the 15 seed languages, at many stages."""
    shutil.copy(DATA / "source" / "sample.md", seed_project.settings.source_dir)
    langs = seed_project.languages()
    seed_project.init(langs)
    rng = random.Random(7)
    for lang in langs:
        for slug in seed_project.slugs():
            fill_randomly(seed_project.catalog_path(lang, slug), rng, rng.choice(PROGRESS))
    change_source(seed_project)
    seed_project.update(["sample"])
    seed_project.catalog_path("hu", "sample").write_text('msgid "a"\nmsgstr\n', "utf-8")
    return seed_project


PROGRESS = [0.0, 0.2, 0.45, 0.7, 0.85, 0.95, 1.0]


@pytest.fixture
def live_server(showcase):
    """The app over the showcase on 127.0.0.1 in a thread, with some logged activity."""
    from werkzeug.serving import make_server

    app = create_app(
        {
            "TESTING": True,
            "PROJECT_ROOT": str(showcase.root),
            "SECRET_KEY": "test",
            "FIRST_RUN_ADMIN": False,
        }
    )
    conn = connect(app.config["DATABASE"])
    people.create_user(conn, "coco", PASSWORD, global_role="coordinator")
    conn.close()
    log_history(app, showcase)
    server = make_server("127.0.0.1", 0, app, threaded=True)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.server_port}"
    server.shutdown()


def log_history(app, project) -> None:
    """Three weeks of saves and approvals in a few languages."""
    rng = random.Random(3)
    msgids = [e.msgid for e in read_catalog(project.template_path("sample")) if e.msgid]
    now = dt.datetime.now(dt.UTC)
    conn = connect(app.config["DATABASE"])
    for day in range(21):
        for lang in rng.sample(["de", "fa", "fr", "tr", "ru"], k=rng.randint(0, 3)):
            for msgid in rng.sample(msgids, k=rng.randint(1, 6)):
                after = rng.choice(["translated", "translated", "approved"])
                log_change(
                    conn, user=rng.choice(["tina", "rita", "omid"]), doc="sample", lang=lang,
                    msgid=msgid, action="save", before="", after="x",
                    before_state="untranslated" if after == "translated" else "translated",
                    after_state=after,
                )  # fmt: skip
                when = now - dt.timedelta(days=20 - day, minutes=rng.randint(0, 600))
                conn.execute(
                    "UPDATE audit_log SET at = ? WHERE id = (SELECT MAX(id) FROM audit_log)",
                    (when.strftime("%Y-%m-%d %H:%M:%S"),),
                )
    conn.commit()
    conn.close()


def test_dashboard_screenshot(browser, live_server, screenshot_dir):
    context = browser.new_context(viewport={"width": 1680, "height": 900})
    try:
        tab = context.new_page()
        errors = []
        tab.on("console", lambda message: message.type == "error" and errors.append(message.text))
        tab.goto(f"{live_server}/auth/login")
        tab.fill("input[name=username]", "coco")
        tab.fill("input[name=password]", PASSWORD)
        tab.click("button[type=submit]")
        tab.goto(f"{live_server}/dashboard/")
        assert tab.locator("table.matrix tbody tr").count() == 2
        assert tab.locator("table.matrix thead th.lang").count() == 15
        assert tab.locator(".broken-tag").count() == 1
        bars = tab.locator("td.cell:not(.total) .bar i.p-approved")
        assert max(bars.nth(n).bounding_box()["width"] for n in range(bars.count())) > 20
        tab.screenshot(path=str(screenshot_dir / "dashboard.png"), full_page=True)
        tab.goto(f"{live_server}/dashboard/language/de")
        tab.screenshot(path=str(screenshot_dir / "dashboard-language.png"), full_page=True)
        tab.goto(f"{live_server}/dashboard/amendments/sample")
        tab.screenshot(path=str(screenshot_dir / "dashboard-amendments.png"), full_page=True)
        tab.goto(f"{live_server}/dashboard/activity")
        tab.screenshot(path=str(screenshot_dir / "dashboard-activity.png"), full_page=True)
        assert errors == []  # e.g. nothing refused by the Content-Security-Policy
    finally:
        context.close()
    assert (screenshot_dir / "dashboard.png").stat().st_size > 10_000


def test_charts_are_well_formed_svg():
    from xml.etree import ElementTree

    from translator.progress.activity import Day
    from translator.web.dashboard.charts import activity_chart, nice_ticks, sparkline

    start = dt.date(2026, 3, 1)
    days = [Day(start + dt.timedelta(days=n), translated=n * 10, approved=n % 3) for n in range(30)]
    svg = ElementTree.fromstring(str(activity_chart(days, label="de <&>", title="German")))
    rects = svg.findall("{http://www.w3.org/2000/svg}rect")
    assert len(rects) == 2 + 29 + 20  # legend swatches, translated bars, approved bars
    assert svg.get("aria-label").startswith("de <&>: 4350 words translated and 30 approved")
    assert ElementTree.fromstring(str(sparkline(days))).get("width") == "180"
    assert nice_ticks(870) == [0, 250, 500, 750, 1000] and nice_ticks(0) == [0, 1]


def test_pages_of_the_matrix():
    from translator.web.dashboard.matrix import Pages

    assert [(p.start, p.end, p.pages) for p in [Pages(250, "", "3"), Pages(250, "all", "2")]] == [
        (200, 250, 3),
        (0, 250, 1),
    ]
    assert (Pages(0, "x", "y").start, Pages(0, "x", "y").pages) == (0, 1)
    assert Pages(250, "5", "99").per == 10 and Pages(250, "5", "99").page == 25
