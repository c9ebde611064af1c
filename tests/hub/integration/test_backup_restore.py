"""`hub backup` / `hub restore`: a seeded hub with synced rows survives being destroyed.

On MariaDB + moto S3 (production) and on the embedded SQLite hub with its local folder: back up,
drop every table, restore, and compare every table row by row (a checksum per table). The
retention rule, versioning, the damaged-backup refusal and the store without lifecycle support
are checked too.
"""

from __future__ import annotations

import hashlib
import subprocess
import uuid
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import TYPE_CHECKING, Any

import pytest
from botocore.stub import Stubber
from sqlalchemy import create_engine, inspect
from sqlalchemy import text as sqltext
from sqlalchemy.engine import Engine, make_url

from hub.ops.backup import BackupError, BackupService, hub_database
from hub.ops.backup_mariadb import dump_options
from hub.ops.backup_settings import BackupSettings
from hub.ops.backup_store import (
    LIFECYCLE_RULE_ID,
    LocalBackupStore,
    S3BackupStore,
    open_backup_store,
)
from hub.ops.backup_streams import Progress
from hub.settings import HubSettings, StorageSettings
from hub.storage import database
from tests.harness.s3_server import DUMMY_KEY_ID, DUMMY_SECRET, REGION, s3_client
from tests.hub.fixtures import HubUnderTest
from tests.hub.sync.test_sync_api import customer_row, device, enrol, issue_code, push_body

if TYPE_CHECKING:
    from mypy_boto3_s3 import S3Client


def table_checksums(url: str) -> dict[str, tuple[int, str]]:
    """Every table's row count and a SHA-256 over its rows in primary-key order."""
    engine = create_engine(url)
    try:
        return _checksums(engine)
    finally:
        engine.dispose()


def _checksums(engine: Engine) -> dict[str, tuple[int, str]]:
    inspector = inspect(engine)
    found: dict[str, tuple[int, str]] = {}
    with engine.connect() as connection:
        for name in sorted(inspector.get_table_names()):
            columns = [column["name"] for column in inspector.get_columns(name)]
            keys = inspector.get_pk_constraint(name)["constrained_columns"] or columns
            quoted = ", ".join(_quote(engine, column) for column in columns)
            order = ", ".join(_quote(engine, column) for column in keys)
            rows = connection.exec_driver_sql(
                f"SELECT {quoted} FROM {_quote(engine, name)} ORDER BY {order}"
            ).all()
            digest = hashlib.sha256()
            for row in rows:
                digest.update(repr(tuple(row)).encode())
            found[name] = (len(rows), digest.hexdigest())
    return found


def schema_of(url: str) -> dict[str, str]:
    """Every table's columns, keys, foreign keys and indexes as the database reports them."""
    engine = create_engine(url)
    try:
        inspector = inspect(engine)
        return {
            name: repr(
                (
                    [
                        (c["name"], str(c["type"]), c["nullable"])
                        for c in inspector.get_columns(name)
                    ],
                    inspector.get_pk_constraint(name),
                    sorted(map(repr, inspector.get_foreign_keys(name))),
                    sorted(map(repr, inspector.get_indexes(name))),
                    sorted(map(repr, inspector.get_unique_constraints(name))),
                )
            )
            for name in inspector.get_table_names()
        }
    finally:
        engine.dispose()


def _quote(engine: Engine, name: str) -> str:
    return engine.dialect.identifier_preparer.quote_identifier(name)


def drop_every_table(url: str) -> None:
    engine = create_engine(url)
    try:
        names = inspect(engine).get_table_names()
        with engine.begin() as connection:
            if engine.dialect.name == "mysql":
                connection.exec_driver_sql("SET FOREIGN_KEY_CHECKS = 0")
            else:
                connection.exec_driver_sql("PRAGMA foreign_keys = OFF")
            for name in names:
                connection.exec_driver_sql(f"DROP TABLE {_quote(engine, name)}")
        assert inspect(engine).get_table_names() == []
    finally:
        engine.dispose()


def backup_settings(
    hub_settings: HubSettings, bucket: str | None, endpoint: str | None
) -> BackupSettings:
    return BackupSettings(
        instance="test-hub",
        local_root=hub_settings.storage.local_root,
        bucket=bucket,
        endpoint_url=endpoint,
        region=REGION,
        access_key_id=DUMMY_KEY_ID,
        secret_access_key=DUMMY_SECRET,
    )


def push_some_sales(hub: HubUnderTest) -> int:
    """Enrol a new till and push customers through the real sync API (rows in the feed too)."""
    granted = enrol(hub.client(), issue_code(hub, "Backup till")).json()
    shop_id = uuid.UUID(granted["shop_id"])
    names = ["Lakshmi Rao", "Meena Iyer", "ರಮೇಶ್ ಗೌಡ", "Anand ₹ Traders"]
    body = push_body(granted["terminal_id"], [customer_row(shop_id, name) for name in names])
    pushed = hub.client().post(
        "/api/terminal/sync/push", json=body, headers=device(granted["secret"])
    )
    assert pushed.status_code == 200, pushed.text
    assert [answer["result"] for answer in pushed.json()["answers"]] == ["applied"] * len(names)
    return len(names)


@pytest.fixture
def backups_bucket(hub_settings: HubSettings, request: pytest.FixtureRequest) -> str | None:
    """A bucket of its own for the production hub's backups (none for the embedded hub)."""
    if hub_settings.database.is_embedded:
        return None
    client: S3Client = request.getfixturevalue("s3_client")
    name = f"backups-{uuid.uuid4().hex[:20]}"
    client.create_bucket(Bucket=name)
    return name


def test_a_destroyed_hub_comes_back_row_for_row(
    hub: HubUnderTest, backups_bucket: str | None, request: pytest.FixtureRequest
) -> None:
    settings = hub.settings
    pushed = push_some_sales(hub)
    endpoint = None if backups_bucket is None else request.getfixturevalue("s3_endpoint_url")
    backups = backup_settings(settings, backups_bucket, endpoint)
    lines: list[str] = []
    service = BackupService.for_hub(settings, backups, lines.append)
    url = settings.database.migration_url
    before = table_checksums(url)
    shape = schema_of(url)
    assert before["customer"][0] >= pushed
    assert before["change_feed"][0] > 0
    assert sum(count for count, _ in before.values()) > 100  # the demo seed is really there

    done = service.backup()
    assert done.key.startswith("backups/test-hub/")
    assert done.key.endswith(".sql.gz" if backups_bucket else ".sqlite3.gz")
    assert done.metadata.schema_revision == hub_database(settings.database.url).schema_revision()
    assert [item.key for item in service.backups()] == [done.key]
    assert any(line.startswith("uploading") for line in lines)

    refused = table_checksums(url)
    with pytest.raises(BackupError, match="not empty"):
        service.restore(done.key, force=False)
    assert table_checksums(url) == refused  # a refused restore changes nothing

    drop_every_table(url)
    restored = service.restore(service.latest_key(), force=False)
    assert restored.tables == len(before)
    after = table_checksums(url)
    assert after == before  # read through a new engine, not the app's pool
    assert schema_of(url) == shape  # keys, foreign keys and indexes came back too


@pytest.mark.integration
def test_the_bucket_keeps_versions_and_expires_backups_after_30_days(
    tmp_path: Path, mariadb_url: str, s3_endpoint_url: str, s3_client: S3Client
) -> None:
    database.migrate(mariadb_url)
    bucket = f"backups-{uuid.uuid4().hex[:20]}"
    s3_client.create_bucket(Bucket=bucket)
    settings = BackupSettings(
        instance="prod",
        local_root=tmp_path,
        bucket=bucket,
        endpoint_url=s3_endpoint_url,
        region=REGION,
        access_key_id=DUMMY_KEY_ID,
        secret_access_key=DUMMY_SECRET,
    )
    service = BackupService(
        hub_database(mariadb_url), open_backup_store(settings), settings, lambda _line: None
    )
    first = service.backup()

    assert s3_client.get_bucket_versioning(Bucket=bucket)["Status"] == "Enabled"
    rules = s3_client.get_bucket_lifecycle_configuration(Bucket=bucket)["Rules"]
    ours = next(rule for rule in rules if rule["ID"] == LIFECYCLE_RULE_ID)
    assert ours["Expiration"]["Days"] == 30
    assert ours["NoncurrentVersionExpiration"]["NoncurrentDays"] == 30
    assert ours["Status"] == "Enabled"
    head = s3_client.head_object(Bucket=bucket, Key=first.key)
    assert head["Metadata"]["sha256"] == first.metadata.sha256
    assert head["Metadata"]["schema-revision"] == first.metadata.schema_revision

    # Someone overwrites the backup: the damaged copy is refused before the database is
    # touched, and the bucket still has the original version to restore.
    s3_client.put_object(
        Bucket=bucket, Key=first.key, Body=b"not a dump", Metadata=first.metadata.as_s3()
    )
    drop_every_table(mariadb_url)
    with pytest.raises(BackupError, match="damaged"):
        service.restore(first.key, force=False)
    assert hub_database(mariadb_url).tables() == []
    service.restore(first.key, force=False, version_id=first.version_id)
    assert "alembic_version" in hub_database(mariadb_url).tables()
    database.check(mariadb_url)


def _local_service(folder: Path, clock: list[datetime]) -> BackupService:
    url = f"sqlite:///{folder / 'hub.db'}"
    database.migrate(url)
    settings = BackupSettings(instance="hub", local_root=folder / "files", retention_days=30)
    return BackupService(
        hub_database(url), LocalBackupStore(settings), settings, lambda _: None, lambda: clock[0]
    )


def test_the_backup_folder_keeps_30_days_but_always_the_newest(tmp_path: Path) -> None:
    clock = [datetime(2026, 9, 1, 20, 30, tzinfo=UTC)]
    service = _local_service(tmp_path, clock)
    keys = []
    for _ in range(3):
        keys.append(service.backup().key)
        clock[0] += timedelta(days=20)
    assert [item.key for item in service.backups()] == keys[1:]  # 40 days old: expired
    clock[0] += timedelta(days=200)
    assert service.backup().pruned == tuple(keys[1:])


def test_a_damaged_local_backup_is_refused_and_nothing_changes(tmp_path: Path) -> None:
    service = _local_service(tmp_path, [datetime(2026, 9, 1, tzinfo=UTC)])
    done = service.backup()
    stored = tmp_path / "files" / done.key
    stored.write_bytes(stored.read_bytes()[:-10] + b"0123456789")
    before = table_checksums(f"sqlite:///{tmp_path / 'hub.db'}")
    with pytest.raises(BackupError, match="damaged"):
        service.restore(done.key, force=True)
    assert table_checksums(f"sqlite:///{tmp_path / 'hub.db'}") == before
    with pytest.raises(BackupError, match="not a backup of this hub"):
        service.restore("backups/other/../../hub.db", force=True)


def test_a_store_without_versioning_or_lifecycle_warns_and_still_backs_up(
    tmp_path: Path,
) -> None:
    settings = BackupSettings(
        instance="hub", local_root=tmp_path, bucket="plain", endpoint_url="http://store.invalid"
    )
    client = s3_client("http://store.invalid")
    store = S3BackupStore(settings, client_factory=lambda: client)
    with Stubber(client) as stub:
        stub.add_response("head_bucket", {}, {"Bucket": "plain"})
        stub.add_client_error("get_bucket_versioning", "NotImplemented", http_status_code=501)
        stub.add_client_error(
            "get_bucket_lifecycle_configuration", "NotImplemented", http_status_code=501
        )
        warnings = store.prepare()
        stub.assert_no_pending_responses()
    assert len(warnings) == 2
    assert "versioning" in warnings[0]
    assert "older than 30 days yourself" in warnings[1]


def test_backup_settings_come_from_the_environment(tmp_path: Path) -> None:
    storage = StorageSettings(local_root=tmp_path, s3_endpoint_url="http://s3.local:9000")
    settings = BackupSettings.from_env(
        storage, "prod-1", {"S3_BUCKET_BACKUPS": "hub-backups", "BACKUP_RETENTION_DAYS": "45"}
    )
    assert settings.bucket == "hub-backups"
    assert settings.retention_days == 45
    assert settings.where == "s3://hub-backups/backups/prod-1/"
    assert BackupSettings.from_env(storage, "prod-1", {}).uses_s3 is False
    with pytest.raises(ValueError, match="BACKUP_RETENTION_DAYS"):
        BackupSettings.from_env(storage, "prod-1", {"BACKUP_RETENTION_DAYS": "a month"})
    with pytest.raises(ValueError, match="HUB_INSTANCE_NAME"):
        BackupSettings.from_env(storage, "Prod 1", {})


def test_the_embedded_hub_backs_up_and_restores_with_the_same_commands(tmp_path: Path) -> None:
    from click.testing import CliRunner  # noqa: PLC0415

    from hub.cli.main import hub  # noqa: PLC0415

    runner = CliRunner()
    unset = ("DATABASE_URL", "S3_BUCKET_BACKUPS", "S3_BUCKET_PRIVATE", "FILES_DIR")
    env: dict[str, str | None] = dict.fromkeys(unset)
    env |= {"BOOLAGOLD_HUB_DATA_DIR": str(tmp_path / "hub"), "HUB_ENV": "development"}

    def run(*args: str) -> Any:
        return runner.invoke(hub, list(args), env=env, catch_exceptions=False)

    assert run("migrate").exit_code == 0
    empty = run("backups")
    assert empty.stdout == ""
    assert "no backups in" in empty.stderr  # stdout stays for scripts
    made = run("backup")
    assert made.exit_code == 0, made.output
    key = made.stdout.strip()
    assert key.startswith("backups/hub/")
    assert (tmp_path / "hub" / "files" / key).is_file()
    listed = run("backups").stdout.split("\t")
    assert listed[:2] == [key, "sqlite"]
    refused = run("restore", "--latest")
    assert refused.exit_code == 1
    assert "not empty" in refused.output
    restored = run("restore", "--latest", "--force")
    assert restored.exit_code == 0, restored.output
    assert restored.stdout.startswith(f"restored {key}: ")


def test_restoring_needs_exactly_one_of_a_key_or_latest(tmp_path: Path) -> None:
    from click.testing import CliRunner  # noqa: PLC0415

    from hub.cli.main import hub  # noqa: PLC0415

    runner = CliRunner()
    both = runner.invoke(hub, ["restore", "--latest", "k", "--data-dir", str(tmp_path)])
    neither = runner.invoke(hub, ["restore", "--data-dir", str(tmp_path)])
    assert both.exit_code == neither.exit_code == 2
    assert "one of them" in neither.output


def test_binary_log_coordinates_are_recorded_only_when_the_server_keeps_binary_logs() -> None:
    assert "--master-data=2" in dump_options(binary_logging=True)
    assert "--master-data=2" not in dump_options(binary_logging=False)
    assert "--single-transaction" in dump_options(binary_logging=False)


@pytest.mark.integration
def test_the_password_goes_in_an_option_file_never_on_the_command_line(
    tmp_path: Path, mariadb_url: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A password with quotes, a backslash, a space, '#' and ';' (option-file syntax) works,
    and no dump or client command line carries it."""
    password = 'p"a\\ss w#rd;1'
    user = f"bk{uuid.uuid4().hex[:10]}"
    url = make_url(mariadb_url)
    engine = create_engine(mariadb_url)
    try:
        with engine.begin() as connection:
            connection.execute(
                sqltext(f"CREATE USER '{user}'@'127.0.0.1' IDENTIFIED BY :password"),
                {"password": password},
            )
            connection.execute(sqltext(f"GRANT ALL ON `{url.database}`.* TO '{user}'@'127.0.0.1'"))
    finally:
        engine.dispose()
    own_url = url.set(username=user, password=password).render_as_string(hide_password=False)
    database.migrate(own_url)
    seen: list[list[str]] = []
    real_popen = subprocess.Popen

    def recording_popen(argv: list[str], **kwargs: Any) -> subprocess.Popen[bytes]:
        seen.append(list(argv))
        return real_popen(argv, **kwargs)

    monkeypatch.setattr(subprocess, "Popen", recording_popen)
    settings = BackupSettings(instance="hub", local_root=tmp_path)
    service = BackupService(
        hub_database(own_url), LocalBackupStore(settings), settings, lambda _line: None
    )
    done = service.backup()
    drop_every_table(mariadb_url)
    service.restore(done.key, force=False)
    database.check(own_url)
    assert len(seen) == 2  # one dump, one load
    assert all(password not in " ".join(argv) for argv in seen)
    assert all(argv[1].startswith("--defaults-file=") for argv in seen)


def test_progress_is_reported_at_most_every_ten_seconds() -> None:
    lines: list[str] = []
    now = [0.0]
    progress = Progress("dumped", lines.append, clock=lambda: now[0])
    progress.advance(1024 * 1024)
    assert lines == []
    now[0] = 10.5
    progress.advance(1024 * 1024)
    assert lines == ["dumped 2.0 MB in 10 s"]
    now[0] = 12.0
    progress.advance(1)
    assert len(lines) == 1
    progress.finish()
    assert lines[-1] == "dumped 2.0 MB in 12.0 s"
