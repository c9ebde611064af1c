"""Passwords, one-time codes, the login throttle, logo checks and storage keys."""

from __future__ import annotations

import asyncio
from pathlib import Path

import pytest
from litestar.stores.memory import MemoryStore

from hub.domain.shops.service import logo_kind
from hub.files.storage import LocalFileStorage
from hub.security.errors import LoginRefused
from hub.security.passwords import (
    check_new_password,
    generate_password,
    hash_password,
    verify_password,
)
from hub.security.throttle import LoginThrottle
from hub.security.tokens import (
    digest,
    new_device_secret,
    new_enrolment_code,
    normalise_enrolment_code,
)
from shared.errors import InvalidInput


def test_passwords_hash_verify_and_rules() -> None:
    hashed = hash_password("gold-and-silver")
    assert hashed.startswith("$argon2id$")
    assert verify_password(hashed, "gold-and-silver")
    assert not verify_password(hashed, "gold-and-silver ")
    assert not verify_password(None, "anything")
    assert not verify_password("not a hash", "anything")
    for bad in ("short", " leading-space", "x" * 129):
        with pytest.raises(InvalidInput):
            check_new_password(bad)
    first = generate_password()
    assert len(first) == 14
    assert not set(first) & set("l1O0")


def test_codes_and_secrets_are_random_and_stored_as_digests() -> None:
    code = new_enrolment_code()
    assert len(code) == 19
    assert code.count("-") == 3
    assert normalise_enrolment_code(code.lower().replace("-", " ")) == code
    assert new_enrolment_code() != code
    assert len(new_device_secret()) >= 43
    assert len(digest(code)) == 64
    assert digest(code) != code


def test_throttle_locks_an_account_then_lets_it_in_after_success() -> None:
    throttle = LoginThrottle(store=MemoryStore(), max_failures=3, lockout_seconds=60)

    async def run() -> None:
        for _ in range(3):
            await throttle.check("acct", "1.2.3.4")
            await throttle.failed("acct", "1.2.3.4")
        with pytest.raises(LoginRefused) as locked:
            await throttle.check("acct", "1.2.3.4")
        assert locked.value.retry_after_seconds is not None
        assert "minute" in locked.value.reason
        await throttle.check("other", "5.6.7.8")
        await throttle.succeeded("acct")
        await throttle.check("acct", "9.9.9.9")

    asyncio.run(run())


def test_logo_type_comes_from_the_bytes() -> None:
    assert logo_kind(b"\x89PNG\r\n\x1a\nrest") == "image/png"
    assert logo_kind(b"\xff\xd8\xff\xe0rest") == "image/jpeg"
    assert logo_kind(b"RIFF\x00\x00\x00\x00WEBPVP8 ") == "image/webp"
    for bad in (
        b"",
        b"<svg xmlns='http://www.w3.org/2000/svg'/>",
        b"RIFF\x00\x00\x00\x00WAVE",
        b"\x89PNG" + b"0" * (1024 * 1024 + 1),
    ):
        with pytest.raises(InvalidInput):
            logo_kind(bad)


def test_local_storage_refuses_keys_that_escape_its_folder(tmp_path: Path) -> None:
    storage = LocalFileStorage(tmp_path)

    async def run() -> None:
        await storage.put("public/logos/a.png", b"png", "image/png")
        assert await storage.get("public/logos/a.png") == b"png"
        for key in ("../x", "/etc/passwd", "public/../../x", ""):
            with pytest.raises(ValueError, match="storage key"):
                await storage.put(key, b"x", "text/plain")

    asyncio.run(run())
    assert storage.public_url("public/logos/a.png") == "/files/public/logos/a.png"
    with pytest.raises(ValueError, match="not a public file"):
        storage.public_url("private/export.xlsx")
