"""The hub's operations commands: `serve-prod`, `worker`, `backup`, `backups`, `restore`, `probe`.

They read the same environment as `serve` (DATABASE_URL, S3_*, HUB_INSTANCE_NAME, ...) plus
S3_BUCKET_BACKUPS, BACKUP_RETENTION_DAYS and HUB_WORKERS, so a systemd unit or a container runs
them with one environment file. Registered on the `hub` group by `hub.cli.main`.
"""

from __future__ import annotations

import os
from pathlib import Path
from typing import TYPE_CHECKING, Final

import click

from hub.settings import DATA_DIR_ENV, HubSettings, SettingsError

if TYPE_CHECKING:
    from litestar import Litestar

    from hub.ops.backup import BackupService

WORKERS_ENV: Final = "HUB_WORKERS"

_DATA_DIR = click.option(
    "--data-dir",
    type=click.Path(file_okay=False, path_type=Path),
    default=None,
    help=f"Folder of an embedded hub (default: ./hub-data or ${DATA_DIR_ENV}).",
)


def _settings(data_dir: Path | None) -> HubSettings:
    try:
        return HubSettings.from_env(data_dir=data_dir)
    except SettingsError as error:
        raise click.ClickException(error.reason) from None


def _say(line: str) -> None:
    """Progress and warnings on stderr: stdout stays for results scripts read."""
    click.echo(line, err=True)


def _service(data_dir: Path | None) -> BackupService:
    from hub.ops.backup import BackupService  # noqa: PLC0415 - boto3 only when needed
    from hub.ops.backup_settings import BackupSettings  # noqa: PLC0415

    settings = _settings(data_dir)
    try:
        backups = BackupSettings.from_env(settings.storage, settings.instance_name)
    except SettingsError as error:
        raise click.ClickException(error.reason) from None
    return BackupService.for_hub(settings, backups, _say)


def production_app() -> Litestar:
    """The app factory each uvicorn worker calls: settings from the worker's environment."""
    from hub.app import create_app  # noqa: PLC0415

    settings = HubSettings.from_env()
    return create_app(settings)


@click.command("serve-prod")
@click.option("--host", default="127.0.0.1", show_default=True)
@click.option("--port", default=8000, show_default=True, type=int)
@click.option(
    "--workers",
    type=click.IntRange(1, 64),
    default=1,
    show_default=True,
    envvar=WORKERS_ENV,
    help=f"Worker processes (or ${WORKERS_ENV}); about one per core.",
)
@_DATA_DIR
def serve_prod(host: str, port: int, workers: int, data_dir: Path | None) -> None:
    """Run the hub for production behind a reverse proxy: several workers, proxy headers
    trusted from FORWARDED_ALLOW_IPS (default 127.0.0.1), migrations NOT run (`hub migrate` is
    a separate step, so instances never race to migrate)."""
    import uvicorn  # noqa: PLC0415

    if data_dir is not None:
        os.environ[DATA_DIR_ENV] = str(data_dir.resolve())  # the workers read the environment
    settings = _settings(data_dir)
    if settings.database.is_embedded:
        settings.data_dir.mkdir(parents=True, exist_ok=True)
    _say(f"hub on http://{host}:{port} with {workers} worker(s), instance {settings.instance_name}")
    uvicorn.run(
        "hub.cli.ops:production_app",
        factory=True,
        host=host,
        port=port,
        workers=workers,
        proxy_headers=True,
        log_level="warning",
        access_log=False,
        timeout_graceful_shutdown=20,
    )


@click.command("worker")
@_DATA_DIR
def worker(data_dir: Path | None) -> None:
    """Run the hub's background work (report exports, archiving invoice PDFs, clean-ups) and
    serve no requests. Production runs one or more beside web instances started with
    BACKGROUND=off, so a PDF being drawn never delays a counter's sync; stops on SIGTERM."""
    import anyio  # noqa: PLC0415

    from hub.app import BACKGROUND_WORKERS  # noqa: PLC0415
    from hub.core.background import run_until_signalled  # noqa: PLC0415
    from hub.core.resources import build_resources  # noqa: PLC0415
    from hub.ops.logging import configure_logging  # noqa: PLC0415

    settings = _settings(data_dir)
    settings.validate()
    configure_logging()
    names = ", ".join(getattr(w, "__name__", repr(w)) for w in BACKGROUND_WORKERS)
    _say(f"background worker for instance {settings.instance_name}: {names}")

    async def run() -> None:
        resources = build_resources(settings)
        try:
            await run_until_signalled(resources, BACKGROUND_WORKERS)
        finally:
            await resources.close()

    anyio.run(run)
    _say("background worker stopped")


@click.command("backup")
@_DATA_DIR
def backup(data_dir: Path | None) -> None:
    """Dump the hub's database, compress it and store it in the backups bucket (or folder).

    Prints the backup's key on stdout.
    """
    from hub.ops.backup import BackupError  # noqa: PLC0415

    try:
        done = _service(data_dir).backup()
    except BackupError as error:
        raise click.ClickException(str(error)) from None
    for key in done.pruned:
        _say(f"expired {key}")
    version = f" (version {done.version_id})" if done.version_id else ""
    _say(
        f"backed up schema {done.metadata.schema_revision}, {done.metadata.size} bytes, "
        f"sha256 {done.metadata.sha256} to {done.where}{version}"
    )
    click.echo(done.key)


@click.command("backups")
@_DATA_DIR
def backups(data_dir: Path | None) -> None:
    """List this hub's backups, oldest first."""
    from hub.ops.backup import BackupError  # noqa: PLC0415

    service = _service(data_dir)
    try:
        found = service.backups()
    except BackupError as error:
        raise click.ClickException(str(error)) from None
    if not found:
        _say(f"no backups in {service.store.where}")
        return
    for item in found:
        meta = item.metadata
        columns = (item.key, meta.kind, str(meta.size), meta.schema_revision, meta.created_at)
        click.echo("\t".join(columns))


@click.command("restore")
@click.argument("key", required=False)
@click.option("--latest", is_flag=True, help="Restore the newest backup.")
@click.option("--version-id", default=None, help="An older version of KEY (versioned buckets).")
@click.option("--force", is_flag=True, help="Replace a database that already has tables.")
@_DATA_DIR
def restore(
    key: str | None, version_id: str | None, data_dir: Path | None, *, latest: bool, force: bool
) -> None:
    """Bring a backup (KEY, or --latest) back into the hub's database; stop the hub first.

    Run `boolagold hub migrate` afterwards when the backup is from an older release.
    """
    from hub.ops.backup import BackupError  # noqa: PLC0415

    if latest == (key is not None):
        raise click.UsageError("name a backup KEY or give --latest (one of them)")
    service = _service(data_dir)
    try:
        chosen = service.latest_key() if key is None else key
        done = service.restore(chosen, force=force, version_id=version_id)
    except BackupError as error:
        raise click.ClickException(str(error)) from None
    click.echo(f"restored {done.key}: {done.tables} tables, schema {done.metadata.schema_revision}")


@click.command("probe")
@click.option(
    "--url",
    default="http://127.0.0.1:8000/api/health",
    show_default=True,
    help="The health address to ask.",
)
@click.option("--timeout", default=5.0, show_default=True, type=float, help="Seconds.")
def probe(url: str, timeout: float) -> None:
    """Exit 0 when the hub answers its health check with 200, else 1 (the container's
    HEALTHCHECK and monitoring scripts call this; no curl needed in the image)."""
    import httpx  # noqa: PLC0415

    try:
        response = httpx.get(url, timeout=timeout)
    except httpx.HTTPError as error:
        raise click.ClickException(f"{url}: {error}") from None
    if response.status_code != 200:
        raise click.ClickException(f"{url}: {response.status_code} {response.text[:500]}")
    click.echo(f"{url}: ok")


OPS_COMMANDS: Final = (serve_prod, worker, backup, backups, restore, probe)

__all__ = ["OPS_COMMANDS", "production_app"]
