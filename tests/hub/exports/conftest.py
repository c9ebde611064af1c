"""The export tests run the worker's steps themselves: the app's own workers are switched off
so they cannot race them (hub.core.background reads BACKGROUND when the app starts)."""

from __future__ import annotations

import pytest


@pytest.fixture(autouse=True)
def _no_background_workers(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("BACKGROUND", "off")
