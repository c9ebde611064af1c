"""Reading generated PDFs back: text (pypdf), embedded fonts, images and barcodes (zbarimg)."""

from __future__ import annotations

import io
import shutil
import subprocess
from pathlib import Path
from typing import Any

import pytest
from pypdf import PdfReader


def pdf_text(pdf: bytes) -> str:
    """All pages' text with whitespace collapsed (wrapped cells join with a space)."""
    reader = PdfReader(io.BytesIO(pdf))
    return " ".join(" ".join((page.extract_text() or "").split()) for page in reader.pages)


def page_texts(pdf: bytes) -> list[str]:
    return [" ".join((p.extract_text() or "").split()) for p in PdfReader(io.BytesIO(pdf)).pages]


def page_count(pdf: bytes) -> int:
    return len(PdfReader(io.BytesIO(pdf)).pages)


def embedded_fonts(pdf: bytes) -> set[str]:
    """Base names of fonts that carry their own font file (FontFile2 = embedded TrueType)."""
    found: set[str] = set()
    for page in PdfReader(io.BytesIO(pdf)).pages:
        resources: Any = page["/Resources"]
        fonts: Any = resources.get_object().get("/Font")
        if fonts is None:
            continue
        for ref in fonts.get_object().values():
            font = ref.get_object()
            for descendant in font.get("/DescendantFonts", []) or [font]:
                descriptor = descendant.get_object().get("/FontDescriptor")
                if descriptor is not None and "/FontFile2" in descriptor.get_object():
                    found.add(str(font["/BaseFont"]).split("+")[-1])
    return found


def decode_barcodes(pdf_path: Path, out: Path, dpi: int = 300) -> list[str]:
    """Every barcode and QR code zbarimg finds on every page, as "TYPE:data" strings."""
    zbarimg = shutil.which("zbarimg")
    if zbarimg is None:
        pytest.fail("zbarimg is missing: install zbar-tools (tests/harness/packages.py lists it)")
    subprocess.run(
        ["pdftoppm", "-png", "-r", str(dpi), str(pdf_path), str(out / "page")], check=True
    )
    found: list[str] = []
    for png in sorted(out.glob("page*.png")):
        result = subprocess.run(
            [zbarimg, "-q", str(png)], capture_output=True, text=True, check=False
        )
        found += [line for line in result.stdout.splitlines() if line.strip()]
    return found
