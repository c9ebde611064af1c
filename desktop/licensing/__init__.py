"""The counter's licence, without a database or a window: which keys it trusts, the clock that
never goes back, and which licence applies (the hub's signed one, or the local trial).

`desktop.services.licence` keeps these in the counter's settings and enforces them when an
invoice is issued; the window and the command line only show what it decides.
"""

from desktop.licensing.keys import PRODUCTION_TRUST, TRUST_ENV, trusted_keys
from desktop.licensing.policy import (
    DEFAULT_SUPPORT_CONTACT,
    LOCAL_TRIAL_DAYS,
    LicenceSource,
    LicenceStatus,
    judge,
    local_trial,
)
from desktop.licensing.watermark import WRITE_STEP, licensing_now, worth_saving

__all__ = [
    "DEFAULT_SUPPORT_CONTACT",
    "LOCAL_TRIAL_DAYS",
    "PRODUCTION_TRUST",
    "TRUST_ENV",
    "WRITE_STEP",
    "LicenceSource",
    "LicenceStatus",
    "judge",
    "licensing_now",
    "local_trial",
    "trusted_keys",
    "worth_saving",
]
