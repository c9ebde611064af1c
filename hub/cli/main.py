"""The hub's command line (the `hub` group of `boolagold`).

`serve` with no DATABASE_URL runs on embedded defaults in the data folder (the current folder's
`hub-data`, or `--data-dir`) and migrates that database itself; with a production database,
`migrate` is a separate deployment step so several instances never race to migrate.
"""

from __future__ import annotations

import asyncio
import os
from pathlib import Path
from typing import TYPE_CHECKING

import click

from hub.settings import DATA_DIR_ENV, HubSettings, SettingsError

if TYPE_CHECKING:
    from hub.demo import DemoLogins

_DATA_DIR = click.option(
    "--data-dir",
    type=click.Path(file_okay=False, path_type=Path),
    default=None,
    help=f"Folder for the embedded database and files (default: ./hub-data or ${DATA_DIR_ENV}).",
)


def _settings(data_dir: Path | None) -> HubSettings:
    try:
        settings = HubSettings.from_env(data_dir=data_dir)
    except SettingsError as error:
        raise click.ClickException(str(error)) from None
    if settings.database.is_embedded:
        settings.data_dir.mkdir(parents=True, exist_ok=True)
    return settings


def _migrate(settings: HubSettings) -> None:
    from hub.storage import database  # noqa: PLC0415 - Alembic only when migrating

    database.migrate(settings.database.migration_url)


@click.group("hub")
def hub() -> None:
    """The multi-tenant hub: web pages for owners and the operator, the counters' API."""


@hub.command()
@click.option("--host", default="127.0.0.1", show_default=True)
@click.option("--port", default=8000, show_default=True, type=int)
@_DATA_DIR
@click.option("--seed-demo", "seed", is_flag=True, help="Also create the demo shop first.")
def serve(host: str, port: int, data_dir: Path | None, *, seed: bool) -> None:
    """Run the hub with uvicorn (embedded defaults when DATABASE_URL is not set)."""
    import uvicorn  # noqa: PLC0415

    from hub.app import create_app  # noqa: PLC0415

    settings = _settings(data_dir)
    if settings.database.is_embedded:
        _migrate(settings)
    if seed:
        click.echo(asyncio.run(_seed(settings)).describe(f"http://{host}:{port}"))
    click.echo(f"hub on http://{host}:{port} ({_describe(settings)})", err=True)
    uvicorn.run(create_app(settings), host=host, port=port, log_level="warning", access_log=False)


def _describe(settings: HubSettings) -> str:
    database = "SQLite" if settings.database.is_embedded else "MySQL/MariaDB"
    cache = "Redis" if settings.cache.redis_url else "in-process store"
    files = "S3" if settings.storage.uses_s3 else f"files in {settings.storage.local_root}"
    return f"{database}, {cache}, {files}"


@hub.command()
@_DATA_DIR
def migrate(data_dir: Path | None) -> None:
    """Bring the hub's database to the newest schema."""
    settings = _settings(data_dir)
    _migrate(settings)
    click.echo("the hub's database is up to date")


@hub.command("create-operator")
@click.option("--email", required=True)
@click.option("--name", "display_name", default="Operator", show_default=True)
@click.password_option("--password", help="Asked for when not given.")
@_DATA_DIR
def create_operator(email: str, display_name: str, password: str, data_dir: Path | None) -> None:
    """Create a platform operator (or reset their password)."""
    from hub.security.passwords import check_new_password  # noqa: PLC0415
    from shared.errors import InvalidInput  # noqa: PLC0415

    try:
        check_new_password(password)
    except InvalidInput as error:
        raise click.ClickException(error.reason) from None
    settings = _settings(data_dir)
    if settings.database.is_embedded:
        _migrate(settings)
    asyncio.run(_create_operator(settings, email, password, display_name))
    click.echo(f"operator {email.strip().lower()} can sign in")


async def _create_operator(settings: HubSettings, email: str, password: str, name: str) -> None:
    from hub.core.resources import build_resources  # noqa: PLC0415
    from hub.demo import create_operator  # noqa: PLC0415

    resources = build_resources(settings)
    try:
        await create_operator(resources, email, password, name)
    finally:
        await resources.close()


@hub.command("licence-key")
@_DATA_DIR
def licence_key(data_dir: Path | None) -> None:
    """Print the public key (kid=base64) counters must trust for this hub's licences.

    A development hub with no LICENCE_SIGNING_KEY makes its key now if it has none yet.
    """
    from hub.domain.licence.keys import load_or_create_signing_key  # noqa: PLC0415
    from hub.ops.logging import configure_logging  # noqa: PLC0415

    configure_logging()  # log lines on stderr: stdout is only the key, for scripts
    settings = _settings(data_dir)
    try:
        key = load_or_create_signing_key(settings)
    except SettingsError as error:
        raise click.ClickException(error.reason) from None
    click.echo(key.public_text())


@hub.command("new-licence-key")
@click.argument("kid")
def new_licence_key(kid: str) -> None:
    """Make a licence signing key named KID (for rotation): the private text (the value of
    LICENCE_SIGNING_KEY, for the secret store) on stdout, the public text on stderr."""
    from shared.licence import generate_signing_key, signing_key_text  # noqa: PLC0415

    try:
        key = generate_signing_key(kid)
    except ValueError as error:
        raise click.ClickException(str(error)) from None
    click.echo(signing_key_text(key), nl=False)
    click.echo(f"counters trust: {key.public_text()}", err=True)


@hub.command("seed-demo")
@_DATA_DIR
@click.option(
    "--url", default="http://127.0.0.1:8000", show_default=True, help="Shown with the logins."
)
def seed_demo(data_dir: Path | None, url: str) -> None:
    """Create a demo shop with staff, terminals, rates, stock (some awaiting HUID) and a month
    of invoices."""
    settings = _settings(data_dir)
    if settings.database.is_embedded:
        _migrate(settings)
    click.echo(asyncio.run(_seed(settings)).describe(url))


async def _seed(settings: HubSettings) -> DemoLogins:
    from hub.core.resources import build_resources  # noqa: PLC0415
    from hub.demo import seed_demo as seed  # noqa: PLC0415

    resources = build_resources(settings)
    try:
        return await seed(resources)
    finally:
        await resources.close()


def _register_ops_commands() -> None:
    """serve-prod, backup, backups, restore, probe live in hub/cli/ops.py (issue 8)."""
    from hub.cli.ops import OPS_COMMANDS  # noqa: PLC0415

    for command in OPS_COMMANDS:
        hub.add_command(command)


_register_ops_commands()

__all__ = ["hub"]

if __name__ == "__main__":
    os.environ.setdefault("PYTHONUNBUFFERED", "1")
    hub()
