"""The account steps behind ``translator users ...``: the same database and rules as the web app.

The database path is the app's: ``DATABASE`` from ``instance/config.py`` when set, else
``instance/translator.sqlite3``.
"""

from __future__ import annotations

import contextlib
import sqlite3
from collections.abc import Iterator
from pathlib import Path

from flask import Config

from translator.config import load_settings
from translator.languages import normalize_language
from translator.web.data import people as accounts
from translator.web.data.database import connect, init_schema

DATABASE_NAME = "translator.sqlite3"


def database_path(root: Path) -> Path:
    """Where the web app of the project at ``root`` keeps its database."""
    instance = load_settings(root).instance_dir
    config = Config(str(instance))
    config.from_pyfile("config.py", silent=True)
    return Path(config.get("DATABASE") or instance / DATABASE_NAME)


@contextlib.contextmanager
def open_accounts(root: Path, *, create: bool = False) -> Iterator[sqlite3.Connection]:
    """The accounts database; only ``create`` makes one where none exists yet."""
    path = database_path(root)
    if not create and not path.exists():
        raise accounts.AccountError(
            f"{path}: no accounts yet (`translator users add NAME` or `translator serve` "
            "makes them)"
        )
    conn = connect(path)
    try:
        init_schema(conn)
        yield conn
    finally:
        conn.close()


def parse_team(spec: str, default: str = "translator") -> tuple[str, str]:
    """``de`` -> (de, translator); ``pt-BR:reviewer`` -> (pt_BR, reviewer)."""
    code, _, role = spec.partition(":")
    role = role or default
    if role not in accounts.LANGUAGE_ROLES:
        raise accounts.AccountError(f"{spec}: the role must be translator or reviewer")
    return normalize_language(code), role


def add_user(
    conn: sqlite3.Connection,
    username: str,
    display_name: str,
    role: str | None,
    teams: list[str],
    password: str | None,
) -> tuple[accounts.User, str | None]:
    """Create the account; returns the user and the one-time password to show (if generated).

    ``role`` is global (admin, coordinator) or the default role in ``teams`` (translator,
    reviewer), as in ``translator users add dana --role reviewer --lang de``.
    """
    role, languages = check_new_user(username, role, teams, password)
    shown = None
    if password is None:
        password = shown = accounts.new_password()
    user = accounts.create_user(
        conn,
        username,
        password,
        display_name=display_name,
        global_role=role,
        languages=languages,
        must_change_password=shown is not None,
    )
    return user, shown


def check_new_user(
    username: str, role: str | None, teams: list[str], password: str | None
) -> tuple[str | None, dict[str, str]]:
    """Validate ``users add`` input before any database exists: (global role, teams)."""
    accounts.validate_username(username)
    if password is not None:
        accounts.validate_password(password)
    default = "translator"
    if role in accounts.LANGUAGE_ROLES:
        if not teams:
            raise accounts.AccountError(f"--role {role} needs --lang (the language team)")
        default, role = role, None
    return role, dict(parse_team(spec, default) for spec in teams)


def set_role(conn: sqlite3.Connection, username: str, role: str, langs: list[str]) -> str:
    """Apply ``translator users set-role``; returns a line describing the result."""
    user = accounts.require_user(conn, username)
    if role in accounts.LANGUAGE_ROLES:
        if not langs:
            raise accounts.AccountError(f"{role} needs --lang (the language team)")
        for lang in langs:
            accounts.set_language_role(conn, user.id, normalize_language(lang), role)
    elif role == "none" and langs:
        for lang in langs:
            accounts.set_language_role(conn, user.id, normalize_language(lang), None)
    else:
        if langs:
            raise accounts.AccountError(f"{role} applies to every language; drop --lang")
        accounts.set_global_role(conn, user.id, None if role == "none" else role)
    user = accounts.get_user(conn, user.id)
    return f"{user.username}: {accounts.describe_roles(user)}"


def reset_password(conn: sqlite3.Connection, username: str) -> str:
    """A new one-time password for ``username`` (a forgotten one, the last admin's too).

    It must be changed at the next login, and every session of that person ends.
    """
    user = accounts.require_user(conn, username)
    password = accounts.new_password()
    accounts.set_password(conn, user.id, password, temporary=True)
    return password
