"""`boolagold hub backup / restore / backups`: the hub's database to and from the backups store.

A backup is `backups/<instance>/<UTC timestamp>.sql.gz` (MariaDB/MySQL, a single-transaction
dump) or `.sqlite3.gz` (the embedded hub, SQLite's online backup), with its schema revision,
size and SHA-256 as metadata. A restore checks the SHA-256 before it touches anything and
refuses to overwrite a database that has tables unless it is forced.
"""

from __future__ import annotations

import tempfile
from collections.abc import Callable
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from typing import ClassVar, Protocol

from sqlalchemy.engine import make_url

from hub.ops.backup_mariadb import DatabaseBackupError, MariaDbDatabase
from hub.ops.backup_settings import BackupSettings
from hub.ops.backup_sqlite import SqliteDatabase
from hub.ops.backup_store import (
    BackupMetadata,
    BackupStore,
    BackupStoreError,
    StoredBackup,
    open_backup_store,
    utc_stamp,
)
from hub.ops.backup_streams import Report, file_sha256
from hub.settings import HubSettings, sync_url


class BackupError(Exception):
    """What the operator is told when a backup or restore cannot go ahead (nothing changed)."""


class HubDatabase(Protocol):
    """What the backup needs from a database kind (MariaDB/MySQL dump or SQLite file)."""

    kind: ClassVar[str]
    suffix: ClassVar[str]

    def tables(self) -> list[str]: ...

    def schema_revision(self) -> str: ...

    def drop_everything(self) -> None: ...

    def dump(self, target: Path, report: Report) -> int: ...

    def load(self, source: Path, report: Report) -> None: ...


def hub_database(url: str) -> HubDatabase:
    """The backup engine for the hub's DATABASE_URL."""
    if make_url(sync_url(url)).get_backend_name() == "sqlite":
        return SqliteDatabase.from_url(url)
    return MariaDbDatabase.from_url(url)


@dataclass(frozen=True, slots=True)
class BackupDone:
    key: str
    version_id: str | None
    metadata: BackupMetadata
    where: str
    warnings: tuple[str, ...]
    pruned: tuple[str, ...]


@dataclass(frozen=True, slots=True)
class RestoreDone:
    key: str
    metadata: BackupMetadata
    tables: int


class BackupService:
    """Takes, lists and restores backups of one hub database into one store."""

    def __init__(
        self,
        database: HubDatabase,
        store: BackupStore,
        settings: BackupSettings,
        report: Report,
        now: Callable[[], datetime] = lambda: datetime.now(UTC),
    ) -> None:
        self.database = database
        self.store = store
        self.settings = settings
        self.report = report
        self.now = now

    @classmethod
    def for_hub(
        cls, settings: HubSettings, backups: BackupSettings, report: Report
    ) -> BackupService:
        return cls(hub_database(settings.database.url), open_backup_store(backups), backups, report)

    def backup(self) -> BackupDone:
        started = self.now()
        try:
            warnings = self.store.prepare()
            for warning in warnings:
                self.report(f"warning: {warning}")
            revision = self.database.schema_revision()
            key = f"{self.settings.folder}{utc_stamp(started)}{self.database.suffix}"
            with tempfile.TemporaryDirectory(prefix="boolagold-backup-") as folder:
                packed = Path(folder) / "backup.gz"
                raw_size = self.database.dump(packed, self.report)
                sha256, size = file_sha256(packed)
                metadata = BackupMetadata(
                    kind=self.database.kind,
                    schema_revision=revision,
                    sha256=sha256,
                    size=size,
                    raw_size=raw_size,
                    created_at=started.isoformat(),
                )
                self.report(f"uploading {size / (1024 * 1024):.1f} MB to {self.store.where}")
                version_id = self.store.upload(key, packed, metadata)
            pruned = self.store.prune(self.now())
        except (DatabaseBackupError, BackupStoreError) as error:
            raise BackupError(str(error)) from None
        return BackupDone(
            key=key,
            version_id=version_id,
            metadata=metadata,
            where=self.store.where,
            warnings=tuple(warnings),
            pruned=tuple(pruned),
        )

    def backups(self) -> list[StoredBackup]:
        try:
            return self.store.backups()
        except BackupStoreError as error:
            raise BackupError(str(error)) from None

    def latest_key(self) -> str:
        """The newest backup of this database kind (a SQLite file cannot restore MariaDB)."""
        matching = [b for b in self.backups() if b.metadata.kind == self.database.kind]
        if not matching:
            raise BackupError(f"there is no {self.database.kind} backup in {self.store.where}")
        return matching[-1].key

    def restore(self, key: str, *, force: bool, version_id: str | None = None) -> RestoreDone:
        """Bring the backup at `key` back into the hub's database.

        Order matters: the emptiness check (cheap, before gigabytes are downloaded), then the
        download and its checksum, then the kind, and only then the first change.
        """
        try:
            existing = self.database.tables()
            if existing and not force:
                raise BackupError(
                    f"the hub's database is not empty ({len(existing)} tables): restoring would "
                    "overwrite it; stop every hub instance and add --force if that is what you "
                    "want"
                )
            with tempfile.TemporaryDirectory(prefix="boolagold-restore-") as folder:
                packed = Path(folder) / "backup.gz"
                self.report(f"downloading {key} from {self.store.where}")
                metadata = self.store.download(key, packed, version_id)
                sha256, size = file_sha256(packed)
                if sha256 != metadata.sha256 or size != metadata.size:
                    raise BackupError(
                        f"{key} is damaged: its SHA-256 is {sha256} ({size} bytes) but it was "
                        f"stored as {metadata.sha256} ({metadata.size} bytes); nothing restored"
                    )
                if metadata.kind != self.database.kind:
                    raise BackupError(
                        f"{key} is a {metadata.kind} backup and the hub's database is "
                        f"{self.database.kind}: it cannot be restored here"
                    )
                if existing:
                    self.report(f"replacing the {len(existing)} tables the database had")
                    self.database.drop_everything()
                self.database.load(packed, self.report)
            tables = len(self.database.tables())
        except (DatabaseBackupError, BackupStoreError) as error:
            raise BackupError(str(error)) from None
        return RestoreDone(key=key, metadata=metadata, tables=tables)


__all__ = [
    "BackupDone",
    "BackupError",
    "BackupService",
    "HubDatabase",
    "RestoreDone",
    "hub_database",
]
