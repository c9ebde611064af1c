"""The owner's view of their shop: profile edits (audited, replicated) and the logo."""

from __future__ import annotations

from typing import Final

from litestar.exceptions import NotFoundException
from sqlalchemy import select

from hub.domain.changes import snapshot
from hub.domain.context import TenantContext
from hub.domain.shops import validation as check
from hub.domain.shops.schemas import ShopProfile, ShopProfileUpdate
from hub.files.storage import FileStorage
from hub.storage.hub_tables import ShopBranding, Tenant
from shared.errors import InvalidInput
from shared.ids import new_id
from shared.states import state_name
from shared.tables import Shop

MAX_LOGO_BYTES: Final = 1024 * 1024
# SVG is refused on purpose: it can carry script, and logos are served to every page.
_LOGO_SIGNATURES: Final = {
    "image/png": (b"\x89PNG\r\n\x1a\n",),
    "image/jpeg": (b"\xff\xd8\xff",),
    "image/webp": (b"RIFF",),
}
_EXTENSIONS: Final = {"image/png": "png", "image/jpeg": "jpg", "image/webp": "webp"}


def logo_kind(data: bytes) -> str:
    """The image type judged from the bytes themselves (never from the name or the header)."""
    if not data:
        raise InvalidInput("the logo file is empty", "logo")
    if len(data) > MAX_LOGO_BYTES:
        raise InvalidInput("the logo must be at most 1 MB", "logo")
    for kind, signatures in _LOGO_SIGNATURES.items():
        if any(data.startswith(signature) for signature in signatures):
            if kind == "image/webp" and data[8:12] != b"WEBP":
                continue
            return kind
    raise InvalidInput("the logo must be a PNG, JPEG or WebP image", "logo")


def profile_of(
    shop: Shop, tenant: Tenant | None, branding: ShopBranding | None, files: FileStorage
) -> ShopProfile:
    logo_url = (
        files.public_url(branding.logo_key) if branding is not None and branding.logo_key else None
    )
    return ShopProfile(
        id=shop.id,
        name=shop.name,
        legal_name=shop.legal_name,
        gstin=shop.gstin,
        pan=shop.pan,
        state_code=shop.state_code,
        state_name=state_name(shop.state_code),
        address=shop.address,
        pincode=shop.pincode,
        phone=shop.phone,
        email=shop.email,
        status=shop.status,
        login_code=tenant.login_code if tenant is not None else None,
        logo_url=logo_url,
    )


class ShopService:
    def __init__(self, context: TenantContext) -> None:
        self.context = context
        self.session = context.session

    async def _shop(self) -> Shop:
        shop = (await self.session.scalars(select(Shop))).one_or_none()
        if shop is None:
            raise NotFoundException("the shop was not found")
        return shop

    async def get(self) -> ShopProfile:
        shop = await self._shop()
        tenant = (await self.session.scalars(select(Tenant))).one_or_none()
        branding = (await self.session.scalars(select(ShopBranding))).one_or_none()
        return profile_of(shop, tenant, branding, self.context.resources.files)

    async def update(self, change: ShopProfileUpdate) -> ShopProfile:
        shop = await self._shop()
        before = snapshot(shop)
        state = check.clean_state(change.state_code) if change.state_code else shop.state_code
        if change.name is not None:
            shop.name = check.required_text(change.name, "name", 200)
        if change.legal_name is not None:
            shop.legal_name = check.required_text(change.legal_name, "legal_name", 200)
        if change.address is not None:
            shop.address = check.required_text(change.address, "address", 1000)
        gstin = shop.gstin if change.gstin is None else check.clean_gstin(change.gstin, state)
        if gstin is not None:
            check.clean_gstin(gstin, state)  # a new state must still match the GSTIN
        shop.gstin, shop.state_code = gstin, state
        if change.pan is not None:
            shop.pan = check.clean_pan(change.pan)
        if change.pincode is not None:
            shop.pincode = check.clean_pincode(change.pincode)
        if change.phone is not None:
            shop.phone = check.clean_phone(change.phone)
        if change.email is not None:
            shop.email = check.clean_email(change.email)
        if snapshot(shop) != before:
            shop.hlc = self.context.resources.clock.stamp()
            await self.context.record(
                "shop.update",
                shop,
                before,
            )
            await self.session.commit()
        return await self.get()

    async def set_logo(self, data: bytes, content_type: str | None = None) -> ShopProfile:
        """Store the logo under the public prefix and point the shop at it.

        `content_type` as the browser sent it is ignored: the bytes decide.
        """
        kind = logo_kind(data)
        key = f"public/logos/{self.context.shop_id}/{new_id()}.{_EXTENSIONS[kind]}"
        await self.context.resources.files.put(key, data, kind)
        branding = (await self.session.scalars(select(ShopBranding))).one_or_none()
        before = snapshot(branding) if branding is not None else None
        if branding is None:
            branding = ShopBranding(shop_id=self.context.shop_id)
            self.session.add(branding)
        branding.logo_key, branding.logo_content_type = key, kind
        await self.context.record(
            "shop.logo",
            branding,
            before,
            op=None,
        )
        await self.session.commit()
        return await self.get()
