"""The hub's tests share the fixtures that start a hub (tests/hub/fixtures.py)."""

from tests.hub.fixtures import *  # noqa: F403
