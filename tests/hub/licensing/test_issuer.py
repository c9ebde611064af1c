"""The hub's signed licences: trusted by counters, cached per shop until something changes,
rotated by configuring a new key id, and never made without a key in production."""

from __future__ import annotations

import asyncio
import dataclasses
import os
import stat
from datetime import date, timedelta
from pathlib import Path

import pytest

from hub.core.resources import HubResources, build_resources
from hub.domain.context import PlatformContext
from hub.domain.licence.keys import KEY_FILE_NAME
from hub.domain.licence.schemas import AmcPaymentCreate
from hub.domain.licence.subscriptions import SubscriptionService
from hub.settings import HubSettings, LicenceSettings, SettingsError
from shared.licence import (
    LicenceRejected,
    generate_signing_key,
    load_trusted_keys,
    signing_key_text,
    token_key_id,
    verify_licence,
)
from tests.hub.licensing_support import LicensingHub

D0 = date(2026, 4, 1)


def suite_trust() -> str:
    return os.environ["BOOLAGOLD_LICENCE_TRUST"]


def test_tokens_verify_with_the_suites_trusted_key(licensing_hub: LicensingHub) -> None:
    platform = licensing_hub
    shop = platform.create_shop("Signed Gold", "signed-gold", D0)
    platform.clock.day = D0
    token = platform.token(shop)
    assert token_key_id(token) == suite_trust().split("=", 1)[0]
    licence = verify_licence(token, load_trusted_keys(suite_trust()))
    assert licence.shop_id == shop
    assert licence.issued_at.date() == D0
    tampered = token[:-6] + ("A" if token[-6] != "A" else "B") + token[-5:]
    with pytest.raises(LicenceRejected):
        verify_licence(tampered, load_trusted_keys(suite_trust()))


def test_the_token_is_cached_until_a_payment_is_recorded(licensing_hub: LicensingHub) -> None:
    platform = licensing_hub
    shop = platform.create_shop("Cached Gold", "cached-gold", D0)
    platform.clock.day = D0
    day = D0 + timedelta(days=2)

    async def work(resources: HubResources) -> tuple[str, str, str]:
        first = await resources.licences.token_for(shop)
        platform.clock.day = D0 + timedelta(days=1)
        again = await resources.licences.token_for(shop)  # issued_at would differ if re-signed
        async with resources.sessions.platform() as session:
            await SubscriptionService(
                PlatformContext(session=session, principal=None, resources=resources)
            ).record_amc_payment(
                shop,
                AmcPaymentCreate(amount_paise=1_000_000, paid_on=day, reference="UTR 5"),
                today=day,
            )
        return first, again, await resources.licences.token_for(shop)

    first, again, renewed = platform.run(work)
    assert again == first  # the same bytes: served from the cache
    assert renewed != first  # the payment dropped it
    licence = verify_licence(renewed, load_trusted_keys(suite_trust()))
    assert licence.valid_until == date(2027, 5, 1)


def test_rotation_signs_with_the_new_key_and_counters_trusting_both_accept_both(
    licensing_hub: LicensingHub,
) -> None:
    platform = licensing_hub
    shop = platform.create_shop("Rotating Gold", "rotating-gold", D0)
    platform.clock.day = D0
    old_token = platform.token(shop)
    new_key = generate_signing_key("bg-2027-1")
    rotated = LicensingHub(
        settings=dataclasses.replace(
            platform.settings,
            licence=LicenceSettings(signing_key=signing_key_text(new_key), cache_seconds=0),
        ),
        clock=platform.clock,
    )
    rotated_token = rotated.run(lambda r: r.licences.token_for(shop))
    assert token_key_id(rotated_token) == "bg-2027-1"
    both = load_trusted_keys(f"{suite_trust()},{new_key.public_text()}")
    assert verify_licence(old_token, both).shop_id == shop
    assert verify_licence(rotated_token, both).shop_id == shop
    with pytest.raises(LicenceRejected, match="unknown key"):
        verify_licence(rotated_token, load_trusted_keys(suite_trust()))


def test_production_without_a_signing_key_refuses_to_start(tmp_path: Path) -> None:
    environ = {"HUB_ENV": "production", "JWT_SECRET": "s" * 48}
    with pytest.raises(SettingsError) as refused:
        HubSettings.from_env(environ, data_dir=tmp_path)
    assert refused.value.field == "LICENCE_SIGNING_KEY"
    assert "LICENCE_SIGNING_KEY is not set" in refused.value.reason
    with pytest.raises(SettingsError) as unreadable:
        HubSettings.from_env({**environ, "LICENCE_SIGNING_KEY": "k1:not a key"}, tmp_path)
    assert unreadable.value.field == "LICENCE_SIGNING_KEY"
    key = signing_key_text(generate_signing_key("prod-1"))
    settings = HubSettings.from_env({**environ, "LICENCE_SIGNING_KEY": key}, data_dir=tmp_path)
    assert settings.licence.signing_key == key
    assert "BEGIN" not in repr(settings.licence)  # the private key never reaches a log line


def test_a_development_hub_without_a_key_makes_one_once(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    settings = HubSettings.embedded(tmp_path, licence=LicenceSettings(signing_key=None))

    async def make() -> tuple[str, str]:
        resources = build_resources(settings)
        try:
            return resources.licences.kid, resources.licences.public_text()
        finally:
            await resources.close()

    kid, public = asyncio.run(make())
    key_file = tmp_path / KEY_FILE_NAME
    assert stat.S_IMODE(key_file.stat().st_mode) == 0o600
    assert kid.startswith("dev-")
    logged = capsys.readouterr()
    assert public in logged.out + logged.err  # what a development counter must trust
    assert asyncio.run(make()) == (kid, public)  # the same key the next start
    assert sorted(path.name for path in tmp_path.iterdir() if "licence" in path.name) == [
        KEY_FILE_NAME
    ]
