"""File storage behind one small interface: S3 (any S3-compatible store) or a local folder.

Keys under `public/` are meant to be shown to anyone with the URL (shop logos); everything else
is private and only the hub reads it. With S3 the public files go to the public bucket (or the
private one when no public bucket is set). The hub serves `public/` itself at /files/public/
from either store, unless S3_PUBLIC_BASE_URL names a CDN or public bucket to link to instead.

Report exports (`exports/`) and archived invoice PDFs (`invoices/`) go to their own private
buckets when S3_BUCKET_EXPORTS / S3_BUCKET_INVOICES are set (else the private bucket). They are
downloaded through `signed_url` links that expire: S3 presigns them; the local folder gets a
hub link (`/files/signed/<token>`, see hub.exports.links). Exports are removed after seven days
by an S3 lifecycle rule (`ensure_lifecycle`) and, for every store, by the exports clean-up job.
"""

from __future__ import annotations

import time
import uuid
from collections.abc import Callable
from pathlib import Path, PurePosixPath
from typing import TYPE_CHECKING, Final, Protocol

import anyio
import boto3
from botocore.config import Config
from botocore.exceptions import ClientError

from hub.exports.links import SIGNED_ROUTE, SignedFile, content_disposition, sign, signable
from hub.settings import StorageSettings

if TYPE_CHECKING:
    from mypy_boto3_s3 import S3Client
    from mypy_boto3_s3.type_defs import LifecycleRuleTypeDef

PUBLIC_PREFIX: Final = "public/"
EXPORTS_PREFIX: Final = "exports/"
INVOICES_PREFIX: Final = "invoices/"
LOCAL_PUBLIC_ROUTE: Final = "/files/public"
EXPORT_LIFETIME_DAYS: Final = 7
LIFECYCLE_RULE_ID: Final = "boolagold-exports-expire-7-days"


class FileStorage(Protocol):
    name: str

    async def put(self, key: str, data: bytes, content_type: str) -> None: ...

    async def get(self, key: str) -> bytes: ...

    def public_url(self, key: str) -> str:
        """The address a browser loads a `public/` key from."""
        ...

    async def ping(self) -> float:
        """Latency in ms of a trivial request (raises when the store is unreachable)."""
        ...

    async def delete(self, key: str) -> None:
        """Remove a file; removing one that is already gone is not an error (idempotent)."""
        ...

    def signed_url(self, key: str, *, seconds: int, download_name: str, content_type: str) -> str:
        """A link anyone holding it may download `key` (an `exports/` or `invoices/` file) from
        for `seconds`, saved as `download_name`; absolute for S3, a hub path for the folder."""
        ...

    async def ensure_lifecycle(self) -> bool:
        """Make the store remove exports after seven days by itself; False when it cannot
        (a folder), so the clean-up job is the only remover. Safe to call again and again."""
        ...


def _safe_key(key: str) -> str:
    path = PurePosixPath(key)
    if path.is_absolute() or ".." in path.parts or not key or key.endswith("/"):
        msg = f"not a storage key: {key!r}"
        raise ValueError(msg)
    return str(path)


def _check_link(key: str, seconds: int) -> str:
    key = _safe_key(key)
    if not signable(key):
        msg = f"{key!r} is not a file that may be shared by link"
        raise ValueError(msg)
    if seconds <= 0:
        msg = "a link must stay valid for at least a second"
        raise ValueError(msg)
    return key


class LocalFileStorage:
    """Files in a folder on this machine (embedded default: one hub, no set-up).

    `link_key` signs download links (hub.exports.links.link_key of the session secret); `clock`
    gives Unix seconds, injectable so a test can make a link that has already expired.
    """

    name = "local"

    def __init__(
        self,
        root: Path,
        link_key: bytes | None = None,
        clock: Callable[[], float] = time.time,
    ) -> None:
        self.root = root
        self.link_key = link_key
        self.clock = clock

    def _path(self, key: str) -> Path:
        return self.root / _safe_key(key)

    async def put(self, key: str, data: bytes, content_type: str) -> None:
        path = self._path(key)

        def write() -> None:
            path.parent.mkdir(parents=True, exist_ok=True)
            # A name of its own per write, so two instances putting one key never trip over
            # each other's half-written file; the rename is atomic, the last write wins.
            partial = path.with_name(f".{path.name}.{uuid.uuid4().hex}.partial")
            try:
                partial.write_bytes(data)
                partial.replace(path)
            finally:
                partial.unlink(missing_ok=True)

        await anyio.to_thread.run_sync(write)

    async def get(self, key: str) -> bytes:
        return await anyio.to_thread.run_sync(self._path(key).read_bytes)

    def public_url(self, key: str) -> str:
        key = _safe_key(key)
        if not key.startswith(PUBLIC_PREFIX):
            msg = f"{key!r} is not a public file"
            raise ValueError(msg)
        return f"{LOCAL_PUBLIC_ROUTE}/{key.removeprefix(PUBLIC_PREFIX)}"

    async def ping(self) -> float:
        started = time.perf_counter()

        def probe() -> None:
            self.root.mkdir(parents=True, exist_ok=True)
            probe_file = self.root / ".health"
            probe_file.write_bytes(b"ok")
            probe_file.unlink()

        await anyio.to_thread.run_sync(probe)
        return (time.perf_counter() - started) * 1000

    async def delete(self, key: str) -> None:
        await anyio.to_thread.run_sync(lambda: self._path(key).unlink(missing_ok=True))

    def signed_url(self, key: str, *, seconds: int, download_name: str, content_type: str) -> str:
        key = _check_link(key, seconds)
        if self.link_key is None:
            msg = "this file store was opened without a link key, so it cannot sign links"
            raise RuntimeError(msg)
        expires = int(self.clock()) + seconds
        token = sign(SignedFile(key, expires, download_name, content_type), self.link_key)
        return f"{SIGNED_ROUTE}/{token}"

    async def ensure_lifecycle(self) -> bool:
        return False


class S3FileStorage:
    """Files in S3 buckets (boto3 in a worker thread: its client is synchronous)."""

    name = "s3"

    def __init__(self, settings: StorageSettings) -> None:
        private = settings.s3_private_bucket or settings.s3_public_bucket
        if private is None:
            msg = "S3 storage needs S3_BUCKET_PRIVATE or S3_BUCKET_PUBLIC"
            raise ValueError(msg)
        self.private_bucket = private
        self.public_bucket = settings.s3_public_bucket or private
        self.exports_bucket = settings.s3_exports_bucket or private
        self.invoices_bucket = settings.s3_invoices_bucket or private
        self.endpoint_url = settings.s3_endpoint_url
        self.public_base_url = settings.s3_public_base_url
        self.client: S3Client = boto3.client(
            "s3",
            endpoint_url=settings.s3_endpoint_url,
            region_name=settings.s3_region,
            aws_access_key_id=settings.s3_access_key_id,
            aws_secret_access_key=settings.s3_secret_access_key,
            config=Config(
                s3={"addressing_style": "path"},
                connect_timeout=3,
                read_timeout=10,
                retries={"max_attempts": 2},
            ),
        )

    def _bucket(self, key: str) -> str:
        if key.startswith(PUBLIC_PREFIX):
            return self.public_bucket
        if key.startswith(EXPORTS_PREFIX):
            return self.exports_bucket
        if key.startswith(INVOICES_PREFIX):
            return self.invoices_bucket
        return self.private_bucket

    async def put(self, key: str, data: bytes, content_type: str) -> None:
        key = _safe_key(key)
        bucket = self._bucket(key)

        def upload() -> None:
            self.client.put_object(Bucket=bucket, Key=key, Body=data, ContentType=content_type)

        await anyio.to_thread.run_sync(upload)

    async def get(self, key: str) -> bytes:
        """The object's bytes; a missing key raises FileNotFoundError (as the folder does)."""
        key = _safe_key(key)
        bucket = self._bucket(key)

        def download() -> bytes:
            try:
                return self.client.get_object(Bucket=bucket, Key=key)["Body"].read()
            except self.client.exceptions.NoSuchKey as error:
                raise FileNotFoundError(key) from error

        return await anyio.to_thread.run_sync(download)

    def public_url(self, key: str) -> str:
        """The CDN or public bucket address when S3_PUBLIC_BASE_URL is set; otherwise the hub
        serves the file itself (no public bucket policy needed)."""
        key = _safe_key(key)
        if not key.startswith(PUBLIC_PREFIX):
            msg = f"{key!r} is not a public file"
            raise ValueError(msg)
        if self.public_base_url:
            return f"{self.public_base_url.rstrip('/')}/{key}"
        return f"{LOCAL_PUBLIC_ROUTE}/{key.removeprefix(PUBLIC_PREFIX)}"

    async def ping(self) -> float:
        started = time.perf_counter()
        await anyio.to_thread.run_sync(lambda: self.client.head_bucket(Bucket=self.private_bucket))
        return (time.perf_counter() - started) * 1000

    async def delete(self, key: str) -> None:
        key = _safe_key(key)
        bucket = self._bucket(key)
        await anyio.to_thread.run_sync(lambda: self.client.delete_object(Bucket=bucket, Key=key))

    def signed_url(self, key: str, *, seconds: int, download_name: str, content_type: str) -> str:
        """A presigned GET that makes the browser save the file under `download_name`."""
        key = _check_link(key, seconds)
        return self.client.generate_presigned_url(
            "get_object",
            Params={
                "Bucket": self._bucket(key),
                "Key": key,
                "ResponseContentDisposition": content_disposition(download_name),
                "ResponseContentType": content_type,
            },
            ExpiresIn=seconds,
        )

    async def ensure_lifecycle(self) -> bool:
        """Put (or keep) the rule expiring `exports/` after seven days on the exports bucket,
        leaving any other rule the bucket has alone."""
        bucket = self.exports_bucket

        def apply() -> bool:
            try:
                rules = self.client.get_bucket_lifecycle_configuration(Bucket=bucket)["Rules"]
            except ClientError as error:
                if error.response.get("Error", {}).get("Code") != "NoSuchLifecycleConfiguration":
                    raise
                rules = []
            ours = _export_rule()
            if any(rule == ours for rule in rules):
                return True
            others = [rule for rule in rules if rule.get("ID") != LIFECYCLE_RULE_ID]
            self.client.put_bucket_lifecycle_configuration(
                Bucket=bucket, LifecycleConfiguration={"Rules": [*others, ours]}
            )
            return True

        return await anyio.to_thread.run_sync(apply)


def _export_rule() -> LifecycleRuleTypeDef:
    return {
        "ID": LIFECYCLE_RULE_ID,
        "Filter": {"Prefix": EXPORTS_PREFIX},
        "Status": "Enabled",
        "Expiration": {"Days": EXPORT_LIFETIME_DAYS},
    }


def open_file_storage(settings: StorageSettings, link_key: bytes | None = None) -> FileStorage:
    """The store the settings name; `link_key` signs the folder store's download links."""
    if settings.uses_s3:
        return S3FileStorage(settings)
    return LocalFileStorage(settings.local_root, link_key)
