"""What a person does on the hub's pages, as Playwright steps (shared by tests and screenshots).

Steps go through the visible form fields by their labels, as a person would, so a renamed
field or a broken label fails the tests instead of passing silently.
"""

from __future__ import annotations

import struct
import zlib
from typing import Protocol

from playwright.sync_api import Page, expect


class Credentials(Protocol):
    username: str
    password: str


def sign_in_shop(page: Page, shop_code: str, username: str, password: str) -> None:
    page.goto("/login")
    page.get_by_label("Shop code").fill(shop_code)
    page.get_by_label("Username").fill(username)
    page.get_by_label("Password").fill(password)
    page.get_by_role("button", name="Log in").click()
    page.wait_for_load_state()


def sign_in_operator(page: Page, email: str, password: str) -> None:
    page.goto("/operator/login")
    page.get_by_label("Email").fill(email)
    page.get_by_label("Password").fill(password)
    page.get_by_role("button", name="Log in").click()
    page.wait_for_load_state()


def sign_out(page: Page) -> None:
    toggle = page.locator("[data-nav-toggle]")
    if toggle.is_visible():
        toggle.click()
    page.get_by_role("button", name="Log out").click()
    page.wait_for_load_state()


def flash_texts(page: Page) -> list[str]:
    return [text.strip() for text in page.locator(".flash").all_inner_texts()]


def expect_flash(page: Page, text: str) -> None:
    expect(page.locator(".flashes")).to_contain_text(text)


def png_image(width: int = 4, height: int = 2, rgb: tuple[int, int, int] = (168, 118, 26)) -> bytes:
    """A small valid PNG made by hand (no imaging library needed for a test logo)."""

    def chunk(kind: bytes, data: bytes) -> bytes:
        body = kind + data
        return struct.pack(">I", len(data)) + body + struct.pack(">I", zlib.crc32(body))

    row = b"\x00" + bytes(rgb) * width
    header = struct.pack(">IIBBBBB", width, height, 8, 2, 0, 0, 0)
    return (
        b"\x89PNG\r\n\x1a\n"
        + chunk(b"IHDR", header)
        + chunk(b"IDAT", zlib.compress(row * height))
        + chunk(b"IEND", b"")
    )


def horizontal_overflow(page: Page) -> int:
    """How many CSS pixels the page is wider than the window (0 when nothing sticks out)."""
    overflow: int = page.evaluate(
        "() => Math.max(0, document.documentElement.scrollWidth - window.innerWidth)"
    )
    return overflow
