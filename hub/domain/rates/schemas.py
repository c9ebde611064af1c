"""Wire types of metal rates (paise per gram of the stated purity)."""

from __future__ import annotations

import uuid
from datetime import datetime

import msgspec


class RateEntry(msgspec.Struct, forbid_unknown_fields=True):
    metal: str
    purity_fineness: int
    rate_paise_per_gram: int
    kind: str = "sale"


class RatesSet(msgspec.Struct, forbid_unknown_fields=True):
    rates: list[RateEntry]


class CurrentRate(msgspec.Struct):
    id: uuid.UUID
    metal: str
    purity_fineness: int
    purity_label: str
    kind: str
    rate_paise_per_gram: int
    effective_from: datetime
