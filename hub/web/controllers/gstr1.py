"""The GSTR-1 / GSTR-3B page and its files: the portal's JSON, each offline-tool CSV, all the
CSVs as one ZIP, and an XLSX with a sheet per section.

Owners and accountants only. The return is built by `hub.reports.gstr1_for_month` on the
read-only tenant session (the replica when there is one); the files come from the same `Gstr1`
the page shows (the export jobs make them with the same functions), so what is downloaded is
what was checked on the screen. A shop without a GSTIN files no GSTR-1: it gets that sentence
and a link to its profile, not an error page.
"""

from __future__ import annotations

from typing import Any, Final

from litestar import Request, Response, get
from litestar.di import NamedDependency, Provide
from litestar.exceptions import NotFoundException
from litestar.params import FromPath
from litestar.response import Template
from litestar.status_codes import HTTP_200_OK, HTTP_400_BAD_REQUEST

from hub.core.resources import HubResources
from hub.domain.dashboard.service import shop_today
from hub.domain.shops.service import ShopService
from hub.exports.gstr1_files import gstr1_file_bytes
from hub.reports import Gstr1, ReturnPeriod, gstr1_for_month
from hub.reports.gstr1_csv import CsvSection
from hub.security.guards import requires_owner_or_accounts
from hub.security.principal import StaffPrincipal
from hub.web.controllers.base import PageController
from hub.web.frames import shop_frame
from hub.web.pages import Frame, sentence
from hub.web.report_downloads import download, split_name
from hub.web.report_gstr1_view import gstr1_view, parse_month
from shared.errors import InvalidInput

GSTR1_SLUG: Final = "gstr1"


def _gstr1_file_name(shop_code: str, period: ReturnPeriod, part: str, ext: str) -> str:
    """ "gstr1_demo_2025-07.json", "gstr1-hsn-b2b_demo_2025-07.csv": safe characters only."""
    safe = "".join(ch if ch.isalnum() else "-" for ch in f"{part}".casefold()).strip("-")
    shop = "".join(ch if ch.isalnum() else "-" for ch in shop_code.casefold()).strip("-")
    return f"{safe}_{shop or 'shop'}_{period.year:04d}-{period.month:02d}.{ext}"


def _problem_page(frame: Frame, request: Request[Any, Any, Any], problem: InvalidInput) -> Template:
    """The page with the reason instead of the return (400, except for a shop with no GSTIN,
    which is how the shop is, not a bad request)."""
    no_gstin = problem.field == "gstin"
    return frame.render(
        "owner/reports/gstr1.html",
        title="GSTR-1 and GSTR-3B",
        status_code=HTTP_200_OK if no_gstin else HTTP_400_BAD_REQUEST,
        view=None,
        month=request.query_params.get("month") or "",
        problem=sentence(problem.reason),
        no_gstin=no_gstin,
        month_problem=problem.field in {"month", "year"},
    )


async def _month(
    request: Request[Any, Any, Any], resources: HubResources, staff: StaffPrincipal
) -> Gstr1:
    period = parse_month(request.query_params.get("month"), shop_today())
    return await gstr1_for_month(resources, staff.shop_id, period.year, period.month)


async def gstr1_page(
    request: Request[Any, Any, Any], frame: Frame, resources: HubResources, staff: StaffPrincipal
) -> Template:
    """GET /reports/gstr1?month=yyyy-mm (served through the reports controller's /{name} route:
    a plain /reports/gstr1 route would shadow the export form's POST /reports/gstr1/export,
    because Litestar's router does not backtrack from a static path segment)."""
    try:
        gstr1 = await _month(request, resources, staff)
    except InvalidInput as problem:
        return _problem_page(frame, request, problem)
    period = gstr1.period
    return frame.render(
        "owner/reports/gstr1.html",
        title=f"GSTR-1, {period.label()}",
        view=gstr1_view(gstr1),
        month=f"{period.year:04d}-{period.month:02d}",
        period_label=period.label(),
        problem=None,
        no_gstin=False,
        month_problem=False,
    )


class Gstr1Controller(PageController):
    path = "/reports"
    guards = [requires_owner_or_accounts]  # noqa: RUF012
    dependencies = {"frame": Provide(shop_frame)}  # noqa: RUF012

    @get(
        ["/gstr1.json", "/gstr1.zip", "/gstr1.xlsx"],
        name="web.reports.gstr1.file",
    )
    async def month_file(
        self,
        request: Request[Any, Any, Any],
        frame: NamedDependency[Frame],
        resources: NamedDependency[HubResources],
        staff: NamedDependency[StaffPrincipal],
        shop_service: NamedDependency[ShopService],
    ) -> Template | Response[bytes]:
        """The portal JSON, all CSVs as a ZIP, or the XLSX: the path's extension says which."""
        ext = request.url.path.rsplit(".", 1)[-1]
        try:
            gstr1 = await _month(request, resources, staff)
        except InvalidInput as problem:
            return _problem_page(frame, request, problem)
        code = (await shop_service.get()).login_code or ""
        name = _gstr1_file_name(code, gstr1.period, "gstr1", ext)
        return download(gstr1_file_bytes(gstr1, ext), name, ext)

    @get("/{slug:str}/{file_part:str}", name="web.reports.gstr1.section")
    async def section_csv(
        self,
        *,
        slug: FromPath[str],
        file_part: FromPath[str],
        request: Request[Any, Any, Any],
        frame: NamedDependency[Frame],
        resources: NamedDependency[HubResources],
        staff: NamedDependency[StaffPrincipal],
        shop_service: NamedDependency[ShopService],
    ) -> Template | Response[bytes]:
        """One offline-tool template, e.g. /reports/gstr1/b2b.csv or /reports/gstr1/hsn(b2b).csv.

        The path is /{slug}/{file} (not /gstr1/{file}) so it sits beside the exports' POST
        /reports/{slug}/export in the router instead of shadowing it.
        """
        stem, ext = split_name(file_part)
        sections = {section.value: section for section in CsvSection}
        if slug != GSTR1_SLUG or ext != "csv" or stem not in sections:
            raise NotFoundException(f"there is no GSTR-1 file called {file_part!r}")
        section = sections[stem]
        try:
            gstr1 = await _month(request, resources, staff)
            content = gstr1.to_csv(section).encode("utf-8")
        except InvalidInput as problem:
            return _problem_page(frame, request, problem)
        code = (await shop_service.get()).login_code or ""
        name = _gstr1_file_name(code, gstr1.period, f"gstr1-{section.value}", ext)
        return download(content, name, ext)
