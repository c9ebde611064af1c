"""Pricing one invoice line, exactly as DOMAIN.md's "conventions we fix" say.

A jeweller's bill is a sum of parts that customers check with a calculator: metal, wastage,
making, stones, hallmarking, less a discount. Each part is rounded half-up to the paisa on its
own, in this order, so a customer, an auditor, the counter and the hub all get the same figure:

- metal    = net weight x rate per gram
- wastage  = metal value (already rounded) x wastage %
- making   = net weight x rupees per gram | metal value (already rounded) x % | a flat amount
- stones   = sum of each stone's carats x rate per carat (each stone rounded) or its stated value
- taxable  = metal + wastage + making + stones + hallmark charge - discount

A job-work line (SAC 9988) prices making on the customer's own metal: there is no metal value,
no wastage and no stones, only the making charge, any hallmarking fee, less any discount.

A loose-stone line (HSN 7102/7103/7104 with no metal) is priced from its stones alone.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from decimal import Decimal
from enum import StrEnum
from typing import Final

from shared.errors import InvalidInput
from shared.money import Milligrams, Paise, round_half_up
from shared.purity import Metal, Purity
from shared.validators import validate_huid

# GST slabs the law has; an explicit rate outside these is a typo, not a new tax.
GST_SLABS: Final = frozenset(Decimal(r) for r in ("0", "0.25", "1.5", "3", "5", "12", "18", "28"))

# DOMAIN.md's table, by HSN/SAC prefix. Longest prefix wins. Nothing else is guessed: an HSN
# outside this table needs an explicit `gst_rate`.
_RATE_BY_PREFIX: Final = (
    ("7113", Decimal(3)),
    ("7114", Decimal(3)),
    ("7108", Decimal(3)),
    ("7106", Decimal(3)),
    ("7118", Decimal(3)),
    ("7102", Decimal("1.5")),
    ("7103", Decimal("0.25")),
    ("7104", Decimal("0.25")),
    ("9988", Decimal(5)),
)
JOB_WORK_SAC_PREFIX: Final = "9988"
NO_PAISE: Final = Paise(0)
NO_WEIGHT: Final = Milligrams(0)
LOOSE_STONE_PREFIXES: Final = ("7102", "7103", "7104")


class LineKind(StrEnum):
    """A sale of jewellery (goods) or job work on the customer's own metal (a service)."""

    JEWELLERY = "jewellery"
    JOB_WORK = "job_work"


class MakingMode(StrEnum):
    PER_GRAM = "per_gram"
    PERCENT = "percent"
    FLAT = "flat"


def default_hsn(kind: LineKind, metal: Metal | None) -> str:
    """The code a line gets when the draft names none: job work 998892, silver 711311, else
    711319 (jewellery of gold or other precious metal)."""
    if kind is LineKind.JOB_WORK:
        return "998892"
    return "711311" if metal is Metal.SILVER else "711319"


def default_gst_rate(hsn: str) -> Decimal:
    """The GST rate DOMAIN.md gives for an HSN/SAC, refusing codes outside that table."""
    if not (hsn.isdigit() and 4 <= len(hsn) <= 8):
        raise InvalidInput(f"{hsn!r} is not an HSN/SAC code (4 to 8 digits)", "hsn")
    for prefix, rate in _RATE_BY_PREFIX:
        if hsn.startswith(prefix):
            return rate
    raise InvalidInput(f"no GST rate is known for HSN {hsn}; give gst_rate explicitly", "gst_rate")


def validate_gst_rate(rate: Decimal) -> Decimal:
    """An explicit rate must be a real GST slab; returned normalised (Decimal("3"), not 3.00)."""
    if rate not in GST_SLABS:
        slabs = ", ".join(format_rate(r) for r in sorted(GST_SLABS))
        raise InvalidInput(f"{format_rate(rate)}% is not a GST rate (one of {slabs})", "gst_rate")
    return rate


def format_rate(rate: Decimal) -> str:
    """ "3", "1.5", "0.25": a rate as people write it, with no trailing zeros."""
    return format(rate.normalize(), "f")


def weight_times_rate(weight: Milligrams, paise_per_gram: Paise) -> Paise:
    """Weight x rate per gram, rounded half-up to the paisa (the single rounding point)."""
    return Paise(int(round_half_up(Decimal(weight.value) * paise_per_gram.value / 1000)))


@dataclass(frozen=True, slots=True)
class MakingCharge:
    """How the making charge is stated: rupees per gram, a percent of the metal, or flat.

    `per_gram` and `flat` carry `amount` (paise per gram / paise); `percent` carries `percent`.
    """

    mode: MakingMode
    amount: Paise = NO_PAISE
    percent: Decimal = Decimal(0)

    def __post_init__(self) -> None:
        if self.amount.value < 0:
            raise InvalidInput("a making charge cannot be negative", "value")
        if self.percent < 0:
            raise InvalidInput("a making percentage cannot be negative", "value")

    def value_for(self, net: Milligrams, metal_value: Paise) -> Paise:
        if self.mode is MakingMode.PER_GRAM:
            return weight_times_rate(net, self.amount)
        if self.mode is MakingMode.PERCENT:
            return metal_value.percent(self.percent)
        return self.amount


@dataclass(frozen=True, slots=True)
class StoneCharge:
    """One stone (or parcel): carats x rate per carat, or a stated value when sold by the piece."""

    carats: Decimal | None = None
    rate_per_carat: Paise | None = None
    stated_value: Paise | None = None
    description: str = ""

    def __post_init__(self) -> None:
        priced = self.carats is not None or self.rate_per_carat is not None
        if self.stated_value is not None and priced:
            raise InvalidInput("give either carats and rate_per_carat, or a value, not both")
        if self.stated_value is None and (self.carats is None or self.rate_per_carat is None):
            raise InvalidInput("a stone needs carats and rate_per_carat, or a value")
        if self.carats is not None and self.carats <= 0:
            raise InvalidInput("carats must be more than zero", "carats")

    @property
    def value(self) -> Paise:
        if self.stated_value is not None:
            return self.stated_value
        assert self.carats is not None
        assert self.rate_per_carat is not None
        return Paise(int(round_half_up(self.carats * self.rate_per_carat.value)))


@dataclass(frozen=True, slots=True)
class LineDraft:
    """One line as the counter (or a quote) states it, checked for what must hold before pricing.

    Construction refuses impossible lines (net above gross, a hallmarked gold piece without a
    HUID, a job-work line carrying a metal rate) so that a priced line is always a lawful one.
    Errors name the field relative to the line ("net_weight"); callers prefix the line's place.
    """

    kind: LineKind
    hsn: str
    gst_rate: Decimal
    gross_weight: Milligrams
    net_weight: Milligrams
    metal: Metal | None = None
    purity: Purity | None = None
    stone_weight: Milligrams = NO_WEIGHT
    rate: Paise | None = None
    description: str = ""
    hallmarked: bool = False
    huid: str | None = None
    wastage_percent: Decimal = Decimal(0)
    making: MakingCharge | None = None
    stones: Sequence[StoneCharge] = field(default_factory=tuple)
    hallmark_charge: Paise = NO_PAISE
    discount: Paise = NO_PAISE

    def __post_init__(self) -> None:
        self._check_weights()
        self._check_kind()
        self._check_hallmark()
        validate_gst_rate(self.gst_rate)
        if self.wastage_percent < 0:
            raise InvalidInput("wastage cannot be negative", "wastage_percent")
        if self.hallmark_charge.value < 0:
            raise InvalidInput("a hallmarking charge cannot be negative", "hallmark_charge")
        if self.discount.value < 0:
            raise InvalidInput("a discount is written as a positive amount", "discount")

    @property
    def is_loose_stone(self) -> bool:
        return self.kind is LineKind.JEWELLERY and self.metal is None

    def _check_weights(self) -> None:
        gross, net, stone = self.gross_weight, self.net_weight, self.stone_weight
        if gross.value <= 0:
            raise InvalidInput("the gross weight must be more than zero", "gross_weight")
        if stone.value < 0:
            raise InvalidInput("the stone weight cannot be negative", "stone_weight")
        if stone > gross:
            raise InvalidInput(
                f"the stone weight ({stone.decimal_text()} g) is above the gross weight "
                f"({gross.decimal_text()} g)",
                "stone_weight",
            )
        if self.metal is None:
            if net.value != 0:
                raise InvalidInput(
                    "a loose-stone line has no metal, so no net weight", "net_weight"
                )
            return
        if net.value <= 0:
            raise InvalidInput("the net weight must be more than zero", "net_weight")
        if net > gross:
            raise InvalidInput(
                f"the net weight ({net.decimal_text()} g) is above the gross weight "
                f"({gross.decimal_text()} g)",
                "net_weight",
            )
        if net + stone > gross:
            raise InvalidInput(
                f"net ({net.decimal_text()} g) plus stone ({stone.decimal_text()} g) weight is "
                f"above the gross weight ({gross.decimal_text()} g)",
                "net_weight",
            )

    def _check_kind(self) -> None:
        is_sac = self.hsn.startswith(JOB_WORK_SAC_PREFIX)
        if self.kind is LineKind.JOB_WORK:
            if not is_sac:
                raise InvalidInput("job work is billed under SAC 9988 (998892)", "hsn")
            if self.metal is None:
                raise InvalidInput("name the metal the job work is done on", "metal")
            if self.rate is not None:
                raise InvalidInput(
                    "job work sells no metal (it is the customer's own); leave rate out", "rate"
                )
            if self.wastage_percent:
                raise InvalidInput("job work has no wastage on the shop's metal", "wastage_percent")
            if self.stones:
                raise InvalidInput(
                    "job work bills making only; sell stones on their own line", "stones"
                )
            if self.making is None:
                raise InvalidInput("a job-work line needs its making charge", "making")
            if self.making.mode is MakingMode.PERCENT:
                raise InvalidInput(
                    "job work has no metal value to take a percentage of; use per_gram or flat",
                    "making.mode",
                )
            return
        if is_sac:
            raise InvalidInput("SAC 9988 is job work: set kind to job_work", "hsn")
        if self.metal is None:
            if not self.hsn.startswith(LOOSE_STONE_PREFIXES):
                raise InvalidInput("a jewellery line needs its metal", "metal")
            if not self.stones:
                raise InvalidInput("a loose-stone line is priced from its stones", "stones")
            for name, present in (
                ("purity", self.purity is not None),
                ("rate", self.rate is not None),
                ("wastage_percent", bool(self.wastage_percent)),
                ("making", self.making is not None),
            ):
                if present:
                    raise InvalidInput(f"a loose-stone line has no metal, so no {name}", name)
            return
        if self.purity is None:
            raise InvalidInput("a jewellery line needs its purity, such as 916", "purity")
        if self.rate is None or self.rate.value <= 0:
            raise InvalidInput("a jewellery line needs the metal rate per gram", "rate")

    def _check_hallmark(self) -> None:
        if self.purity is not None and self.purity.metal is not self.metal:
            raise InvalidInput(f"{self.purity} is not a purity of {self.metal}", "purity")
        if self.huid is not None:
            try:
                validate_huid(self.huid)
            except InvalidInput as error:
                raise error.at("huid") from None
        needs_huid = self.hallmarked and (
            self.purity.hallmark_requires_huid if self.purity else self.metal is Metal.GOLD
        )
        if needs_huid and self.huid is None:
            raise InvalidInput(
                "hallmarked gold may not be sold without its HUID (BIS, since 1-4-2023)", "huid"
            )

    def price(self) -> PricedLine:
        return price_line(self)


@dataclass(frozen=True, slots=True)
class PricedLine:
    """A line with each part of its value, every part already rounded to the paisa."""

    draft: LineDraft
    metal_value: Paise
    wastage_value: Paise
    making_value: Paise
    stone_value: Paise
    hallmark_charge: Paise
    discount: Paise
    taxable_value: Paise

    @property
    def gst_rate(self) -> Decimal:
        return self.draft.gst_rate


def price_line(draft: LineDraft) -> PricedLine:
    """Price one line by the fixed conventions; a discount above the line's value is refused."""
    metal_value = (
        weight_times_rate(draft.net_weight, draft.rate) if draft.rate is not None else Paise(0)
    )
    wastage_value = metal_value.percent(draft.wastage_percent)
    making_value = (
        draft.making.value_for(draft.net_weight, metal_value) if draft.making else Paise(0)
    )
    stone_value = sum((stone.value for stone in draft.stones), Paise(0))
    before_discount = (
        metal_value + wastage_value + making_value + stone_value + draft.hallmark_charge
    )
    if draft.discount > before_discount:
        raise InvalidInput(
            f"the discount ({draft.discount.decimal_text()}) is more than the line's value "
            f"({before_discount.decimal_text()})",
            "discount",
        )
    return PricedLine(
        draft=draft,
        metal_value=metal_value,
        wastage_value=wastage_value,
        making_value=making_value,
        stone_value=stone_value,
        hallmark_charge=draft.hallmark_charge,
        discount=draft.discount,
        taxable_value=before_discount - draft.discount,
    )
