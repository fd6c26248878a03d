"""The admin/accounts audience: logging in, and coordinators managing people and languages.

- blueprint ``auth`` (``/auth``): log in and out, change one's password — views in :mod:`.auth`,
  which also keeps the sessions (Flask-Login) and the first-run admin; one's own API tokens
  (``/auth/tokens``) — :mod:`.tokens`;
- blueprint ``admin`` (``/admin``): people (accounts, global and per-language roles, password
  resets) and languages (start catalogs) — views in :mod:`.admin`.

Templates are in ``templates/auth/`` and ``templates/admin/``. The accounts themselves are
:mod:`translator.web.data.people`; the names the ``translator users`` command uses are handed
on here.
"""

from __future__ import annotations

from flask import Blueprint

from translator.web.accounts import admin, auth, tokens
from translator.web.accounts.auth import init_app
from translator.web.data.people import delete_user, describe_roles, list_users, require_user

__all__ = [
    "admin_bp",
    "auth_bp",
    "delete_user",
    "describe_roles",
    "init_app",
    "list_users",
    "require_user",
]

GET_POST = ("GET", "POST")
POST = ("POST",)

auth_bp = Blueprint("auth", __name__, url_prefix="/auth", template_folder="templates")
auth_bp.add_url_rule("/login", view_func=auth.login, methods=GET_POST)
auth_bp.add_url_rule("/logout", view_func=auth.logout, methods=POST)
auth_bp.add_url_rule("/password", view_func=auth.password, methods=GET_POST)
auth_bp.add_url_rule("/tokens", view_func=tokens.tokens, methods=GET_POST)
auth_bp.add_url_rule("/tokens/<name>/revoke", "revoke_token", view_func=tokens.revoke, methods=POST)

admin_bp = Blueprint("admin", __name__, url_prefix="/admin", template_folder="templates")
admin_bp.add_url_rule("/people", view_func=admin.people)
admin_bp.add_url_rule("/people/new", view_func=admin.new_person, methods=GET_POST)
admin_bp.add_url_rule("/people/<int:user_id>", view_func=admin.person, methods=GET_POST)
admin_bp.add_url_rule(
    "/people/<int:user_id>/password", view_func=admin.reset_password, methods=POST
)
admin_bp.add_url_rule("/people/<int:user_id>/delete", view_func=admin.delete_person, methods=POST)
admin_bp.add_url_rule("/languages", view_func=admin.languages, methods=GET_POST)
admin_bp.add_url_rule("/languages/<lang>/<slug>", view_func=admin.start_catalog, methods=POST)
