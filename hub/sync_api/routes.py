"""What `hub.app.create_app` mounts from this package."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Final

from litestar.types import ControllerRouterHandler

from hub.sync_api.controller import SyncController

SYNC_CONTROLLERS: Final[Sequence[ControllerRouterHandler]] = (SyncController,)
