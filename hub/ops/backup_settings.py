"""Where the hub's database backups go and how long they are kept, read from the environment.

Kept beside the backup code rather than in `hub.settings` so the backup commands can evolve
without touching the settings every request path reads. The S3 endpoint and keys are the same as
the files store's (`StorageSettings`); only the bucket differs, because backups need versioning
and a lifecycle rule that the files bucket must not get. Without S3_BUCKET_BACKUPS the backups go
to the local files folder (`<FILES_DIR>/backups/...`), as every other file of an embedded hub.
"""

from __future__ import annotations

import os
import re
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Final

from hub.settings import SettingsError, StorageSettings

BUCKET_ENV: Final = "S3_BUCKET_BACKUPS"
RETENTION_ENV: Final = "BACKUP_RETENTION_DAYS"
DEFAULT_RETENTION_DAYS: Final = 30
BACKUP_PREFIX: Final = "backups"
_INSTANCE: Final = re.compile(r"^[a-z0-9][a-z0-9._-]{0,62}$")


@dataclass(frozen=True, slots=True)
class BackupSettings:
    """`bucket` None means the local folder `local_root`; `instance` names this deployment's
    folder in the store so several hubs (staging, production) can share one bucket."""

    instance: str
    local_root: Path
    bucket: str | None = None
    endpoint_url: str | None = None
    region: str = "ap-south-1"
    access_key_id: str | None = None
    secret_access_key: str | None = None
    retention_days: int = DEFAULT_RETENTION_DAYS

    @property
    def uses_s3(self) -> bool:
        return self.bucket is not None

    @property
    def folder(self) -> str:
        """The key prefix of this instance's backups: ``backups/<instance>/``."""
        return f"{BACKUP_PREFIX}/{self.instance}/"

    @property
    def where(self) -> str:
        """Where the backups go, for messages."""
        if self.bucket is not None:
            return f"s3://{self.bucket}/{self.folder}"
        return str(self.local_root / self.folder)

    @classmethod
    def from_env(
        cls, storage: StorageSettings, instance: str, environ: Mapping[str, str] | None = None
    ) -> BackupSettings:
        """Read S3_BUCKET_BACKUPS and BACKUP_RETENTION_DAYS; the rest comes from `storage`."""
        env = os.environ if environ is None else environ
        text = env.get(RETENTION_ENV) or str(DEFAULT_RETENTION_DAYS)
        try:
            retention = int(text)
        except ValueError:
            raise SettingsError(
                f"{RETENTION_ENV} must be a whole number of days, not {text!r}", RETENTION_ENV
            ) from None
        settings = cls(
            instance=instance,
            local_root=storage.local_root,
            bucket=(env.get(BUCKET_ENV) or "").strip() or None,
            endpoint_url=storage.s3_endpoint_url,
            region=storage.s3_region,
            access_key_id=storage.s3_access_key_id,
            secret_access_key=storage.s3_secret_access_key,
            retention_days=retention,
        )
        settings.validate()
        return settings

    def validate(self) -> None:
        if not _INSTANCE.match(self.instance):
            raise SettingsError(
                "HUB_INSTANCE_NAME names the backups folder: lower-case letters, digits, '.', "
                f"'_' and '-' (at most 63), not {self.instance!r}",
                "HUB_INSTANCE_NAME",
            )
        if not 1 <= self.retention_days <= 3650:
            raise SettingsError(
                f"{RETENTION_ENV} is 1 to 3650 days, not {self.retention_days}", RETENTION_ENV
            )


__all__ = ["BACKUP_PREFIX", "BUCKET_ENV", "RETENTION_ENV", "BackupSettings"]
