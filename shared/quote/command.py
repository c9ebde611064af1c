"""The `boolagold quote FILE` command: read a draft (or `-` for stdin), print the invoice.

Exit status 0 with the invoice on stdout, or 2 with exactly one JSON error object on stdout and
nothing else, so a calling tool can always parse what it gets.
"""

from __future__ import annotations

import json
import sys
from collections.abc import Mapping
from pathlib import Path

import click

from shared.errors import InvalidInput
from shared.invoice_calc import compute_invoice
from shared.quote.draft import parse_draft
from shared.quote.reader import load_json
from shared.quote.render import JSONValue, render_error, render_invoice

BAD_INPUT_EXIT = 2


def _read(source: str) -> str:
    try:
        raw = sys.stdin.buffer.read() if source == "-" else Path(source).read_bytes()
    except OSError as error:
        raise InvalidInput(f"cannot read {source}: {error.strerror}", "FILE") from None
    try:
        return raw.decode("utf-8-sig")
    except UnicodeDecodeError:
        raise InvalidInput("the draft is not UTF-8 text", "FILE") from None


def quote_text(text: str) -> Mapping[str, JSONValue]:
    """The computed invoice for a JSON draft, as the command prints it (raises InvalidInput)."""
    return render_invoice(compute_invoice(parse_draft(load_json(text))))


def _emit(payload: Mapping[str, JSONValue]) -> None:
    click.echo(json.dumps(payload, indent=2, ensure_ascii=False))


@click.command("quote")
@click.argument("source", metavar="FILE")
def quote(source: str) -> None:
    """Compute an invoice from a JSON draft in FILE ('-' for standard input).

    Prints the computed invoice as JSON. Bad input exits with status 2 and prints
    {"error": {"field": ..., "reason": ...}}. See docs/quote.md for both formats.
    """
    try:
        result = quote_text(_read(source))
    except InvalidInput as error:
        _emit(render_error(error))
        sys.exit(BAD_INPUT_EXIT)
    _emit(result)
