"""The servers are real and do what the code will ask of them in production."""

from __future__ import annotations

import subprocess
import sys
import urllib.request
import uuid
from pathlib import Path
from typing import TYPE_CHECKING

import pytest
import redis
from sqlalchemy import (
    Column,
    Integer,
    MetaData,
    String,
    Table,
    create_engine,
    func,
    inspect,
    select,
    text,
)
from sqlalchemy.orm import DeclarativeBase, Mapped, Session, mapped_column

from tests.harness import mariadb
from tests.harness.databases import create_test_engine, rolled_back_session
from tests.harness.s3_server import s3_client as make_s3_client

if TYPE_CHECKING:
    from mypy_boto3_s3 import S3Client

pytestmark = pytest.mark.integration

ROOT = Path(__file__).resolve().parents[2]


class _Throwaway(DeclarativeBase):
    """A model of our own, so the session fixture is tested apart from the shared tables."""


class _Note(_Throwaway):
    __tablename__ = "harness_note"

    id: Mapped[int] = mapped_column(primary_key=True)
    body: Mapped[str] = mapped_column(String(100))


# --- MariaDB ---------------------------------------------------------------------------------


def test_mariadb_round_trips_the_rupee_sign(mariadb_url: str) -> None:
    engine = create_engine(mariadb_url)
    try:
        with engine.begin() as connection:
            assert connection.dialect.name == "mysql"
            assert connection.scalar(text("SELECT @@character_set_database")) == "utf8mb4"
            connection.execute(text("CREATE TABLE price (label VARCHAR(40) NOT NULL)"))
            connection.execute(
                text("INSERT INTO price VALUES (:label)"), {"label": "₹ 1,01,555.94"}
            )
        with engine.connect() as connection:
            assert connection.scalar(text("SELECT label FROM price")) == "₹ 1,01,555.94"
            assert "MariaDB" in str(connection.scalar(text("SELECT VERSION()")))
    finally:
        engine.dispose()


def test_each_mariadb_database_is_created_and_dropped(mariadb_server_url: str) -> None:
    name = f"harness_{uuid.uuid4().hex[:12]}"
    url = mariadb.create_database(mariadb_server_url, name)
    engine = create_engine(mariadb_server_url)
    try:
        assert url.endswith(f"/{name}?charset=utf8mb4")
        with engine.connect() as connection:
            assert name in inspect(connection).get_schema_names()
        mariadb.drop_database(mariadb_server_url, name)
        with engine.connect() as connection:
            assert name not in inspect(connection).get_schema_names()
    finally:
        engine.dispose()


def test_db_url_is_a_fresh_empty_database(db_url: str) -> None:
    engine = create_engine(db_url)
    table = Table("scan", MetaData(), Column("tag", String(20)), Column("milligrams", Integer))
    try:
        with engine.begin() as connection:
            assert inspect(connection).get_table_names() == []
            table.create(connection)
            connection.execute(table.insert(), [{"tag": "HUID-AB12CD", "milligrams": 10_250}])
        with engine.connect() as connection:
            assert connection.scalar(select(table.c.milligrams)) == 10_250
    finally:
        engine.dispose()


def test_a_rolled_back_session_leaves_nothing_behind(db_url: str) -> None:
    engine = create_test_engine(db_url)
    try:
        _Throwaway.metadata.create_all(engine)
        with rolled_back_session(engine) as session:
            session.add(_Note(id=1, body="gold chain 22K"))
            session.commit()  # the code under test commits; only a savepoint is released
            session.add(_Note(id=2, body="silver anklet"))
            session.flush()
            session.rollback()  # back to the last commit, inside the test
            assert session.scalars(select(_Note.body)).all() == ["gold chain 22K"]
        with Session(engine) as fresh:
            assert fresh.scalar(select(func.count()).select_from(_Note)) == 0
    finally:
        engine.dispose()


def test_db_session_has_every_shared_table(db_session: Session) -> None:
    from shared.tables import Base  # noqa: PLC0415 - the kernel is imported where it is used

    names = set(inspect(db_session.connection()).get_table_names())
    assert set(Base.metadata.tables) <= names
    assert db_session.get_bind().dialect.name in {"sqlite", "mysql"}


# --- Redis -----------------------------------------------------------------------------------


def test_redis_sets_and_gets(redis_client: redis.Redis) -> None:
    assert redis_client.dbsize() == 0  # flushed before each test
    redis_client.set("rate:shop-1:gold-24k", "7_450_00", ex=60)
    assert redis_client.get("rate:shop-1:gold-24k") == b"7_450_00"
    assert redis_client.ttl("rate:shop-1:gold-24k") > 0
    assert int(redis_client.info("server")["redis_version"].split(".")[0]) >= 6


def test_redis_is_flushed_between_tests(redis_url: str) -> None:
    client = redis.Redis.from_url(redis_url)
    try:
        assert client.dbsize() == 0
        client.set("left-behind", "1")
    finally:
        client.close()


# --- S3 --------------------------------------------------------------------------------------


def test_s3_puts_and_gets(s3_client: S3Client, s3_bucket: str) -> None:
    s3_client.put_object(
        Bucket=s3_bucket, Key="invoices/INV-0001.pdf", Body=b"%PDF-1.7 \xe2\x82\xb9"
    )
    body = s3_client.get_object(Bucket=s3_bucket, Key="invoices/INV-0001.pdf")["Body"].read()
    assert body == b"%PDF-1.7 \xe2\x82\xb9"


def test_s3_bucket_versioning_keeps_the_old_copy(s3_client: S3Client, s3_bucket: str) -> None:
    s3_client.put_bucket_versioning(Bucket=s3_bucket, VersioningConfiguration={"Status": "Enabled"})
    assert s3_client.get_bucket_versioning(Bucket=s3_bucket)["Status"] == "Enabled"
    first = s3_client.put_object(Bucket=s3_bucket, Key="logo.png", Body=b"old")["VersionId"]
    s3_client.put_object(Bucket=s3_bucket, Key="logo.png", Body=b"new")
    versions = s3_client.list_object_versions(Bucket=s3_bucket)["Versions"]
    assert len(versions) == 2
    old = s3_client.get_object(Bucket=s3_bucket, Key="logo.png", VersionId=first)["Body"].read()
    assert old == b"old"
    assert s3_client.get_object(Bucket=s3_bucket, Key="logo.png")["Body"].read() == b"new"


def test_a_presigned_url_fetches_the_object(s3_client: S3Client, s3_bucket: str) -> None:
    s3_client.put_object(Bucket=s3_bucket, Key="exports/gstr1.json", Body=b'{"b2b": []}')
    url = s3_client.generate_presigned_url(
        "get_object", Params={"Bucket": s3_bucket, "Key": "exports/gstr1.json"}, ExpiresIn=300
    )
    assert "X-Amz-Signature=" in url or "Signature=" in url
    with urllib.request.urlopen(url, timeout=30) as response:
        assert response.read() == b'{"b2b": []}'


def test_buckets_are_unique_per_test(s3_endpoint_url: str, s3_bucket: str) -> None:
    client = make_s3_client(s3_endpoint_url)
    assert client.list_objects_v2(Bucket=s3_bucket)["KeyCount"] == 0


# --- The developer command -------------------------------------------------------------------


def test_the_servers_command_starts_and_stops_a_set(tmp_path: Path) -> None:
    state = tmp_path / "servers.json"
    command = [sys.executable, "-m", "tests.harness.servers"]
    started = subprocess.run(
        [*command, "start", "--state-file", str(state)],
        cwd=ROOT,
        capture_output=True,
        text=True,
        check=False,
        timeout=300,
    )
    try:
        assert started.returncode == 0, started.stdout + started.stderr
        assert "export BOOLAGOLD_TEST_MARIADB_URL='mysql+pymysql://" in started.stdout
        assert "export BOOLAGOLD_TEST_REDIS_URL='redis://127.0.0.1:" in started.stdout
        assert "export BOOLAGOLD_TEST_S3_URL='http://127.0.0.1:" in started.stdout
        status = subprocess.run(
            [*command, "status", "--state-file", str(state)],
            cwd=ROOT,
            capture_output=True,
            text=True,
            check=False,
            timeout=60,
        )
        assert status.stdout.count(" running: ") == 3, status.stdout
    finally:
        stopped = subprocess.run(
            [*command, "stop", "--state-file", str(state)],
            cwd=ROOT,
            capture_output=True,
            text=True,
            check=False,
            timeout=300,
        )
    assert stopped.returncode == 0, stopped.stdout + stopped.stderr
    assert stopped.stdout.count("stopped ") == 3
    assert not state.exists()
