"""The hub's deploy files (packaging/hub/): what they run exists, parses and works here.

Containers cannot be built on our machines, so the container file and compose file are checked
for what they run (every `boolagold hub ...` command parses with its options), and the systemd
units are verified by `systemd-analyze verify` and then their very commands are run against the
test MariaDB and S3 with the environment file example: migrate, backup, serve-prod with
workers, and the container's health probe.
"""

from __future__ import annotations

import os
import re
import signal
import subprocess
import sys
import time
import uuid
from collections.abc import Iterator
from pathlib import Path
from typing import TYPE_CHECKING, Any, Final

import httpx
import pytest
import yaml  # type: ignore[import-untyped]  # PyYAML comes with litestar; no stubs locked
from click import Command, Group

from hub.cli.main import hub
from hub.settings import HubEnvironment, HubSettings, async_url
from shared.licence import generate_signing_key
from tests.harness.processes import free_port
from tests.harness.s3_server import DUMMY_KEY_ID, DUMMY_SECRET, REGION

if TYPE_CHECKING:
    from mypy_boto3_s3 import S3Client

ROOT: Final = Path(__file__).resolve().parents[2]
PACKAGING: Final = ROOT / "packaging" / "hub"
UNITS: Final = PACKAGING / "systemd"
ENV_EXAMPLE: Final = PACKAGING / "hub.env.example"
INSTALLED_BINARY: Final = "/opt/boolagold/venv/bin/boolagold"
INSTALLED_ENV_FILE: Final = "/etc/boolagold/hub.env"
LOCAL_BINARY: Final = Path(sys.executable).with_name("boolagold")


def read_unit(path: Path) -> dict[str, dict[str, list[str]]]:
    """A systemd unit as {section: {key: [values...]}} (keys may repeat in units)."""
    sections: dict[str, dict[str, list[str]]] = {}
    current: dict[str, list[str]] = {}
    for raw in path.read_text(encoding="utf-8").splitlines():
        line = raw.strip()
        if not line or line.startswith(("#", ";")):
            continue
        if line.startswith("[") and line.endswith("]"):
            current = sections.setdefault(line[1:-1], {})
            continue
        key, _, value = line.partition("=")
        current.setdefault(key.strip(), []).append(value.strip())
    return sections


def read_env_file(path: Path) -> dict[str, str]:
    values = {}
    for raw in path.read_text(encoding="utf-8").splitlines():
        line = raw.strip()
        if line and not line.startswith("#"):
            key, _, value = line.partition("=")
            values[key] = value
    return values


def hub_command_argv(argv: list[str]) -> list[str]:
    """The arguments after `boolagold hub` (fails when the command is not the hub's CLI)."""
    program = Path(argv[0]).name
    assert program == "boolagold", argv
    assert argv[1] == "hub", argv
    return argv[2:]


def parse_hub_command(arguments: list[str]) -> dict[str, Any]:
    """Parse `hub <command> <options>` as click would, without running it."""
    name, *rest = arguments
    assert isinstance(hub, Group)
    command = hub.commands.get(name)
    assert isinstance(command, Command), f"`boolagold hub {name}` does not exist"
    with command.make_context(name, list(rest)) as context:
        return dict(context.params)


UNIT_NAMES: Final = (
    "boolagold-hub.service",
    "boolagold-hub-migrate.service",
    "boolagold-hub-backup.service",
    "boolagold-hub-worker.service",
    "boolagold-hub-backup.timer",
)


@pytest.fixture(scope="module")
def units() -> dict[str, dict[str, dict[str, list[str]]]]:
    return {name: read_unit(UNITS / name) for name in UNIT_NAMES}


def exec_start(unit: dict[str, dict[str, list[str]]]) -> list[str]:
    (line,) = unit["Service"]["ExecStart"]
    return line.split()


def test_migrations_run_before_the_hub_and_backups_daily(
    units: dict[str, dict[str, dict[str, list[str]]]],
) -> None:
    hub_unit = units["boolagold-hub.service"]
    migrate = units["boolagold-hub-migrate.service"]
    assert "boolagold-hub-migrate.service" in hub_unit["Unit"]["Requires"]
    assert "boolagold-hub-migrate.service" in " ".join(hub_unit["Unit"]["After"])
    assert migrate["Unit"]["Before"] == ["boolagold-hub.service"]
    assert migrate["Service"]["Type"] == ["oneshot"]
    assert units["boolagold-hub-backup.service"]["Service"]["Type"] == ["oneshot"]
    timer = units["boolagold-hub-backup.timer"]["Timer"]
    assert timer["Unit"] == ["boolagold-hub-backup.service"]
    assert timer["Persistent"] == ["true"]
    assert timer["OnCalendar"] == ["*-*-* 02:30:00 Asia/Kolkata"]
    for name in UNIT_NAMES[:4]:
        service = units[name]["Service"]
        assert service["User"] == ["boolagold"], name  # never root
        assert service["EnvironmentFile"] == [INSTALLED_ENV_FILE], name
        assert exec_start(units[name])[0] == INSTALLED_BINARY, name


def test_every_command_the_deploy_files_run_exists_with_its_options(
    units: dict[str, dict[str, dict[str, list[str]]]],
) -> None:
    served = exec_start(units["boolagold-hub.service"])
    assert "${HUB_WORKERS}" in served  # the worker count comes from the settings file
    params = parse_hub_command(hub_command_argv([x.replace("${HUB_WORKERS}", "3") for x in served]))
    assert params["workers"] == 3
    assert params["host"] == "127.0.0.1"  # behind the reverse proxy, never on the open net
    # The web workers leave exports and PDF archiving to the worker unit.
    assert units["boolagold-hub.service"]["Service"]["Environment"] == [
        "HUB_WORKERS=2 BACKGROUND=off"
    ]
    for name in (
        "boolagold-hub-migrate.service",
        "boolagold-hub-backup.service",
        "boolagold-hub-worker.service",
    ):
        parse_hub_command(hub_command_argv(exec_start(units[name])))
    assert exec_start(units["boolagold-hub-worker.service"])[1:] == ["hub", "worker"]

    compose = yaml.safe_load((PACKAGING / "compose.yaml").read_text(encoding="utf-8"))
    services = compose["services"]
    for name in ("migrate", "hub", "worker", "backup"):
        parse_hub_command(hub_command_argv(services[name]["command"]))
    assert services["hub"]["environment"]["BACKGROUND"] == "off"
    assert "BACKGROUND" not in services["worker"].get("environment", {})
    assert services["hub"]["depends_on"]["migrate"] == {
        "condition": "service_completed_successfully"
    }
    assert {"mysql", "redis", "minio", "migrate", "hub"} <= set(services)
    assert services["mysql"]["image"].startswith("mysql:8")
    assert services["hub"]["environment"]["HUB_WORKERS"] == "${HUB_WORKERS:-2}"

    containerfile = (PACKAGING / "Containerfile").read_text(encoding="utf-8")
    assert re.search(r"^USER boolagold$", containerfile, flags=re.MULTILINE)
    assert containerfile.count("\nFROM ") == 2  # multi-stage: build, then runtime
    assert "uv sync --frozen" in containerfile
    healthcheck = re.search(r"HEALTHCHECK .*?CMD (\[.*?\])", containerfile, flags=re.DOTALL)
    cmd = re.search(r"^CMD (\[.*\])$", containerfile, flags=re.MULTILINE)
    assert healthcheck is not None
    assert cmd is not None
    probe = yaml.safe_load(healthcheck.group(1))
    assert parse_hub_command(hub_command_argv(probe))["url"].endswith("/api/health")
    parse_hub_command(hub_command_argv(yaml.safe_load(cmd.group(1))))


def test_the_environment_example_makes_valid_production_settings(tmp_path: Path) -> None:
    example = read_env_file(ENV_EXAMPLE)
    filled = fill_secrets(example)
    settings = HubSettings.from_env(filled, data_dir=tmp_path)
    assert settings.environment is HubEnvironment.PRODUCTION
    assert not settings.database.is_embedded
    assert settings.storage.uses_s3
    assert settings.cache.redis_url
    hub_sources = "\n".join(
        path.read_text(encoding="utf-8") for path in (ROOT / "hub").rglob("*.py")
    )
    for name in example:
        if name != "FORWARDED_ALLOW_IPS":  # read by uvicorn itself
            assert f'"{name}"' in hub_sources, f"{name} is in the example but nothing reads it"


def fill_secrets(example: dict[str, str]) -> dict[str, str]:
    """The example with its CHANGE-ME values filled as an operator would."""
    key = generate_signing_key("test2026")
    raw = key.private_key.private_bytes_raw()
    import base64  # noqa: PLC0415

    one_line = f"{key.kid}:" + base64.urlsafe_b64encode(raw).decode().rstrip("=")
    filled = {name: value.replace("CHANGE-ME", "secret") for name, value in example.items()}
    filled["JWT_SECRET"] = "x" * 48
    filled["LICENCE_SIGNING_KEY"] = one_line
    return filled


def test_systemd_accepts_the_units(tmp_path: Path) -> None:
    """`systemd-analyze verify` on the units, pointed at this checkout's program and an
    environment file, with no warning at all (an unknown key is only a warning to systemd)."""
    env_file = tmp_path / "hub.env"
    env_file.write_text(ENV_EXAMPLE.read_text(encoding="utf-8"), encoding="utf-8")
    for name in UNIT_NAMES:
        text = (UNITS / name).read_text(encoding="utf-8")
        text = text.replace(INSTALLED_BINARY, str(LOCAL_BINARY))
        (tmp_path / name).write_text(text.replace(INSTALLED_ENV_FILE, str(env_file)))
    result = subprocess.run(
        ["systemd-analyze", "verify", *(str(tmp_path / name) for name in UNIT_NAMES)],
        capture_output=True,
        text=True,
        check=False,
        timeout=60,
    )
    assert (result.returncode, result.stdout + result.stderr) == (0, "")
    calendar = subprocess.run(
        ["systemd-analyze", "calendar", "*-*-* 02:30:00 Asia/Kolkata"],
        capture_output=True,
        text=True,
        check=False,
        timeout=30,
    )
    assert calendar.returncode == 0, calendar.stderr
    assert "21:00:00 UTC" in calendar.stdout  # 02:30 in India


# --- the units' own commands, run here against MariaDB and S3 --------------------------------


@pytest.fixture
def unit_environment(
    tmp_path: Path, mariadb_url: str, redis_url: str, s3_endpoint_url: str, s3_client: S3Client
) -> dict[str, str]:
    """hub.env.example as an operator fills it for this host's MariaDB, Redis and S3."""
    files, backups = (f"{kind}-{uuid.uuid4().hex[:16]}" for kind in ("files", "backups"))
    for bucket in (files, backups):
        s3_client.create_bucket(Bucket=bucket)
    filled = fill_secrets(read_env_file(ENV_EXAMPLE))
    filled.update(
        {
            "DATABASE_URL": async_url(mariadb_url),
            "REDIS_URL": redis_url,
            "S3_ENDPOINT_URL": s3_endpoint_url,
            "S3_REGION": REGION,
            "S3_ACCESS_KEY_ID": DUMMY_KEY_ID,
            "S3_SECRET_ACCESS_KEY": DUMMY_SECRET,
            "S3_BUCKET_PRIVATE": files,
            "S3_BUCKET_BACKUPS": backups,
            "HUB_INSTANCE_NAME": "unit-test",
        }
    )
    base = {name: os.environ[name] for name in ("PATH", "HOME", "LANG") if name in os.environ}
    return {**base, **filled, "BOOLAGOLD_HUB_DATA_DIR": str(tmp_path / "state")}


def run_unit_command(unit: str, env: dict[str, str], cwd: Path) -> subprocess.CompletedProcess[str]:
    argv = exec_start(read_unit(UNITS / unit))
    argv[0] = str(LOCAL_BINARY)
    cwd.mkdir(parents=True, exist_ok=True)
    return subprocess.run(
        argv, env=env, cwd=cwd, capture_output=True, text=True, check=False, timeout=300
    )


@pytest.mark.integration
def test_the_migrate_and_backup_units_work_against_mariadb_and_s3(
    tmp_path: Path, unit_environment: dict[str, str], s3_client: S3Client
) -> None:
    migrated = run_unit_command("boolagold-hub-migrate.service", unit_environment, tmp_path)
    assert migrated.returncode == 0, migrated.stderr
    again = run_unit_command("boolagold-hub-migrate.service", unit_environment, tmp_path)
    assert again.returncode == 0, again.stderr  # every restart migrates: a no-op at head

    backed_up = run_unit_command("boolagold-hub-backup.service", unit_environment, tmp_path)
    assert backed_up.returncode == 0, backed_up.stderr
    key = backed_up.stdout.strip()
    assert key.startswith("backups/unit-test/")
    assert key.endswith(".sql.gz")
    head = s3_client.head_object(Bucket=unit_environment["S3_BUCKET_BACKUPS"], Key=key)
    assert head["Metadata"]["kind"] == "mariadb"
    assert head["Metadata"]["schema-revision"] != "none"
    assert "password" not in backed_up.stderr.lower()


@pytest.fixture
def served_hub(tmp_path: Path, unit_environment: dict[str, str]) -> Iterator[tuple[str, int]]:
    """The hub unit's ExecStart (two workers) on a free port, after the migrate unit."""
    migrated = run_unit_command("boolagold-hub-migrate.service", unit_environment, tmp_path)
    assert migrated.returncode == 0, migrated.stderr
    port = free_port()
    argv = [
        {"${HUB_WORKERS}": "2", "8000": str(port)}.get(part, part)
        for part in exec_start(read_unit(UNITS / "boolagold-hub.service"))
    ]
    argv[0] = str(LOCAL_BINARY)
    log = (tmp_path / "hub.log").open("w")
    process = subprocess.Popen(
        argv, env=unit_environment, cwd=tmp_path, stdout=log, stderr=subprocess.STDOUT
    )
    url = f"http://127.0.0.1:{port}"
    try:
        deadline = time.monotonic() + 60
        while True:
            try:
                if httpx.get(f"{url}/api/health", timeout=2).status_code == 200:
                    break
            except httpx.HTTPError:
                pass
            assert process.poll() is None, (tmp_path / "hub.log").read_text()
            assert time.monotonic() < deadline, (tmp_path / "hub.log").read_text()
            time.sleep(0.3)
        yield url, process.pid
    finally:
        process.send_signal(signal.SIGTERM)
        try:
            process.wait(timeout=30)
        finally:
            if process.poll() is None:
                process.kill()
            log.close()


def worker_pids(parent: int) -> set[int]:
    """The uvicorn worker processes under `parent` (not multiprocessing's resource tracker)."""
    children: set[int] = set()
    for task in Path(f"/proc/{parent}/task").iterdir():
        children |= {int(pid) for pid in (task / "children").read_text().split()}
    return {pid for pid in children if b"spawn_main" in Path(f"/proc/{pid}/cmdline").read_bytes()}


@pytest.mark.integration
def test_the_hub_unit_serves_with_workers_and_the_probe_sees_it(
    served_hub: tuple[str, int], unit_environment: dict[str, str]
) -> None:
    url, parent = served_hub
    assert len(worker_pids(parent)) == 2  # --workers ${HUB_WORKERS}
    health = httpx.get(f"{url}/api/health", timeout=5).json()
    assert health["status"] == "ok"
    assert {part["name"]: part["backend"] for part in health["parts"]} == {
        "database": "mysql",
        "cache": "redis",
        "storage": "s3",
    }
    probe = subprocess.run(
        [str(LOCAL_BINARY), "hub", "probe", "--url", f"{url}/api/health"],
        env=unit_environment,
        capture_output=True,
        text=True,
        check=False,
        timeout=60,
    )
    assert probe.returncode == 0, probe.stderr
    down = subprocess.run(
        [str(LOCAL_BINARY), "hub", "probe", "--url", f"http://127.0.0.1:{free_port()}/api/health"],
        env=unit_environment,
        capture_output=True,
        text=True,
        check=False,
        timeout=60,
    )
    assert down.returncode == 1
