"""File storage behind one small interface: S3 (any S3-compatible store) or a local folder.

Keys under `public/` are meant to be shown to anyone with the URL (shop logos); everything else
is private and only the hub reads it. With S3 the public files go to the public bucket (or the
private one when no public bucket is set). The hub serves `public/` itself at /files/public/
from either store, unless S3_PUBLIC_BASE_URL names a CDN or public bucket to link to instead.
"""

from __future__ import annotations

import time
from pathlib import Path, PurePosixPath
from typing import TYPE_CHECKING, Final, Protocol

import anyio
import boto3
from botocore.config import Config

from hub.settings import StorageSettings

if TYPE_CHECKING:
    from mypy_boto3_s3 import S3Client

PUBLIC_PREFIX: Final = "public/"
LOCAL_PUBLIC_ROUTE: Final = "/files/public"


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


def _safe_key(key: str) -> str:
    path = PurePosixPath(key)
    if path.is_absolute() or ".." in path.parts or not key or key.endswith("/"):
        msg = f"not a storage key: {key!r}"
        raise ValueError(msg)
    return str(path)


class LocalFileStorage:
    """Files in a folder on this machine (embedded default: one hub, no set-up)."""

    name = "local"

    def __init__(self, root: Path) -> None:
        self.root = root

    def _path(self, key: str) -> Path:
        return self.root / _safe_key(key)

    async def put(self, key: str, data: bytes, content_type: str) -> None:
        path = self._path(key)

        def write() -> None:
            path.parent.mkdir(parents=True, exist_ok=True)
            partial = path.with_suffix(path.suffix + ".partial")
            partial.write_bytes(data)
            partial.replace(path)

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
        return self.public_bucket if key.startswith(PUBLIC_PREFIX) else self.private_bucket

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


def open_file_storage(settings: StorageSettings) -> FileStorage:
    if settings.uses_s3:
        return S3FileStorage(settings)
    return LocalFileStorage(settings.local_root)
