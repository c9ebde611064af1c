"""Alembic environment of the hub: the shared tables, the hub's own and the sync protocol's."""

from hub.storage.hub_tables import HubBase
from shared.tables import Base
from shared.tables.migration_env import run_migrations
from sync.server.tables import SyncBase

run_migrations([Base.metadata, HubBase.metadata, SyncBase.metadata])
