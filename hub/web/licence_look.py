"""How a shop's licence state looks to its owner: a badge, a label, and the reminder line.

Shared by the dashboard's AMC panel and the licence page so both say the same thing about the
same shop; the state itself comes from the licensing service (the counter's own rules).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import Final

from hub.domain.licence.schemas import LicenceStatus
from hub.web.formatting import shop_date
from hub.web.pages import sentence

# state -> (badge style, label). "expired"/"unlicensed" are older names some data may carry.
STATE_LOOK: Final = {
    "trial": ("warn", "Trial"),
    "active": ("ok", "Active"),
    "lifetime": ("ok", "Lifetime licence"),
    "grace": ("warn", "In grace period"),
    "lapsed": ("bad", "Lapsed"),
    "suspended": ("bad", "Suspended"),
    "expired": ("bad", "Expired"),
    "unlicensed": ("bad", "No licence"),
}
REMIND_DAYS: Final = 30
"""From this many days before the AMC's end the dashboard panel asks the owner to renew
(the counter's status bar starts counting down at the same point: shared.licence.WARN_DAYS)."""


@dataclass(frozen=True, slots=True)
class LicenceLook:
    badge: str
    label: str
    explanation: str
    due_line: str
    """What is due and when, in one line ("AMC paid until 31 Mar 2027 (126 days left)")."""
    needs_attention: bool
    """Grace, lapsed, suspended, or the end within REMIND_DAYS: the panel is highlighted."""


def _days(count: int) -> str:
    return f"{count} day{'s' if count != 1 else ''}"


def licence_look(status: LicenceStatus, today: date) -> LicenceLook:
    """The panel's words for `status` on the shop's `today` (days counted from the dates, so a
    lifetime shop's AMC gets its reminder too, which the licence itself never expires on)."""
    badge, label = STATE_LOOK.get(status.state, ("warn", status.state.capitalize()))
    left: int | None = None
    if status.state == "trial" and status.trial_ends_on is not None:
        left = (status.trial_ends_on - today).days
        due = f"Trial until {shop_date(status.trial_ends_on)}"
    elif status.amc_valid_until is not None:
        left = (status.amc_valid_until - today).days
        due = f"AMC paid until {shop_date(status.amc_valid_until)}"
    else:
        due = "No AMC paid yet"
    if left is not None and left >= 0:
        due += f" ({_days(left)} left)"
    elif left is not None:
        due += f" (ended {_days(-left)} ago)"
    if status.state == "grace" and status.grace_ends_on is not None:
        due += f"; counters keep billing until {shop_date(status.grace_ends_on)}"
    attention = status.state in {"grace", "lapsed", "suspended", "expired", "unlicensed"} or (
        left is not None and left <= REMIND_DAYS
    )
    return LicenceLook(
        badge=badge,
        label=label,
        explanation=sentence(status.message),
        due_line=due,
        needs_attention=attention,
    )
