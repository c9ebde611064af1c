"""GET /files/public/{key}: the public files (shop logos), served by the hub from any storage.

Serving them through the hub works the same on the local folder and on a private S3 bucket,
so nothing needs a public bucket policy; a deployment with a CDN or a public bucket sets
S3_PUBLIC_BASE_URL and browsers go there instead. Keys are never reused (each upload gets a
new id), so answers may be cached for long.
"""

from __future__ import annotations

import mimetypes
from typing import Final

from litestar import Controller, Response, get
from litestar.di import NamedDependency
from litestar.exceptions import NotFoundException
from litestar.params import FromPath

from hub.core.options import PUBLIC
from hub.core.resources import HubResources
from hub.files.storage import LOCAL_PUBLIC_ROUTE, PUBLIC_PREFIX

CACHE_CONTROL: Final = "public, max-age=31536000, immutable"
_SERVED_TYPES: Final = frozenset({"image/png", "image/jpeg", "image/webp"})


class PublicFilesController(Controller):
    path = LOCAL_PUBLIC_ROUTE
    opt = PUBLIC
    include_in_schema = False

    @get("/{key:path}", exclude_from_csrf=True)
    async def public_file(
        self, key: FromPath[str], resources: NamedDependency[HubResources]
    ) -> Response[bytes]:
        media_type = mimetypes.guess_type(key)[0] or "application/octet-stream"
        if media_type not in _SERVED_TYPES:
            raise NotFoundException("no such file")
        try:
            data = await resources.files.get(PUBLIC_PREFIX + key.lstrip("/"))
        except (ValueError, OSError) as error:  # a bad key, or no such file
            raise NotFoundException("no such file") from error
        return Response(
            data,
            media_type=media_type,
            headers={"Cache-Control": CACHE_CONTROL, "X-Content-Type-Options": "nosniff"},
        )
