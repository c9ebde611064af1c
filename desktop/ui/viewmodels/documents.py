"""The PDFs the counter prints, rendered by `desktop.printing` from the stored rows.

The shop's logo and invoice terms live in its profile, not in the shop table the printing loader
reads, so they are passed along here as the print profile; everything else is read back from the
database, which is what makes a reprint identical to the first print.
"""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

from desktop.printing import (
    Paper,
    PrintProfile,
    TagStock,
    load_credit_note_document,
    load_invoice_document,
    load_tag_pieces,
    render_credit_note_pdf,
    render_invoice_pdf,
    render_tags_pdf,
)
from desktop.services.context import CounterContext
from desktop.services.setup import get_profile

PAPERS: tuple[tuple[Paper, str], ...] = (
    (Paper.A4, "A4 sheet"),
    (Paper.A5, "A5 sheet"),
    (Paper.THERMAL_80, "80 mm thermal roll"),
)
# The tag stocks as the settings name them, with the printing preset each one means.
TAG_STOCKS: tuple[tuple[str, str], ...] = (
    ("dumbbell_95x12", "95 × 12 mm dumbbell tag"),
    ("label_50x25", "50 × 25 mm label sheet"),
)
_TAG_PRESETS: dict[str, str] = {"dumbbell_95x12": "dumbbell", "label_50x25": "label"}


def print_profile(ctx: CounterContext) -> PrintProfile:
    profile = get_profile(ctx)
    terms = tuple(line.strip() for line in profile.invoice_terms.splitlines() if line.strip())
    logo = Path(profile.logo_path) if profile.logo_path else None
    return PrintProfile(logo_path=logo, terms=terms)


def invoice_pdf(ctx: CounterContext, number: str, paper: Paper = Paper.A4) -> bytes:
    profile = print_profile(ctx)
    with ctx.session() as session:
        document = load_invoice_document(session, ctx.shop_id, number, profile=profile)
    return render_invoice_pdf(document, paper)


def credit_note_pdf(ctx: CounterContext, number: str, paper: Paper = Paper.A4) -> bytes:
    profile = print_profile(ctx)
    with ctx.session() as session:
        document = load_credit_note_document(session, ctx.shop_id, number, profile=profile)
    return render_credit_note_pdf(document, paper)


def tags_pdf(
    ctx: CounterContext,
    tag_codes: Sequence[str],
    stock: str = "dumbbell_95x12",
    *,
    with_qr: bool = False,
) -> bytes:
    with ctx.session() as session:
        pieces = load_tag_pieces(session, ctx.shop_id, list(tag_codes))
    preset = TagStock.parse(_TAG_PRESETS.get(stock, stock))
    return render_tags_pdf(pieces, preset, with_qr=with_qr)


def file_name(number: str, kind: str = "invoice") -> str:
    """A file name for a document number ("A1/25-26/00001" has slashes)."""
    return f"{kind}-{number.replace('/', '-')}.pdf"
