"""What every counter subcommand shares: the data folder, opening the context, acting as the
owner, and turning bad input into exit status 2 with the reason on stderr (and a licence that
stops invoices into exit status 5, so a script can tell "fix the draft" from "renew")."""

from __future__ import annotations

import functools
import json
import sys
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Final, ParamSpec, TypeVar

import click

from desktop.paths import resolve_data_dir
from desktop.services.actor import Actor
from desktop.services.context import CounterContext, open_counter
from desktop.services.licence import LicenceRefusal
from desktop.services.staff import owner_actor
from shared.errors import InvalidInput

BAD_INPUT: Final = 2
LICENCE_STOPPED: Final = 5
"""The licence does not allow issuing invoices (lapsed, suspended, absent): docs/licence.md."""
_P = ParamSpec("_P")
_R = TypeVar("_R")


def data_dir(click_ctx: click.Context) -> Path:
    """The folder chosen by `--data-dir` on the `counter` group (else env, else default)."""
    options = click_ctx.ensure_object(dict)
    value = options.get("data_dir")
    return resolve_data_dir(value if isinstance(value, str | Path) else None)


@contextmanager
def counter(click_ctx: click.Context) -> Iterator[CounterContext]:
    ctx = open_counter(data_dir(click_ctx))
    try:
        yield ctx
    finally:
        ctx.close()


def owner(ctx: CounterContext) -> Actor:
    return owner_actor(ctx)


def fail(error: InvalidInput) -> None:
    where = f"{error.field}: " if error.field else ""
    click.echo(f"error: {where}{error.reason}", err=True)
    sys.exit(BAD_INPUT)


def handles_bad_input(command: Callable[_P, _R]) -> Callable[_P, _R]:
    """Bad input exits 2 with one clear line on stderr; nothing is written (services raise
    before their transaction commits). A licence refusal exits 5 the same way."""

    @functools.wraps(command)
    def wrapper(*args: _P.args, **kwargs: _P.kwargs) -> _R:
        try:
            return command(*args, **kwargs)
        except LicenceRefusal as refusal:
            click.echo(f"error: {refusal.reason}", err=True)
            sys.exit(LICENCE_STOPPED)
        except InvalidInput as error:
            fail(error)
            raise AssertionError from error  # unreachable: fail() exits

    return wrapper


def emit_json(value: object) -> None:
    click.echo(json.dumps(value, indent=2, ensure_ascii=False, default=str))


def read_text(path: str, what: str) -> str:
    try:
        raw = sys.stdin.buffer.read() if path == "-" else Path(path).read_bytes()
    except OSError as error:
        raise InvalidInput(f"cannot read {path}: {error.strerror}", what) from None
    try:
        return raw.decode("utf-8-sig")
    except UnicodeDecodeError:
        raise InvalidInput(f"{path} is not UTF-8 text", what) from None


def write_bytes(path: str, data: bytes) -> None:
    target = Path(path)
    try:
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_bytes(data)
    except OSError as error:
        raise InvalidInput(f"cannot write {path}: {error.strerror}", "out") from None
