"""GET /files/signed/{token}: a private file (an export, an archived invoice) by bearer link.

No login: whoever holds an unexpired, untampered link may download it, as with S3's presigned
URLs (the folder store's equivalent). A tampered or foreign token gets 403, an expired one 410
with what to do about it; keys outside exports/ and invoices/ are never served whatever the token.
"""

from __future__ import annotations

import time
from typing import Final

from litestar import Controller, Response, get
from litestar.di import NamedDependency
from litestar.params import FromPath
from litestar.status_codes import HTTP_404_NOT_FOUND

from hub.core.options import PUBLIC
from hub.core.resources import HubResources
from hub.exports.links import SIGNED_ROUTE, LinkRefused, content_disposition, link_key, verify

_TEXT: Final = "text/plain; charset=utf-8"


def _sentence(text: str) -> str:
    return text[:1].upper() + text[1:] + "."


class SignedFilesController(Controller):
    path = SIGNED_ROUTE
    opt = PUBLIC
    include_in_schema = False

    @get("/{token:str}", exclude_from_csrf=True, name="files.signed")
    async def signed_file(
        self, token: FromPath[str], resources: NamedDependency[HubResources]
    ) -> Response[bytes | str]:
        try:
            file = verify(token, link_key(resources.settings.auth.jwt_secret), time.time())
        except LinkRefused as refused:
            return Response(_sentence(refused.reason), status_code=refused.status, media_type=_TEXT)
        try:
            data = await resources.files.get(file.key)
        except (ValueError, OSError):
            return Response(
                "This file is no longer kept (exports are removed after seven days).",
                status_code=HTTP_404_NOT_FOUND,
                media_type=_TEXT,
            )
        return Response(
            data,
            media_type=file.content_type,
            headers={
                "Content-Disposition": content_disposition(file.download_name),
                "Cache-Control": "private, no-store",
                "X-Content-Type-Options": "nosniff",
            },
        )
