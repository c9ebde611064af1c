"""Wire type of the licence status."""

from __future__ import annotations

from datetime import date

import msgspec


class LicenceStatus(msgspec.Struct):
    plan_code: str
    plan_name: str
    state: str
    """trial, active, grace, expired or unlicensed."""
    trial_ends_on: date | None
    amc_valid_until: date | None
    grace_days: int
    days_left: int | None
    """Until the trial or the AMC ends (negative once past); None when unlicensed."""
    terminal_limit: int
    terminals_in_use: int
    message: str
