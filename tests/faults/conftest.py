"""Fault scenarios run real processes: a hub on MariaDB + Redis, counters, the fault proxy."""

from tests.hub.fixtures import *  # noqa: F403
