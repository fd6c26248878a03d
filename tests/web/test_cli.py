"""``translator users ...`` and ``translator serve`` through click's CliRunner."""

from __future__ import annotations

import json
import os

import pytest

from translator.cli import cli
from translator.web.accounts_cli import database_path, open_accounts
from translator.web.data import people


@pytest.fixture
def root(project):
    return project.root


def run(runner, root, *args, input=None):
    return runner.invoke(cli, ["--project", str(root), *args], input=input)


def test_users_add_prints_a_one_time_password(runner, root):
    result = run(
        runner,
        root,
        "users",
        "add",
        "dana",
        "--name",
        "Dana",
        "--lang",
        "de",
        "--lang",
        "fr:reviewer",
    )
    assert result.exit_code == 0, result.output
    password = result.output.split("shown only now): ")[1].strip()
    with open_accounts(root, create=True) as conn:
        user = people.authenticate(conn, "dana", password)
        assert user.languages == {"de": "translator", "fr": "reviewer"}
        assert user.must_change_password and user.display_name == "Dana"
    assert database_path(root) == root / "instance" / "translator.sqlite3"


def test_users_add_with_a_language_role(runner, root):
    result = run(
        runner,
        root,
        "users",
        "add",
        "rita",
        "--role",
        "reviewer",
        "--lang",
        "de",
        "--lang",
        "fr:translator",
    )
    assert result.exit_code == 0, result.output
    with open_accounts(root, create=True) as conn:
        user = people.find_user(conn, "rita")
        assert user.languages == {"de": "reviewer", "fr": "translator"}
        assert user.global_role is None
    result = run(runner, root, "users", "add", "tom", "--role", "translator")
    assert result.exit_code == 1 and "needs --lang" in result.output


def test_users_add_with_password_from_stdin(runner, root):
    result = run(
        runner,
        root,
        "users",
        "add",
        "ann",
        "--role",
        "admin",
        "--password-stdin",
        input="a very good password\n",
    )
    assert result.exit_code == 0, result.output
    assert "one-time" not in result.output
    with open_accounts(root, create=True) as conn:
        user = people.authenticate(conn, "ann", "a very good password")
        assert user.is_admin and not user.must_change_password


def test_users_list_and_set_role_and_remove(runner, root):
    run(runner, root, "users", "add", "ann", "--role", "admin")
    run(runner, root, "users", "add", "bob", "--lang", "de")
    assert run(runner, root, "users", "set-role", "bob", "reviewer", "--lang", "de").exit_code == 0
    assert run(runner, root, "users", "set-role", "bob", "coordinator").exit_code == 0
    listing = json.loads(run(runner, root, "users", "list", "--json").output)
    bob = next(item for item in listing if item["username"] == "bob")
    assert bob["role"] == "coordinator" and bob["languages"] == {"de": "reviewer"}
    assert "bob" in run(runner, root, "users", "list").output
    assert run(runner, root, "users", "set-role", "bob", "none", "--lang", "de").exit_code == 0
    assert run(runner, root, "users", "remove", "bob").exit_code == 0
    assert "bob" not in run(runner, root, "users", "list").output


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (("users", "add", "../x"), "invalid user name"),
        (("users", "add", "ok", "--lang", "xx-nope"), "unknown language"),
        (("users", "add", "ok", "--lang", "de:boss"), "translator or reviewer"),
        (("users", "set-role", "ghost", "admin"), "no user named"),
        (("users", "set-role", "ann", "reviewer"), "needs --lang"),
        (("users", "remove", "ann"), "last admin"),
    ],
)
def test_users_errors_are_one_line(runner, root, args, message):
    run(runner, root, "users", "add", "ann", "--role", "admin")
    result = run(runner, root, *args)
    assert result.exit_code == 1
    assert message in result.output
    assert result.output.startswith("error: ")


def test_instance_config_can_move_the_database(runner, root):
    (root / "instance").mkdir()
    (root / "instance" / "config.py").write_text(
        f"DATABASE = {str(root / 'people.sqlite3')!r}\n", encoding="utf-8"
    )
    run(runner, root, "users", "add", "ann")
    assert (root / "people.sqlite3").is_file()


def test_serve_runs_waitress_with_the_app(runner, root, monkeypatch):
    import waitress

    calls = {}

    def fake_serve(app, **options):
        calls["app"], calls["options"] = app, options

    monkeypatch.setattr(waitress, "serve", fake_serve)
    result = run(runner, root, "serve", "--host", "127.0.0.1", "--port", "8123", "--workers", "1")
    assert result.exit_code == 0, result.output
    assert calls["options"]["port"] == 8123 and calls["options"]["host"] == "127.0.0.1"
    assert calls["app"].name == "translator.web"
    assert "one-time password" in result.output  # first run: the admin's password, once
    assert "http://127.0.0.1:8123/" in result.output
    assert "waitress, 1 process × 8 threads" in result.output
    again = run(runner, root, "serve", "--port", "8123", "--workers", "1")
    assert "one-time password" not in again.output


def test_serve_runs_gunicorn_workers_over_the_app_built_once(runner, root, monkeypatch):
    from gunicorn.app.base import BaseApplication

    seen = {}

    def fake_run(self):  # the configured gunicorn application, instead of its master loop
        seen["cfg"], seen["app"] = self.cfg, self.wsgi()

    monkeypatch.setattr(BaseApplication, "run", fake_run)
    result = run(runner, root, "serve", "--port", "8124", "--workers", "3", "--threads", "2")
    assert result.exit_code == 0, result.output
    cfg = seen["cfg"]
    assert (cfg.workers, cfg.threads, cfg.worker_class_str) == (3, 2, "BalancedThreadWorker")
    assert cfg.bind == ["127.0.0.1:8124"] and cfg.preload_app
    assert seen["app"].name == "translator.web"  # the app made before forking, not re-imported
    assert result.output.count("one-time password") == 1
    assert "gunicorn, 3 workers × 2 threads" in result.output


def test_default_workers_follow_the_cores():
    from translator.web.server import default_workers, plan_server

    assert [default_workers(n) for n in (1, 2, 3, 16)] == [2, 4, 6, 8]
    assert plan_server(1, 8).server == "waitress"
    assert plan_server(4, 8).server == "gunicorn"


def test_waitress_serves_where_gunicorn_cannot(monkeypatch):
    from translator.web import server

    monkeypatch.setattr(server.os, "name", "nt")
    plan = server.plan_server(4, 8)
    assert (plan.server, plan.workers) == ("waitress", 1)
    assert plan.describe() == "waitress, 1 process × 8 threads (gunicorn needs a POSIX system)"


def test_flask_app_discovery(root, monkeypatch):
    """``flask --app translator.web run`` finds ``translator.web.create_app``."""
    from flask.cli import find_best_app

    import translator.web

    monkeypatch.setenv("TRANSLATOR_PROJECT", str(root))
    app = find_best_app(translator.web)
    assert app.config["PROJECT_ROOT"] == str(root)
    assert "review.editor" in app.view_functions


def test_a_busy_worker_leaves_new_connections_to_the_others():
    from gunicorn.config import Config

    from translator.web.server import ACCEPT_BELOW, balanced_worker_class

    worker = balanced_worker_class()(1, os.getpid(), [], None, 30, Config(), None)
    limit = Config().worker_connections
    assert worker.worker_connections == limit  # idle: accepts
    worker.active = ACCEPT_BELOW - 1
    assert worker.nr_conns < worker.worker_connections == limit
    worker.active = ACCEPT_BELOW  # busy: the accept loop sees no room and lets others take them
    assert not worker.nr_conns < worker.worker_connections
