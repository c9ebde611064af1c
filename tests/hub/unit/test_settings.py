"""Settings from the environment: embedded defaults, production parts, unsafe production."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from hub.settings import DEFAULT_JWT_SECRET, HubSettings, SettingsError, async_url, sync_url


def test_no_environment_means_embedded_defaults_in_the_data_folder(tmp_path: Path) -> None:
    settings = HubSettings.from_env({}, data_dir=tmp_path)
    assert settings.database.url == f"sqlite+aiosqlite:///{tmp_path}/hub.db"
    assert settings.database.migration_url == f"sqlite:///{tmp_path}/hub.db"
    assert settings.cache.redis_url is None
    assert not settings.storage.uses_s3
    assert settings.storage.local_root == tmp_path / "files"
    assert settings.auth.session_hours == 24


def test_production_parts_are_chosen_by_environment_only(tmp_path: Path) -> None:
    settings = HubSettings.from_env(
        {
            "HUB_ENV": "production",
            "JWT_SECRET": "s" * 48,
            "DATABASE_URL": "mysql://hub:pw@db.internal/hub",
            "DATABASE_READ_URL": "mariadb://hub:pw@replica.internal/hub",
            "REDIS_URL": "redis://cache.internal:6379/0",
            "S3_ENDPOINT_URL": "https://s3.example",
            "S3_BUCKET_PRIVATE": "bg-private",
            "S3_BUCKET_PUBLIC": "bg-public",
            "LICENCE_SIGNING_KEY": os.environ["LICENCE_SIGNING_KEY"],
        },
        data_dir=tmp_path,
    )
    assert settings.database.url == "mysql+asyncmy://hub:pw@db.internal/hub?charset=utf8mb4"
    assert settings.database.read_url == (
        "mysql+asyncmy://hub:pw@replica.internal/hub?charset=utf8mb4"
    )
    assert settings.database.migration_url.startswith("mysql+pymysql://")
    assert settings.cache.redis_url == "redis://cache.internal:6379/0"
    assert settings.storage.uses_s3
    assert settings.auth.cookie_secure


@pytest.mark.parametrize(
    ("env", "field"),
    [
        ({"HUB_ENV": "production"}, "JWT_SECRET"),
        ({"HUB_ENV": "production", "JWT_SECRET": DEFAULT_JWT_SECRET}, "JWT_SECRET"),
        ({"HUB_ENV": "production", "JWT_SECRET": "short"}, "JWT_SECRET"),
        ({"HUB_ENV": "staging"}, "HUB_ENV"),
        ({"SESSION_HOURS": "a day"}, "SESSION_HOURS"),
        ({"DATABASE_URL": "postgresql://x/y"}, "DATABASE_URL"),
    ],
)
def test_unsafe_or_wrong_settings_refuse_to_start(
    tmp_path: Path, env: dict[str, str], field: str
) -> None:
    with pytest.raises(SettingsError) as refused:
        HubSettings.from_env(env, data_dir=tmp_path)
    assert refused.value.field == field


def test_driver_conversion_keeps_credentials_with_special_characters() -> None:
    url = "mysql+pymysql://hub:p%40ss@127.0.0.1:3306/hub?charset=utf8mb4"
    assert async_url(url) == "mysql+asyncmy://hub:p%40ss@127.0.0.1:3306/hub?charset=utf8mb4"
    assert sync_url(async_url(url)) == url
