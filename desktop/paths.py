"""Where the counter keeps its data: one folder per installation, holding `counter.db`.

The folder comes from, in order: the `--data-dir` flag, the `BOOLAGOLD_DATA_DIR` environment
variable, then the platform's per-user data folder (platformdirs). Tests and support staff point
the counter at any folder without touching the user's real data; nothing here creates folders
or reads anything at import time.
"""

from __future__ import annotations

import os
from collections.abc import Mapping
from pathlib import Path
from typing import Final

from platformdirs import user_data_dir

APP_NAME: Final = "BoolaGold"
ENV_VAR: Final = "BOOLAGOLD_DATA_DIR"
DB_NAME: Final = "counter.db"
BACKUP_FOLDER: Final = "backups"


def resolve_data_dir(
    explicit: Path | str | None = None, env: Mapping[str, str] | None = None
) -> Path:
    """The data folder to use (not created): flag, then environment, then the platform default."""
    if explicit is not None and str(explicit).strip():
        return Path(explicit).expanduser().resolve()
    environment = os.environ if env is None else env
    from_env = environment.get(ENV_VAR, "").strip()
    if from_env:
        return Path(from_env).expanduser().resolve()
    return Path(user_data_dir(APP_NAME, APP_NAME))


def database_path(data_dir: Path) -> Path:
    """The counter's SQLite file inside a data folder."""
    return data_dir / DB_NAME


def default_backup_dir(data_dir: Path) -> Path:
    """Where backups go until the shop chooses a folder (ideally another disk or a USB drive)."""
    return data_dir / BACKUP_FOLDER
