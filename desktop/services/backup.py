"""Local backups: online copies into the shop's chosen folder, the last N kept, and restore.

`daily_backup` is what the window calls at start and at close: it makes one backup a shop day
(Asia/Kolkata) at most. Restore checks the file really is a counter database, takes a backup of
the current one first (so a wrong restore can be undone), and swaps the file in atomically.
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import Final

from desktop.paths import database_path, default_backup_dir
from desktop.services import settings as settings_store
from desktop.services.clock import SHOP_TZ, Clock, SystemClock
from desktop.services.context import CounterContext
from desktop.storage.snapshot import check_counter_database, snapshot
from shared.errors import InvalidInput

_NAME: Final = re.compile(r"^counter-(\d{8})-(\d{6})\.db$")


def backup_folder(ctx: CounterContext) -> Path:
    with ctx.session() as session:
        chosen = settings_store.read_settings(session).backup_dir
    return Path(chosen) if chosen else default_backup_dir(ctx.data_dir)


def list_backups(ctx: CounterContext, folder: Path | None = None) -> list[Path]:
    """Our backups in the folder, oldest first (names sort by their shop-time stamp)."""
    where = folder or backup_folder(ctx)
    if not where.is_dir():
        return []
    return sorted(path for path in where.iterdir() if _NAME.match(path.name))


def backup_now(ctx: CounterContext, folder: Path | None = None) -> Path:
    """Copy the live database into `folder` (default: the chosen backup folder); prune to N."""
    where = folder or backup_folder(ctx)
    stamp = ctx.clock.now().astimezone(SHOP_TZ).strftime("%Y%m%d-%H%M%S")
    target = where / f"counter-{stamp}.db"
    try:
        snapshot(ctx.db_path, target)
    except OSError as error:
        raise InvalidInput(
            f"cannot write a backup in {where}: {error.strerror}", "folder"
        ) from None
    with ctx.session() as session:
        keep = settings_store.read_settings(session).keep_backups
    for old in list_backups(ctx, where)[:-keep]:
        old.unlink(missing_ok=True)
    return target


def daily_backup(ctx: CounterContext) -> Path | None:
    """A backup unless one was already made today (shop date); returns it, or None."""
    today = ctx.today().strftime("%Y%m%d")
    if any(path.name.startswith(f"counter-{today}-") for path in list_backups(ctx)):
        return None
    return backup_now(ctx)


def restore(data_dir: Path, file: Path, clock: Clock | None = None) -> Path:
    """Replace the counter database in `data_dir` with the backup `file`.

    Call with every context on the folder closed. Returns the safety copy of the database that
    was replaced. The restored file is migrated (with its own backup) when next opened.
    """
    source = Path(file).expanduser().resolve()
    check_counter_database(source)
    target = database_path(data_dir)
    safety_dir = default_backup_dir(data_dir)
    stamp = (clock or SystemClock()).now().astimezone(SHOP_TZ).strftime("%Y%m%d-%H%M%S")
    safety = safety_dir / f"before-restore-{stamp}.db"
    if target.exists():
        snapshot(target, safety)
    incoming = target.with_name(target.name + ".restoring")
    snapshot(source, incoming)
    for suffix in ("-wal", "-shm"):
        Path(str(target) + suffix).unlink(missing_ok=True)
    incoming.replace(target)
    return safety
