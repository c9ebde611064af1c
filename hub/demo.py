"""A demo shop with a month of trade, so the dashboard has something to show (`seed-demo`).

The demo shop is on a paid AMC; a few more shops are seeded in every subscription state with
their payments (`hub.demo_licensing`), so the operator's pages show real figures.

Invoices are computed by the kernel (`shared.invoice_calc`), exactly as a counter would, then
stored as if the counters had synced them; the shop's stock (products, tagged pieces, their
movements, a few of the month's lines linked to the pieces they sold) comes from
`hub.demo_stock`. Seeding is idempotent: a second run finds the demo shop and only prints the
logins again (giving a demo seeded before it had stock its stock, once).
"""

from __future__ import annotations

import random
from dataclasses import dataclass
from datetime import UTC, date, datetime, time, timedelta
from decimal import Decimal
from typing import Final
from zoneinfo import ZoneInfo

from sqlalchemy import select

from hub.core.resources import HubResources
from hub.demo_licensing import seed_subscriptions
from hub.demo_stock import seed_demo_stock
from hub.domain.context import PlatformContext, TenantContext
from hub.domain.operator.schemas import ShopCreate
from hub.domain.operator.service import OperatorService
from hub.domain.rates.schemas import RateEntry, RatesSet
from hub.domain.rates.service import RateService
from hub.domain.staff.schemas import PasswordReset, StaffCreate
from hub.domain.staff.service import StaffService
from hub.security.passwords import hash_password
from hub.security.principal import StaffPrincipal
from hub.security.tokens import digest
from hub.storage.hub_tables import PlatformUser, Tenant, TerminalCredential
from shared.exchange import ExchangeLine
from shared.invoice_calc import InvoiceComputation, InvoiceDraft, compute_invoice
from shared.money import Milligrams, Paise
from shared.numbering import financial_year
from shared.pricing import LineDraft, LineKind, MakingCharge, MakingMode
from shared.purity import Metal, default_catalogue
from shared.tables import Invoice, InvoiceLine, OldGoldVoucher, Payment, Terminal, User
from shared.tables.vocabulary import Role
from shared.validators import gstin_check_character
from sync.server.tables import TerminalSyncState

DEMO_SHOP_CODE: Final = "demo"
DEMO_PASSWORDS: Final = {
    "owner": "demo-owner-pass",
    "accounts": "demo-accounts-pass",
    "sales": "demo-sales-pass",
}
DEMO_OPERATOR: Final = ("operator@boolagold.test", "demo-operator-pass")
KOLKATA: Final = ZoneInfo("Asia/Kolkata")
GOLD_22K: Final = 7_250_00  # paise per gram
SILVER_925: Final = 95_00


@dataclass(frozen=True, slots=True)
class Login:
    username: str
    password: str


@dataclass(frozen=True, slots=True)
class DemoLogins:
    shop_code: str
    owner: Login
    accounts: Login
    sales: Login
    operator_email: str
    operator_password: str
    terminal_secret: str
    """The device secret of the demo's first terminal (for trying the terminal API)."""

    def describe(self, url: str) -> str:
        return "\n".join(
            [
                f"BoolaGold hub: {url}",
                f"  shop code: {self.shop_code}",
                f"  owner:     {self.owner.username} / {self.owner.password}",
                f"  accounts:  {self.accounts.username} / {self.accounts.password}",
                f"  sales:     {self.sales.username} / {self.sales.password}",
                f"  operator:  {self.operator_email} / {self.operator_password}",
            ]
        )


def demo_gstin(state: str = "27", pan: str = "AABCB1234K") -> str:
    first14 = f"{state}{pan}1Z"
    return first14 + gstin_check_character(first14)


async def create_operator(
    resources: HubResources, email: str, password: str, display_name: str = "Operator"
) -> None:
    """Create (or reset the password of) a platform operator."""
    async with resources.sessions.platform() as session:
        address = email.strip().lower()
        operator = (
            await session.scalars(select(PlatformUser).where(PlatformUser.email == address))
        ).one_or_none()
        if operator is None:
            operator = PlatformUser(
                email=address, display_name=display_name, role="admin", password_hash=""
            )
            session.add(operator)
        operator.password_hash = hash_password(password)
        operator.is_active = True
        await session.commit()


def _logins(secret: str) -> DemoLogins:
    return DemoLogins(
        shop_code=DEMO_SHOP_CODE,
        owner=Login("owner", DEMO_PASSWORDS["owner"]),
        accounts=Login("accounts", DEMO_PASSWORDS["accounts"]),
        sales=Login("sales", DEMO_PASSWORDS["sales"]),
        operator_email=DEMO_OPERATOR[0],
        operator_password=DEMO_OPERATOR[1],
        terminal_secret=secret,
    )


async def seed_demo(resources: HubResources, today: date | None = None) -> DemoLogins:
    day = today or datetime.now(KOLKATA).date()
    secret = "demo-terminal-secret-" + "x" * 24
    await create_operator(resources, *DEMO_OPERATOR, display_name="Demo operator")
    async with resources.sessions.platform() as session:
        existing = await session.scalar(
            select(Tenant.shop_id).where(Tenant.login_code == DEMO_SHOP_CODE)
        )
    if existing is not None:
        # A demo seeded before it had stock gets it now; one that has stock is left alone.
        async with resources.sessions.tenant(existing) as session:
            await seed_demo_stock(session, existing, resources.clock, day)
        return _logins(secret)
    async with resources.sessions.platform() as session:
        created = await OperatorService(
            PlatformContext(session=session, principal=None, resources=resources)
        ).create_shop(
            ShopCreate(
                name="Lakshmi Jewellers (demo)",
                legal_name="Lakshmi Jewellers Private Limited",
                state_code="27",
                address="12 Zaveri Bazaar, Mumbai",
                gstin=demo_gstin(),
                phone="+91 22 2345 6789",
                email="owner@lakshmi.example",
                owner_name="Asha Lakshmi",
                login_code=DEMO_SHOP_CODE,
                trial_days=30,
            )
        )
    shop_id = created.shop.id
    async with resources.sessions.tenant(shop_id) as session:
        owner = (await session.scalars(select(User).where(User.username == "owner"))).one()
        principal = StaffPrincipal(
            user_id=owner.id,
            shop_id=shop_id,
            role=Role.OWNER,
            username=owner.username,
            display_name=owner.display_name,
        )
        context = TenantContext(session=session, principal=principal, resources=resources)
        staff = StaffService(context)
        await staff.reset_password(owner.id, PasswordReset(DEMO_PASSWORDS["owner"]).password)
        for username, name, role in (
            ("accounts", "Ravi Accounts", Role.ACCOUNTS),
            ("sales", "Meena Sales", Role.SALES),
        ):
            await staff.create(StaffCreate(username, name, role, DEMO_PASSWORDS[username]))
        await RateService(context).set_today(
            RatesSet(
                rates=[
                    RateEntry("gold", 916, GOLD_22K),
                    RateEntry("gold", 750, 5_940_00),
                    RateEntry("gold", 916, 6_900_00, kind="purchase"),
                    RateEntry("silver", 925, SILVER_925),
                ]
            )
        )
        await _terminals_and_trade(context, day, secret)
        await seed_demo_stock(session, shop_id, resources.clock, day)
    await seed_subscriptions(resources, shop_id, day)
    return _logins(secret)


async def _terminals_and_trade(context: TenantContext, day: date, secret: str) -> None:
    session, shop_id, clock = context.session, context.shop_id, context.resources.clock
    now = datetime.now(UTC)
    terminals = []
    for index, (name, series) in enumerate((("Counter 1", "A"), ("Counter 2", "B"))):
        terminal = Terminal(
            shop_id=shop_id,
            name=name,
            invoice_series=series,
            credit_note_series=f"C{series}",
            voucher_series=f"V{series}",
            enrolled_at=now - timedelta(days=40),
            hlc=clock.stamp(),
        )
        session.add(terminal)
        await session.flush()
        session.add(
            TerminalCredential(
                shop_id=shop_id,
                terminal_id=terminal.id,
                secret_hash=digest(secret if index == 0 else f"{secret}-{index}"),
            )
        )
        session.add(
            TerminalSyncState(
                shop_id=shop_id,
                terminal_id=terminal.id,
                high_water_seq=0,
                pulled_seq=0,
                pending_reported=index * 3,
                last_push_at=now - timedelta(minutes=5 + 90 * index),
                last_pull_at=now - timedelta(minutes=4 + 90 * index),
            )
        )
        terminals.append(terminal)
    catalogue = default_catalogue()
    gold, silver = catalogue.find("gold", 916), catalogue.find("silver", 925)
    gstin = demo_gstin()
    rng = random.Random(20250401)  # noqa: S311 - demo figures, not secrets
    numbers = {terminal.id: 0 for terminal in terminals}
    for offset in range((day - day.replace(day=1)).days + 1):
        sale_day = day.replace(day=1) + timedelta(days=offset)
        for _ in range(rng.randint(2, 5)):
            terminal = rng.choice(terminals)
            numbers[terminal.id] += 1
            is_gold = rng.random() < 0.8
            net = Milligrams(rng.randint(2_000, 25_000) if is_gold else rng.randint(10_000, 80_000))
            line = LineDraft(
                kind=LineKind.JEWELLERY,
                hsn="7113",
                gst_rate=Decimal(3),
                gross_weight=net,
                net_weight=net,
                metal=Metal.GOLD if is_gold else Metal.SILVER,
                purity=gold if is_gold else silver,
                rate=Paise(GOLD_22K if is_gold else SILVER_925),
                description="22K chain" if is_gold else "silver anklet",
                hallmarked=is_gold,
                huid=f"D{rng.randint(10000, 99999)}" if is_gold else None,
                wastage_percent=Decimal(rng.choice((0, 2, 5))),
                making=MakingCharge(
                    MakingMode.PER_GRAM, amount=Paise(rng.choice((350_00, 500_00)))
                ),
            )
            old_gold = (
                [ExchangeLine(gold, Milligrams(rng.randint(1_000, 6_000)), Paise(6_900_00))]
                if is_gold and rng.random() < 0.25
                else []
            )
            computed = compute_invoice(
                InvoiceDraft(
                    invoice_date=sale_day, seller_gstin=gstin, lines=[line], old_gold=old_gold
                )
            )
            await _store_invoice(context, terminal, numbers[terminal.id], sale_day, computed, rng)
    await session.commit()


async def _store_invoice(  # noqa: PLR0917 - one private call site
    context: TenantContext,
    terminal: Terminal,
    number: int,
    sale_day: date,
    computed: InvoiceComputation,
    rng: random.Random,
) -> None:
    session, shop_id = context.session, context.shop_id
    issued_at = datetime.combine(sale_day, time(11, 0), KOLKATA).astimezone(UTC) + timedelta(
        minutes=rng.randint(0, 480)
    )
    totals, priced = computed.totals, computed.lines[0]
    draft = priced.draft
    invoice = Invoice(
        shop_id=shop_id,
        terminal_id=terminal.id,
        series=terminal.invoice_series,
        financial_year=financial_year(sale_day),
        number=f"{terminal.invoice_series}/{number}",
        issued_at=issued_at,
        invoice_date=sale_day,
        supply_type="intra",
        place_of_supply=computed.place_of_supply,
        classification=computed.classification.value.lower(),
        buyer_name="Walk-in customer",
        taxable_paise=totals.taxable_value.value,
        cgst_paise=totals.cgst.value,
        sgst_paise=totals.sgst.value,
        igst_paise=totals.igst.value,
        round_off_paise=totals.round_off.value,
        grand_total_paise=totals.grand_total.value,
        old_gold_value_paise=computed.voucher.value.value,
        net_payable_paise=computed.net_payable.value,
    )
    session.add(invoice)
    await session.flush()
    session.add(
        InvoiceLine(
            shop_id=shop_id,
            invoice_id=invoice.id,
            line_no=1,
            description=draft.description,
            hsn=draft.hsn,
            gst_rate_bp=int(draft.gst_rate * 100),
            metal=draft.metal.value if draft.metal else None,
            purity_fineness=draft.purity.fineness if draft.purity else None,
            huid=draft.huid,
            gross_mg=draft.gross_weight.value,
            stone_mg=draft.stone_weight.value,
            net_mg=draft.net_weight.value,
            rate_paise_per_gram=draft.rate.value if draft.rate else 0,
            metal_value_paise=priced.metal_value.value,
            wastage_bp=int(draft.wastage_percent * 100),
            wastage_paise=priced.wastage_value.value,
            making_mode=draft.making.mode.value if draft.making else None,
            making_rate=draft.making.amount.value if draft.making else 0,
            making_paise=priced.making_value.value,
            stone_paise=priced.stone_value.value,
            hallmark_paise=priced.hallmark_charge.value,
            discount_paise=priced.discount.value,
            taxable_paise=priced.taxable_value.value,
        )
    )
    for index, exchange in enumerate(computed.voucher.lines):
        session.add(
            OldGoldVoucher(
                shop_id=shop_id,
                terminal_id=terminal.id,
                invoice_id=invoice.id,
                series=terminal.voucher_series,
                financial_year=financial_year(sale_day),
                number=f"{terminal.voucher_series}/{number}-{index + 1}",
                issued_at=issued_at,
                voucher_date=sale_day,
                seller_name="Walk-in customer",
                description="old 22K gold",
                metal=exchange.purity.metal.value,
                purity_fineness=exchange.purity.fineness,
                gross_mg=exchange.net_weight.value,
                net_mg=exchange.net_weight.value,
                rate_paise_per_gram=exchange.rate.value,
                metal_value_paise=exchange.value.value,
                deduction_paise=0,
                value_paise=computed.voucher.value.value,
            )
        )
    due = computed.net_payable.value
    if due > 0:
        mode = rng.choice(("cash", "upi", "card")) if due < 1_99_999_00 else "bank"
        session.add(
            Payment(
                shop_id=shop_id,
                terminal_id=terminal.id,
                invoice_id=invoice.id,
                mode=mode,
                amount_paise=due,
                received_at=issued_at,
                payment_date=sale_day,
            )
        )
