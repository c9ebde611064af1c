"""Report pages: the catalogue, each report with its filter, and its CSV and XLSX downloads.

Owners and accountants only (sales staff get the "not allowed" page): a report is the whole
shop's trade. Reports read through the read-only tenant session (the replica when the hub has
one), so a month-end report cannot slow the counters' syncing. The page and its downloads take
the same query string and build the same `Report`, so the file is what the page shows.
"""

from __future__ import annotations

from typing import Any

from litestar import Request, Response, get
from litestar.di import NamedDependency, Provide
from litestar.exceptions import NotFoundException
from litestar.params import FromPath
from litestar.response import Template
from litestar.status_codes import HTTP_400_BAD_REQUEST

from hub.core.resources import HubResources
from hub.domain.context import TenantContext
from hub.domain.dashboard.service import shop_today
from hub.domain.shops.service import ShopService
from hub.reports.catalogue import report_catalogue
from hub.reports.files import file_name, report_csv, report_xlsx
from hub.reports.tabular import ReportSpec
from hub.security.guards import requires_owner_or_accounts
from hub.security.principal import StaffPrincipal
from hub.web.controllers.base import PageController
from hub.web.controllers.gstr1 import GSTR1_SLUG, gstr1_page
from hub.web.frames import shop_frame
from hub.web.pages import Frame, sentence
from hub.web.report_downloads import download, split_name
from hub.web.report_filters import (
    SPANS,
    FilterChoices,
    FilterForm,
    filter_choices,
    form_of,
    read_filter,
    typed_form,
)
from hub.web.report_page import export_query, link_query, query_lists
from hub.web.report_view import PAGE_ROWS, report_view
from shared.errors import InvalidInput

GSTR1_SUMMARY = (
    "The month's return for the GST portal: B2B, B2CL, B2CS, credit notes, HSN summary and "
    "documents issued, checked against the sales register and GSTR-3B."
)


class ReportsController(PageController):
    path = "/reports"
    guards = [requires_owner_or_accounts]  # noqa: RUF012
    dependencies = {"frame": Provide(shop_frame)}  # noqa: RUF012

    @get("/", name="web.reports")
    async def index(self, frame: NamedDependency[Frame]) -> Template:
        return frame.render(
            "owner/reports/index.html",
            title="Reports",
            specs=report_catalogue().all(),
            gstr1_summary=GSTR1_SUMMARY,
        )

    @get("/{name:str}", name="web.reports.show")
    async def show(
        self,
        *,
        name: FromPath[str],
        request: Request[Any, Any, Any],
        frame: NamedDependency[Frame],
        report_context: NamedDependency[TenantContext],
        shop_service: NamedDependency[ShopService],
        resources: NamedDependency[HubResources],
        staff: NamedDependency[StaffPrincipal],
    ) -> Template | Response[bytes]:
        if name == GSTR1_SLUG:
            return await gstr1_page(request, frame, resources, staff)
        slug, ext = split_name(name)
        spec = report_catalogue().specs.get(slug)
        if spec is None:
            raise NotFoundException(f"there is no report called {slug!r}")
        query = query_lists(request.query_params.multi_items())
        choices = await filter_choices(report_context.session)
        try:
            flt, span = read_filter(query, choices, shop_today(), spec.default_span)
            report = await spec.build(report_context.session, flt)
        except InvalidInput as problem:
            return _refused(frame, spec, choices, typed_form(query, problem))
        if ext == "csv":
            shop = await shop_service.get()
            return download(report_csv(report), file_name(report, shop.login_code or "", ext), ext)
        if ext == "xlsx":
            shop = await shop_service.get()
            return download(report_xlsx(report), file_name(report, shop.login_code or "", ext), ext)
        form = form_of(flt, span)
        return frame.render(
            "owner/reports/report.html",
            title=spec.title,
            spec=spec,
            view=report_view(report),
            page_rows=PAGE_ROWS,
            form=form,
            choices=choices,
            spans=SPANS,
            query=link_query(form),
            export=export_query(flt),
            terminal_names={str(c.id): c.name for c in choices.terminals},
        )


def _refused(frame: Frame, spec: ReportSpec, choices: FilterChoices, form: FilterForm) -> Template:
    """The filter again with the reason beside its field; no report is built from bad input."""
    return frame.render(
        "owner/reports/report.html",
        title=spec.title,
        status_code=HTTP_400_BAD_REQUEST,
        spec=spec,
        view=None,
        page_rows=PAGE_ROWS,
        form=form,
        choices=choices,
        spans=SPANS,
        query=link_query(form),
        export=None,
        terminal_names={str(c.id): c.name for c in choices.terminals},
        problem=sentence(next(iter(form.errors.values()), "")),
    )
