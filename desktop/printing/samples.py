"""Regenerate the sample prints: `python -m desktop.printing.samples OUTDIR`.

Builds a sample shop in a fresh SQLite file (kernel-computed rows, see `sample_data`), prints
every document through the same loaders and renderers the counter uses, and turns the first
page of each PDF into a PNG with poppler's `pdftoppm` (the files in docs/screenshots/).
"""

from __future__ import annotations

import argparse
import datetime as dt
import shutil
import subprocess
import sys
import tempfile
import uuid
from collections.abc import Callable
from dataclasses import dataclass
from decimal import Decimal
from pathlib import Path

from sqlalchemy import create_engine
from sqlalchemy.orm import Session

from desktop.printing.sample_data import (
    IST,
    SampleShop,
    add_piece,
    append_audit,
    create_sample_shop,
    issue_credit_note,
    issue_invoice,
    line_for_piece,
    make_gstin,
)
from desktop.printing.tag_loader import load_tag_pieces
from desktop.printing.tags import TagStock, render_tags_pdf
from desktop.reports.day_book import build_day_book
from desktop.reports.day_book_export import day_book_csv, render_day_book_pdf
from shared.counter_rules import PaymentMode
from shared.exchange import ExchangeLine
from shared.invoice_calc import Buyer
from shared.money import Milligrams, Paise
from shared.printing.documents import PrintProfile
from shared.printing.loaders import load_credit_note_document, load_invoice_document
from shared.printing.paper import Paper
from shared.printing.render import render_credit_note_pdf, render_invoice_pdf
from shared.purity import default_catalogue
from shared.tables import Base

SAMPLE_DAY = dt.date(2025, 6, 14)
RATE_22K = Paise(9_150_00)
RATE_18K = Paise(7_490_00)
RATE_SILVER = Paise(110_00)
OLD_GOLD_RATE = Paise(8_900_00)
SAMPLE_PROFILE = PrintProfile(
    terms=(
        "Goods once sold are exchanged within 7 days with this invoice; making is not refunded.",
        "Old gold is bought at the tested purity shown on the exchange voucher.",
        "Subject to Bengaluru jurisdiction.",
    ),
    footer="Thank you for shopping with us",
)


@dataclass(frozen=True, slots=True)
class SampleSet:
    """The numbers and tags the sample shop holds, for the prints and the tests."""

    shop_id: uuid.UUID
    intra_invoice: str
    inter_invoice: str
    multi_rate_invoice: str
    credit_note: str
    tag_codes: tuple[str, ...]
    day: dt.date


def at(hour: int, minute: int, day: dt.date = SAMPLE_DAY) -> dt.datetime:
    return dt.datetime.combine(day, dt.time(hour, minute), tzinfo=IST).astimezone(dt.UTC)


def split_payment(due: Paise) -> dict[PaymentMode, Paise]:
    """A counter's usual split: a lakh by UPI, a lakh by card, the rest in cash."""
    upi = min(due, Paise(1_00_000_00))
    card = min(due - upi, Paise(1_00_000_00))
    return {PaymentMode.UPI: upi, PaymentMode.CARD: card, PaymentMode.CASH: due - upi - card}


def build_sample_shop(session: Session) -> SampleSet:
    """The sample day: an intra-state sale with exchange and split payment, an inter-state
    B2B sale (IGST), a two-rate sale, a return, tags and an audit chain."""
    shop: SampleShop = create_sample_shop(session)
    catalogue = default_catalogue()
    necklace = add_piece(
        session,
        shop,
        tag_code="BG22N00417",
        description="Bridal temple necklace with matching jhumkas and maang tikka, "
        "Lakshmi coin motif, antique finish",
        gross_mg=48_630,
        stone_mg=1_250,
        huid="7QX2KD",
        making_mode="per_gram",
        making_rate=650_00,
        wastage_bp=450,
        stone_value_paise=3_800_00,
        hallmark_fee_paise=45_00,
    )
    ring = add_piece(
        session,
        shop,
        tag_code="BG18R01022",
        description="18K diamond-look solitaire ring",
        fineness=750,
        gross_mg=4_215,
        huid="A9K3ZP",
        making_mode="percent",
        making_rate=1200,
        hallmark_fee_paise=45_00,
    )
    anklets = add_piece(
        session,
        shop,
        tag_code="SV925A0088",
        description="Silver anklets (pair), ghungroo",
        metal="silver",
        fineness=925,
        gross_mg=62_400,
        making_mode="flat",
        making_rate=850_00,
    )
    bangles = add_piece(
        session,
        shop,
        tag_code="BG22B00230",
        description="22K plain bangles (set of 2)",
        gross_mg=31_080,
        huid="K2M8Q4",
        making_mode="per_gram",
        making_rate=480_00,
        wastage_bp=300,
        hallmark_fee_paise=90_00,
    )
    chain = add_piece(
        session,
        shop,
        tag_code="BG22C00577",
        description="22K Singapore chain 20 in",
        gross_mg=12_340,
        huid="P5T7W1",
        making_mode="per_gram",
        making_rate=520_00,
        hallmark_fee_paise=45_00,
    )
    add_piece(
        session,
        shop,
        tag_code="BG22E00019",
        description="22K jhumka earrings with pearls",
        gross_mg=9_870,
        stone_mg=620,
        huid="Z3R6N2",
        making_mode="per_gram",
        making_rate=700_00,
        stone_value_paise=1_200_00,
    )
    append_audit(
        session, shop, at=at(10, 2), action="sign_in", entity="user", entity_id=shop.user_id
    )
    intra = issue_invoice(
        session,
        shop,
        issued_at=at(11, 18),
        lines=[
            (line_for_piece(necklace, RATE_22K, discount=Paise(2_000_00)), necklace),
            (line_for_piece(anklets, RATE_SILVER), anklets),
        ],
        buyer=Buyer(
            name="Smt. Venkatalakshmi Ramachandran Iyengar",
            address="Flat 302, Prestige Shantiniketan, Whitefield Main Road, Bengaluru 560066",
            state="29",
            pan="ABCPV1234K",
        ),
        buyer_phone="+91 98450 12345",
        old_gold=[
            ExchangeLine(
                purity=catalogue.find("gold", 916),
                net_weight=Milligrams(18_460),
                rate=OLD_GOLD_RATE,
                deduction_percent=Decimal(2),
                description="Old bangles and ear studs",
            )
        ],
        pay=split_payment,
        references={PaymentMode.UPI: "UPI 514236987412", PaymentMode.CARD: "Auth 084417"},
    )
    append_audit(
        session, shop, at=at(11, 18), action="invoice_issued", entity="invoice", entity_id=intra.id
    )
    inter = issue_invoice(
        session,
        shop,
        issued_at=at(13, 5),
        lines=[(line_for_piece(bangles, RATE_22K), bangles)],
        buyer=Buyer(
            name="Mehta Gold Palace Private Limited",
            address="Shop 7, Zaveri Bazaar, Kalbadevi, Mumbai 400002",
            gstin=make_gstin("27AAGCM3333P1Z"),
        ),
        buyer_phone="+91 22 2342 5678",
        place_of_supply="27",
        pay=lambda due: {PaymentMode.BANK: due},
        references={PaymentMode.BANK: "NEFT HDFCN52025061412345"},
    )
    append_audit(
        session, shop, at=at(13, 5), action="invoice_issued", entity="invoice", entity_id=inter.id
    )
    multi = issue_invoice(
        session,
        shop,
        issued_at=at(15, 40),
        lines=[
            (line_for_piece(chain, RATE_22K), chain),
            (line_for_piece(ring, RATE_18K), ring),
        ],
        buyer=Buyer(name="Arjun Shetty"),
        buyer_phone="+91 99000 11122",
    )
    append_audit(
        session, shop, at=at(15, 40), action="invoice_issued", entity="invoice", entity_id=multi.id
    )
    note = issue_credit_note(
        session,
        shop,
        multi,
        issued_at=at(17, 55),
        line_numbers=[2],
        reason="Sales return: ring size did not fit",
    )
    append_audit(
        session,
        shop,
        at=at(17, 55),
        action="credit_note_issued",
        entity="credit_note",
        entity_id=note.id,
    )
    session.flush()
    return SampleSet(
        shop_id=shop.shop_id,
        intra_invoice=intra.number,
        inter_invoice=inter.number,
        multi_rate_invoice=multi.number,
        credit_note=note.number,
        tag_codes=("BG22N00417", "BG22E00019", "SV925A0088", "BG22C00577"),
        day=SAMPLE_DAY,
    )


def sample_session(folder: Path) -> tuple[Session, SampleSet]:
    """A session on a new SQLite file in `folder`, holding the sample shop (committed)."""
    engine = create_engine(f"sqlite:///{folder / 'sample.db'}")
    Base.metadata.create_all(engine)
    session = Session(engine)
    samples = build_sample_shop(session)
    session.commit()
    return session, samples


def write_samples(out: Path, *, png: bool = True) -> list[Path]:
    """Every sample print as PDF (and PNG of page 1) in `out`; returns the files written."""
    out.mkdir(parents=True, exist_ok=True)
    written: list[Path] = []
    with tempfile.TemporaryDirectory() as scratch:
        session, s = sample_session(Path(scratch))
        with session:
            invoice = load_invoice_document(
                session, s.shop_id, s.intra_invoice, profile=SAMPLE_PROFILE
            )
            inter = load_invoice_document(
                session, s.shop_id, s.inter_invoice, profile=SAMPLE_PROFILE
            )
            note = load_credit_note_document(
                session, s.shop_id, s.credit_note, profile=SAMPLE_PROFILE
            )
            pieces = load_tag_pieces(session, s.shop_id, s.tag_codes)
            book = build_day_book(session, s.shop_id, s.day)
        jobs: list[tuple[str, Callable[[], bytes]]] = [
            ("invoice-a4", lambda: render_invoice_pdf(invoice, Paper.A4)),
            ("invoice-a5", lambda: render_invoice_pdf(invoice, Paper.A5)),
            ("invoice-thermal", lambda: render_invoice_pdf(invoice, Paper.THERMAL_80)),
            ("invoice-igst-a4", lambda: render_invoice_pdf(inter, Paper.A4)),
            ("credit-note-a4", lambda: render_credit_note_pdf(note, Paper.A4)),
            ("tags-dumbbell", lambda: render_tags_pdf(pieces, TagStock.DUMBBELL_95X12, True)),
            ("tags-label", lambda: render_tags_pdf(pieces, TagStock.LABEL_50X25, False)),
            ("day-book", lambda: render_day_book_pdf(book)),
        ]
        for name, render in jobs:
            pdf = out / f"{name}.pdf"
            pdf.write_bytes(render())
            written.append(pdf)
            if png:
                written.append(pdf_to_png(pdf, out / f"{name}.png"))
        csv_path = out / "day-book.csv"
        csv_path.write_text(day_book_csv(book), encoding="utf-8", newline="")
        written.append(csv_path)
    return written


def pdf_to_png(pdf: Path, png: Path, *, dpi: int = 150) -> Path:
    """Page 1 of `pdf` as a PNG (poppler's pdftoppm)."""
    tool = shutil.which("pdftoppm")
    if tool is None:
        raise RuntimeError("pdftoppm is missing: install poppler-utils to make PNGs")
    stem = png.with_suffix("")
    subprocess.run(
        [tool, "-png", "-r", str(dpi), "-f", "1", "-l", "1", "-singlefile", str(pdf), str(stem)],
        check=True,
    )
    return png


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else None)
    parser.add_argument("outdir", type=Path)
    parser.add_argument("--no-png", action="store_true", help="write the PDFs only")
    args = parser.parse_args(argv)
    for path in write_samples(args.outdir, png=not args.no_png):
        sys.stdout.write(f"{path}\n")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
