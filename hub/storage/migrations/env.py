"""Alembic environment of the hub: the shared tables plus the hub's own."""

from hub.storage.hub_tables import HubBase
from shared.tables import Base
from shared.tables.migration_env import run_migrations

run_migrations([Base.metadata, HubBase.metadata])
