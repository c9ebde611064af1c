"""An S3-protocol server on loopback: moto's `moto_server`, from this environment's dev deps.

moto keeps objects in memory only (the folder holds just its log) and is slow: fine for proving
behaviour, never for measuring object storage.
"""

from __future__ import annotations

import shutil
import sys
import tempfile
import urllib.error
import urllib.request
from importlib.metadata import PackageNotFoundError, version
from pathlib import Path
from typing import TYPE_CHECKING, Final

import boto3
from botocore.config import Config

from tests.harness.processes import (
    LOOPBACK,
    RunningServer,
    launch,
    start_on_free_port,
    wait_until_ready,
)

if TYPE_CHECKING:
    from mypy_boto3_s3 import S3Client
    from mypy_boto3_s3.type_defs import ObjectIdentifierTypeDef

REGION: Final = "us-east-1"
# moto accepts any keys; real ones must never reach a test.
DUMMY_KEY_ID: Final = "testing"
DUMMY_SECRET: Final = "testing"


def s3_client(endpoint_url: str) -> S3Client:
    """A boto3 S3 client for the endpoint: path-style (no bucket DNS), dummy keys, us-east-1."""
    return boto3.client(
        "s3",
        endpoint_url=endpoint_url,
        region_name=REGION,
        aws_access_key_id=DUMMY_KEY_ID,
        aws_secret_access_key=DUMMY_SECRET,
        config=Config(s3={"addressing_style": "path"}, retries={"max_attempts": 2}),
    )


def _server_header(endpoint_url: str) -> str | None:
    """The HTTP Server header of GET / (ListBuckets), or None while nothing answers."""
    try:
        with urllib.request.urlopen(endpoint_url + "/", timeout=2) as response:
            return str(response.headers.get("Server", "unknown"))
    except urllib.error.HTTPError as error:
        return str(error.headers.get("Server", "unknown"))
    except OSError:
        return None


def describe_endpoint(endpoint_url: str) -> tuple[str, str]:
    """(product, version) of an S3 endpoint we did not start, from its Server header."""
    header = _server_header(endpoint_url)
    return ("S3 server", header or "not answering")


def _moto_server_program() -> str:
    beside = Path(sys.executable).with_name("moto_server")
    if beside.exists():
        return str(beside)
    found = shutil.which("moto_server")
    if found is None:
        raise FileNotFoundError(
            "moto_server is not installed in this environment: run `uv sync` "
            "(moto[server] is in the dev dependency group)"
        )
    return found


def _moto_version() -> str:
    try:
        return version("moto")
    except PackageNotFoundError:
        return "unknown"


def start_s3() -> RunningServer:
    program = _moto_server_program()
    folder = Path(tempfile.mkdtemp(prefix="boolagold-s3-"))

    def start(port: int) -> RunningServer:
        process = launch(
            "S3 (moto_server)",
            [program, "-H", LOOPBACK, "-p", str(port)],
            log=folder / "moto_server.log",
            cwd=folder,
        )
        url = f"http://{LOOPBACK}:{port}"
        wait_until_ready(process, lambda: _server_header(url) is not None)
        return RunningServer(
            kind="s3",
            product="S3 (moto_server)",
            version=_moto_version(),
            url=url,
            process=process,
            folder=folder,
        )

    try:
        return start_on_free_port("S3", start)
    except BaseException:
        shutil.rmtree(folder, ignore_errors=True)
        raise


def delete_bucket(client: S3Client, bucket: str) -> None:
    """Delete every object version and delete marker, then the bucket itself."""
    paginator = client.get_paginator("list_object_versions")
    for page in paginator.paginate(Bucket=bucket):
        doomed: list[ObjectIdentifierTypeDef] = [
            {"Key": entry["Key"], "VersionId": entry["VersionId"]}
            for entry in [*page.get("Versions", []), *page.get("DeleteMarkers", [])]
        ]
        if doomed:
            client.delete_objects(Bucket=bucket, Delete={"Objects": doomed, "Quiet": True})
    client.delete_bucket(Bucket=bucket)
