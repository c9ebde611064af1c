"""Subscriptions and licences driven through time on an empty hub (embedded and production)."""

from tests.hub.licensing_support import licensing_hub  # noqa: F401
