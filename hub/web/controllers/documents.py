"""GET /documents/{document_id}.pdf: an invoice's or credit note's archived PDF.

The PDF kept in the private invoices storage is served (archived on the spot when the
background worker has not reached it yet), so what the owner or the accountant opens is the
file whose SHA-256 the archive recorded. Another shop's id, or anything that is not
`<uuid>.pdf`, is the same 404 page: the tenant session cannot see other shops' documents.
"""

from __future__ import annotations

import uuid
from typing import Final

from litestar import Response, get
from litestar.di import NamedDependency
from litestar.exceptions import NotFoundException
from litestar.params import FromPath

from hub.archive import DocumentNotFound, archived_pdf
from hub.archive.service import PDF_MEDIA_TYPE
from hub.core.resources import HubResources
from hub.security.guards import requires_owner_or_accounts
from hub.security.principal import StaffPrincipal
from hub.web.controllers.base import PageController

_SUFFIX: Final = ".pdf"
_NOT_FOUND: Final = "There is no such invoice or credit note in this shop."


def _document_id(file_part: str) -> uuid.UUID:
    if not file_part.endswith(_SUFFIX):
        raise NotFoundException(_NOT_FOUND)
    try:
        return uuid.UUID(file_part.removesuffix(_SUFFIX))
    except ValueError:
        raise NotFoundException(_NOT_FOUND) from None


class DocumentsController(PageController):
    path = "/documents"
    guards = [requires_owner_or_accounts]  # noqa: RUF012

    @get("/{file_part:str}", name="web.documents.pdf")
    async def pdf(
        self,
        file_part: FromPath[str],
        staff: NamedDependency[StaffPrincipal],
        resources: NamedDependency[HubResources],
    ) -> Response[bytes]:
        """The archived PDF, inline, saved under the document's number."""
        document_id = _document_id(file_part)
        try:
            archived = await archived_pdf(resources, staff.shop_id, document_id)
        except DocumentNotFound:
            raise NotFoundException(_NOT_FOUND) from None
        return Response(
            content=archived.data,
            media_type=PDF_MEDIA_TYPE,
            headers={
                "Content-Disposition": f'inline; filename="{archived.file_name}"',
                "Cache-Control": "private, no-cache",
                "X-Content-SHA256": archived.record.sha256,
            },
        )
