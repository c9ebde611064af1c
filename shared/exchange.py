"""Old gold taken in exchange: a purchase voucher of its own, never a discount.

Old gold bought from a consumer is not a taxable supply, and GST is charged on the full value of
the new jewellery (DOMAIN.md). So the old gold never touches the taxable value: it is valued on
its own voucher and netted only from the amount payable.

Convention 5: each item = net weight x buying rate x (1 - deduction %), rounded half-up to the
paisa; the voucher is the sum of its items, rounded half-up to the rupee once. Rounding to the
paisa first matters: 9 999.495 becomes 9 999.50 and then 10 000, not 9 999.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from decimal import Decimal
from typing import Final

from shared.errors import InvalidInput
from shared.money import Milligrams, Paise, round_half_up
from shared.purity import Purity

_HUNDRED: Final = Decimal(100)


@dataclass(frozen=True, slots=True)
class ExchangeLine:
    """One old piece (or lot) bought back: its purity, net weight, buying rate and deduction."""

    purity: Purity
    net_weight: Milligrams
    rate: Paise
    deduction_percent: Decimal = Decimal(0)
    description: str = ""

    def __post_init__(self) -> None:
        if self.net_weight.value <= 0:
            raise InvalidInput("the net weight must be more than zero", "net_weight")
        if self.rate.value <= 0:
            raise InvalidInput("the buying rate must be more than zero", "rate")
        if not Decimal(0) <= self.deduction_percent < _HUNDRED:
            raise InvalidInput(
                "the deduction is a percentage from 0 to below 100", "deduction_percent"
            )

    @property
    def value(self) -> Paise:
        """Weight x rate x (1 - deduction %), rounded half-up to the paisa (one rounding)."""
        exact = (
            Decimal(self.net_weight.value)
            * self.rate.value
            / 1000
            * (_HUNDRED - self.deduction_percent)
            / _HUNDRED
        )
        return Paise(int(round_half_up(exact)))


@dataclass(frozen=True, slots=True)
class ExchangeVoucher:
    """The purchase voucher: its lines, their paisa-exact sum, and the rupee-rounded value."""

    lines: Sequence[ExchangeLine]

    @property
    def exact_value(self) -> Paise:
        return sum((line.value for line in self.lines), Paise(0))

    @property
    def value(self) -> Paise:
        return self.exact_value.to_nearest_rupee()

    @property
    def round_off(self) -> Paise:
        return self.value - self.exact_value
