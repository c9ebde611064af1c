"""The bill being built at the counter: in memory until it is issued.

Every figure comes from the kernel (`shared.pricing`, `shared.invoice_calc`): a scanned piece
becomes a `LineDraft` priced at the sale rate in force for its purity, and the whole bill is
recomputed by `compute_invoice` whenever it is shown. The rules a clerk can trip over are
checked at the moment they act (a sold piece scanned, a discount past the role's limit, cash of
Rs 2 lakh), and all of them again when the invoice is issued (`desktop.services.issuing`).
"""

from __future__ import annotations

import uuid
from dataclasses import dataclass, field, replace
from decimal import Decimal

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from desktop.services import settings as settings_store
from desktop.services.actor import Actor, Permission
from desktop.services.clock import shop_day_bounds
from desktop.services.context import CounterContext
from desktop.services.customers import CustomerView, get_customer
from desktop.services.errors import NotAllowed
from desktop.services.issuing import IssuedInvoice, issue_bill
from desktop.services.rates import find_purity, rate_in_force
from desktop.services.stock import PieceView, lookup, making_charge, percent_to_bp, view
from shared.counter_rules import CounterFlags, PaymentMode, check_cash
from shared.errors import InvalidInput
from shared.exchange import ExchangeLine
from shared.invoice_calc import Buyer, InvoiceComputation, InvoiceDraft, compute_invoice
from shared.money import Milligrams, Paise
from shared.pricing import LineDraft, LineKind, MakingMode, PricedLine, StoneCharge, price_line
from shared.purity import Metal
from shared.tables import Payment, Shop
from shared.tables.vocabulary import PaymentDirection, PieceStatus, RateKind

WALK_IN = "Walk-in customer"


@dataclass(frozen=True, slots=True)
class BillLine:
    """A priced line: the piece (None for a typed line such as job work) and its kernel price."""

    piece: PieceView | None
    priced: PricedLine
    making_overridden: bool = False
    original_making: tuple[str, int] | None = None

    @property
    def draft(self) -> LineDraft:
        return self.priced.draft


@dataclass(frozen=True, slots=True)
class ExchangeInput:
    """Old metal taken in: tested purity, weights, buying rate (None = today's purchase rate)."""

    purity: str
    net_weight: Milligrams
    gross_weight: Milligrams | None = None
    metal: str = "gold"
    rate: Paise | None = None
    deduction_percent: str = "0"
    description: str = "old gold"


@dataclass(frozen=True, slots=True)
class BillExchange:
    line: ExchangeLine
    gross_weight: Milligrams


@dataclass(frozen=True, slots=True)
class PaymentEntry:
    mode: PaymentMode
    amount: Paise
    reference: str | None = None


@dataclass(frozen=True, slots=True)
class BillSummary:
    """What the billing screen shows under the lines; `problems` block issuing until empty."""

    computation: InvoiceComputation | None
    paid: Paise
    balance: Paise
    flags: CounterFlags | None
    problems: list[str] = field(default_factory=list)


class Bill:
    """A bill in progress for one actor on one counter (not thread-safe; one per screen)."""

    def __init__(self, ctx: CounterContext, actor: Actor) -> None:
        actor.require(Permission.BILL)
        self.ctx = ctx
        self.actor = actor
        with ctx.session() as session:
            shop = session.get(Shop, ctx.shop_id)
            assert shop is not None
            self._shop_state = shop.state_code
            self._shop_gstin = shop.gstin
            self._limit = settings_store.read_settings(session).max_sales_discount_percent
        self._lines: list[BillLine] = []
        self._exchanges: list[BillExchange] = []
        self._payments: list[PaymentEntry] = []
        self.customer: CustomerView | None = None
        self.buyer_override: Buyer | None = None
        self.form60 = False
        self.place_of_supply: str = self._shop_state

    @property
    def seller_gstin(self) -> str | None:
        return self._shop_gstin

    # -- lines ---------------------------------------------------------------------------
    @property
    def lines(self) -> list[BillLine]:
        return list(self._lines)

    @property
    def piece_ids(self) -> set[uuid.UUID]:
        return {line.piece.id for line in self._lines if line.piece is not None}

    def scan(self, code: str) -> BillLine:
        """Add the piece with this tag code, barcode or HUID as a priced line."""
        text = (code or "").strip()
        if not text:
            raise InvalidInput("scan or type a tag code, barcode or HUID", "code")
        with self.ctx.session() as session:
            row = lookup(session, self.ctx.shop_id, text)
            if row is None:
                raise InvalidInput(f"no piece has the tag, barcode or HUID {text!r}", "code")
            piece = view(row)
            if piece.id in self.piece_ids:
                raise InvalidInput(f"piece {piece.tag_code} is already on this bill", "code")
            if piece.status != PieceStatus.IN_STOCK.value:
                raise InvalidInput(
                    f"piece {piece.tag_code} is {piece.status.replace('_', ' ')}, not in stock: "
                    "it cannot be billed",
                    "code",
                )
            rate = self._sale_rate(session, piece)
        line = BillLine(piece, price_line(piece_line(piece, rate)))
        self._lines.append(line)
        return line

    def _sale_rate(self, session: Session, piece: PieceView) -> Paise:
        found = rate_in_force(
            session, self.ctx.shop_id, piece.metal, piece.fineness, self.ctx.clock.now()
        )
        if found is None:
            label = find_purity(piece.metal, piece.fineness)
            raise InvalidInput(
                f"no sale rate for {label} has been entered: enter today's rates first", "code"
            )
        return Paise(found.rate_paise_per_gram)

    def add_custom_line(self, draft: LineDraft) -> BillLine:
        """A line not from stock (job work, a loose stone priced by hand)."""
        line = BillLine(None, price_line(draft))
        self._lines.append(line)
        return line

    def remove_line(self, index: int) -> None:
        self._line(index)
        del self._lines[index]

    def _line(self, index: int) -> BillLine:
        if not 0 <= index < len(self._lines):
            raise InvalidInput("no such line on the bill", "line")
        return self._lines[index]

    def set_discount(self, index: int, discount: Paise) -> BillLine:
        line = self._line(index)
        return self._reprice(
            index,
            replace(line.draft, discount=discount),
            line.making_overridden,
            line.original_making,
        )

    def set_making(self, index: int, mode: str, value: str) -> BillLine:
        """Override the making charge (rupees/g, percent or flat rupees, as text); audited."""
        line = self._line(index)
        try:
            parsed = MakingMode(mode.strip().lower())
        except ValueError:
            raise InvalidInput("the making mode is per_gram, percent or flat", "making") from None
        if parsed is MakingMode.PERCENT:
            rate = percent_to_bp(value, "making")
        else:
            try:
                rate = Paise.from_rupees(value.strip()).value
            except InvalidInput as error:
                raise InvalidInput(error.reason, "making") from None
        if rate < 0:
            raise InvalidInput("a making charge cannot be negative", "making")
        original = line.original_making
        if original is None and line.draft.making is not None:
            current = line.draft.making
            original = (
                current.mode.value,
                int(current.percent * 100)
                if current.mode is MakingMode.PERCENT
                else current.amount.value,
            )
        draft = replace(line.draft, making=making_charge(parsed.value, rate))
        return self._reprice(index, draft, True, original)

    def _reprice(
        self,
        index: int,
        draft: LineDraft,
        overridden: bool,
        original: tuple[str, int] | None,
    ) -> BillLine:
        try:
            priced = price_line(draft)
        except InvalidInput as error:
            raise error.at(f"lines[{index}]") from None
        self._check_concession(index, draft, priced, original)
        line = BillLine(self._lines[index].piece, priced, overridden, original)
        self._lines[index] = line
        return line

    def _check_concession(
        self, index: int, draft: LineDraft, priced: PricedLine, original: tuple[str, int] | None
    ) -> None:
        """Sales may give away at most the shop's limit of the line's tagged value."""
        if self.actor.can(Permission.UNLIMITED_DISCOUNT):
            return
        tagged_draft = draft
        if original is not None:
            tagged_draft = replace(draft, making=making_charge(*original))
        tagged = price_line(replace(tagged_draft, discount=Paise(0)))
        tagged_value = tagged.taxable_value
        concession = tagged_value - priced.taxable_value
        allowed = tagged_value.percent(self._limit)
        if concession > allowed:
            raise NotAllowed(
                f"a {self.actor.role.value} user may reduce a line by at most "
                f"{self._limit.normalize():f}% ({allowed.format()}); this is "
                f"{concession.format()}: ask the owner",
                f"lines[{index}].discount",
            )

    # -- exchange ------------------------------------------------------------------------
    @property
    def exchanges(self) -> list[BillExchange]:
        return list(self._exchanges)

    def add_exchange(self, item: ExchangeInput) -> BillExchange:
        purity = find_purity(item.metal, item.purity)
        rate = item.rate
        if rate is None:
            with self.ctx.session() as session:
                found = rate_in_force(
                    session,
                    self.ctx.shop_id,
                    purity.metal.value,
                    purity.fineness,
                    self.ctx.clock.now(),
                    kind=RateKind.PURCHASE,
                )
            if found is None:
                raise InvalidInput(
                    f"no old-metal buying rate for {purity} is set: type the rate", "rate"
                )
            rate = Paise(found.rate_paise_per_gram)
        gross = item.gross_weight or item.net_weight
        if item.net_weight > gross:
            raise InvalidInput("the net weight is above the gross weight", "net_weight")
        deduction = Decimal(percent_to_bp(item.deduction_percent, "deduction_percent")) / 100
        line = ExchangeLine(
            purity=purity,
            net_weight=item.net_weight,
            rate=rate,
            deduction_percent=deduction,
            description=(item.description or "old gold").strip()[:200],
        )
        entry = BillExchange(line, gross)
        self._exchanges.append(entry)
        return entry

    def add_exchange_line(self, entry: BillExchange) -> BillExchange:
        """An exchange line already in kernel form (a JSON draft names its own rate)."""
        self._exchanges.append(entry)
        return entry

    def remove_exchange(self, index: int) -> None:
        if not 0 <= index < len(self._exchanges):
            raise InvalidInput("no such exchange line", "exchange")
        del self._exchanges[index]

    # -- buyer ---------------------------------------------------------------------------
    def set_customer(self, customer_id: uuid.UUID | None) -> CustomerView | None:
        self.customer = None if customer_id is None else get_customer(self.ctx, customer_id)
        self.buyer_override = None
        return self.customer

    def buyer(self) -> Buyer:
        """The invoice's recipient: a walk-in buyer typed on the bill, the linked customer, or
        an anonymous walk-in customer."""
        if self.buyer_override is not None:
            return replace(self.buyer_override, form60=self.form60 or self.buyer_override.form60)
        customer = self.customer
        if customer is None:
            return Buyer(name=WALK_IN, form60=self.form60)
        return Buyer(
            name=customer.name,
            gstin=customer.gstin,
            pan=customer.pan,
            state=customer.state_code,
            address=customer.address or "",
            form60=self.form60,
        )

    # -- payments ------------------------------------------------------------------------
    @property
    def payments(self) -> list[PaymentEntry]:
        return list(self._payments)

    def add_payment(self, mode: str, amount: Paise, reference: str | None = None) -> PaymentEntry:
        """Take a payment; the cash limit is checked now, with this customer's cash today."""
        try:
            parsed = PaymentMode(str(mode).strip().lower())
        except ValueError:
            modes = ", ".join(m.value for m in PaymentMode)
            raise InvalidInput(f"the payment mode is one of {modes}", "payments.mode") from None
        if amount.value <= 0:
            raise InvalidInput("a payment must be more than zero", f"payments.{parsed.value}")
        ref = (reference or "").strip() or None
        if ref is not None and len(ref) > 64:
            raise InvalidInput("a reference has at most 64 characters", "payments.reference")
        entry = PaymentEntry(parsed, amount, ref)
        if parsed is PaymentMode.CASH:
            self.check_cash(self.paid_by_mode().get(PaymentMode.CASH, Paise(0)) + amount)
        computation = self._compute()
        if computation is not None:
            due = max(computation.net_payable, Paise(0))
            if self.paid() + amount > due:
                raise InvalidInput(
                    f"that is more than the balance of {(due - self.paid()).format()}",
                    f"payments.{parsed.value}",
                )
        self._payments.append(entry)
        return entry

    def remove_payment(self, index: int) -> None:
        if not 0 <= index < len(self._payments):
            raise InvalidInput("no such payment", "payments")
        del self._payments[index]

    def paid(self) -> Paise:
        return sum((p.amount for p in self._payments), Paise(0))

    def paid_by_mode(self) -> dict[PaymentMode, Paise]:
        totals: dict[PaymentMode, Paise] = {}
        for entry in self._payments:
            totals[entry.mode] = totals.get(entry.mode, Paise(0)) + entry.amount
        return totals

    def check_cash(self, cash: Paise, session: Session | None = None) -> None:
        """s.269ST: this bill's cash plus the same customer's cash earlier today."""
        earlier = Paise(0)
        if self.customer is not None:
            if session is None:
                with self.ctx.session() as own:
                    earlier = cash_today(own, self.ctx, self.customer.id)
            else:
                earlier = cash_today(session, self.ctx, self.customer.id)
        check_cash(cash, earlier_today=earlier)

    # -- totals --------------------------------------------------------------------------
    def draft(self, *, with_payments: bool) -> InvoiceDraft:
        if not self._shop_gstin:
            raise InvalidInput(
                "the shop has no GSTIN in its profile: a tax invoice needs one (Settings)",
                "seller_gstin",
            )
        payments = self.paid_by_mode() if with_payments else None
        return InvoiceDraft(
            invoice_date=self.ctx.today(),
            seller_gstin=self._shop_gstin,
            lines=tuple(line.draft for line in self._lines),
            buyer=self.buyer(),
            place_of_supply=self.place_of_supply,
            old_gold=tuple(item.line for item in self._exchanges),
            payments=payments or None,
        )

    def _compute(self) -> InvoiceComputation | None:
        if not self._lines:
            return None
        return compute_invoice(self.draft(with_payments=False))

    def summary(self) -> BillSummary:
        problems: list[str] = []
        computation = self._compute()
        paid = self.paid()
        if computation is None:
            return BillSummary(
                None, paid, Paise(0) - paid, None, ["scan a piece to start the bill"]
            )
        due = max(computation.net_payable, Paise(0))
        flags = computation.flags
        if paid != due:
            problems.append(f"payments {paid.format()} do not settle {due.format()}")
        if flags.pan_missing:
            problems.append("PAN or Form 60 is required for a sale above Rs 2,00,000 (Rule 114B)")
        if flags.recipient_details_missing:
            problems.append(
                "the buyer's name, address and state are required at Rs 50,000 or more (Rule 46)"
            )
        return BillSummary(computation, paid, due - paid, flags, problems)

    def estimate(self) -> InvoiceComputation:
        """The bill computed exactly as an invoice would be, with no number and nothing stored
        (a quotation to print; the bill stays open)."""
        computation = self._compute()
        if computation is None:
            raise InvalidInput("scan a piece to start the bill", "lines")
        return computation

    def issue(self) -> IssuedInvoice:
        """Issue the bill as a tax invoice (one transaction); the bill is cleared after."""
        return issue_bill(self)

    def clear(self) -> None:
        self._lines.clear()
        self._exchanges.clear()
        self._payments.clear()
        self.customer = None
        self.buyer_override = None
        self.form60 = False
        self.place_of_supply = self._shop_state


def piece_line(piece: PieceView, rate: Paise) -> LineDraft:
    """The kernel line for a stock piece at a sale rate (hallmarked when it carries a HUID)."""
    metal = Metal.parse(piece.metal)
    return LineDraft(
        kind=LineKind.JEWELLERY,
        hsn=piece.hsn,
        gst_rate=piece.gst_rate.normalize(),
        gross_weight=piece.gross,
        net_weight=piece.net,
        metal=metal,
        purity=find_purity(metal, piece.fineness),
        stone_weight=piece.stone,
        rate=rate,
        description=piece.description,
        hallmarked=piece.huid is not None,
        huid=piece.huid,
        wastage_percent=Decimal(piece.wastage_bp) / 100,
        making=making_charge(piece.making_mode, piece.making_rate),
        stones=(StoneCharge(stated_value=piece.stone_value),) if piece.stone_value else (),
        hallmark_charge=piece.hallmark_fee,
    )


def cash_today(session: Session, ctx: CounterContext, customer_id: uuid.UUID) -> Paise:
    start, end = shop_day_bounds(ctx.today())
    total = session.scalar(
        select(func.coalesce(func.sum(Payment.amount_paise), 0)).where(
            Payment.shop_id == ctx.shop_id,
            Payment.customer_id == customer_id,
            Payment.payment_date == ctx.today(),
            Payment.mode == PaymentMode.CASH.value,
            Payment.direction == PaymentDirection.RECEIVED.value,
            Payment.received_at >= start,
            Payment.received_at < end,
        )
    )
    return Paise(int(total or 0))
