"""Signed links: the folder store's hub links (tampered -> 403, expired -> 410, only exports/ and
invoices/), S3's presigned links, and the lifecycle rule on the exports bucket."""

from __future__ import annotations

import time
from pathlib import Path

import httpx
import pytest

from hub.app import resources_of
from hub.core.resources import HubResources
from hub.exports.links import (
    LinkExpired,
    LinkTampered,
    SignedFile,
    content_disposition,
    link_key,
    sign,
    verify,
)
from hub.files.storage import LIFECYCLE_RULE_ID, LocalFileStorage, S3FileStorage
from tests.hub.exports.support import on_app
from tests.hub.fixtures import TEST_SECRET, HubUnderTest

KEY = link_key("a-secret-long-enough-for-the-tests-000000")
NOW = 1_760_000_000.0


def test_a_link_names_its_file_until_it_expires() -> None:
    token = sign(SignedFile("exports/s/j/a.csv", int(NOW) + 300, "a.csv", "text/csv"), KEY)
    assert verify(token, KEY, NOW).key == "exports/s/j/a.csv"
    assert verify(token, KEY, NOW + 299).download_name == "a.csv"
    with pytest.raises(LinkExpired):
        verify(token, KEY, NOW + 300)


@pytest.mark.parametrize(
    "mangle",
    [
        lambda t: t[:-2] + ("AA" if not t.endswith("AA") else "BB"),
        lambda t: "e" + t[1:] if not t.startswith("e") else "f" + t[1:],
        lambda t: t.split(".")[0],
        lambda _t: "",
    ],
)
def test_a_changed_link_is_refused(mangle: object) -> None:
    token = sign(SignedFile("exports/s/j/a.csv", int(NOW) + 300, "a.csv", "text/csv"), KEY)
    with pytest.raises(LinkTampered):
        verify(mangle(token), KEY, NOW)  # type: ignore[operator]
    with pytest.raises(LinkTampered):
        verify(token, link_key("another-hub-secret-000000000000000000"), NOW)


def test_only_exports_and_invoices_can_be_linked(tmp_path: Path) -> None:
    store = LocalFileStorage(tmp_path, KEY)
    for key in ("public/logos/x.png", "backups/db.sql", "exports/../secret"):
        with pytest.raises(ValueError, match="not a"):
            store.signed_url(key, seconds=60, download_name="x", content_type="text/plain")
    assert store.signed_url(
        "invoices/s/INV-1.pdf",
        seconds=60,
        download_name="INV-1.pdf",
        content_type="application/pdf",
    ).startswith("/files/signed/")


def test_download_names_keep_unicode() -> None:
    header = content_disposition("GSTR1 मार्च.json")
    assert header.startswith('attachment; filename="GSTR1_')
    assert "filename*=UTF-8''GSTR1%20%E0%A4%AE" in header


def test_the_hub_serves_a_folder_link_until_it_expires(hub: HubUnderTest) -> None:
    if hub.settings.storage.uses_s3:
        pytest.skip("the folder store's links (S3 presigns its own: see the next test)")
    resources = resources_of(hub.app)
    on_app(hub, lambda r: r.files.put("exports/s/j/a.csv", b"a,b\r\n1,2\r\n", "text/csv"))
    link = resources.files.signed_url(
        "exports/s/j/a.csv", seconds=300, download_name="a ₹.csv", content_type="text/csv"
    )
    visitor = hub.client()  # nobody signed in: the link is the permission
    ok = visitor.get(link)
    assert ok.status_code == 200
    assert ok.content == b"a,b\r\n1,2\r\n"
    assert "filename*=UTF-8''a%20%E2%82%B9.csv" in ok.headers["content-disposition"]

    tampered = visitor.get(link[:-3] + ("xyz" if not link.endswith("xyz") else "abc"))
    assert tampered.status_code == 403

    # The same store with its clock an hour back: a five-minute link made then is dead now.
    past = LocalFileStorage(
        hub.settings.storage.local_root, link_key(TEST_SECRET), clock=lambda: time.time() - 3600
    )
    expired = visitor.get(
        past.signed_url(
            "exports/s/j/a.csv", seconds=300, download_name="a.csv", content_type="text/csv"
        )
    )
    assert expired.status_code == 410
    assert "This link has expired: make the export again." in expired.text


def test_s3_presigned_link_and_lifecycle_rule(hub: HubUnderTest) -> None:
    if not hub.settings.storage.uses_s3:
        pytest.skip("S3 only")

    async def prepare(resources: HubResources) -> tuple[bool, bool]:
        await resources.files.put("exports/s/j/b.csv", b"x,y\r\n", "text/csv")
        return await resources.files.ensure_lifecycle(), await resources.files.ensure_lifecycle()

    assert on_app(hub, prepare) == (True, True)
    store = resources_of(hub.app).files
    assert isinstance(store, S3FileStorage)
    link = store.signed_url(
        "exports/s/j/b.csv", seconds=60, download_name="b.csv", content_type="text/csv"
    )
    fetched = httpx.get(link, timeout=10)
    assert fetched.status_code == 200
    assert fetched.content == b"x,y\r\n"
    assert "b.csv" in fetched.headers["content-disposition"]
    tampered = httpx.get(link.replace("b.csv", "c.csv", 1), timeout=10)
    assert tampered.status_code == 403

    rules = store.client.get_bucket_lifecycle_configuration(Bucket=store.exports_bucket)["Rules"]
    ours = [rule for rule in rules if rule.get("ID") == LIFECYCLE_RULE_ID]
    assert len(ours) == 1
    assert ours[0]["Expiration"]["Days"] == 7
    assert ours[0]["Filter"]["Prefix"] == "exports/"
