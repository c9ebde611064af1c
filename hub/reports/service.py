"""The entry point the web layer calls: a month's GSTR-1 (with its 3B figures) for one shop.

Reads go through a read-only tenant session, which is the read replica when one is configured
(DATABASE_READ_URL), so month-end reporting never loads the database the counters sync into.
"""

from __future__ import annotations

import uuid
from dataclasses import dataclass
from typing import Protocol

from hub.db.tenancy import SessionFactory
from hub.reports import queries
from hub.reports.documents import ReportDocument
from hub.reports.gstr1 import build_gstr1
from hub.reports.gstr1_csv import CsvSection, gstr1_csv, sections_for
from hub.reports.gstr1_json import JsonValue, gstr1_json, to_portal
from hub.reports.gstr3b import Gstr3bOutward, gstr3b_outward
from hub.reports.period import ReturnPeriod
from hub.reports.register import sales_register
from hub.reports.sections import Figures, Gstr1Return


class HasSessions(Protocol):
    """What the service needs of the hub's resources (`HubResources` is one)."""

    @property
    def sessions(self) -> SessionFactory: ...


@dataclass(frozen=True, slots=True)
class Gstr1:
    """A month's GSTR-1 with the figures it must agree with.

    `register` is the sales register (issued invoices less credit notes) and `gstr3b` the 3B
    outward-supply figures; `returned.outward == register == gstr3b.outward_taxable` holds for
    any set of documents (the report's tests check it).
    """

    period: ReturnPeriod
    returned: Gstr1Return
    register: Figures
    gstr3b: Gstr3bOutward

    @property
    def reconciles(self) -> bool:
        return self.returned.outward == self.register == self.gstr3b.outward_taxable

    def to_portal(self) -> dict[str, JsonValue]:
        return to_portal(self.returned)

    def to_json(self) -> str:
        """The JSON file the GST portal's offline tool imports."""
        return gstr1_json(self.returned)

    def csv_sections(self) -> tuple[CsvSection, ...]:
        return sections_for(self.returned)

    def to_csv(self, section: CsvSection | str) -> str:
        """One section in the offline tool's CSV template."""
        return gstr1_csv(self.returned, section)


def gstr1_from_documents(
    gstin: str, period: ReturnPeriod, documents: list[ReportDocument]
) -> Gstr1:
    returned = build_gstr1(gstin, period, documents)
    return Gstr1(period, returned, sales_register(period, documents), gstr3b_outward(returned))


async def gstr1_for_month(
    resources: HasSessions, shop_id: uuid.UUID, year: int, month: int
) -> Gstr1:
    """GSTR-1 of `shop_id` for `month`/`year`; InvalidInput for a bad period or a shop with no
    GSTIN, UnreportableDocument when a stored document's figures do not add up."""
    period = ReturnPeriod(year, month)
    async with resources.sessions.tenant(shop_id, read_only=True) as session:
        gstin = await queries.shop_gstin(session)
        documents = await queries.documents_for_period(session, period)
    return gstr1_from_documents(gstin, period, documents)
