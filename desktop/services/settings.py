"""Counter settings: local key/value rows (never synchronised), typed here.

Kept in the counter's own `setting` table because they belong to this PC (its printers, its
backup folder) or to the shop's local policy that the window enforces (the sales discount limit).
"""

from __future__ import annotations

import dataclasses
from dataclasses import dataclass
from decimal import Decimal
from typing import TYPE_CHECKING, Final

from sqlalchemy import select
from sqlalchemy.orm import Session

from desktop.services.actor import Permission
from desktop.storage.local_tables import Setting
from shared.errors import InvalidInput
from shared.money import parse_decimal

if TYPE_CHECKING:
    from desktop.services.actor import Actor
    from desktop.services.context import CounterContext

PAPERS: Final = ("a4", "a5", "thermal")
TAG_STOCKS: Final = ("dumbbell_95x12", "label_50x25")
_PREFIX: Final = "settings."


@dataclass(frozen=True, slots=True)
class CounterSettings:
    """What the owner sets in the settings screen."""

    max_sales_discount_percent: Decimal = Decimal(5)
    backup_dir: str | None = None
    keep_backups: int = 14
    paper: str = "a4"
    invoice_printer: str | None = None
    tag_printer: str | None = None
    tag_stock: str = "dumbbell_95x12"

    def __post_init__(self) -> None:
        if not Decimal(0) <= self.max_sales_discount_percent <= Decimal(100):
            raise InvalidInput(
                "the discount limit is a percentage from 0 to 100", "max_sales_discount_percent"
            )
        if not 1 <= self.keep_backups <= 365:
            raise InvalidInput("keep between 1 and 365 backups", "keep_backups")
        if self.paper not in PAPERS:
            raise InvalidInput(f"paper is one of {', '.join(PAPERS)}", "paper")
        if self.tag_stock not in TAG_STOCKS:
            raise InvalidInput(f"tag stock is one of {', '.join(TAG_STOCKS)}", "tag_stock")


def get_value(session: Session, key: str) -> str | None:
    row = session.get(Setting, key)
    return None if row is None else row.value


def set_value(session: Session, key: str, value: str | None) -> None:
    """Write (or with None, delete) one setting inside the caller's transaction."""
    row = session.get(Setting, key)
    if value is None:
        if row is not None:
            session.delete(row)
        return
    if row is None:
        session.add(Setting(key=key, value=value))
    else:
        row.value = value


def read_settings(session: Session) -> CounterSettings:
    stored = {
        row.key[len(_PREFIX) :]: row.value
        for row in session.scalars(select(Setting).where(Setting.key.startswith(_PREFIX)))
    }
    defaults = CounterSettings()
    return CounterSettings(
        max_sales_discount_percent=parse_decimal(
            stored.get("max_sales_discount_percent", str(defaults.max_sales_discount_percent))
        ),
        backup_dir=stored.get("backup_dir") or None,
        keep_backups=int(stored.get("keep_backups", defaults.keep_backups)),
        paper=stored.get("paper", defaults.paper),
        invoice_printer=stored.get("invoice_printer") or None,
        tag_printer=stored.get("tag_printer") or None,
        tag_stock=stored.get("tag_stock", defaults.tag_stock),
    )


def write_settings(session: Session, settings: CounterSettings) -> None:
    for field in dataclasses.fields(settings):
        value = getattr(settings, field.name)
        set_value(session, _PREFIX + field.name, None if value is None else str(value))


def load_settings(ctx: CounterContext) -> CounterSettings:
    """The counter's settings (defaults for anything never saved)."""
    with ctx.session() as session:
        return read_settings(session)


def save_settings(ctx: CounterContext, actor: Actor, settings: CounterSettings) -> None:
    """Save the settings (owner only); audited with the values before and after."""
    actor.require(Permission.SETTINGS)
    before = load_settings(ctx)
    with ctx.write() as work:
        write_settings(work.session, settings)
        work.audit(
            actor,
            "settings.edit",
            "setting",
            None,
            before={k: str(v) for k, v in dataclasses.asdict(before).items()},
            after={k: str(v) for k, v in dataclasses.asdict(settings).items()},
        )
