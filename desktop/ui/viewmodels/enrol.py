"""Joining a shop on the hub from the window: the form, the work, and what to tell the owner.

The work itself is `desktop.sync.link.enrol` (the same as `boolagold counter enroll`); this
module checks the form before anything leaves the PC, runs the enrolment as a job for the
background runner, and turns every way it can fail into a sentence a shop owner can act on.
Enrolment stores nothing until the hub has granted the terminal, so a refusal leaves the data
folder as it was; a failure after the grant (the first download broke off) is not an error:
the counter is linked, and the background sync finishes the download.
"""

from __future__ import annotations

import uuid
from collections.abc import Callable
from dataclasses import dataclass
from typing import Final
from urllib.parse import urlsplit

import httpx

from desktop.services.context import CounterContext
from desktop.services.setup import get_terminal
from desktop.sync.link import Enrolled, enrol, hub_url
from desktop.sync.secrets import FALLBACK_NAME
from desktop.ui.viewmodels.base import UserMessage, ViewModel
from shared.errors import InvalidInput
from shared.tables import Shop
from shared.wire import ENROL_CODE_LENGTH
from sync.client import SyncRefused
from sync.http_transport import HubUnreachable

Progress = Callable[[int, int, str], None]
HUB_FIELD: Final = "hub_url"
CODE_FIELD: Final = "code"
HUB_TIMEOUT_SECONDS: Final = 30.0
CODE_EXAMPLE: Final = "ABCD-EFGH-JKLM-NPQR"
NOTHING_CHANGED: Final = "Nothing was changed on this counter."


@dataclass(frozen=True, slots=True)
class EnrolForm:
    """The dialog's two fields, checked and normalised."""

    hub_url: str
    code: str


@dataclass(frozen=True, slots=True)
class EnrolResult:
    """What the owner is shown after joining the shop."""

    hub_url: str
    shop_name: str
    terminal_id: uuid.UUID
    terminal_name: str
    invoice_series: str
    credit_note_series: str
    voucher_series: str
    changes_pulled: int | None
    """None when the first download broke off (the background sync finishes it)."""
    secret_warning: str | None
    pull_problem: str | None = None


def check_form(hub_url_text: str, code_text: str) -> EnrolForm:
    """The hub's address (http or https, with a host) and the code's shape, before any network."""
    url = hub_url_text.strip()
    if not url:
        raise InvalidInput("type the hub's address, e.g. https://hub.example.in", HUB_FIELD)
    parts = urlsplit(url)
    if parts.scheme.lower() not in {"http", "https"} or not parts.hostname or " " in url:
        raise InvalidInput(
            "the hub's address starts with https:// (or http:// on the shop's own network), "
            "e.g. https://hub.example.in",
            HUB_FIELD,
        )
    if parts.query or parts.fragment:
        raise InvalidInput("type only the hub's address, without ? or # parts", HUB_FIELD)
    code = " ".join(code_text.split()).upper()
    low, high = ENROL_CODE_LENGTH
    if not code:
        raise InvalidInput(
            "type the one-time code from the hub's Terminals page (the owner makes it there)",
            CODE_FIELD,
        )
    if not all(ch.isascii() and (ch.isalnum() or ch in "- ") for ch in code):
        raise InvalidInput(
            f"the code has only letters, digits and dashes, like {CODE_EXAMPLE}", CODE_FIELD
        )
    if not low <= len(code) <= high:
        raise InvalidInput(
            f"the code has {low} to {high} characters, like {CODE_EXAMPLE}",
            CODE_FIELD,
        )
    return EnrolForm(hub_url=url.rstrip("/"), code=code)


class _StatusRecorder:
    """Remembers the HTTP status of the hub's last answer (link.enrol keeps only its words)."""

    def __init__(self) -> None:
        self.status: int | None = None

    def __call__(self, response: httpx.Response) -> None:
        self.status = response.status_code


class EnrolViewModel(ViewModel):
    """The enrolment dialog's state; the widget only shows fields, progress and messages."""

    def __init__(self, ctx: CounterContext) -> None:
        super().__init__()
        self._ctx = ctx
        self._last_status: int | None = None

    def blocked(self) -> UserMessage | None:
        """Why this data folder cannot be enrolled, said before any code is spent; None if it can.

        A counter enrols once: a folder already linked keeps its terminal and series (a
        reinstalled counter is enrolled afresh on an empty folder and gets a NEW series from the
        hub), and a folder set up on its own holds a shop the hub does not know, which must never
        be mixed with the hub shop's data."""
        linked = hub_url(self._ctx)
        if linked is not None:
            terminal = get_terminal(self._ctx)
            return UserMessage(
                f"This counter is already linked to the hub at {linked} as “{terminal.name}” "
                f"(invoice series {terminal.invoice_series}). A counter joins a shop once; to "
                "enrol a reinstalled or replaced PC, start it on a new, empty data folder: the "
                "hub gives it a new series."
            )
        if self._ctx.is_initialised:
            return UserMessage(
                "This counter was set up on its own: its shop, staff and bills live only on "
                "this PC, and the hub's shop cannot be mixed into them. A counter joins a shop "
                "on the hub from a new, empty data folder (boolagold counter --data-dir NEW "
                "enroll --hub ADDRESS CODE); this folder stays as it is."
            )
        return None

    def prepare(self, hub_url_text: str, code_text: str) -> EnrolForm | None:
        """The checked form, or None after showing what to correct (nothing is sent)."""
        refusal = self.blocked()
        if refusal is not None:
            self.error.emit(refusal)
            return None
        return self.attempt(lambda: check_form(hub_url_text, code_text))

    def work(self, form: EnrolForm) -> Callable[[Progress], EnrolResult]:
        """The enrolment as a job for the background runner (it talks to the network)."""

        def run(progress: Progress) -> EnrolResult:
            progress(0, 0, f"Joining the shop on {form.hub_url} and downloading its data…")
            recorder = _StatusRecorder()
            client = httpx.Client(
                base_url=form.hub_url,
                timeout=HUB_TIMEOUT_SECONDS,
                event_hooks={"response": [recorder]},
            )
            try:
                done = enrol(self._ctx, form.hub_url, form.code, client=client)
            except Exception as error:
                self._last_status = recorder.status
                if hub_url(self._ctx) is not None:
                    # The hub granted the terminal and it is stored; only the first download
                    # broke off. The counter is linked: the background sync pulls the rest.
                    return self._result(form.hub_url, None, _sentence(str(error)))
                raise
            finally:
                client.close()
            return self._result(form.hub_url, done, None)

        return run

    def _result(self, url: str, done: Enrolled | None, problem: str | None) -> EnrolResult:
        terminal = get_terminal(self._ctx)
        secret_warning = done.secret_place.warning if done is not None else None
        if done is None and (self._ctx.data_dir / FALLBACK_NAME).exists():
            secret_warning = (
                "no system keyring is available: the terminal secret is kept in a file only "
                f"your user can read ({self._ctx.data_dir / FALLBACK_NAME})"
            )
        return EnrolResult(
            hub_url=url,
            shop_name=self._shop_name(),
            terminal_id=self._ctx.terminal_id,
            terminal_name=terminal.name,
            invoice_series=terminal.invoice_series,
            credit_note_series=terminal.credit_note_series,
            voucher_series=terminal.voucher_series,
            changes_pulled=done.pulled.received if done is not None else None,
            secret_warning=secret_warning,
            pull_problem=problem,
        )

    def _shop_name(self) -> str:
        """The shop's name once its profile has arrived (the first pull brings it)."""
        with self._ctx.session() as session:
            shop = session.get(Shop, self._ctx.shop_id)
            return shop.name if shop is not None else "the shop"

    def explain(self, error: Exception) -> UserMessage:
        """A failed enrolment in plain words, under the field the owner should change."""
        text = self._words(error)
        if isinstance(error, HubUnreachable) and isinstance(error.__cause__, httpx.HTTPError):
            return UserMessage(text, HUB_FIELD)
        if isinstance(error, InvalidInput) and error.field == CODE_FIELD:
            status = self._last_status
            return UserMessage(text, CODE_FIELD if status in {400, 403, 409, 410} else None)
        return UserMessage(text)

    def _words(self, error: Exception) -> str:
        status = self._last_status
        if isinstance(error, HubUnreachable):
            if isinstance(error.__cause__, httpx.HTTPError):
                return (
                    "The hub could not be reached. Check the address and this PC's internet "
                    f"connection, then try again. {NOTHING_CHANGED}"
                )
            return (
                "That address answered, but not as a BoolaGold hub. Check the address the "
                f"owner was given. {NOTHING_CHANGED}"
            )
        if isinstance(error, SyncRefused):
            return _sentence(str(error))
        if isinstance(error, InvalidInput):
            if status == 426:
                return f"{_sentence(error.reason)}. {NOTHING_CHANGED}"
            if status == 404:
                return (
                    "That address is not a BoolaGold hub (it has no enrolment service). Check "
                    f"the address. {NOTHING_CHANGED}"
                )
            if status == 429:
                return (
                    "The hub has had too many attempts from here; wait a minute and try "
                    f"again. {NOTHING_CHANGED}"
                )
            if status is not None and status >= 500:
                return (
                    f"The hub had a problem answering (HTTP {status}). Try again in a few "
                    f"minutes. {NOTHING_CHANGED}"
                )
            if status == 200:
                return (
                    f"The hub's answer could not be used ({error.reason}). Please tell "
                    f"BoolaGold support. {NOTHING_CHANGED}"
                )
            return f"{_sentence(error.reason)}. {NOTHING_CHANGED}"
        return f"Enrolment failed: {error}. {NOTHING_CHANGED}"


def _sentence(text: str) -> str:
    text = text.strip().rstrip(".")
    return text[:1].upper() + text[1:]
