"""`boolagold hub migrate | create-operator | seed-demo` on embedded defaults."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest
from click.testing import CliRunner

from hub.cli.main import hub


@pytest.fixture
def clean_env(monkeypatch: pytest.MonkeyPatch) -> None:
    for name in ("DATABASE_URL", "REDIS_URL", "S3_ENDPOINT_URL", "S3_BUCKET_PRIVATE", "HUB_ENV"):
        monkeypatch.delenv(name, raising=False)


@pytest.mark.usefixtures("clean_env")
def test_migrate_then_create_operator_then_seed_demo(tmp_path: Path) -> None:
    runner = CliRunner()
    folder = tmp_path / "data"
    migrated = runner.invoke(hub, ["migrate", "--data-dir", str(folder)])
    assert migrated.exit_code == 0, migrated.output
    weak = runner.invoke(
        hub,
        ["create-operator", "--email", "a@b.test", "--data-dir", str(folder)],
        input="short\nshort\n",
    )
    assert weak.exit_code != 0
    assert "at least 8" in weak.output
    made = runner.invoke(
        hub,
        ["create-operator", "--email", "Ops@B.test", "--data-dir", str(folder)],
        input="a-long-password\na-long-password\n",
    )
    assert made.exit_code == 0, made.output
    seeded = runner.invoke(hub, ["seed-demo", "--data-dir", str(folder), "--url", "http://x:1"])
    assert seeded.exit_code == 0, seeded.output
    assert "shop code: demo" in seeded.output
    assert "owner / demo-owner-pass" in seeded.output
    again = runner.invoke(hub, ["seed-demo", "--data-dir", str(folder)])
    assert again.exit_code == 0
    with sqlite3.connect(folder / "hub.db") as db:
        # The demo shop and one shop in each other subscription state, seeded once.
        assert db.execute(
            "SELECT count(*) FROM shop WHERE name = 'Lakshmi Jewellers (demo)'"
        ).fetchone() == (1,)
        assert db.execute("SELECT count(*) FROM shop").fetchone() == (7,)
        assert db.execute("SELECT email FROM platform_user ORDER BY email").fetchall() == [
            ("operator@boolagold.test",),
            ("ops@b.test",),
        ]
        assert db.execute("SELECT count(*) FROM invoice").fetchone()[0] > 0
        hashes = [row[0] for row in db.execute("SELECT password_hash FROM user")]
        assert all(value.startswith("$argon2id$") for value in hashes)


def test_production_refuses_the_default_secret(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("HUB_ENV", "production")
    monkeypatch.delenv("JWT_SECRET", raising=False)
    result = CliRunner().invoke(hub, ["migrate", "--data-dir", str(tmp_path)])
    assert result.exit_code != 0
    assert "JWT_SECRET" in result.output
