"""`boolagold hub licence-key | new-licence-key`: what counters trust, and a key for rotation."""

from __future__ import annotations

from pathlib import Path

import pytest
from click.testing import CliRunner

from hub.cli.main import hub
from shared.licence import load_signing_key, load_trusted_keys


def test_a_development_hub_prints_the_public_key_it_signs_with(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    for name in ("LICENCE_SIGNING_KEY", "HUB_ENV", "DATABASE_URL"):
        monkeypatch.delenv(name, raising=False)
    runner = CliRunner()
    first = runner.invoke(hub, ["licence-key", "--data-dir", str(tmp_path)])
    assert first.exit_code == 0, first.output
    public = first.stdout.strip()
    assert public.startswith("dev-")
    assert list(load_trusted_keys(public)) == [public.split("=", 1)[0]]
    again = runner.invoke(hub, ["licence-key", "--data-dir", str(tmp_path)])
    assert again.stdout.strip() == public


def test_production_without_a_key_says_so(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("LICENCE_SIGNING_KEY", raising=False)
    monkeypatch.setenv("HUB_ENV", "production")
    monkeypatch.setenv("JWT_SECRET", "s" * 48)
    refused = CliRunner().invoke(hub, ["licence-key", "--data-dir", str(tmp_path)])
    assert refused.exit_code != 0
    assert "LICENCE_SIGNING_KEY is not set" in refused.output


def test_a_new_key_prints_the_secret_and_the_public_text() -> None:
    made = CliRunner().invoke(hub, ["new-licence-key", "bg-2027-1"])
    assert made.exit_code == 0, made.output
    key = load_signing_key(made.stdout)
    assert key.kid == "bg-2027-1"
    assert f"counters trust: {key.public_text()}" in made.stderr
    bad = CliRunner().invoke(hub, ["new-licence-key", "bad kid!"])
    assert bad.exit_code != 0
    assert "key id" in bad.output
