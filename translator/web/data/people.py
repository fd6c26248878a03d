"""People and what they may do: accounts, password hashes, global roles and per-language roles.

Roles: ``admin`` and ``coordinator`` are global (they see and may do everything in every
language; coordinators manage people and languages, only admins manage admins). ``translator``
and ``reviewer`` are given per language: a translator edits only their languages, a reviewer
also approves. Failed logins are counted here too, per user name and per address. Functions take
an open connection, so the CLI and the web app share them.
"""

from __future__ import annotations

import re
import secrets
import sqlite3
import time
from dataclasses import dataclass, field

from werkzeug.security import check_password_hash, generate_password_hash

from translator.errors import TranslatorError
from translator.web.data.database import is_row_id, now

GLOBAL_ROLES = ("admin", "coordinator")
LANGUAGE_ROLES = ("translator", "reviewer")
NEEDS = ("view", "edit", "review")  # what a page or a change asks of a person in a language
PASSWORD_METHOD = "scrypt"
MIN_PASSWORD = 10
_USERNAME = re.compile(r"[A-Za-z0-9][A-Za-z0-9._-]{0,39}")


class AccountError(TranslatorError):
    """A user name, role or password that cannot be accepted."""


@dataclass
class User:
    """A signed-up person, with their roles (the object Flask-Login keeps as ``current_user``)."""

    id: int
    username: str
    display_name: str
    global_role: str | None
    must_change_password: bool
    session_token: str
    languages: dict[str, str] = field(default_factory=dict)  # lang -> translator | reviewer

    # Flask-Login's protocol
    is_authenticated = True
    is_active = True
    is_anonymous = False

    def get_id(self) -> str:
        """Id plus a token that changes with the password, so old sessions stop working."""
        return f"{self.id}:{self.session_token}"

    @property
    def name(self) -> str:
        return self.display_name or self.username

    @property
    def is_admin(self) -> bool:
        return self.global_role == "admin"

    @property
    def is_coordinator(self) -> bool:
        """Coordinators and admins see everything and manage people."""
        return self.global_role in GLOBAL_ROLES

    def role_in(self, lang: str) -> str | None:
        """``reviewer``, ``translator`` or None; global roles count as reviewer everywhere."""
        if self.is_coordinator:
            return "reviewer"
        return self.languages.get(lang)

    def can_view(self, lang: str) -> bool:
        return self.role_in(lang) is not None

    def can_edit(self, lang: str) -> bool:
        return self.role_in(lang) in LANGUAGE_ROLES

    def can_review(self, lang: str) -> bool:
        return self.role_in(lang) == "reviewer"

    def visible_languages(self, all_languages: list[str]) -> list[str]:
        return [lang for lang in all_languages if self.can_view(lang)]

    def may(self, lang: str, need: str) -> bool:
        """True when this person may ``need`` (view, edit or review) in ``lang``."""
        if need == "review":
            return self.can_review(lang)
        if need == "edit":
            return self.can_edit(lang)
        return self.can_view(lang)


def refusal(lang: str, need: str) -> str:
    """Why someone without the role for ``need`` in ``lang`` is refused."""
    if need == "review":
        return f"Only reviewers of {lang} can do this."
    return f"You are not a member of the {lang} team."


def validate_username(username: str) -> str:
    if not _USERNAME.fullmatch(username or ""):
        raise AccountError(
            f"invalid user name {username!r}: 1 to 40 letters, digits, dots, hyphens or "
            "underscores, starting with a letter or digit"
        )
    return username


def validate_password(password: str) -> str:
    if len(password or "") < MIN_PASSWORD:
        raise AccountError(f"password too short: at least {MIN_PASSWORD} characters")
    return password


def new_password() -> str:
    """A random password to hand out once (about 96 bits)."""
    return secrets.token_urlsafe(12)


def hash_password(password: str) -> str:
    return generate_password_hash(password, method=PASSWORD_METHOD)


_DUMMY_HASH = hash_password("not a real password, only for timing")


def _user(conn: sqlite3.Connection, row: sqlite3.Row | None) -> User | None:
    if row is None:
        return None
    langs = conn.execute("SELECT lang, role FROM user_languages WHERE user_id = ?", (row["id"],))
    return User(
        id=row["id"],
        username=row["username"],
        display_name=row["display_name"],
        global_role=row["global_role"],
        must_change_password=bool(row["must_change_password"]),
        session_token=row["session_token"],
        languages={item["lang"]: item["role"] for item in langs},
    )


def get_user(conn: sqlite3.Connection, user_id: int) -> User | None:
    if not is_row_id(user_id):
        return None
    return _user(conn, conn.execute("SELECT * FROM users WHERE id = ?", (user_id,)).fetchone())


def find_user(conn: sqlite3.Connection, username: str) -> User | None:
    row = conn.execute("SELECT * FROM users WHERE username = ?", (username,)).fetchone()
    return _user(conn, row)


def require_user(conn: sqlite3.Connection, username: str) -> User:
    user = find_user(conn, username)
    if user is None:
        raise AccountError(f"no user named {username!r}")
    return user


def list_users(conn: sqlite3.Connection) -> list[User]:
    rows = conn.execute("SELECT * FROM users ORDER BY username COLLATE NOCASE").fetchall()
    return [user for row in rows if (user := _user(conn, row))]


def count_users(conn: sqlite3.Connection) -> int:
    return conn.execute("SELECT COUNT(*) FROM users").fetchone()[0]


def create_user(
    conn: sqlite3.Connection,
    username: str,
    password: str,
    *,
    display_name: str = "",
    global_role: str | None = None,
    languages: dict[str, str] | None = None,
    must_change_password: bool = False,
) -> User:
    """Add a person; user names are unique regardless of case."""
    validate_username(username)
    validate_password(password)
    if global_role not in (None, *GLOBAL_ROLES):
        raise AccountError(f"unknown role {global_role!r}: use one of {', '.join(GLOBAL_ROLES)}")
    if find_user(conn, username) is not None:
        raise AccountError(f"user {username!r} exists")
    cursor = conn.execute(
        "INSERT INTO users (username, display_name, password_hash, global_role,"
        " must_change_password, session_token, created) VALUES (?, ?, ?, ?, ?, ?, ?)",
        (
            username,
            display_name.strip()[:80],
            hash_password(password),
            global_role,
            int(must_change_password),
            secrets.token_hex(8),
            now(),
        ),
    )
    user_id = int(cursor.lastrowid)
    for lang, role in (languages or {}).items():
        _set_language_role(conn, user_id, lang, role)
    conn.commit()
    return get_user(conn, user_id)


def authenticate(conn: sqlite3.Connection, username: str, password: str) -> User | None:
    """The user when the password matches (same work whether or not the user exists)."""
    row = conn.execute("SELECT * FROM users WHERE username = ?", (username,)).fetchone()
    if row is None:
        check_password_hash(_DUMMY_HASH, password)
        return None
    if not check_password_hash(row["password_hash"], password):
        return None
    return _user(conn, row)


def set_password(conn: sqlite3.Connection, user_id: int, password: str, *, temporary=False):
    """Change a password; every existing session of that person ends."""
    validate_password(password)
    conn.execute(
        "UPDATE users SET password_hash = ?, must_change_password = ?, session_token = ?"
        " WHERE id = ?",
        (hash_password(password), int(temporary), secrets.token_hex(8), user_id),
    )
    conn.commit()


def end_sessions(conn: sqlite3.Connection, user_id: int) -> None:
    """Invalidate every session and remember-me cookie of this person (logout)."""
    conn.execute("UPDATE users SET session_token = ? WHERE id = ?", (secrets.token_hex(8), user_id))
    conn.commit()


def set_display_name(conn: sqlite3.Connection, user_id: int, display_name: str) -> None:
    conn.execute(
        "UPDATE users SET display_name = ? WHERE id = ?", (display_name.strip()[:80], user_id)
    )
    conn.commit()


def set_global_role(conn: sqlite3.Connection, user_id: int, role: str | None) -> None:
    if role not in (None, *GLOBAL_ROLES):
        raise AccountError(f"unknown role {role!r}: use one of {', '.join(GLOBAL_ROLES)}")
    user = get_user(conn, user_id)
    if user and user.is_admin and role != "admin" and _admin_count(conn) <= 1:
        raise AccountError(f"{user.username} is the last admin; make someone else admin first")
    conn.execute("UPDATE users SET global_role = ? WHERE id = ?", (role, user_id))
    conn.commit()


def set_language_role(conn: sqlite3.Connection, user_id: int, lang: str, role: str | None):
    """Give (or with ``None`` take away) a role in one language."""
    _set_language_role(conn, user_id, lang, role)
    conn.commit()


def _set_language_role(conn: sqlite3.Connection, user_id: int, lang: str, role: str | None):
    if role is None:
        conn.execute("DELETE FROM user_languages WHERE user_id = ? AND lang = ?", (user_id, lang))
        return
    if role not in LANGUAGE_ROLES:
        raise AccountError(f"unknown role {role!r}: use one of {', '.join(LANGUAGE_ROLES)}")
    conn.execute(
        "INSERT INTO user_languages (user_id, lang, role) VALUES (?, ?, ?)"
        " ON CONFLICT (user_id, lang) DO UPDATE SET role = excluded.role",
        (user_id, lang, role),
    )


def delete_user(conn: sqlite3.Connection, user_id: int) -> None:
    """Remove an account (the audit log keeps the name)."""
    user = get_user(conn, user_id)
    if user and user.is_admin and _admin_count(conn) <= 1:
        raise AccountError(f"{user.username} is the last admin; make someone else admin first")
    conn.execute("DELETE FROM users WHERE id = ?", (user_id,))
    conn.commit()


def language_team(conn: sqlite3.Connection, lang: str) -> dict[str, str]:
    """The people with a role in ``lang``: user name -> translator | reviewer."""
    rows = conn.execute(
        "SELECT u.username, l.role FROM user_languages l JOIN users u ON u.id = l.user_id "
        "WHERE l.lang = ?",
        (lang,),
    )
    return {row["username"]: row["role"] for row in rows}


def _admin_count(conn: sqlite3.Connection) -> int:
    return conn.execute("SELECT COUNT(*) FROM users WHERE global_role = 'admin'").fetchone()[0]


def ensure_first_admin(conn: sqlite3.Connection, username: str = "admin") -> str | None:
    """On a database without users, create an admin and return its one-time password."""
    if count_users(conn):
        return None
    password = new_password()
    create_user(
        conn,
        username,
        password,
        display_name="Administrator",
        global_role="admin",
        must_change_password=True,
    )
    return password


def describe_roles(user: User) -> str:
    """``admin`` or ``de reviewer, fr translator`` (for lists)."""
    parts = [user.global_role] if user.global_role else []
    parts += [f"{lang} {role}" for lang, role in sorted(user.languages.items())]
    return ", ".join(parts) or "no role"


# -- login attempts -------------------------------------------------------------------------------


def login_wait(
    conn: sqlite3.Connection, username: str, address: str, window: int, limits: tuple[int, int]
) -> int:
    """Seconds to wait before another login attempt (0: go ahead).

    :param window: the sliding window in seconds over which failures count.
    :param limits: failures allowed per user name and per address within the window.
    """
    since = time.time() - window
    checks = (("username", username.lower(), limits[0]), ("address", address, limits[1]))
    wait = 0
    for column, value, limit in checks:
        last_ok = conn.execute(
            f"SELECT MAX(at) FROM login_attempts WHERE {column} = ? AND ok = 1", (value,)
        ).fetchone()[0]
        rows = conn.execute(
            f"SELECT at FROM login_attempts WHERE {column} = ? AND ok = 0 AND at > ?"
            " ORDER BY at DESC",
            (value, max(since, last_ok or 0)),
        ).fetchall()
        if len(rows) >= limit:
            wait = max(wait, int(rows[limit - 1]["at"] + window - time.time()) + 1)
    return wait


def record_login(conn: sqlite3.Connection, username: str, address: str, ok: bool) -> None:
    """Count one login attempt (attempts older than a day are dropped)."""
    conn.execute(
        "INSERT INTO login_attempts (at, username, address, ok) VALUES (?, ?, ?, ?)",
        (time.time(), username.lower(), address, int(ok)),
    )
    conn.execute("DELETE FROM login_attempts WHERE at < ?", (time.time() - 86400,))
    conn.commit()
