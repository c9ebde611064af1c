"""Setting and reading the shop's rates. A new rate is a new row from now on: past rows stay,
so an old invoice can always be re-priced to prove its figures; counters pull the new rows."""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Final

from sqlalchemy import select

from hub.domain.context import TenantContext
from hub.domain.rates.schemas import CurrentRate, RatesSet
from shared.errors import InvalidInput
from shared.purity import default_catalogue
from shared.tables import MetalRate
from shared.tables.vocabulary import ChangeOp, RateKind

MAX_RATE_PAISE_PER_GRAM: Final = 10_000_000  # ₹1,00,000 a gram: far above any metal we sell


def _label(metal: str, fineness: int) -> str:
    try:
        return default_catalogue().find(metal, fineness).label
    except InvalidInput:
        return str(fineness)


def current_of(rows: list[MetalRate], now: datetime) -> list[CurrentRate]:
    """The rate in force for each metal, purity and kind: the latest row not after `now`."""
    latest: dict[tuple[str, int, str], MetalRate] = {}
    for row in rows:
        if row.effective_from > now:
            continue
        key = (row.metal, row.purity_fineness, row.kind)
        if key not in latest or row.effective_from > latest[key].effective_from:
            latest[key] = row
    return [
        CurrentRate(
            id=row.id,
            metal=row.metal,
            purity_fineness=row.purity_fineness,
            purity_label=_label(row.metal, row.purity_fineness),
            kind=row.kind,
            rate_paise_per_gram=row.rate_paise_per_gram,
            effective_from=row.effective_from,
        )
        for key, row in sorted(
            latest.items(), key=lambda item: (item[0][0], -item[0][1], item[0][2])
        )
    ]


class RateService:
    def __init__(self, context: TenantContext) -> None:
        self.context = context
        self.session = context.session

    async def current(self) -> list[CurrentRate]:
        rows = list(await self.session.scalars(select(MetalRate)))
        return current_of(rows, datetime.now(UTC))

    async def set_today(self, request: RatesSet) -> list[CurrentRate]:
        """Validate every entry first, then write them all in one transaction (or none)."""
        if not request.rates:
            raise InvalidInput("give at least one rate", "rates")
        catalogue = default_catalogue()
        seen: set[tuple[str, int, str]] = set()
        checked: list[tuple[str, int, str, int]] = []
        for index, entry in enumerate(request.rates):
            where = f"rates[{index}]"
            try:
                purity = catalogue.find(entry.metal, entry.purity_fineness)
                kind = RateKind(entry.kind.strip().lower())
            except InvalidInput as error:
                raise error.at(where) from None
            except ValueError:
                raise InvalidInput("kind is 'sale' or 'purchase'", f"{where}.kind") from None
            rate = entry.rate_paise_per_gram
            if isinstance(rate, bool) or not 0 < rate <= MAX_RATE_PAISE_PER_GRAM:
                raise InvalidInput(
                    "a rate is a positive amount in paise per gram, at most ₹1,00,000",
                    f"{where}.rate_paise_per_gram",
                )
            key = (purity.metal.value, purity.fineness, kind.value)
            if key in seen:
                raise InvalidInput(f"{purity} {kind.value} is given twice", where)
            seen.add(key)
            checked.append((*key, rate))
        now = datetime.now(UTC)
        for metal, fineness, kind_value, rate in checked:
            row = MetalRate(
                shop_id=self.context.shop_id,
                metal=metal,
                purity_fineness=fineness,
                kind=kind_value,
                rate_paise_per_gram=rate,
                effective_from=now,
                hlc=self.context.resources.clock.stamp(),
            )
            self.session.add(row)
            await self.context.record(
                "rate.set",
                row,
                None,
                op=ChangeOp.INSERT,
            )
        await self.session.commit()
        return await self.current()
