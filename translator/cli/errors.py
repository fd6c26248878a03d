"""How failures reach the user: one ``error: ...`` line on stderr and an exit code.

Exit codes: 0 success, 1 a failure the user can fix (a :class:`TranslatorError`, or an
operating-system error such as a lock path that is a directory), 2 a usage error (an unknown
option, a bad option value). Every one of them is a single line naming the file, the key or
the option; none is a traceback.
"""

from __future__ import annotations

import contextlib
import errno
import functools
from collections.abc import Iterator

import click

from translator.errors import TranslatorError


class TranslatorGroup(click.Group):
    """A click group whose errors, its own and its commands', are printed as one line."""

    def make_context(self, info_name, args, parent=None, **extra) -> click.Context:
        with one_line_click_errors():
            return super().make_context(info_name, args, parent=parent, **extra)

    def invoke(self, ctx: click.Context):
        try:
            with one_line_click_errors():
                return super().invoke(ctx)
        except TranslatorError as exc:
            fail(ctx, str(exc))
        except OSError as exc:
            if exc.errno == errno.EPIPE:
                raise  # click quietens a closed pipe (``translator stats | head``)
            fail(ctx, describe_os_error(exc))


def fail(ctx: click.Context, message: str) -> None:
    click.echo(f"error: {message}", err=True)
    ctx.exit(1)


@contextlib.contextmanager
def one_line_click_errors() -> Iterator[None]:
    """Click shows its errors as usage, a hint and ``Error: ...``; ours are one line."""
    try:
        yield
    except click.exceptions.NoArgsIsHelpError:
        raise  # ``translator`` alone prints the help
    except click.ClickException as exc:
        exc.show = functools.partial(_show_one_line, exc)
        raise


def _show_one_line(exc: click.ClickException, file=None) -> None:
    click.echo(f"error: {describe_click_error(exc)}", err=True)


def describe_click_error(exc: click.ClickException) -> str:
    """``no such option '--formt' (see 'translator build --help')``."""
    message = _lower_first(exc.format_message()).removesuffix(".")
    ctx = getattr(exc, "ctx", None)
    if isinstance(exc, click.UsageError) and ctx is not None:
        message += f" (see '{ctx.command_path} --help')"
    return message


def describe_os_error(exc: OSError) -> str:
    """``locales/de/LC_MESSAGES/x.po.lock: is a directory``: the path, then what is wrong."""
    reason = _lower_first(exc.strerror or type(exc).__name__)
    if exc.filename is None:
        return reason
    if exc.filename2 is not None:
        return f"{exc.filename} -> {exc.filename2}: {reason}"
    return f"{exc.filename}: {reason}"


def _lower_first(text: str) -> str:
    """``No such option`` -> ``no such option``; ``PO file`` stays (an acronym)."""
    if len(text) > 1 and text[0].isupper() and text[1].islower():
        return text[0].lower() + text[1:]
    return text
