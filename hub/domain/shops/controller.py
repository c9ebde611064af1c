"""GET/PATCH /api/shop and PUT /api/shop/logo (multipart)."""

from __future__ import annotations

from litestar import Controller, get, patch, put
from litestar.datastructures import UploadFile
from litestar.di import NamedDependency
from litestar.params import JSONBody, MultipartBody

from hub.domain.shops.schemas import ShopProfile, ShopProfileUpdate
from hub.domain.shops.service import MAX_LOGO_BYTES, ShopService
from hub.security.guards import requires_owner, requires_staff
from shared.errors import InvalidInput


class ShopController(Controller):
    path = "/api/shop"
    tags = ("shop",)
    guards = (requires_staff,)

    @get("/")
    async def profile(self, shop_service: NamedDependency[ShopService]) -> ShopProfile:
        return await shop_service.get()

    @patch("/", guards=[requires_owner])
    async def update(
        self, data: JSONBody[ShopProfileUpdate], shop_service: NamedDependency[ShopService]
    ) -> ShopProfile:
        return await shop_service.update(data)

    @put("/logo", guards=[requires_owner], request_max_body_size=MAX_LOGO_BYTES + 64 * 1024)
    async def upload_logo(
        self,
        data: MultipartBody[UploadFile],
        shop_service: NamedDependency[ShopService],
    ) -> ShopProfile:
        """Upload the logo as the multipart field `data` (PNG, JPEG or WebP, at most 1 MB)."""
        content = await data.read(MAX_LOGO_BYTES + 1)
        if len(content) > MAX_LOGO_BYTES:
            raise InvalidInput("the logo must be at most 1 MB", "logo")
        return await shop_service.set_logo(content, data.content_type)
