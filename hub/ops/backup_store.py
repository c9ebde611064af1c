"""Where backup files are kept: an S3 bucket (versioned, with a retention lifecycle rule) or a
local folder (the embedded hub's files folder), behind one small interface.

A backup is one compressed file plus its metadata (database kind, schema revision, size and
SHA-256). In S3 the metadata travels as the object's user metadata, so the object alone is
enough to restore; in a folder it is a JSON file beside the backup.
"""

from __future__ import annotations

import json
import shutil
from collections.abc import Callable
from dataclasses import asdict, dataclass
from datetime import UTC, datetime, timedelta
from pathlib import Path, PurePosixPath
from typing import TYPE_CHECKING, Final, Protocol

import boto3
from boto3.s3.transfer import TransferConfig
from botocore.config import Config
from botocore.exceptions import BotoCoreError, ClientError

from hub.ops.backup_settings import BACKUP_PREFIX, BackupSettings

if TYPE_CHECKING:
    from mypy_boto3_s3 import S3Client

LIFECYCLE_RULE_ID: Final = "boolagold-backup-retention"
_METADATA_SUFFIX: Final = ".json"
# Dumps of a few GB go up in 64 MB parts, four at a time: fewer requests than boto3's 8 MB
# default, and a failed part is retried alone.
_TRANSFER: Final = TransferConfig(multipart_chunksize=64 * 1024 * 1024, max_concurrency=4)


class BackupStoreError(Exception):
    """A backup cannot be stored, found or read; the message says which and why."""


@dataclass(frozen=True, slots=True)
class BackupMetadata:
    """What a restore needs to know before it touches the database."""

    kind: str
    """'mariadb' (a SQL dump) or 'sqlite' (a database file)."""
    schema_revision: str
    sha256: str
    """Of the stored (compressed) bytes: checked before anything is restored."""
    size: int
    raw_size: int
    created_at: str

    def as_s3(self) -> dict[str, str]:
        return {name.replace("_", "-"): str(value) for name, value in asdict(self).items()}

    @classmethod
    def from_mapping(cls, values: dict[str, str]) -> BackupMetadata:
        normal = {name.replace("-", "_").lower(): value for name, value in values.items()}
        try:
            return cls(
                kind=normal["kind"],
                schema_revision=normal["schema_revision"],
                sha256=normal["sha256"],
                size=int(normal["size"]),
                raw_size=int(normal["raw_size"]),
                created_at=normal["created_at"],
            )
        except (KeyError, ValueError) as error:
            raise BackupStoreError(
                f"this object has no backup metadata ({error}): it was not made by "
                "`boolagold hub backup`"
            ) from None


@dataclass(frozen=True, slots=True)
class StoredBackup:
    key: str
    metadata: BackupMetadata
    version_id: str | None = None


class BackupStore(Protocol):
    where: str

    def prepare(self) -> list[str]:
        """Make sure retention (and versioning) is in place; return warnings to show."""
        ...

    def upload(self, key: str, source: Path, metadata: BackupMetadata) -> str | None:
        """Store the file under `key`; return the new version id where the store has them."""
        ...

    def download(self, key: str, target: Path, version_id: str | None = None) -> BackupMetadata: ...

    def backups(self) -> list[StoredBackup]:
        """This instance's backups, oldest first (keys sort by their UTC timestamp)."""
        ...

    def prune(self, now: datetime) -> list[str]:
        """Delete what the retention rule says has expired (stores without lifecycle rules)."""
        ...


def _check_key(key: str, folder: str) -> str:
    path = PurePosixPath(key)
    if path.is_absolute() or ".." in path.parts or not key.startswith(folder):
        raise BackupStoreError(f"{key!r} is not a backup of this hub (they are under {folder})")
    return key


class LocalBackupStore:
    """Backups in a folder (the embedded hub's files folder); retention by `prune`."""

    def __init__(self, settings: BackupSettings) -> None:
        self.settings = settings
        self.root = settings.local_root
        self.where = settings.where

    def _path(self, key: str) -> Path:
        return self.root / _check_key(key, self.settings.folder)

    def prepare(self) -> list[str]:
        (self.root / self.settings.folder).mkdir(parents=True, exist_ok=True)
        return []

    def upload(self, key: str, source: Path, metadata: BackupMetadata) -> str | None:
        path = self._path(key)
        path.parent.mkdir(parents=True, exist_ok=True)
        partial = path.with_name(path.name + ".partial")
        shutil.copyfile(source, partial)
        path.with_name(path.name + _METADATA_SUFFIX).write_text(
            json.dumps(metadata.as_s3(), indent=2), encoding="utf-8"
        )
        partial.replace(path)  # the backup appears only once it is whole
        return None

    def download(self, key: str, target: Path, version_id: str | None = None) -> BackupMetadata:
        if version_id is not None:
            raise BackupStoreError("a backup folder keeps no versions: leave out --version-id")
        path = self._path(key)
        if not path.is_file():
            raise BackupStoreError(f"no backup {key!r} in {self.where}")
        metadata = self._metadata(path)
        shutil.copyfile(path, target)
        return metadata

    @staticmethod
    def _metadata(path: Path) -> BackupMetadata:
        sidecar = path.with_name(path.name + _METADATA_SUFFIX)
        try:
            values = json.loads(sidecar.read_text(encoding="utf-8"))
        except (OSError, ValueError) as error:
            raise BackupStoreError(f"{sidecar} is missing or unreadable: {error}") from None
        return BackupMetadata.from_mapping({str(k): str(v) for k, v in values.items()})

    def backups(self) -> list[StoredBackup]:
        folder = self.root / self.settings.folder
        if not folder.is_dir():
            return []
        found = [
            StoredBackup(key=f"{self.settings.folder}{path.name}", metadata=self._metadata(path))
            for path in folder.iterdir()
            if path.is_file() and path.name.endswith(".gz")
        ]
        return sorted(found, key=lambda backup: backup.key)

    def prune(self, now: datetime) -> list[str]:
        """The folder's stand-in for the bucket's lifecycle rule: drop backups older than the
        retention, but never the newest one (a hub that stopped backing up keeps its last)."""
        cutoff = now - timedelta(days=self.settings.retention_days)
        every = self.backups()
        removed = []
        for backup in every[:-1]:
            if datetime.fromisoformat(backup.metadata.created_at) < cutoff:
                path = self._path(backup.key)
                path.unlink(missing_ok=True)
                path.with_name(path.name + _METADATA_SUFFIX).unlink(missing_ok=True)
                removed.append(backup.key)
        return removed


def _client(settings: BackupSettings) -> S3Client:
    return boto3.client(
        "s3",
        endpoint_url=settings.endpoint_url,
        region_name=settings.region,
        aws_access_key_id=settings.access_key_id,
        aws_secret_access_key=settings.secret_access_key,
        config=Config(
            s3={"addressing_style": "path"},
            connect_timeout=5,
            read_timeout=120,
            retries={"max_attempts": 5, "mode": "standard"},
        ),
    )


def _unsupported(error: ClientError) -> bool:
    code = error.response.get("Error", {}).get("Code", "")
    status = error.response.get("ResponseMetadata", {}).get("HTTPStatusCode", 0)
    return code in {"NotImplemented", "MethodNotAllowed", "XNotImplemented"} or status == 501


class S3BackupStore:
    """Backups in their own bucket; the bucket itself keeps versions and expires old ones."""

    def __init__(
        self, settings: BackupSettings, client_factory: Callable[[], S3Client] | None = None
    ) -> None:
        if settings.bucket is None:
            raise BackupStoreError("S3_BUCKET_BACKUPS is not set")
        self.settings = settings
        self.bucket: str = settings.bucket
        self.where = settings.where
        self.client = client_factory() if client_factory else _client(settings)

    def prepare(self) -> list[str]:
        """Turn on versioning and the retention rule if they are not on yet.

        A store without these features (some S3 look-alikes) still takes backups: we warn that
        old backups must be expired by hand instead of failing the night's backup.
        """
        warnings: list[str] = []
        try:
            self.client.head_bucket(Bucket=self.bucket)
        except (ClientError, BotoCoreError) as error:
            raise BackupStoreError(
                f"cannot reach the backups bucket {self.bucket}: {error}"
            ) from None
        try:
            status = self.client.get_bucket_versioning(Bucket=self.bucket).get("Status")
            if status != "Enabled":
                self.client.put_bucket_versioning(
                    Bucket=self.bucket, VersioningConfiguration={"Status": "Enabled"}
                )
        except ClientError as error:
            if not _unsupported(error):
                raise BackupStoreError(f"cannot turn on versioning: {error}") from None
            warnings.append(
                f"the store does not support versioning on {self.bucket}: an overwritten or "
                "deleted backup cannot be recovered"
            )
        try:
            self._ensure_lifecycle()
        except ClientError as error:
            if not _unsupported(error):
                raise BackupStoreError(f"cannot set the retention rule: {error}") from None
            warnings.append(
                f"the store does not support lifecycle rules on {self.bucket}: delete backups "
                f"older than {self.settings.retention_days} days yourself"
            )
        return warnings

    def _ensure_lifecycle(self) -> None:
        days = self.settings.retention_days
        ours = {
            "ID": LIFECYCLE_RULE_ID,
            "Filter": {"Prefix": f"{BACKUP_PREFIX}/"},
            "Status": "Enabled",
            "Expiration": {"Days": days},
            "NoncurrentVersionExpiration": {"NoncurrentDays": days},
            "AbortIncompleteMultipartUpload": {"DaysAfterInitiation": 2},
        }
        try:
            rules = self.client.get_bucket_lifecycle_configuration(Bucket=self.bucket)["Rules"]
        except ClientError as error:
            if error.response.get("Error", {}).get("Code") != "NoSuchLifecycleConfiguration":
                raise
            rules = []
        current = next((rule for rule in rules if rule.get("ID") == LIFECYCLE_RULE_ID), None)
        if current is not None and current.get("Expiration", {}).get("Days") == days:
            return
        others = [rule for rule in rules if rule.get("ID") != LIFECYCLE_RULE_ID]
        self.client.put_bucket_lifecycle_configuration(
            Bucket=self.bucket,
            LifecycleConfiguration={"Rules": [*others, ours]},  # type: ignore[list-item]
        )

    def upload(self, key: str, source: Path, metadata: BackupMetadata) -> str | None:
        key = _check_key(key, self.settings.folder)
        try:
            self.client.upload_file(
                str(source),
                self.bucket,
                key,
                ExtraArgs={"Metadata": metadata.as_s3(), "ContentType": "application/gzip"},
                Config=_TRANSFER,
            )
            head = self.client.head_object(Bucket=self.bucket, Key=key)
        except (ClientError, BotoCoreError) as error:
            raise BackupStoreError(f"uploading {key} failed: {error}") from None
        return head.get("VersionId")

    def download(self, key: str, target: Path, version_id: str | None = None) -> BackupMetadata:
        key = _check_key(key, self.settings.folder)
        try:
            if version_id:
                head = self.client.head_object(Bucket=self.bucket, Key=key, VersionId=version_id)
            else:
                head = self.client.head_object(Bucket=self.bucket, Key=key)
            self.client.download_file(
                self.bucket,
                key,
                str(target),
                ExtraArgs={"VersionId": version_id} if version_id else None,
                Config=_TRANSFER,
            )
        except ClientError as error:
            status = error.response.get("ResponseMetadata", {}).get("HTTPStatusCode")
            if status in {400, 404}:
                raise BackupStoreError(f"no backup {key!r} in {self.where}") from None
            raise BackupStoreError(f"downloading {key} failed: {error}") from None
        except BotoCoreError as error:
            raise BackupStoreError(f"downloading {key} failed: {error}") from None
        return BackupMetadata.from_mapping(head.get("Metadata", {}))

    def backups(self) -> list[StoredBackup]:
        found: list[StoredBackup] = []
        try:
            pages = self.client.get_paginator("list_objects_v2").paginate(
                Bucket=self.bucket, Prefix=self.settings.folder
            )
            for page in pages:
                for item in page.get("Contents", []):
                    key = item["Key"]
                    if not key.endswith(".gz"):
                        continue
                    head = self.client.head_object(Bucket=self.bucket, Key=key)
                    found.append(
                        StoredBackup(
                            key=key,
                            metadata=BackupMetadata.from_mapping(head.get("Metadata", {})),
                            version_id=head.get("VersionId"),
                        )
                    )
        except (ClientError, BotoCoreError) as error:
            raise BackupStoreError(f"cannot list {self.where}: {error}") from None
        return sorted(found, key=lambda backup: backup.key)

    def prune(self, now: datetime) -> list[str]:
        """Nothing to do: the bucket's lifecycle rule expires old backups."""
        del now
        return []


def open_backup_store(settings: BackupSettings) -> BackupStore:
    if settings.uses_s3:
        return S3BackupStore(settings)
    return LocalBackupStore(settings)


def utc_stamp(moment: datetime) -> str:
    """A key-safe, sortable UTC timestamp: 20261125T193000.123Z."""
    moment = moment.astimezone(UTC)
    return moment.strftime("%Y%m%dT%H%M%S.") + f"{moment.microsecond // 1000:03d}Z"


__all__ = [
    "LIFECYCLE_RULE_ID",
    "BackupMetadata",
    "BackupStore",
    "BackupStoreError",
    "LocalBackupStore",
    "S3BackupStore",
    "StoredBackup",
    "open_backup_store",
    "utc_stamp",
]
