"""A hub holding only eight shops in known licence states, for the operator pages' browser tests.

The live-hub fixtures seed the demo (whose shops and payments belong to another helper and may
change), so figures checked "by hand" need a hub with nothing else in it: migrate, create one
operator, seed the eight shops through the real services (`OperatorService`,
`SubscriptionService`) at dates relative to the shop's `today`, then start `boolagold hub serve`
on that database. Each shop's expected state and every expected figure are written out in the
test by hand from the table below.

  key  shop                trial (start, days)  AMC periods paid (from, to) / paid on     state
  A    Aarav Trial         T-25, 30 (ends T+5)  -                                          trial
  B    Bharat Gold         T-400, 30            T-369..T-5 paid T-369                      grace
  C    Chandra Jewels      T-800, 30            T-769..T-400 paid T-769; T-399..T+20 p T-399 active
  D    Devi Ornaments      T-600, 30            T-500..T-100 p T-500; T-99..T+265 paid T    active
  E    Eshwar Lifetime     T-300, 30            T-200..T+165 paid T-200; lifetime paid T    lifetime
  F    Farah Suspended     T-100, 30            T-30..T+334 paid T-40, suspended           suspended
  G    Gauri Lapsed Trial  T-100, 30 (T-70)     -                                          lapsed
  H    Hari Lapsed AMC     T-600, 30            T-500..T-60 paid T-500                      lapsed

Fees a year: D Rs 12,000 (its own fee), everyone else Rs 10,000 (set explicitly).
"""

from __future__ import annotations

import asyncio
import concurrent.futures
import os
import sys
import uuid
from collections.abc import Awaitable, Callable
from dataclasses import dataclass, field
from datetime import date, timedelta
from pathlib import Path
from typing import Final, TypeVar

import httpx

from hub.core.resources import HubResources, build_resources
from hub.demo import create_operator
from hub.domain.context import PlatformContext
from hub.domain.licence.schemas import (
    AmcPaymentCreate,
    LifetimePurchaseCreate,
    SubscriptionTerms,
)
from hub.domain.licence.subscriptions import SubscriptionService
from hub.domain.operator.schemas import ShopCreate
from hub.domain.operator.service import OperatorService
from hub.settings import HubSettings
from hub.storage import database
from tests.harness.processes import ServerProcess, free_port, launch, wait_until_ready
from tests.hub.fixtures import settings_env

OPERATOR: Final = ("ops@boolagold.test", "operator-pages-pass")
FEE: Final = 1_000_000
D_FEE: Final = 1_200_000
LIFETIME_PRICE: Final = 5_000_000
T = TypeVar("T")


@dataclass(frozen=True)
class SeedShop:
    key: str
    name: str
    phone: str
    trial_start_days_ago: int
    fee: int = FEE
    periods: tuple[tuple[int, int, int], ...] = ()
    """(from, to, paid on) as day offsets from today (negative = past)."""
    lifetime_paid: int | None = None
    suspend_reason: str | None = None


SHOPS: Final = (
    SeedShop("A", "Aarav Trial", "+91 98200 00001", 25),
    SeedShop("B", "Bharat Gold", "+91 98200 00002", 400, periods=((-369, -5, -369),)),
    SeedShop(
        "C",
        "Chandra Jewels",
        "+91 98200 00003",
        800,
        periods=((-769, -400, -769), (-399, 20, -399)),
    ),
    SeedShop(
        "D",
        "Devi Ornaments",
        "+91 98200 00004",
        600,
        fee=D_FEE,
        periods=((-500, -100, -500), (-99, 265, 0)),
    ),
    SeedShop(
        "E",
        "Eshwar Lifetime",
        "+91 98200 00005",
        300,
        periods=((-200, 165, -200),),
        lifetime_paid=0,
    ),
    SeedShop(
        "F",
        "Farah Suspended",
        "+91 98200 00006",
        100,
        periods=((-30, 334, -40),),
        suspend_reason="cheque returned unpaid",
    ),
    SeedShop("G", "Gauri Lapsed Trial", "+91 98200 00007", 100),
    SeedShop("H", "Hari Lapsed AMC", "+91 98200 00008", 600, periods=((-500, -60, -500),)),
)


@dataclass
class SeededShop:
    key: str
    name: str
    login_code: str
    phone: str
    shop_id: uuid.UUID
    owner_password: str


@dataclass
class ScenarioHub:
    url: str
    settings: HubSettings
    today: date
    process: ServerProcess
    shops: dict[str, SeededShop] = field(default_factory=dict)

    def day(self, offset: int) -> date:
        return self.today + timedelta(days=offset)


def run_async(work: Callable[[], Awaitable[T]]) -> T:
    """Run a coroutine to the end from synchronous test code, even while Playwright's sync API
    keeps an event loop running in this thread (asyncio.run refuses that): in a worker thread."""

    async def main() -> T:
        return await work()

    with concurrent.futures.ThreadPoolExecutor(max_workers=1) as pool:
        return pool.submit(asyncio.run, main()).result()


async def _seed_shop(resources: HubResources, spec: SeedShop, today: date) -> SeededShop:
    def day(offset: int) -> date:
        return today + timedelta(days=offset)

    code = f"{spec.key.lower()}-{uuid.uuid4().hex[:6]}"
    async with resources.sessions.platform() as session:
        context = PlatformContext(session=session, principal=None, resources=resources)
        created = await OperatorService(context).create_shop(
            ShopCreate(
                name=spec.name,
                state_code="27",
                address="1 Zaveri Bazaar, Mumbai",
                owner_name=f"Owner of {spec.name}",
                phone=spec.phone,
                login_code=code,
                trial_days=30,
            ),
            on=day(-spec.trial_start_days_ago),
        )
        shop_id = created.shop.id
        subscriptions = SubscriptionService(context)
        await subscriptions.set_terms(
            shop_id, SubscriptionTerms(plan_code="standard", amc_fee_paise=spec.fee), today
        )
        for number, (start, end, paid) in enumerate(spec.periods, start=1):
            await subscriptions.record_amc_payment(
                shop_id,
                AmcPaymentCreate(
                    amount_paise=spec.fee,
                    paid_on=day(paid),
                    reference=f"NEFT {spec.key}{number}",
                    period_from=day(start),
                    period_to=day(end),
                ),
                today,
            )
        if spec.lifetime_paid is not None:
            await subscriptions.record_lifetime_purchase(
                shop_id,
                LifetimePurchaseCreate(
                    amount_paise=LIFETIME_PRICE,
                    paid_on=day(spec.lifetime_paid),
                    reference=f"RTGS {spec.key}L",
                ),
                today,
            )
        if spec.suspend_reason is not None:
            await subscriptions.suspend(shop_id, spec.suspend_reason, today)
    return SeededShop(spec.key, spec.name, code, spec.phone, shop_id, created.owner_password)


async def seed(settings: HubSettings, today: date) -> dict[str, SeededShop]:
    resources = build_resources(settings)
    try:
        await create_operator(resources, *OPERATOR, display_name="Pages operator")
        return {spec.key: await _seed_shop(resources, spec, today) for spec in SHOPS}
    finally:
        await resources.close()


def start_scenario_hub(settings: HubSettings, log: Path, today: date) -> ScenarioHub:
    """Migrate, seed the eight shops, then serve that database (no demo shop)."""
    if settings.database.is_embedded:
        settings.data_dir.mkdir(parents=True, exist_ok=True)
    database.migrate(settings.database.migration_url)
    shops = asyncio.run(seed(settings, today))
    port = free_port()
    env = {**os.environ, **settings_env(settings), "PYTHONUNBUFFERED": "1"}
    for name in ("DATABASE_URL", "REDIS_URL", "S3_ENDPOINT_URL", "S3_BUCKET_PRIVATE"):
        if name not in settings_env(settings):
            env.pop(name, None)
    argv = [sys.executable, "-m", "hub.cli.main", "serve", "--port", str(port)]
    argv += ["--data-dir", str(settings.data_dir)]
    saved = dict(os.environ)
    os.environ.clear()
    os.environ.update(env)
    try:
        process = launch("hub", argv, log=log, cwd=Path(__file__).resolve().parents[2])
    finally:
        os.environ.clear()
        os.environ.update(saved)
    url = f"http://127.0.0.1:{port}"

    def ready() -> bool:
        try:
            return httpx.get(f"{url}/api/health", timeout=1).status_code in {200, 503}
        except httpx.HTTPError:
            return False

    wait_until_ready(process, ready)
    return ScenarioHub(url=url, settings=settings, today=today, process=process, shops=shops)
