"""Settings: the shop profile, this terminal, printers and paper, staff, backups, and the hub.

Owner-only sections are decided by the actor's permissions here, so the screen simply hides
what `can_*` says no to; the services refuse again anyway if asked.
"""

from __future__ import annotations

import uuid
from collections.abc import Callable
from dataclasses import dataclass, replace
from decimal import Decimal
from pathlib import Path

from sqlalchemy import func, select

from desktop.services.actor import Actor, Permission
from desktop.services.backup import backup_now, list_backups, restore
from desktop.services.context import CounterContext
from desktop.services.settings import CounterSettings, load_settings, save_settings
from desktop.services.setup import (
    ShopProfile,
    TerminalInfo,
    get_profile,
    get_terminal,
    update_profile,
)
from desktop.services.staff import StaffUser, add_user, list_users, update_user
from desktop.storage.local_tables import OutboxRecord
from desktop.sync.link import hub_url
from desktop.sync.secrets import FALLBACK_NAME
from desktop.ui.viewmodels.base import ViewModel
from desktop.ui.viewmodels.enrol import EnrolViewModel
from desktop.ui.viewmodels.printing import printers
from shared.errors import InvalidInput
from shared.money import parse_decimal
from shared.tables.vocabulary import Role

Progress = Callable[[int, int, str], None]


@dataclass(frozen=True, slots=True)
class ProfileForm:
    """The shop-profile form as typed."""

    name: str
    address: str
    state_code: str
    gstin: str = ""
    pan: str = ""
    phone: str = ""
    email: str = ""
    pincode: str = ""
    legal_name: str = ""
    logo_path: str = ""
    invoice_terms: str = ""


@dataclass(frozen=True, slots=True)
class HubConnection:
    """What the Hub connection section shows for an enrolled counter."""

    hub_url: str
    terminal_id: uuid.UUID
    terminal_name: str
    invoice_series: str
    waiting: int
    """Outbox records the hub has not acknowledged yet."""
    secret_in_file: bool
    """True when the PC had no keyring and the terminal secret is in a private file."""


class SettingsViewModel(ViewModel):
    def __init__(self, ctx: CounterContext, actor: Actor) -> None:
        super().__init__()
        self._ctx = ctx
        self.actor = actor
        self.closed = False
        """True once a restore closed the database: the app must reopen it."""

    # --- who sees what -----------------------------------------------------------------------

    @property
    def can_edit_shop(self) -> bool:
        return self.actor.can(Permission.SETTINGS)

    @property
    def can_manage_staff(self) -> bool:
        return self.actor.can(Permission.MANAGE_STAFF)

    @property
    def can_backup(self) -> bool:
        return self.actor.can(Permission.BACKUP)

    @property
    def can_restore(self) -> bool:
        return self.actor.can(Permission.RESTORE)

    @property
    def can_connect_hub(self) -> bool:
        """Linking the counter to a shop on the hub is the owner's decision (settings right)."""
        return self.actor.can(Permission.SETTINGS)

    # --- the hub -----------------------------------------------------------------------------

    def hub_connection(self) -> HubConnection | None:
        """The hub this counter is enrolled with, or None for a counter on its own."""
        url = hub_url(self._ctx)
        if url is None:
            return None
        terminal = get_terminal(self._ctx)
        with self._ctx.session() as session:
            waiting = session.execute(
                select(func.count())
                .select_from(OutboxRecord)
                .where(OutboxRecord.acked_at.is_(None))
            ).scalar_one()
        return HubConnection(
            hub_url=url,
            terminal_id=terminal.id,
            terminal_name=terminal.name,
            invoice_series=terminal.invoice_series,
            waiting=int(waiting),
            secret_in_file=(self._ctx.data_dir / FALLBACK_NAME).exists(),
        )

    def enrolment(self) -> EnrolViewModel:
        """The model of the Connect-to-hub dialog for this counter."""
        return EnrolViewModel(self._ctx)

    # --- shop, terminal, printing ------------------------------------------------------------

    def profile(self) -> ShopProfile:
        return get_profile(self._ctx)

    def terminal(self) -> TerminalInfo:
        return get_terminal(self._ctx)

    def settings(self) -> CounterSettings:
        return load_settings(self._ctx)

    def printers(self) -> list[str]:
        return printers()

    def save_profile(self, form: ProfileForm) -> bool:
        """Save the shop profile as typed (validated by ShopProfile; owner only)."""

        def opt(text: str) -> str | None:
            return text.strip() or None

        def act() -> None:
            profile = ShopProfile(
                name=form.name,
                address=form.address,
                state_code=form.state_code,
                gstin=opt(form.gstin.upper()),
                phone=opt(form.phone),
                legal_name=opt(form.legal_name),
                pan=opt(form.pan.upper()),
                pincode=opt(form.pincode),
                email=opt(form.email),
                logo_path=opt(form.logo_path),
                invoice_terms=form.invoice_terms,
            )
            update_profile(self._ctx, self.actor, profile)

        return self.perform(act)

    def save_printing(
        self,
        *,
        paper: str,
        invoice_printer: str,
        tag_printer: str,
        tag_stock: str,
        max_discount: str,
        keep_backups: str,
        backup_dir: str,
    ) -> bool:
        def act() -> None:
            current = load_settings(self._ctx)
            try:
                keep = int(keep_backups.strip() or current.keep_backups)
            except ValueError:
                raise InvalidInput("type a whole number of backups", "keep_backups") from None
            try:
                discount = parse_decimal(max_discount.strip() or "0", "percentage")
            except InvalidInput as error:
                raise error.at("max_sales_discount_percent") from None
            updated = replace(
                current,
                paper=paper,
                invoice_printer=invoice_printer.strip() or None,
                tag_printer=tag_printer.strip() or None,
                tag_stock=tag_stock,
                max_sales_discount_percent=Decimal(discount),
                keep_backups=keep,
                backup_dir=backup_dir.strip() or None,
            )
            save_settings(self._ctx, self.actor, updated)

        return self.perform(act)

    # --- staff -------------------------------------------------------------------------------

    def staff(self) -> list[StaffUser]:
        return list_users(self._ctx)

    def add_staff(self, username: str, display_name: str, role: str, secret: str) -> bool:
        def act() -> None:
            if not username.strip():
                raise InvalidInput("type a user name", "username")
            if not display_name.strip():
                raise InvalidInput("type the person's name", "display_name")
            add_user(
                self._ctx, self.actor, username.strip(), display_name.strip(), Role(role), secret
            )

        return self.perform(act)

    def update_staff(
        self,
        user_id: uuid.UUID,
        *,
        role: str | None = None,
        secret: str | None = None,
        is_active: bool | None = None,
    ) -> bool:
        def act() -> None:
            update_user(
                self._ctx,
                self.actor,
                user_id,
                role=Role(role) if role else None,
                secret=secret or None,
                is_active=is_active,
            )

        return self.perform(act)

    # --- backups -----------------------------------------------------------------------------

    def data_dir(self) -> Path:
        return self._ctx.data_dir

    def backups(self) -> list[Path]:
        return list_backups(self._ctx)

    def backup_work(self) -> Callable[[Progress], Path]:
        """A backup as a job for the background runner."""

        def work(progress: Progress) -> Path:
            progress(0, 0, "Copying the database…")
            return backup_now(self._ctx)

        return work

    def restore_work(self, file: Path) -> Callable[[Progress], Path]:
        """Restoring replaces the database: the context is closed first, and the app must open
        it again (and sign in again) afterwards. Returns the safety copy of the replaced file."""
        data_dir = self._ctx.data_dir

        def work(progress: Progress) -> Path:
            progress(0, 0, "Restoring…")
            return restore(data_dir, file)

        self._ctx.close()
        self.closed = True
        return work
