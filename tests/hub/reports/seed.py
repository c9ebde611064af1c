"""A month of real invoices for the report tests, computed by the kernel as a counter would.

July 2025 at a Maharashtra shop (GSTIN 27AAAPL1234C1ZE), two terminals (invoice series A1 and
B1, credit-note series CA1 and CB1), and one more terminal (C1) with an invoice either side of
the month. The rows mirror what `desktop.services.issuing` and `create_return` write; the
expected figures are worked by hand in tests/hub/reports/expected/gstr1-2025-07.json.

| invoice | date | what | class |
|---|---|---|---|
| A1/25-26/00001 | 01-07 | gold chain to Sharma Jewels (27, registered) | B2B intra |
| A1/25-26/00002 | 03-07 | gold ring, walk-in, old gold exchanged | B2CS intra |
| A1/25-26/00003 | 05-07 | necklace shipped to Bengaluru (29), unregistered, > Rs 1 lakh | B2CL |
| A1/25-26/00004 | 08-07 | silver anklet delivered to Gujarat (24), unregistered | B2CS inter |
| A1/25-26/00005 | 10-07 | gold earrings, cancelled | - |
| A1/25-26/00006 | 14-07 | bangle + loose diamond to Rao Gems (29, registered) | B2B inter |
| B1/25-26/00001 | 02-07 | gold pendant + silver chain (two HSN codes at 3 %) | B2CS intra |
| B1/25-26/00002 | 12-07 | gold chain to Sharma Jewels | B2B intra |
| B1/25-26/00003 | 15-07 | necklace, walk-in, > Rs 1 lakh but intra-state, old gold | B2CS intra |

Credit notes: CA1/25-26/00001 (20-07) returns A1/..001 (CDNR), CA1/25-26/00002 (21-07)
returns A1/..003 (CDNUR), CB1/25-26/00001 (22-07) returns the silver chain of B1/..001 (B2CS).
"""

from __future__ import annotations

import datetime as dt
import uuid
from collections.abc import Sequence
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Final

from shared.exchange import ExchangeLine
from shared.gst import InvoiceTotals, SupplyType, tax_by_rate
from shared.ids import new_id
from shared.invoice_calc import Buyer, InvoiceDraft, compute_invoice
from shared.money import Milligrams, Paise
from shared.numbering import InvoiceSeries, financial_year
from shared.pricing import LineDraft, LineKind, MakingCharge, MakingMode, StoneCharge
from shared.purity import Metal, default_catalogue
from shared.tables import (
    Base,
    CreditNote,
    CreditNoteLine,
    Invoice,
    InvoiceLine,
    OldGoldVoucher,
    Shop,
    Terminal,
)
from shared.tables.vocabulary import CreditNoteClass

SELLER_GSTIN: Final = "27AAAPL1234C1ZE"
SHARMA: Final = "27AABCS1429B1ZU"
RAO: Final = "29AAACR5055K1Z3"
GOLD_RATE: Final = Paise(10_000_00)
SILVER_RATE: Final = Paise(100_00)
HLC: Final = "0000000000000-0000-seed"
_CATALOGUE = default_catalogue()
GOLD_22K = _CATALOGUE.find("gold", 916)
GOLD_24K = _CATALOGUE.find("gold", 995)
SILVER = _CATALOGUE.find("silver", 925)


def grams(text: str) -> Milligrams:
    return Milligrams.from_grams(Decimal(text))


def gold(
    weight: str,
    *,
    huid: str,
    making: MakingCharge,
    wastage: str = "0",
    description: str = "22K gold",
) -> LineDraft:
    return LineDraft(
        kind=LineKind.JEWELLERY,
        hsn="711319",
        gst_rate=Decimal(3),
        gross_weight=grams(weight),
        net_weight=grams(weight),
        metal=Metal.GOLD,
        purity=GOLD_22K,
        rate=GOLD_RATE,
        description=description,
        hallmarked=True,
        huid=huid,
        wastage_percent=Decimal(wastage),
        making=making,
    )


def silver(weight: str, making: MakingCharge, description: str = "silver") -> LineDraft:
    return LineDraft(
        kind=LineKind.JEWELLERY,
        hsn="711311",
        gst_rate=Decimal(3),
        gross_weight=grams(weight),
        net_weight=grams(weight),
        metal=Metal.SILVER,
        purity=SILVER,
        rate=SILVER_RATE,
        description=description,
        making=making,
    )


def per_gram(rupees: int) -> MakingCharge:
    return MakingCharge(MakingMode.PER_GRAM, amount=Paise(rupees * 100))


def percent(value: int) -> MakingCharge:
    return MakingCharge(MakingMode.PERCENT, percent=Decimal(value))


def flat(paise: int) -> MakingCharge:
    return MakingCharge(MakingMode.FLAT, amount=Paise(paise))


@dataclass
class SeededMonth:
    """Every row of the seeded month, ready to add to a session."""

    shop: Shop
    terminals: list[Terminal] = field(default_factory=list)
    invoices: list[Invoice] = field(default_factory=list)
    invoice_lines: list[InvoiceLine] = field(default_factory=list)
    vouchers: list[OldGoldVoucher] = field(default_factory=list)
    notes: list[CreditNote] = field(default_factory=list)
    note_lines: list[CreditNoteLine] = field(default_factory=list)

    def rows(self) -> list[Base]:
        """In insert order (parents before children, as the foreign keys want)."""
        return [
            *self.terminals,
            *self.invoices,
            *self.invoice_lines,
            *self.vouchers,
            *self.notes,
            *self.note_lines,
        ]

    def invoice(self, number: str) -> Invoice:
        return next(row for row in self.invoices if row.number == number)

    def lines_of(self, invoice: Invoice) -> list[InvoiceLine]:
        return [row for row in self.invoice_lines if row.invoice_id == invoice.id]


def _instant(day: dt.date) -> dt.datetime:
    return dt.datetime.combine(day, dt.time(6, 30), tzinfo=dt.UTC)


class MonthBuilder:
    """Issues invoices and credit notes into a `SeededMonth` the way the counter does."""

    def __init__(self, shop_id: uuid.UUID) -> None:
        self.month = SeededMonth(
            shop=Shop(
                id=shop_id,
                name="Lakshmi Jewellers",
                legal_name="Lakshmi Jewellers",
                gstin=SELLER_GSTIN,
                state_code="27",
                address="12 Zaveri Bazaar, Mumbai",
                status="active",
                hlc=HLC,
            )
        )
        self.shop_id = shop_id
        self._next: dict[str, int] = {}
        self._terminals: dict[str, Terminal] = {}

    def terminal(self, prefix: str) -> Terminal:
        if prefix not in self._terminals:
            terminal = Terminal(
                id=new_id(),
                shop_id=self.shop_id,
                name=f"Counter {prefix}",
                invoice_series=prefix,
                credit_note_series=f"C{prefix}",
                voucher_series=f"V{prefix}",
                status="active",
                hlc=HLC,
            )
            self._terminals[prefix] = terminal
            self.month.terminals.append(terminal)
        return self._terminals[prefix]

    def _number(self, prefix: str, day: dt.date) -> tuple[InvoiceSeries, str]:
        series = InvoiceSeries.for_date(prefix, day)
        key = f"{prefix}/{series.financial_year}"
        self._next[key] = self._next.get(key, 0) + 1
        return series, series.format(self._next[key])

    def invoice(
        self,
        prefix: str,
        day: dt.date,
        lines: Sequence[LineDraft],
        *,
        buyer: Buyer | None = None,
        place_of_supply: str | None = None,
        old_gold: Sequence[ExchangeLine] = (),
        cancelled: bool = False,
    ) -> Invoice:
        terminal = self.terminal(prefix)
        computed = compute_invoice(
            InvoiceDraft(
                invoice_date=day,
                seller_gstin=SELLER_GSTIN,
                lines=lines,
                buyer=buyer or Buyer(name="Walk-in customer"),
                place_of_supply=place_of_supply,
                old_gold=old_gold,
            )
        )
        series, number = self._number(prefix, day)
        totals, buyer_used = computed.totals, computed.draft.buyer
        invoice = Invoice(
            id=new_id(),
            shop_id=self.shop_id,
            terminal_id=terminal.id,
            series=series.prefix,
            financial_year=series.financial_year,
            number=number,
            issued_at=_instant(day),
            invoice_date=day,
            supply_type=computed.supply_type.value.lower(),
            place_of_supply=computed.place_of_supply,
            classification=computed.classification.value.lower(),
            reverse_charge=False,
            buyer_name=buyer_used.name,
            buyer_gstin=buyer_used.gstin,
            buyer_pan=buyer_used.pan,
            buyer_state_code=buyer_used.state_code,
            buyer_address=buyer_used.address or None,
            taxable_paise=totals.taxable_value.value,
            cgst_paise=totals.cgst.value,
            sgst_paise=totals.sgst.value,
            igst_paise=totals.igst.value,
            round_off_paise=totals.round_off.value,
            grand_total_paise=totals.grand_total.value,
            old_gold_value_paise=computed.voucher.value.value,
            net_payable_paise=computed.net_payable.value,
            status="cancelled" if cancelled else "issued",
            cancelled_at=_instant(day) if cancelled else None,
            cancel_reason="billed in error" if cancelled else None,
            origin_terminal_id=terminal.id,
        )
        self.month.invoices.append(invoice)
        for line_no, priced in enumerate(computed.lines, 1):
            draft = priced.draft
            making = draft.making
            self.month.invoice_lines.append(
                InvoiceLine(
                    id=new_id(),
                    shop_id=self.shop_id,
                    invoice_id=invoice.id,
                    line_no=line_no,
                    description=draft.description or "jewellery",
                    hsn=draft.hsn,
                    gst_rate_bp=int(draft.gst_rate * 100),
                    metal=None if draft.metal is None else draft.metal.value,
                    purity_fineness=None if draft.purity is None else draft.purity.fineness,
                    huid=draft.huid,
                    gross_mg=draft.gross_weight.value,
                    stone_mg=draft.stone_weight.value,
                    net_mg=draft.net_weight.value,
                    rate_paise_per_gram=0 if draft.rate is None else draft.rate.value,
                    metal_value_paise=priced.metal_value.value,
                    wastage_bp=int(draft.wastage_percent * 100),
                    wastage_paise=priced.wastage_value.value,
                    making_mode=None if making is None else making.mode.value,
                    making_rate=0
                    if making is None
                    else (
                        int(making.percent * 100)
                        if making.mode is MakingMode.PERCENT
                        else making.amount.value
                    ),
                    making_paise=priced.making_value.value,
                    stone_paise=priced.stone_value.value,
                    hallmark_paise=priced.hallmark_charge.value,
                    discount_paise=priced.discount.value,
                    taxable_paise=priced.taxable_value.value,
                    origin_terminal_id=terminal.id,
                )
            )
        for index, exchange in enumerate(computed.voucher.lines, 1):
            self.month.vouchers.append(
                OldGoldVoucher(
                    id=new_id(),
                    shop_id=self.shop_id,
                    terminal_id=terminal.id,
                    invoice_id=invoice.id,
                    series=terminal.voucher_series,
                    financial_year=financial_year(day),
                    number=f"{terminal.voucher_series}/{number[-5:]}-{index}",
                    issued_at=_instant(day),
                    voucher_date=day,
                    seller_name=invoice.buyer_name,
                    description="old gold",
                    metal=exchange.purity.metal.value,
                    purity_fineness=exchange.purity.fineness,
                    gross_mg=exchange.net_weight.value,
                    net_mg=exchange.net_weight.value,
                    rate_paise_per_gram=exchange.rate.value,
                    deduction_bp=int(exchange.deduction_percent * 100),
                    metal_value_paise=exchange.value.value,
                    deduction_paise=0,
                    value_paise=computed.voucher.value.value,
                    status="issued",
                    origin_terminal_id=terminal.id,
                )
            )
        return invoice

    def credit_note(
        self, prefix: str, day: dt.date, invoice: Invoice, line_numbers: Sequence[int] | None = None
    ) -> CreditNote:
        """Return lines of `invoice` (all when `line_numbers` is None), as `create_return` does."""
        terminal = self.terminal(prefix)
        chosen = [
            line
            for line in self.month.lines_of(invoice)
            if line_numbers is None or line.line_no in line_numbers
        ]
        kind = SupplyType(invoice.supply_type.upper())
        totals = InvoiceTotals.from_rows(
            tax_by_rate(
                ((Decimal(line.gst_rate_bp) / 100, Paise(line.taxable_paise)) for line in chosen),
                kind,
            )
        )
        series, number = self._number(terminal.credit_note_series, day)
        if invoice.buyer_gstin:
            classification = CreditNoteClass.CDNR
        elif invoice.classification == "b2cl":
            classification = CreditNoteClass.CDNUR
        else:
            classification = CreditNoteClass.B2CS
        note = CreditNote(
            id=new_id(),
            shop_id=self.shop_id,
            invoice_id=invoice.id,
            terminal_id=terminal.id,
            series=series.prefix,
            financial_year=series.financial_year,
            number=number,
            issued_at=_instant(day),
            note_date=day,
            reason="sales return",
            supply_type=invoice.supply_type,
            place_of_supply=invoice.place_of_supply,
            classification=classification.value,
            buyer_name=invoice.buyer_name,
            buyer_gstin=invoice.buyer_gstin,
            taxable_paise=totals.taxable_value.value,
            cgst_paise=totals.cgst.value,
            sgst_paise=totals.sgst.value,
            igst_paise=totals.igst.value,
            round_off_paise=totals.round_off.value,
            grand_total_paise=totals.grand_total.value,
            status="issued",
            origin_terminal_id=terminal.id,
        )
        self.month.notes.append(note)
        for line_no, line in enumerate(chosen, 1):
            self.month.note_lines.append(
                CreditNoteLine(
                    id=new_id(),
                    shop_id=self.shop_id,
                    credit_note_id=note.id,
                    line_no=line_no,
                    invoice_line_id=line.id,
                    description=line.description,
                    hsn=line.hsn,
                    gst_rate_bp=line.gst_rate_bp,
                    gross_mg=line.gross_mg,
                    net_mg=line.net_mg,
                    taxable_paise=line.taxable_paise,
                    origin_terminal_id=terminal.id,
                )
            )
        return note


def july(day: int) -> dt.date:
    return dt.date(2025, 7, day)


def july_2025(shop_id: uuid.UUID) -> SeededMonth:
    """The month described in the module docstring."""
    b = MonthBuilder(shop_id)
    sharma = Buyer(name="Sharma Jewels Pvt Ltd", gstin=SHARMA, address="Dadar, Mumbai")
    rao = Buyer(name="Rao Gems LLP", gstin=RAO, address="Jayanagar, Bengaluru")
    b.terminal("A1")
    b.terminal("B1")
    first = b.invoice(
        "A1", july(1), [gold("10.000", huid="AB1234", making=per_gram(500))], buyer=sharma
    )
    b.invoice(
        "A1",
        july(3),
        [gold("4.000", huid="AB1235", making=flat(1_000_00), wastage="5")],
        old_gold=[ExchangeLine(GOLD_22K, grams("2.000"), Paise(9_000_00))],
    )
    shipped = b.invoice(
        "A1",
        july(5),
        [gold("25.000", huid="AB1236", making=percent(8), description="22K necklace")],
        buyer=Buyer(name="Meera Iyer", state="29", address="Indiranagar, Bengaluru"),
        place_of_supply="29",
    )
    b.invoice(
        "A1",
        july(8),
        [silver("100.000", per_gram(20), "silver anklets")],
        buyer=Buyer(name="Kiran Patel", state="24", address="Navrangpura, Ahmedabad"),
        place_of_supply="24",
    )
    b.invoice("A1", july(10), [gold("2.000", huid="AB1237", making=flat(0))], cancelled=True)
    diamond = LineDraft(
        kind=LineKind.JEWELLERY,
        hsn="7102",
        gst_rate=Decimal("1.5"),
        gross_weight=grams("0.400"),
        net_weight=Milligrams(0),
        stone_weight=grams("0.400"),
        description="loose diamond 2 ct",
        stones=[StoneCharge(stated_value=Paise(2_01_345_00), description="2 ct VS1")],
    )
    b.invoice(
        "A1",
        july(14),
        [gold("20.000", huid="AB1238", making=percent(5), description="22K bangle"), diamond],
        buyer=rao,
        place_of_supply="29",
    )
    pendant = b.invoice(
        "B1",
        july(2),
        [
            gold("3.000", huid="BB1001", making=flat(900_27), description="22K pendant"),
            silver("50.000", flat(500_27), "silver chain"),
        ],
    )
    b.invoice("B1", july(12), [gold("5.000", huid="BB1002", making=per_gram(500))], buyer=sharma)
    b.invoice(
        "B1",
        july(15),
        [gold("15.000", huid="BB1003", making=percent(10), description="22K necklace")],
        buyer=Buyer(name="Anita Desai", state="27", address="Andheri, Mumbai", pan="ABCPD1234E"),
        old_gold=[ExchangeLine(GOLD_24K, grams("10.000"), Paise(9_500_00), Decimal(2))],
    )
    b.credit_note("A1", july(20), first)
    b.credit_note("A1", july(21), shipped)
    b.credit_note("B1", july(22), pendant, line_numbers=[2])
    # Terminal C1 bills either side of July: neither may reach the July return.
    b.invoice("C1", dt.date(2025, 6, 30), [gold("1.000", huid="CC1001", making=flat(0))])
    b.invoice("C1", dt.date(2025, 8, 1), [gold("1.000", huid="CC1002", making=flat(0))])
    return b.month
