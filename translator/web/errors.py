"""How the app answers what went wrong: JSON for the API (``/api/...``), a page for people.

HTTP errors (``abort``) and :class:`~translator.web.data.catalogs.Refused` get their code and a
message for people; a catalog that cannot be written (disk full, read-only, lock busy) answers
503 and says that nothing changed; a database that cannot be written answers 503; anything
else 500, with the details in the log, never a stack trace.
"""

from __future__ import annotations

import sqlite3
from typing import TYPE_CHECKING

from flask import jsonify, render_template, request

from translator.web.data.catalogs import Refused, StorageError

if TYPE_CHECKING:
    from flask import Flask


MESSAGES = {
    400: "The request was not understood.",
    403: "You do not have permission for this.",
    404: "There is nothing here.",
    405: "That does not work here.",
    409: "Someone else changed this in the meantime.",
    413: "That is too large.",
    429: "Too many requests; slow down.",
}


def init_app(app: Flask) -> None:
    """Register an answer for every HTTP error, refusal and failure."""
    for code in MESSAGES:
        app.register_error_handler(code, refused)
    app.register_error_handler(Refused, refused)  # answered as abort(code, message) would be

    def storage_failed(error: StorageError):
        app.logger.error("%s %s: %s", request.method, request.path, error)
        return answer(error.status, str(error))

    def database_failed(error: sqlite3.OperationalError):
        app.logger.error("%s %s: review database: %s", request.method, request.path, error)
        return answer(
            503,
            f"The review database could not be written ({error}). Reload the page to see "
            "what was saved; tell a coordinator if this goes on.",
        )

    app.register_error_handler(StorageError, storage_failed)
    app.register_error_handler(sqlite3.OperationalError, database_failed)
    app.register_error_handler(500, server_error)


def answer(code: int, message: str):
    """The error as JSON for the editor's API, as a page for people."""
    if request.path.startswith("/api/"):
        return jsonify(error=message), code
    return render_template("error.html", code=code, message=message), code


def refused(error):
    """An HTTP error or a refusal, with its own message unless it is Werkzeug's stock text."""
    code = getattr(error, "code", 500) or 500
    message = getattr(error, "description", None) or MESSAGES.get(code, "Error")
    if code in MESSAGES and message.startswith(("The ", "You ", "Method ", "Not ")):
        message = MESSAGES[code]
    return answer(code, message)


def server_error(_error):
    return answer(500, "Something went wrong on the server (it was logged). Reload the page.")
