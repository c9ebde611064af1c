"""Operator actions across shops, on an explicit platform session (see `hub.db.tenancy`).

Each change to a shop is audited in that shop's own chain, so the owner sees that the platform
acted and why.
"""

from __future__ import annotations

import re
import uuid
from datetime import UTC, date, datetime, timedelta
from typing import Final

from litestar.exceptions import NotFoundException
from sqlalchemy import func, or_, select
from sqlalchemy.orm import Session

from hub.domain.changes import record_change, snapshot
from hub.domain.context import PlatformContext
from hub.domain.dashboard.service import shop_today
from hub.domain.operator.schemas import (
    PlanRow,
    ShopCreate,
    ShopCreated,
    ShopRow,
    ShopUsage,
)
from hub.domain.shops import validation as check
from hub.domain.staff.service import clean_username
from hub.security.passwords import generate_password, hash_password
from hub.storage.hub_tables import STANDARD_AMC_FEE_PAISE, Plan, Tenant
from shared.errors import InvalidInput
from shared.tables import Invoice, Shop, Terminal, User
from shared.tables.vocabulary import ChangeOp, Role, ShopStatus, TerminalStatus
from sync.server import feed
from sync.server.tables import TerminalSyncState

_LOGIN_CODE: Final = re.compile(r"^[a-z0-9][a-z0-9-]{2,31}$")
DEFAULT_PLAN: Final = {
    "code": "standard",
    "name": "Standard (3 counters)",
    "kind": "amc",
    "terminal_limit": 3,
    "user_limit": None,
    "amc_months": 12,
    "grace_days": 15,
    "trial_days": 30,
    "price_paise": STANDARD_AMC_FEE_PAISE,
    "lifetime_price_paise": None,
}


def login_code_from(name: str) -> str:
    code = re.sub(r"[^a-z0-9]+", "-", name.lower()).strip("-")[:24] or "shop"
    return code if len(code) >= 3 else f"{code}-shop"


def clean_login_code(text: str) -> str:
    code = text.strip().lower()
    if not _LOGIN_CODE.match(code):
        raise InvalidInput("a shop code is 3-32 lower-case letters, digits or dashes", "login_code")
    return code


class OperatorService:
    def __init__(self, context: PlatformContext) -> None:
        self.context = context
        self.session = context.session

    @property
    def _actor(self) -> str:
        principal = self.context.principal
        return principal.audit_label if principal is not None else "operator: command line"

    async def plans(self) -> list[PlanRow]:
        await self._default_plan()
        plans = await self.session.scalars(select(Plan).order_by(Plan.price_paise, Plan.code))
        return [
            PlanRow(
                id=plan.id,
                code=plan.code,
                name=plan.name,
                terminal_limit=plan.terminal_limit,
                amc_months=plan.amc_months,
                grace_days=plan.grace_days,
                price_paise=plan.price_paise,
                kind=plan.kind,
                user_limit=plan.user_limit,
                trial_days=plan.trial_days,
                lifetime_price_paise=plan.lifetime_price_paise,
            )
            for plan in plans
        ]

    async def _default_plan(self) -> Plan:
        plan = (
            await self.session.scalars(select(Plan).where(Plan.code == DEFAULT_PLAN["code"]))
        ).one_or_none()
        if plan is None:
            plan = Plan(**DEFAULT_PLAN)
            self.session.add(plan)
            await self.session.flush()
        return plan

    async def _plan(self, code: str) -> Plan:
        if code == DEFAULT_PLAN["code"]:
            return await self._default_plan()
        plan = (await self.session.scalars(select(Plan).where(Plan.code == code))).one_or_none()
        if plan is None or not plan.is_active:
            raise InvalidInput(f"there is no plan {code!r}", "plan_code")
        return plan

    async def list_shops(self, q: str | None = None, limit: int = 200) -> list[ShopRow]:
        statement = (
            select(Shop, Tenant, Plan)
            .join(Tenant, Tenant.shop_id == Shop.id)
            .join(Plan, Plan.id == Tenant.plan_id)
            .order_by(Shop.name)
            .limit(limit)
        )
        text = (q or "").strip()
        if text:
            pattern = f"%{text.lower()}%"
            statement = statement.where(
                or_(
                    func.lower(Shop.name).like(pattern),
                    func.lower(Tenant.login_code).like(pattern),
                    func.lower(func.coalesce(Shop.gstin, "")).like(pattern),
                    func.lower(func.coalesce(Shop.phone, "")).like(pattern),
                )
            )
        rows = await self.session.execute(statement)
        return [self._row(shop, tenant, plan) for shop, tenant, plan in rows]

    @staticmethod
    def _row(shop: Shop, tenant: Tenant, plan: Plan) -> ShopRow:
        return ShopRow(
            id=shop.id,
            name=shop.name,
            login_code=tenant.login_code,
            state_code=shop.state_code,
            gstin=shop.gstin,
            status=shop.status,
            status_reason=tenant.status_reason,
            plan_code=plan.code,
            created_at=shop.created_at,
        )

    async def _loaded(self, shop_id: uuid.UUID) -> tuple[Shop, Tenant, Plan]:
        row = (
            await self.session.execute(
                select(Shop, Tenant, Plan)
                .join(Tenant, Tenant.shop_id == Shop.id)
                .join(Plan, Plan.id == Tenant.plan_id)
                .where(Shop.id == shop_id)
            )
        ).one_or_none()
        if row is None:
            raise NotFoundException("no such shop")
        shop, tenant, plan = row
        return shop, tenant, plan

    async def get_shop(self, shop_id: uuid.UUID) -> ShopRow:
        return self._row(*await self._loaded(shop_id))

    async def create_shop(self, new: ShopCreate, on: date | None = None) -> ShopCreated:
        """A new tenant: shop, tenant row on a plan, an owner with a first password.

        The shop's trial starts `on` (default today) for the plan's trial days unless the
        operator gave another length.
        """
        name = check.required_text(new.name, "name", 200)
        state = check.clean_state(new.state_code)
        address = check.required_text(new.address, "address", 1000)
        owner_name = check.required_text(new.owner_name, "owner_name", 100)
        owner_username = clean_username(new.owner_username)
        code = clean_login_code(new.login_code or login_code_from(name))
        if new.trial_days is not None and not 0 <= new.trial_days <= 365:
            raise InvalidInput("a trial lasts 0 to 365 days", "trial_days")
        gstin = check.clean_gstin(new.gstin, state)
        pan = check.clean_pan(new.pan)
        phone = check.clean_phone(new.phone)
        email = check.clean_email(new.email)
        plan = await self._plan(new.plan_code)
        if await self.session.scalar(select(Tenant.shop_id).where(Tenant.login_code == code)):
            raise InvalidInput(f"the shop code {code!r} is taken: choose another", "login_code")
        clock = self.context.resources.clock
        today = shop_today() if on is None else on
        trial_days = plan.trial_days if new.trial_days is None else new.trial_days
        shop = Shop(
            name=name,
            legal_name=check.optional(new.legal_name) or name,
            gstin=gstin,
            pan=pan,
            state_code=state,
            address=address,
            phone=phone,
            email=email,
            status=ShopStatus.ACTIVE.value,
            hlc=clock.stamp(),
        )
        self.session.add(shop)
        await self.session.flush()
        tenant = Tenant(
            shop_id=shop.id,
            plan_id=plan.id,
            login_code=code,
            trial_started_on=today,
            trial_ends_on=today + timedelta(days=trial_days),
        )
        password = generate_password()
        owner = User(
            shop_id=shop.id,
            username=owner_username,
            display_name=owner_name,
            role=Role.OWNER.value,
            password_hash=hash_password(password),
            is_active=True,
            hlc=clock.stamp(),
        )
        self.session.add_all([tenant, owner])

        def start_feed(sync_session: Session) -> None:
            feed.ensure_feed(sync_session, shop.id)

        await self.session.run_sync(start_feed)
        for action, row in (("shop.create", shop), ("staff.create", owner)):
            await record_change(
                self.session,
                shop_id=shop.id,
                actor_label=self._actor,
                actor_user_id=None,
                action=action,
                row=row,
                before=None,
                op=ChangeOp.INSERT,
            )
        await self.session.commit()
        return ShopCreated(
            shop=self._row(shop, tenant, plan),
            owner_username=owner_username,
            owner_password=password,
        )

    async def _set_status(self, shop_id: uuid.UUID, status: ShopStatus, reason: str) -> ShopRow:
        shop, tenant, plan = await self._loaded(shop_id)
        why = check.required_text(reason, "reason", 200)
        before = snapshot(shop)
        shop.status = status.value
        shop.hlc = self.context.resources.clock.stamp()
        tenant.status_reason, tenant.status_changed_at = why, datetime.now(UTC)
        await record_change(
            self.session,
            shop_id=shop.id,
            actor_label=self._actor,
            actor_user_id=None,
            action=f"shop.{'activate' if status is ShopStatus.ACTIVE else 'deactivate'}",
            row=shop,
            before=before,
        )
        await self.session.commit()
        return self._row(shop, tenant, plan)

    async def activate(self, shop_id: uuid.UUID, reason: str = "activated") -> ShopRow:
        return await self._set_status(shop_id, ShopStatus.ACTIVE, reason)

    async def deactivate(self, shop_id: uuid.UUID, reason: str) -> ShopRow:
        """Stop the shop's staff from signing in on the web; the reason is required."""
        return await self._set_status(shop_id, ShopStatus.SUSPENDED, reason)

    async def usage(self, shop_id: uuid.UUID) -> ShopUsage:
        _, tenant, _ = await self._loaded(shop_id)
        today = shop_today()

        async def count(statement: object) -> int:
            return int(await self.session.scalar(statement) or 0)  # type: ignore[call-overload]

        terminals_total = await count(
            select(func.count()).select_from(Terminal).where(Terminal.shop_id == shop_id)
        )
        terminals_active = await count(
            select(func.count())
            .select_from(Terminal)
            .where(Terminal.shop_id == shop_id, Terminal.status == TerminalStatus.ACTIVE.value)
        )
        staff_active = await count(
            select(func.count())
            .select_from(User)
            .where(User.shop_id == shop_id, User.is_active.is_(True))
        )
        invoices_total = await count(
            select(func.count()).select_from(Invoice).where(Invoice.shop_id == shop_id)
        )
        invoices_month = await count(
            select(func.count())
            .select_from(Invoice)
            .where(Invoice.shop_id == shop_id, Invoice.invoice_date >= today.replace(day=1))
        )
        last_push, last_pull = (
            await self.session.execute(
                select(
                    func.max(TerminalSyncState.last_push_at),
                    func.max(TerminalSyncState.last_pull_at),
                ).where(TerminalSyncState.shop_id == shop_id)
            )
        ).one()
        contacts = [at for at in (last_push, last_pull) if at is not None]
        return ShopUsage(
            shop_id=shop_id,
            terminals_active=terminals_active,
            terminals_total=terminals_total,
            staff_active=staff_active,
            invoices_total=invoices_total,
            invoices_this_month=invoices_month,
            last_sync_at=max(contacts).replace(tzinfo=UTC) if contacts else None,
            trial_ends_on=tenant.trial_ends_on,
            amc_valid_until=tenant.amc_valid_until,
        )
