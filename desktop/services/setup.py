"""First run and the shop profile: the shop, this terminal with its series, the first owner.

The shop row and the terminal row are shared tables (the hub keeps them too); the logo path and
the invoice terms are local settings because they are about how this counter prints.
"""

from __future__ import annotations

import uuid
from collections.abc import Callable
from dataclasses import dataclass

from sqlalchemy import select
from sqlalchemy.orm import Session

from desktop.services import settings as settings_store
from desktop.services.actor import Actor, Permission
from desktop.services.context import SHOP_KEY, TERMINAL_KEY, CounterContext
from desktop.services.staff import new_user_row
from shared.errors import InvalidInput
from shared.ids import new_id
from shared.numbering import validate_series_prefix
from shared.states import validate_state_code
from shared.tables import Shop, Terminal
from shared.tables.vocabulary import Role
from shared.validators import validate_gstin, validate_pan

LOGO_KEY = "shop.logo_path"
TERMS_KEY = "shop.invoice_terms"


def _text(value: str | None, field: str, limit: int, *, required: bool = False) -> str | None:
    cleaned = (value or "").strip()
    if required and not cleaned:
        raise InvalidInput("is required", field)
    if len(cleaned) > limit:
        raise InvalidInput(f"at most {limit} characters", field)
    return cleaned or None


def _checked(check: Callable[[str], str], value: str, field: str) -> str:
    """Run a kernel validator, placing its error under `field`."""
    try:
        return check(value)
    except InvalidInput as error:
        raise error.at(field) from None


@dataclass(frozen=True, slots=True)
class ShopProfile:
    """What prints at the top of every invoice; validated when made."""

    name: str
    address: str
    state_code: str
    gstin: str | None = None
    phone: str | None = None
    legal_name: str | None = None
    pan: str | None = None
    pincode: str | None = None
    email: str | None = None
    logo_path: str | None = None
    invoice_terms: str = ""

    def __post_init__(self) -> None:
        set_ = object.__setattr__
        set_(self, "name", _text(self.name, "name", 200, required=True))
        set_(self, "address", _text(self.address, "address", 1000, required=True))
        state = _checked(validate_state_code, self.state_code, "state_code")
        set_(self, "state_code", state)
        if self.gstin is not None and self.gstin.strip():
            gstin = _checked(validate_gstin, self.gstin, "gstin")
            if gstin[:2] != state:
                raise InvalidInput(
                    f"the GSTIN is registered in state {gstin[:2]}, not {state}", "gstin"
                )
            set_(self, "gstin", gstin)
        else:
            set_(self, "gstin", None)
        if self.pan is not None and self.pan.strip():
            set_(self, "pan", _checked(validate_pan, self.pan, "pan"))
        else:
            set_(self, "pan", self.gstin[2:12] if self.gstin else None)
        phone = _text(self.phone, "phone", 20)
        if phone is not None and not all(c.isdigit() or c in "+- " for c in phone):
            raise InvalidInput("a phone number has digits, spaces, '+' and '-' only", "phone")
        set_(self, "phone", phone)
        pincode = _text(self.pincode, "pincode", 6)
        if pincode is not None and not (pincode.isdigit() and len(pincode) == 6):
            raise InvalidInput("a PIN code has 6 digits", "pincode")
        set_(self, "pincode", pincode)
        set_(self, "email", _text(self.email, "email", 254))
        set_(self, "legal_name", _text(self.legal_name, "legal_name", 200) or self.name)
        set_(self, "logo_path", _text(self.logo_path, "logo_path", 1000))
        set_(self, "invoice_terms", (self.invoice_terms or "").strip()[:2000])


@dataclass(frozen=True, slots=True)
class TerminalSetup:
    name: str = "Counter 1"
    invoice_series: str = "A1"
    credit_note_series: str = "C1"
    voucher_series: str = "V1"

    def __post_init__(self) -> None:
        set_ = object.__setattr__
        set_(self, "name", _text(self.name, "terminal_name", 100, required=True))
        prefixes = []
        for field in ("invoice_series", "credit_note_series", "voucher_series"):
            prefix = _checked(validate_series_prefix, getattr(self, field), field)
            set_(self, field, prefix)
            prefixes.append(prefix)
        if len(set(prefixes)) != len(prefixes):
            raise InvalidInput(
                "invoices, credit notes and vouchers need three different series",
                "credit_note_series",
            )


@dataclass(frozen=True, slots=True)
class OwnerSetup:
    username: str
    display_name: str
    secret: str


@dataclass(frozen=True, slots=True)
class TerminalInfo:
    id: uuid.UUID
    name: str
    invoice_series: str
    credit_note_series: str
    voucher_series: str


def initialise(
    ctx: CounterContext, profile: ShopProfile, terminal: TerminalSetup, owner: OwnerSetup
) -> None:
    """Create the shop, this terminal and the first owner, in one transaction."""
    if ctx.is_initialised:
        raise InvalidInput("this counter already has a shop")
    shop_id, terminal_id = new_id(), new_id()
    with ctx.raw_write() as session:
        settings_store.set_value(session, SHOP_KEY, str(shop_id))
        settings_store.set_value(session, TERMINAL_KEY, str(terminal_id))
    ctx.reload_identity()
    try:
        with ctx.write() as work:
            now = work.now
            shop = Shop(
                id=shop_id,
                status="active",
                created_at=now,
                updated_at=now,
                origin_terminal_id=terminal_id,
            )
            _apply(shop, profile)
            work.add(shop)
            work.add(
                Terminal(
                    id=terminal_id,
                    shop_id=shop_id,
                    name=terminal.name,
                    invoice_series=terminal.invoice_series,
                    credit_note_series=terminal.credit_note_series,
                    voucher_series=terminal.voucher_series,
                    status="active",
                    enrolled_at=None,
                    origin_terminal_id=terminal_id,
                    created_at=now,
                    updated_at=now,
                )
            )
            _save_local(work.session, profile)
            user = new_user_row(work, owner.username, owner.display_name, Role.OWNER, owner.secret)
            work.audit(
                None,
                "shop.init",
                "shop",
                shop_id,
                actor_label=user.display_name,
                after=_profile_json(profile) | {"terminal": terminal.name},
            )
    except BaseException:
        with ctx.raw_write() as session:
            settings_store.set_value(session, SHOP_KEY, None)
            settings_store.set_value(session, TERMINAL_KEY, None)
        ctx.reload_identity()
        raise


def _apply(shop: Shop, profile: ShopProfile) -> None:
    shop.name = profile.name
    shop.legal_name = profile.legal_name or profile.name
    shop.gstin = profile.gstin
    shop.pan = profile.pan
    shop.state_code = profile.state_code
    shop.address = profile.address
    shop.pincode = profile.pincode
    shop.phone = profile.phone
    shop.email = profile.email


def _save_local(session: Session, profile: ShopProfile) -> None:
    settings_store.set_value(session, LOGO_KEY, profile.logo_path)
    settings_store.set_value(session, TERMS_KEY, profile.invoice_terms or None)


def _profile_json(profile: ShopProfile) -> dict[str, object]:
    return {
        "name": profile.name,
        "legal_name": profile.legal_name,
        "gstin": profile.gstin,
        "state_code": profile.state_code,
        "address": profile.address,
        "phone": profile.phone,
    }


def get_profile(ctx: CounterContext) -> ShopProfile:
    with ctx.session() as session:
        shop = session.get(Shop, ctx.shop_id)
        assert shop is not None
        return ShopProfile(
            name=shop.name,
            address=shop.address,
            state_code=shop.state_code,
            gstin=shop.gstin,
            phone=shop.phone,
            legal_name=shop.legal_name,
            pan=shop.pan,
            pincode=shop.pincode,
            email=shop.email,
            logo_path=settings_store.get_value(session, LOGO_KEY),
            invoice_terms=settings_store.get_value(session, TERMS_KEY) or "",
        )


def update_profile(ctx: CounterContext, actor: Actor, profile: ShopProfile) -> None:
    actor.require(Permission.SETTINGS)
    before = get_profile(ctx)
    with ctx.write() as work:
        shop = work.session.get(Shop, ctx.shop_id)
        assert shop is not None
        _apply(shop, profile)
        shop.updated_at = work.now
        work.changed(shop)
        _save_local(work.session, profile)
        work.audit(
            actor,
            "shop.edit",
            "shop",
            shop.id,
            before=_profile_json(before),
            after=_profile_json(profile),
        )


def get_terminal(ctx: CounterContext) -> TerminalInfo:
    with ctx.session() as session:
        row = session.get(Terminal, (ctx.shop_id, ctx.terminal_id))
        assert row is not None
        return TerminalInfo(
            row.id, row.name, row.invoice_series, row.credit_note_series, row.voucher_series
        )


def shop_row(ctx: CounterContext) -> Shop:
    """The shop row (detached), for pricing and printing."""
    with ctx.session() as session:
        shop = session.scalar(select(Shop).where(Shop.id == ctx.shop_id))
        assert shop is not None
        return shop


__all__ = [
    "OwnerSetup",
    "ShopProfile",
    "TerminalInfo",
    "TerminalSetup",
    "get_profile",
    "get_terminal",
    "initialise",
    "update_profile",
]
