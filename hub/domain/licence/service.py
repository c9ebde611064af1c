"""Licence and AMC status from the tenant and plan rows (signing licences is a later issue)."""

from __future__ import annotations

from datetime import date, timedelta

from litestar.exceptions import NotFoundException
from sqlalchemy import func, select

from hub.domain.context import TenantContext
from hub.domain.dashboard.service import shop_today
from hub.domain.licence.schemas import LicenceStatus
from hub.storage.hub_tables import Plan, Tenant
from shared.tables import Terminal
from shared.tables.vocabulary import TerminalStatus


def licence_state(tenant: Tenant, plan: Plan, today: date) -> tuple[str, int | None, str]:
    """(state, days left, a sentence for the owner)."""
    if tenant.amc_valid_until is not None:
        left = (tenant.amc_valid_until - today).days
        if left >= 0:
            return "active", left, f"AMC valid until {tenant.amc_valid_until:%d-%m-%Y}"
        grace_end = tenant.amc_valid_until + timedelta(days=plan.grace_days)
        if today <= grace_end:
            return (
                "grace",
                left,
                f"AMC ended; counters keep billing until {grace_end:%d-%m-%Y}: please renew",
            )
        return "expired", left, "AMC ended: counters can no longer issue invoices until renewal"
    if tenant.trial_ends_on is not None:
        left = (tenant.trial_ends_on - today).days
        if left >= 0:
            return "trial", left, f"trial until {tenant.trial_ends_on:%d-%m-%Y}"
        return "expired", left, "the trial has ended: please choose a plan"
    return "unlicensed", None, "no licence yet: please contact support"


class LicenceService:
    def __init__(self, context: TenantContext) -> None:
        self.context = context
        self.session = context.session

    async def status(self) -> LicenceStatus:
        row = (
            await self.session.execute(select(Tenant, Plan).join(Plan, Plan.id == Tenant.plan_id))
        ).one_or_none()
        if row is None:
            raise NotFoundException("this shop has no licence record")
        tenant, plan = row
        in_use = await self.session.scalar(
            select(func.count())
            .select_from(Terminal)
            .where(Terminal.status == TerminalStatus.ACTIVE.value)
        )
        state, left, message = licence_state(tenant, plan, shop_today())
        return LicenceStatus(
            plan_code=plan.code,
            plan_name=plan.name,
            state=state,
            trial_ends_on=tenant.trial_ends_on,
            amc_valid_until=tenant.amc_valid_until,
            grace_days=plan.grace_days,
            days_left=left,
            terminal_limit=tenant.terminal_limit or plan.terminal_limit,
            terminals_in_use=int(in_use or 0),
            message=message,
        )
