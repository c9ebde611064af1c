"""Export jobs end to end on both set-ups (embedded folder store; MariaDB + Redis + S3 via moto):
asked for on the page, made by the worker, downloaded through a signed link, parsed back."""

from __future__ import annotations

import asyncio
import datetime as dt
import io
import json
import uuid
import zipfile
from typing import Any

import anyio
import httpx
import pytest
from openpyxl import load_workbook
from sqlalchemy import update

from hub.core.resources import HubResources
from hub.domain.dashboard.service import shop_today
from hub.exports.cleanup import cleanup_expired
from hub.exports.service import MAX_UNFINISHED, ExportRefused, request_export
from hub.exports.worker import (
    FAULT,
    RETRY_NOTE,
    STALLED_TWICE,
    claim_next,
    requeue_stalled,
    run_next,
)
from hub.reports.period import ReturnPeriod
from hub.reports.tabular import ReportFilter
from hub.storage.hub_tables import ExportJob
from shared.tables.types import utc_now
from tests.hub.exports.support import demo_shop_id, job_row, on_app, sample_catalogue
from tests.hub.fixtures import HubClient, HubUnderTest

JUNE = dt.date(2025, 6, 1)


def _this_month() -> str:
    today = shop_today()
    return f"{today.year:04d}-{today.month:02d}"


def _ask(client: HubClient, **fields: str) -> uuid.UUID:
    response = client.post("/exports", data=fields, follow_redirects=False)
    assert response.status_code == 303, response.text
    location = response.headers["location"]
    assert location.startswith("/exports/"), location
    return uuid.UUID(location.removeprefix("/exports/"))


def _download(hub: HubUnderTest, client: HubClient, job_id: uuid.UUID) -> httpx.Response:
    """Press Download and follow the signed link (a hub path, or an S3 presigned URL)."""
    response = client.get(f"/exports/{job_id}/download", follow_redirects=False)
    assert response.status_code == 303, response.text
    link = response.headers["location"]
    if hub.settings.storage.uses_s3:
        assert link.startswith(hub.settings.storage.s3_endpoint_url or "-"), link
        fetched = httpx.get(link, timeout=10)
    else:
        assert link.startswith("/files/signed/"), link
        fetched = hub.client().get(link)  # a bearer link: no login needed
    assert fetched.status_code == 200, fetched.text
    return fetched


def test_gstr1_json_is_made_in_the_background_and_downloaded(hub: HubUnderTest) -> None:
    owner = hub.owner()
    job_id = _ask(owner, report="gstr1", month=_this_month(), format="json")

    waiting = owner.get(f"/exports/{job_id}")
    assert waiting.status_code == 200
    assert 'http-equiv="refresh"' in waiting.text
    assert 'data-export-state="queued"' in waiting.text

    assert on_app(hub, run_next) == job_id
    ready = owner.get(f"/exports/{job_id}")
    assert 'data-export-state="done"' in ready.text
    assert 'http-equiv="refresh"' not in ready.text

    fetched = _download(hub, owner, job_id)
    disposition = fetched.headers["content-disposition"]
    assert disposition.startswith("attachment;")
    assert "GSTR1_" in disposition
    document = json.loads(fetched.content)
    assert document["fp"] == _this_month()[5:] + _this_month()[:4]
    row = on_app(hub, lambda r: job_row(r, job_id))
    assert row.size_bytes == len(fetched.content)
    assert row.progress == row.total == 4
    assert row.expires_at is not None
    assert row.finished_at is not None
    assert row.expires_at - row.finished_at == dt.timedelta(days=7)
    assert row.storage_key == f"exports/{row.shop_id}/{job_id}/{row.file_name}"

    listing = owner.get("/exports")
    assert f'href="/exports/{job_id}/download"' in listing.text


def test_gstr1_zip_and_xlsx_open(hub: HubUnderTest) -> None:
    owner = hub.owner()
    zip_job = _ask(owner, report="gstr1", month=_this_month(), format="zip")
    xlsx_job = _ask(owner, report="gstr1", month=_this_month(), format="xlsx")
    on_app(hub, run_next)
    on_app(hub, run_next)
    with zipfile.ZipFile(io.BytesIO(_download(hub, owner, zip_job).content)) as archive:
        names = archive.namelist()
        assert "b2b.csv" in names
        assert "docs.csv" in names
        assert archive.read("b2cs.csv").decode().startswith("Type,Place Of Supply")
    book = load_workbook(io.BytesIO(_download(hub, owner, xlsx_job).content))
    assert "b2b" in book.sheetnames
    assert "docs" in book.sheetnames
    assert book["b2cs"]["A1"].value == "Type"


def test_catalogue_report_as_csv_and_xlsx(hub: HubUnderTest) -> None:
    catalogue = sample_catalogue()
    flt = ReportFilter(JUNE, dt.date(2025, 6, 3))

    async def ask(resources: HubResources) -> list[uuid.UUID]:
        shop_id = await demo_shop_id(resources)
        ids = []
        for file_format in ("csv", "xlsx"):
            async with resources.sessions.tenant(shop_id) as session:
                job = await request_export(
                    session,
                    shop_id,
                    None,
                    "sample",
                    flt=flt,
                    file_format=file_format,
                    catalogue=catalogue,
                )
            ids.append(job.id)
        return ids

    csv_id, xlsx_id = on_app(hub, ask)
    on_app(hub, lambda r: run_next(r, catalogue))
    on_app(hub, lambda r: run_next(r, catalogue))
    owner = hub.owner()
    text = _download(hub, owner, csv_id).content.decode("utf-8-sig")
    assert "Sale ₹ 2" in text
    assert "600.00" in text
    book = load_workbook(io.BytesIO(_download(hub, owner, xlsx_id).content))
    cells = [
        str(cell.value) for sheet in book.worksheets for row in sheet.iter_rows() for cell in row
    ]
    assert "Sale ₹ 1" in cells
    assert on_app(hub, lambda r: job_row(r, csv_id)).file_name == "sample_2025-06-01_2025-06-03.csv"


def test_a_failing_report_stores_a_sentence_not_a_traceback(hub: HubUnderTest) -> None:
    catalogue = sample_catalogue()
    flt = ReportFilter(JUNE, JUNE)

    async def ask_and_run(resources: HubResources) -> list[ExportJob]:
        shop_id = await demo_shop_id(resources)
        ids = []
        for slug in ("broken", "refusing"):
            async with resources.sessions.tenant(shop_id) as session:
                job = await request_export(
                    session, shop_id, None, slug, flt=flt, file_format="csv", catalogue=catalogue
                )
            ids.append(job.id)
            await run_next(resources, catalogue)
        return [await job_row(resources, job_id) for job_id in ids]

    broken, refusing = on_app(hub, ask_and_run)
    assert (broken.state, broken.error) == ("failed", FAULT)
    assert "Traceback" not in FAULT
    assert "RuntimeError" not in (broken.error or "")
    assert refusing.state == "failed"
    assert refusing.error == "The stock count for that day is still open."
    page = hub.owner().get(f"/exports/{refusing.id}")
    assert "The stock count for that day is still open." in page.text
    assert (
        hub.owner().get(f"/exports/{refusing.id}/download", follow_redirects=False).status_code
        == 303
    )


def test_two_workers_racing_claim_a_job_once(hub: HubUnderTest) -> None:
    owner = hub.owner()
    _ask(owner, report="gstr1", month=_this_month(), format="json")

    async def race(resources: HubResources) -> list[Any]:
        claims: list[Any] = []

        async def claim() -> None:
            claims.append(await claim_next(resources, utc_now()))

        async with anyio.create_task_group() as group:
            for _ in range(4):
                group.start_soon(claim)
        return claims

    claims = on_app(hub, race)
    assert len([claim for claim in claims if claim is not None]) == 1


def test_a_shop_may_have_three_exports_in_hand(hub: HubUnderTest) -> None:
    owner = hub.owner()
    for _ in range(MAX_UNFINISHED):
        _ask(owner, report="gstr1", month=_this_month(), format="json")
    refused = owner.post(
        "/exports",
        data={"report": "gstr1", "month": _this_month(), "format": "json"},
        follow_redirects=False,
    )
    assert refused.status_code == 303
    assert refused.headers["location"] == "/exports"
    page = owner.get("/exports")
    assert f"{MAX_UNFINISHED} exports are already being made" in page.text
    assert page.text.count('data-export-state="queued"') == MAX_UNFINISHED

    async def direct(resources: HubResources) -> None:
        shop_id = await demo_shop_id(resources)
        async with resources.sessions.tenant(shop_id) as session:
            await request_export(
                session, shop_id, None, "gstr1", flt=ReturnPeriod(2025, 6), file_format="json"
            )

    with pytest.raises(ExportRefused):
        on_app(hub, direct)


@pytest.mark.integration
@pytest.mark.parametrize("hub_settings", ["production"], indirect=True)
def test_requests_at_the_same_moment_still_stop_at_three(hub: HubUnderTest) -> None:
    """Five requests racing (a double click, two tabs) on MariaDB: three are queued, two are
    refused. (SQLite runs one writer at a time, so requests cannot interleave there.)"""

    async def racing(resources: HubResources) -> list[str]:
        shop_id = await demo_shop_id(resources)

        async def one() -> str:
            async with resources.sessions.tenant(shop_id) as session:
                try:
                    await request_export(
                        session,
                        shop_id,
                        None,
                        "gstr1",
                        flt=ReturnPeriod(2025, 6),
                        file_format="json",
                    )
                except ExportRefused:
                    return "refused"
                return "queued"

        return list(await asyncio.gather(*(one() for _ in range(5))))

    outcomes = on_app(hub, racing)
    assert sorted(outcomes) == ["queued"] * MAX_UNFINISHED + ["refused"] * (5 - MAX_UNFINISHED)


def test_bad_requests_are_refused_with_a_reason(hub: HubUnderTest) -> None:
    owner = hub.owner()
    for fields, reason in (
        ({"report": "gstr1", "month": _this_month(), "format": "csv"}, "can be exported as"),
        ({"report": "gstr1", "month": "June", "format": "json"}, "choose the month"),
        (
            {
                "report": "nothing",
                "date_from": "2025-06-01",
                "date_to": "2025-06-02",
                "format": "csv",
            },
            "no report called",
        ),
    ):
        response = owner.post("/exports", data=fields, follow_redirects=False)
        assert response.status_code == 303
        assert reason.lower() in owner.get(response.headers["location"]).text.lower()
    assert "data-export-id" not in owner.get("/exports").text


def test_a_stalled_job_is_requeued_once_then_failed(hub: HubUnderTest) -> None:
    owner = hub.owner()
    job_id = _ask(owner, report="gstr1", month=_this_month(), format="json")

    async def stall_twice(resources: HubResources) -> list[tuple[str, str | None]]:
        states = []
        for _ in range(2):
            claimed = await claim_next(resources, utc_now() - dt.timedelta(hours=1))
            assert claimed is not None
            assert claimed.id == job_id
            await requeue_stalled(resources, utc_now())
            row = await job_row(resources, job_id)
            states.append((row.state, row.error))
        return states

    first, second = on_app(hub, stall_twice)
    assert first == ("queued", RETRY_NOTE)
    assert second == ("failed", STALLED_TWICE)


def test_cleanup_removes_expired_files_and_marks_rows(hub: HubUnderTest) -> None:
    owner = hub.owner()
    old = _ask(owner, report="gstr1", month=_this_month(), format="json")
    fresh = _ask(owner, report="gstr1", month=_this_month(), format="zip")
    on_app(hub, run_next)
    on_app(hub, run_next)

    async def expire_and_clean(resources: HubResources) -> tuple[int, int]:
        async with resources.sessions.platform() as session:
            await session.execute(
                update(ExportJob)
                .where(ExportJob.id == old)
                .values(expires_at=utc_now() - dt.timedelta(minutes=1))
            )
            await session.commit()
        return await cleanup_expired(resources, utc_now()), await cleanup_expired(
            resources, utc_now()
        )

    assert on_app(hub, expire_and_clean) == (1, 0)
    old_row = on_app(hub, lambda r: job_row(r, old))
    assert old_row.deleted_at is not None

    async def stored(resources: HubResources, key: str | None) -> bool:
        assert key is not None
        try:
            await resources.files.get(key)
        except FileNotFoundError:
            return False
        return True

    assert not on_app(hub, lambda r: stored(r, old_row.storage_key))
    fresh_row = on_app(hub, lambda r: job_row(r, fresh))
    assert fresh_row.deleted_at is None
    assert on_app(hub, lambda r: stored(r, fresh_row.storage_key))
    gone = owner.get(f"/exports/{old}/download", follow_redirects=False)
    assert gone.headers["location"] == f"/exports/{old}"
    assert "removed" in owner.get(f"/exports/{old}").text.lower()


def test_another_shops_export_is_not_found(hub: HubUnderTest) -> None:
    other_shop = uuid.uuid4()

    async def plant(resources: HubResources) -> uuid.UUID:
        job = ExportJob(
            shop_id=other_shop,
            report="gstr1",
            file_format="json",
            params='{"year": 2025, "month": 6}',
            state="done",
            storage_key=f"exports/{other_shop}/x/GSTR1.json",
            file_name="GSTR1.json",
            expires_at=utc_now() + dt.timedelta(days=1),
        )
        async with resources.sessions.platform() as session:
            session.add(job)
            await session.commit()
        return job.id

    foreign = on_app(hub, plant)
    owner = hub.owner()
    assert owner.get(f"/exports/{foreign}").status_code == 404
    assert owner.get(f"/exports/{foreign}/download", follow_redirects=False).status_code == 404
    assert str(foreign) not in owner.get("/exports").text


def test_sales_staff_may_not_export(hub: HubUnderTest) -> None:
    sales = hub.client()
    demo = hub.demo
    assert sales.login(demo.shop_code, demo.sales.username, demo.sales.password).status_code == 200
    assert sales.get("/exports").status_code == 403
    response = sales.post(
        "/exports",
        data={"report": "gstr1", "month": _this_month(), "format": "json"},
        follow_redirects=False,
    )
    assert response.status_code == 403
