"""Export pages: ask for a report file to be made in the background, watch it, download it.

Owners and accountants only (the files hold the whole shop's trade). A job of another shop is
a 404: every read goes through the tenant session, which cannot see it. The download is a 303 to
a signed link that works for five minutes, so the file itself never passes through a page that
the browser might cache, and a shared link stops working soon.
"""

from __future__ import annotations

import uuid
from typing import Any, Final
from urllib.parse import urlsplit

from litestar import Request, get, post
from litestar.di import NamedDependency, Provide
from litestar.exceptions import NotFoundException
from litestar.params import FromPath
from litestar.response import Redirect, Template

from hub.domain.context import TenantContext
from hub.domain.dashboard.service import shop_today
from hub.exports import params
from hub.exports.form import form_fields, read_filter
from hub.exports.making import CONTENT_TYPES
from hub.exports.service import ExportRefused, request_export, shop_job, shop_jobs
from hub.exports.view import JobView, job_view
from hub.reports.catalogue import report_catalogue
from hub.security.guards import requires_owner_or_accounts
from hub.web.controllers.base import PageController
from hub.web.frames import shop_frame
from hub.web.pages import Frame, error, sentence
from shared.errors import InvalidInput
from shared.tables.types import utc_now

LINK_SECONDS: Final = 300
REFRESH_SECONDS: Final = 2


class ExportsController(PageController):
    path = "/"
    guards = [requires_owner_or_accounts]  # noqa: RUF012
    dependencies = {"frame": Provide(shop_frame)}  # noqa: RUF012

    @staticmethod
    async def _request(
        request: Request[Any, Any, Any],
        frame: Frame,
        context: TenantContext,
        slug: str | None,
    ) -> Redirect:
        form = form_fields(list((await request.form()).multi_items()))
        slug = slug or form.one("report")
        back = _same_site_path(request.headers.get("referer"), request.url.netloc)
        staff = context.principal
        try:
            flt = await read_filter(context.session, slug, form)
            job = await request_export(
                context.session,
                staff.shop_id,
                staff.user_id,
                slug,
                flt=flt,
                file_format=form.one("format"),
            )
        except ExportRefused as refused:
            return frame.redirect("/exports", error(sentence(refused.reason)))
        except InvalidInput as problem:
            await context.session.rollback()
            return frame.redirect(back, error(sentence(problem.reason)))
        return frame.redirect(f"/exports/{job.id}")

    @post("/reports/{slug:str}/export", name="web.exports.request")
    async def request_report(
        self,
        request: Request[Any, Any, Any],
        slug: FromPath[str],
        frame: NamedDependency[Frame],
        tenant_context: NamedDependency[TenantContext],
    ) -> Redirect:
        return await self._request(request, frame, tenant_context, slug)

    @post("/exports", name="web.exports.new")
    async def request_any(
        self,
        request: Request[Any, Any, Any],
        frame: NamedDependency[Frame],
        tenant_context: NamedDependency[TenantContext],
    ) -> Redirect:
        return await self._request(request, frame, tenant_context, None)

    @get("/exports", name="web.exports")
    async def list_jobs(
        self, frame: NamedDependency[Frame], tenant_context: NamedDependency[TenantContext]
    ) -> Template:
        catalogue = report_catalogue()
        now = utc_now()
        jobs = [job_view(job, catalogue, now) for job in await shop_jobs(tenant_context.session)]
        choices = [(spec.slug, spec.title) for spec in catalogue.all()]
        return frame.render(
            "owner/exports/list.html",
            title="Exports",
            jobs=jobs,
            refresh=REFRESH_SECONDS if any(job.in_hand for job in jobs) else None,
            report_choices=[(params.GSTR1_SLUG, params.GSTR1_TITLE), *choices],
            today=shop_today(),
        )

    @staticmethod
    async def _job(context: TenantContext, job_id: uuid.UUID) -> JobView:
        job = await shop_job(context.session, job_id)
        if job is None:
            raise NotFoundException("there is no such export for this shop")
        return job_view(job, report_catalogue(), utc_now())

    @get("/exports/{job_id:uuid}", name="web.exports.job")
    async def show_job(
        self,
        job_id: FromPath[uuid.UUID],
        frame: NamedDependency[Frame],
        tenant_context: NamedDependency[TenantContext],
    ) -> Template:
        job = await self._job(tenant_context, job_id)
        return frame.render(
            "owner/exports/job.html",
            title=f"Export: {job.title}",
            job=job,
            refresh=REFRESH_SECONDS if job.in_hand else None,
        )

    @get("/exports/{job_id:uuid}/download", name="web.exports.download")
    async def download(
        self,
        job_id: FromPath[uuid.UUID],
        frame: NamedDependency[Frame],
        tenant_context: NamedDependency[TenantContext],
    ) -> Redirect:
        stored = await shop_job(tenant_context.session, job_id)
        if stored is None:
            raise NotFoundException("there is no such export for this shop")
        job = job_view(stored, report_catalogue(), utc_now())
        if not job.downloadable or stored.storage_key is None:
            reason = (
                "this export's file has been removed (files are kept seven days): make it again"
                if job.removed
                else "this export is not ready to download"
            )
            return frame.redirect(f"/exports/{job.id}", error(sentence(reason)))
        url = tenant_context.resources.files.signed_url(
            stored.storage_key,
            seconds=LINK_SECONDS,
            download_name=job.file_name or "export",
            content_type=_content_type(stored.file_format),
        )
        return Redirect(url, status_code=303, headers={"Cache-Control": "no-store"})


def _content_type(file_format: str) -> str:
    return CONTENT_TYPES.get(file_format, "application/octet-stream")


def _same_site_path(referer: str | None, netloc: str) -> str:
    """Where a refused form goes back to: the page it came from, only if on this hub."""
    if referer:
        parsed = urlsplit(referer)
        if (
            parsed.netloc == netloc
            and parsed.path.startswith("/")
            and not parsed.path.startswith("//")
        ):
            return parsed.path + (f"?{parsed.query}" if parsed.query else "")
    return "/exports"
