"""Alembic environment of the counter: the shared tables plus the counter's own."""

from desktop.storage.local_tables import LocalBase
from shared.tables import Base
from shared.tables.migration_env import run_migrations

run_migrations([Base.metadata, LocalBase.metadata])
