"""The ``auth`` blueprint's views: log in and out, change the password, throttle guessing, and
the sessions behind them (Flask-Login), plus the first-run admin.

Sessions are Flask-Login's (the id carries a token that changes with the password, so a
password change ends every other session; logging out changes it too, ending the person's
sessions on every device). Logging in starts from an empty session. Failed logins are counted
per user name and per address over a sliding window; past the limit, logins are refused until
the window passes.
"""

from __future__ import annotations

from typing import TYPE_CHECKING
from urllib.parse import urlsplit

import click
from flask import (
    current_app,
    flash,
    jsonify,
    redirect,
    render_template,
    request,
    session,
    url_for,
)
from flask_login import LoginManager, current_user, login_required, login_user, logout_user

from translator.web.context import get_db
from translator.web.data import people as accounts
from translator.web.data.database import connect

if TYPE_CHECKING:
    from flask import Flask

login_manager = LoginManager()
login_manager.login_view = "auth.login"
login_manager.login_message = "Please log in to continue."
login_manager.login_message_category = "info"
login_manager.session_protection = "basic"


@login_manager.user_loader
def load_user(user_id: str):
    """Rebuild ``current_user`` from the session: id and password token must both match."""
    number, _, token = user_id.partition(":")
    if not number.isdigit():
        return None
    user = accounts.get_user(get_db(), int(number))
    if user is None or user.session_token != token:
        return None
    return user


@login_manager.unauthorized_handler
def unauthorized():
    if wants_json():
        return jsonify(error="login required"), 401
    flash(login_manager.login_message, "info")
    return redirect(url_for("auth.login", next=request.full_path.rstrip("?")))


def wants_json() -> bool:
    """API calls get JSON errors, pages get HTML."""
    return request.path.startswith("/api/") or request.accept_mimetypes.best == "application/json"


def _safe_next(target: str | None) -> str:
    """Only same-site paths: never an open redirect."""
    if not target:
        return url_for("review.home")
    if any(ord(char) < 32 or char in "\\\x7f" for char in target):
        return url_for("review.home")  # CR/LF cannot go into a header; "/\\x" means "//x"
    parts = urlsplit(target)
    if parts.scheme or parts.netloc or not target.startswith("/") or target.startswith("//"):
        return url_for("review.home")
    return target


# -- throttling ---------------------------------------------------------------------------------


def _client_address() -> str:
    return request.remote_addr or "unknown"


def throttled(username: str, address: str) -> int:
    """Seconds to wait before another attempt (0: go ahead)."""
    config = current_app.config
    limits = (config["LOGIN_MAX_FAILURES"], config["LOGIN_MAX_FAILURES_PER_ADDRESS"])
    return accounts.login_wait(get_db(), username, address, config["LOGIN_WINDOW_SECONDS"], limits)


# -- views --------------------------------------------------------------------------------------


def login():
    """Validate, flash, redirect: the usual form dance, with throttling."""
    if current_user.is_authenticated:
        return redirect(_safe_next(request.args.get("next")))
    if request.method == "POST":
        username = request.form.get("username", "").strip()[:80]
        password = request.form.get("password", "")[:1024]
        address = _client_address()
        wait = throttled(username, address)
        if wait:
            flash(f"Too many failed attempts. Try again in {_minutes(wait)}.", "error")
            return render_template("auth/login.html", username=username), 429
        user = accounts.authenticate(get_db(), username, password) if username else None
        accounts.record_login(get_db(), username, address, user is not None)
        if user is None:
            flash("Wrong user name or password.", "error")
            return render_template("auth/login.html", username=username), 401
        session.clear()  # a fresh session (and CSRF token): nothing from before login carries over
        login_user(user, remember=bool(request.form.get("remember")))
        if user.must_change_password:
            flash("Welcome! Please choose your own password first.", "info")
            return redirect(url_for("auth.password"))
        return redirect(_safe_next(request.args.get("next")))
    return render_template("auth/login.html", username="")


def _minutes(seconds: int) -> str:
    minutes = max(1, round(seconds / 60))
    return f"{minutes} minute{'s' if minutes != 1 else ''}"


def logout():
    """End this person's sessions everywhere: a copied session cookie stops working too."""
    if current_user.is_authenticated:
        accounts.end_sessions(get_db(), current_user.id)
    logout_user()
    session.clear()
    flash("You are logged out.", "info")
    return redirect(url_for("auth.login"))


@login_required
def password():
    """Change one's own password (required after a one-time password)."""
    if request.method == "POST":
        current = request.form.get("current", "")
        new, repeat = request.form.get("new", ""), request.form.get("repeat", "")
        conn = get_db()
        error = None
        if accounts.authenticate(conn, current_user.username, current) is None:
            error = "Your current password is not right."
        elif new != repeat:
            error = "The new passwords differ."
        elif new == current:
            error = "Choose a password different from the current one."
        if error is None:
            try:
                accounts.set_password(conn, current_user.id, new)
            except accounts.AccountError as exc:
                error = str(exc).capitalize() + "."
        if error is None:
            login_user(accounts.get_user(conn, current_user.id))
            flash("Your password is changed.", "success")
            return redirect(url_for("review.home"))
        flash(error, "error")
    return render_template("auth/password.html")


def _require_own_password():
    """Someone logged in with a one-time password may only change it (or log out)."""
    if request.path.startswith("/api/v1/"):
        return None  # the API knows tokens only, never the session
    if not current_user.is_authenticated or not current_user.must_change_password:
        return None
    if request.endpoint in ("auth.password", "auth.logout", "static"):
        return None
    if wants_json():
        return jsonify(error="change your one-time password first"), 403
    return redirect(url_for("auth.password"))


def init_app(app: Flask) -> None:
    """Sessions, the one-time-password gate, and the first-run admin."""
    login_manager.init_app(app)
    app.before_request(_require_own_password)
    if app.config["FIRST_RUN_ADMIN"]:
        create_first_admin(app)


def create_first_admin(app: Flask) -> str | None:
    """With no users yet, create ``admin`` and print its one-time password, once."""
    conn = connect(app.config["DATABASE"])
    try:
        password = accounts.ensure_first_admin(conn)
    finally:
        conn.close()
    if password:
        click.echo(
            "\n  First run: created the user 'admin' with the one-time password\n\n"
            f"      {password}\n\n"
            "  It is shown only now. Log in and choose your own password.\n",
            err=True,
        )
    return password
