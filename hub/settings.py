"""The hub's settings: one typed dataclass per concern, read from the environment explicitly.

Nothing is read at import time (STYLE.md): `HubSettings.from_env()` is called by the CLI, and
tests build settings directly. Absent production parts fall back to embedded defaults
(DESIGN.md section 5): SQLite in the data folder, an in-process store, a local files folder.
"""

from __future__ import annotations

import os
from collections.abc import Mapping
from dataclasses import dataclass, field
from enum import StrEnum
from pathlib import Path
from typing import Final

from sqlalchemy.engine import URL, make_url

from shared.errors import InvalidInput
from shared.licence import load_signing_key

DEFAULT_JWT_SECRET: Final = "boolagold-development-secret-change-me"  # noqa: S105
"""Good enough on a developer's machine; production refuses to start with it."""
MIN_SECRET_LENGTH: Final = 32
DATA_DIR_ENV: Final = "BOOLAGOLD_HUB_DATA_DIR"
LICENCE_KEY_ENV: Final = "LICENCE_SIGNING_KEY"
SUPPORT_CONTACT_ENV: Final = "SUPPORT_CONTACT"
DEFAULT_SUPPORT_CONTACT: Final = "BoolaGold support +91 80 4718 2000"


class HubEnvironment(StrEnum):
    DEVELOPMENT = "development"
    PRODUCTION = "production"


class SettingsError(InvalidInput):
    """A setting that would make the hub unsafe or unable to start."""


@dataclass(frozen=True, slots=True)
class DatabaseSettings:
    """`url` is what the app uses (async driver), `migration_url` what Alembic uses (sync)."""

    url: str
    read_url: str | None = None
    pool_size: int = 10
    echo: bool = False

    @property
    def migration_url(self) -> str:
        return sync_url(self.url)

    @property
    def is_embedded(self) -> bool:
        return make_url(self.url).get_backend_name() == "sqlite"


@dataclass(frozen=True, slots=True)
class CacheSettings:
    """Redis when `redis_url` is set (shared by every instance), else an in-process store."""

    redis_url: str | None = None
    namespace: str = "boolagold"


@dataclass(frozen=True, slots=True)
class StorageSettings:
    """S3 when `s3_endpoint_url` or a bucket is set, else a folder under the data directory."""

    local_root: Path
    s3_endpoint_url: str | None = None
    s3_private_bucket: str | None = None
    s3_public_bucket: str | None = None
    s3_public_base_url: str | None = None
    s3_exports_bucket: str | None = None
    """Report exports (`exports/` keys); the private bucket when unset. Files expire in 7 days."""
    s3_invoices_bucket: str | None = None
    """Archived invoice PDFs (`invoices/` keys); the private bucket when unset."""
    s3_region: str = "ap-south-1"
    s3_access_key_id: str | None = None
    s3_secret_access_key: str | None = None

    @property
    def uses_s3(self) -> bool:
        return bool(self.s3_private_bucket or self.s3_public_bucket)


@dataclass(frozen=True, slots=True)
class AuthSettings:
    jwt_secret: str = DEFAULT_JWT_SECRET
    session_hours: int = 24
    cookie_secure: bool = False
    login_max_failures: int = 5
    login_lockout_seconds: int = 15 * 60
    rate_limit_per_client_per_minute: int = 600
    rate_limit_per_shop_per_minute: int = 1200


@dataclass(frozen=True, slots=True)
class LicenceSettings:
    """How the hub signs shop licences (DESIGN.md section 4).

    `signing_key` is ``kid:`` + the Ed25519 private key (PKCS8 PEM), from LICENCE_SIGNING_KEY;
    never in the repo. Without it a development hub generates a key once into its data folder;
    production refuses to start. `support_contact` is printed on the counter's lapsed screen.
    """

    signing_key: str | None = field(default=None, repr=False)
    support_contact: str = DEFAULT_SUPPORT_CONTACT
    cache_seconds: int = 900
    """How long a shop's signed token is reused (pulls ask for it on every request)."""

    @classmethod
    def from_env(cls, environ: Mapping[str, str] | None = None) -> LicenceSettings:
        """Read LICENCE_SIGNING_KEY and SUPPORT_CONTACT (default: the process environment).

        Also the default for settings built in code (`HubSettings.embedded`, tests): a key
        configured in the environment is honoured however the settings were made, so every
        hub of a deployment or of a test run signs with the key its counters trust.
        """
        env = os.environ if environ is None else environ
        return cls(
            signing_key=env.get(LICENCE_KEY_ENV) or None,
            support_contact=(env.get(SUPPORT_CONTACT_ENV) or DEFAULT_SUPPORT_CONTACT).strip(),
            cache_seconds=_int(env, "LICENCE_CACHE_SECONDS", 900),
        )


@dataclass(frozen=True, slots=True)
class HubSettings:
    database: DatabaseSettings
    cache: CacheSettings
    storage: StorageSettings
    auth: AuthSettings = field(default_factory=AuthSettings)
    licence: LicenceSettings = field(default_factory=LicenceSettings.from_env)
    environment: HubEnvironment = HubEnvironment.DEVELOPMENT
    data_dir: Path = Path()
    public_url: str = "http://127.0.0.1:8000"
    instance_name: str = "hub"

    @classmethod
    def embedded(
        cls,
        data_dir: Path,
        auth: AuthSettings | None = None,
        licence: LicenceSettings | None = None,
    ) -> HubSettings:
        """Everything in one folder: SQLite, in-process store, local files (no set-up).

        The licence key is LICENCE_SIGNING_KEY when set, else one generated into the folder.
        """
        data_dir = data_dir.resolve()
        return cls(
            database=DatabaseSettings(url=embedded_database_url(data_dir)),
            cache=CacheSettings(),
            storage=StorageSettings(local_root=data_dir / "files"),
            auth=auth or AuthSettings(),
            licence=licence or LicenceSettings.from_env(),
            data_dir=data_dir,
        )

    @classmethod
    def from_env(
        cls, environ: Mapping[str, str] | None = None, data_dir: Path | None = None
    ) -> HubSettings:
        """Read every setting from `environ` (default: the process environment).

        Raises `SettingsError` for a production configuration that is not safe to start.
        """
        env = os.environ if environ is None else environ
        folder = (data_dir or Path(env.get(DATA_DIR_ENV) or Path.cwd() / "hub-data")).resolve()
        environment = _environment(env.get("HUB_ENV", "development"))
        production = environment is HubEnvironment.PRODUCTION
        database_url = env.get("DATABASE_URL") or embedded_database_url(folder)
        settings = cls(
            database=DatabaseSettings(
                url=async_url(database_url),
                read_url=async_url(env["DATABASE_READ_URL"])
                if env.get("DATABASE_READ_URL")
                else None,
                pool_size=_int(env, "DATABASE_POOL_SIZE", 10),
                echo=env.get("DATABASE_ECHO", "") == "1",
            ),
            cache=CacheSettings(
                redis_url=env.get("REDIS_URL") or None,
                namespace=env.get("CACHE_NAMESPACE", "boolagold"),
            ),
            storage=StorageSettings(
                local_root=Path(env.get("FILES_DIR") or folder / "files").resolve(),
                s3_endpoint_url=env.get("S3_ENDPOINT_URL") or None,
                s3_private_bucket=env.get("S3_BUCKET_PRIVATE") or None,
                s3_public_bucket=env.get("S3_BUCKET_PUBLIC") or None,
                s3_public_base_url=env.get("S3_PUBLIC_BASE_URL") or None,
                s3_exports_bucket=env.get("S3_BUCKET_EXPORTS") or None,
                s3_invoices_bucket=env.get("S3_BUCKET_INVOICES") or None,
                s3_region=env.get("S3_REGION", "ap-south-1"),
                s3_access_key_id=env.get("S3_ACCESS_KEY_ID") or None,
                s3_secret_access_key=env.get("S3_SECRET_ACCESS_KEY") or None,
            ),
            auth=AuthSettings(
                jwt_secret=env.get("JWT_SECRET") or DEFAULT_JWT_SECRET,
                session_hours=_int(env, "SESSION_HOURS", 24),
                cookie_secure=env.get("COOKIE_SECURE", "1" if production else "0") == "1",
                login_max_failures=_int(env, "LOGIN_MAX_FAILURES", 5),
                login_lockout_seconds=_int(env, "LOGIN_LOCKOUT_SECONDS", 15 * 60),
                rate_limit_per_client_per_minute=_int(env, "RATE_LIMIT_PER_CLIENT", 600),
                rate_limit_per_shop_per_minute=_int(env, "RATE_LIMIT_PER_SHOP", 1200),
            ),
            licence=LicenceSettings.from_env(env),
            environment=environment,
            data_dir=folder,
            public_url=env.get("HUB_PUBLIC_URL", "http://127.0.0.1:8000").rstrip("/"),
            instance_name=env.get("HUB_INSTANCE_NAME", "hub"),
        )
        settings.validate()
        return settings

    def validate(self) -> None:
        """Refuse settings that would run production unsafely (called before serving)."""
        if self.environment is HubEnvironment.PRODUCTION:
            if self.auth.jwt_secret == DEFAULT_JWT_SECRET:
                raise SettingsError(
                    "JWT_SECRET is the development default: set a long random secret "
                    "before starting in production",
                    "JWT_SECRET",
                )
            if len(self.auth.jwt_secret) < MIN_SECRET_LENGTH:
                raise SettingsError(
                    f"JWT_SECRET must be at least {MIN_SECRET_LENGTH} characters in production",
                    "JWT_SECRET",
                )
            if not self.licence.signing_key:
                raise SettingsError(
                    f"{LICENCE_KEY_ENV} is not set: production signs shop licences with the "
                    "platform's Ed25519 key ('kid:' + PKCS8 PEM); set it before starting",
                    LICENCE_KEY_ENV,
                )
        if self.licence.signing_key:
            _check_signing_key(self.licence.signing_key)
        if not 0 <= self.licence.cache_seconds <= 3600:
            raise SettingsError(
                "LICENCE_CACHE_SECONDS is 0 to 3600 seconds", "LICENCE_CACHE_SECONDS"
            )
        if self.auth.session_hours < 1:
            raise SettingsError("sessions must last at least one hour", "SESSION_HOURS")


def _check_signing_key(text: str) -> None:
    try:
        load_signing_key(text)
    except ValueError as error:
        raise SettingsError(f"{LICENCE_KEY_ENV}: {error}", LICENCE_KEY_ENV) from None


def embedded_database_url(data_dir: Path) -> str:
    return f"sqlite+aiosqlite:///{data_dir / 'hub.db'}"


_ASYNC_DRIVERS: Final = {"sqlite": "sqlite+aiosqlite", "mysql": "mysql+asyncmy"}
_SYNC_DRIVERS: Final = {"sqlite": "sqlite", "mysql": "mysql+pymysql"}


def _with_driver(url: str, drivers: Mapping[str, str]) -> str:
    parsed: URL = make_url(url.replace("mariadb://", "mysql://", 1))
    backend = parsed.get_backend_name()
    if backend == "mariadb":
        backend = "mysql"
    if backend not in drivers:
        raise SettingsError(
            f"database '{backend}' is not supported: use sqlite or mysql/mariadb", "DATABASE_URL"
        )
    parsed = parsed.set(drivername=drivers[backend])
    if backend == "mysql" and "charset" not in parsed.query:
        parsed = parsed.update_query_dict({"charset": "utf8mb4"})
    return parsed.render_as_string(hide_password=False)


def async_url(url: str) -> str:
    """The same database through the async driver the app uses (aiosqlite / asyncmy)."""
    return _with_driver(url, _ASYNC_DRIVERS)


def sync_url(url: str) -> str:
    """The same database through the sync driver Alembic uses (sqlite3 / PyMySQL)."""
    return _with_driver(url, _SYNC_DRIVERS)


def _environment(text: str) -> HubEnvironment:
    try:
        return HubEnvironment(text.strip().lower())
    except ValueError:
        raise SettingsError(
            f"HUB_ENV must be 'development' or 'production', not {text!r}", "HUB_ENV"
        ) from None


def _int(env: Mapping[str, str], name: str, default: int) -> int:
    text = env.get(name)
    if not text:
        return default
    try:
        return int(text)
    except ValueError:
        raise SettingsError(f"{name} must be a whole number, not {text!r}", name) from None


__all__ = [
    "DEFAULT_JWT_SECRET",
    "AuthSettings",
    "CacheSettings",
    "DatabaseSettings",
    "HubEnvironment",
    "HubSettings",
    "LicenceSettings",
    "SettingsError",
    "StorageSettings",
    "async_url",
    "embedded_database_url",
    "sync_url",
]
