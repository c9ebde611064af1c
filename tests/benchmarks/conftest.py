"""Benchmarks that need a hub use the hub suite's fixtures."""

from tests.hub.fixtures import *  # noqa: F403
