"""The demo shop's stock: a small catalogue, about sixty tagged pieces, and every movement.

Without stock the demo shop's Stock and HUID compliance reports are empty pages. The pieces are
tagged as a counter tags them (each one is checked by building the kernel's `LineDraft` it
would be billed as, so nothing is seeded that a counter would refuse) and stored as if the
terminals had synced them: master rows stamped by the hub's clock, each event written by the
terminal it happened on.

Deterministic (a fixed random seed, every date counted back from the demo's `day`) and laid out
so each report has something to show:

- stock-in dates spread over the last 400 days, every ageing bucket holding pieces of each metal;
- the newest piece of three 22K designs still awaiting hallmarking (no HUID): the HUID report's
  findings. 22K nose pins under 2 g carry none either, lawfully (exempt), and are not findings;
- a few of the month's invoice lines sold a tagged piece. The piece is made to match its line
  exactly (weights, purity, HUID, making, wastage) and the line is linked to it, so no figure
  of any invoice changes; the hub's claim on the piece (`PieceSale`) is recorded as a push would;
- a piece reserved for a customer, one reserved and released, one melted down, one returned to
  its supplier.

Sales returns are left out: on a counter they come with a credit note, which would change the
month's sales figures that the GSTR-1 and sales reports of the demo show.
"""

from __future__ import annotations

import random
import string
import uuid
from collections import Counter
from dataclasses import dataclass
from datetime import UTC, date, datetime, time, timedelta
from decimal import Decimal
from typing import Final
from zoneinfo import ZoneInfo

from sqlalchemy import and_, func, select
from sqlalchemy.ext.asyncio import AsyncSession

from hub.domain.changes import HubClock
from hub.reports.stock_history import AGE_BUCKETS
from shared.ids import new_id
from shared.money import Milligrams, Paise
from shared.pricing import LineDraft, LineKind, MakingCharge, MakingMode, StoneCharge
from shared.purity import Metal, Purity, default_catalogue
from shared.tables import Invoice, InvoiceLine, Product, StockMovement, StockPiece, Terminal, User
from shared.tables.vocabulary import DocumentStatus, MovementKind, PieceStatus
from sync.server.tables import PieceSale

KOLKATA: Final = ZoneInfo("Asia/Kolkata")
OLDEST_STOCK_DAYS: Final = 400
"""The oldest piece came in this many days before the demo's day (the last bucket's far end)."""
HALLMARK_FEE: Final = Paise(45_00)
"""BIS's hallmarking charge per article, billed on hallmarked gold."""
MILLI_CARATS_PER_MG: Final = 5
"""1 carat = 0.2 g, so a milligram of stone is 5 milli-carats."""
AWAITING_HALLMARK: Final = ("G22-CHAIN", "G22-RING", "G22-BANGLE")
"""Designs whose newest piece is back from the karigar but not yet hallmarked (no HUID)."""
SOLD_GOLD_LINES: Final = 4
SOLD_SILVER_LINES: Final = 2
"""How many of the month's gold and silver invoice lines are linked to a tagged piece."""


@dataclass(frozen=True, slots=True)
class Stones:
    """Stones set in a design: their weight range in milligrams and price per carat."""

    low_mg: int
    high_mg: int
    rupees_per_carat: int


@dataclass(frozen=True, slots=True)
class Design:
    """A catalogue entry (one `Product`) and how many pieces of it the showroom holds."""

    code: str
    name: str
    piece_name: str
    """What one piece is called on its tag and bill."""
    tag_prefix: str
    metal: Metal
    fineness: int
    making: MakingMode
    making_rate: int
    """Paise per gram, basis points of the metal value, or flat paise (by `making`)."""
    wastage_bp: int
    low_mg: int
    high_mg: int
    """Gross weight range of its pieces."""
    pieces: int
    stones: Stones | None = None
    hallmarked: bool = True
    """Whether its pieces carry a HUID (silver's is voluntary; gold under 2 g is exempt)."""


DESIGNS: Final = (
    Design("G22-CHAIN", "22K chains", "22K chain", "CHN", Metal.GOLD, 916,
           MakingMode.PER_GRAM, 450_00, 500, 8_000, 30_000, 10),
    Design("G22-RING", "22K rings", "22K ring", "RNG", Metal.GOLD, 916,
           MakingMode.PER_GRAM, 550_00, 300, 2_500, 8_000, 10),
    Design("G22-BANGLE", "22K bangles", "22K bangle", "BNG", Metal.GOLD, 916,
           MakingMode.PER_GRAM, 400_00, 400, 12_000, 40_000, 8),
    Design("G22-JHUMKA", "22K jhumka earrings", "22K jhumka pair", "EAR", Metal.GOLD, 916,
           MakingMode.PERCENT, 1_200, 0, 4_000, 12_000, 6),
    Design("G22-NOSEPIN", "22K nose pins", "22K nose pin", "NSP", Metal.GOLD, 916,
           MakingMode.FLAT, 350_00, 0, 800, 1_900, 3, hallmarked=False),
    Design("G18-STONE-RING", "18K stone rings", "18K ruby ring", "SRG", Metal.GOLD, 750,
           MakingMode.PERCENT, 1_500, 0, 3_000, 7_000, 6, stones=Stones(200, 800, 3_500)),
    Design("G18-PENDANT", "18K diamond pendants", "18K diamond pendant", "PDT", Metal.GOLD, 750,
           MakingMode.FLAT, 2_500_00, 0, 2_000, 6_000, 5, stones=Stones(20, 120, 45_000)),
    Design("S925-ANKLET", "Silver anklets", "silver anklet pair", "ANK", Metal.SILVER, 925,
           MakingMode.PER_GRAM, 15_00, 0, 30_000, 90_000, 10, hallmarked=False),
    Design("S925-CHAIN", "Silver chains", "silver chain", "SCH", Metal.SILVER, 925,
           MakingMode.PER_GRAM, 12_00, 0, 10_000, 40_000, 6, hallmarked=False),
)  # fmt: skip


@dataclass(frozen=True, slots=True)
class Happening:
    """Something that befell one seeded piece after it came in, `days_ago` before the day."""

    design: str
    index: int
    kind: MovementKind
    status_after: PieceStatus
    days_ago: int
    reason: str


EVENTS: Final = (
    Happening("G22-BANGLE", 1, MovementKind.RESERVED, PieceStatus.RESERVED, 5,
              "advance paid; customer collects after her daughter's engagement"),
    Happening("G22-RING", 2, MovementKind.RESERVED, PieceStatus.RESERVED, 12,
              "kept aside for a customer to try on with her family"),
    Happening("G22-RING", 2, MovementKind.RELEASED, PieceStatus.IN_STOCK, 8,
              "customer chose another design"),
    Happening("G22-CHAIN", 4, MovementKind.REMOVED, PieceStatus.REMOVED, 10,
              "old design melted down for a new order"),
    Happening("S925-CHAIN", 3, MovementKind.REMOVED, PieceStatus.RETURNED, 15,
              "returned to the supplier: faulty clasp"),
)  # fmt: skip
"""Index i of a design falls in ageing bucket i mod 5, so each piece above came in well before
its event (bucket 31-90 days and older)."""


@dataclass(slots=True)
class _Shop:
    """What the rows need: the shop, who tags and sells, the terminals, the clock, a seed."""

    session: AsyncSession
    shop_id: uuid.UUID
    clock: HubClock
    day: date
    rng: random.Random
    owner_id: uuid.UUID | None
    sales_id: uuid.UUID | None
    terminal_ids: list[uuid.UUID]
    taken_huids: set[str]

    def terminal(self) -> uuid.UUID | None:
        """The counter a piece was tagged on (none when the shop has no terminal)."""
        return self.rng.choice(self.terminal_ids) if self.terminal_ids else None


def shop_instant(day: date, hour: int, minute: int = 0) -> datetime:
    """A shop-local time on `day`, as the UTC instant it is stored as."""
    return datetime.combine(day, time(hour, minute), KOLKATA).astimezone(UTC)


def ean13(body: str) -> str:
    """The 12 digits with their EAN-13 check digit: what a tag printer's barcode encodes."""
    weighted = sum(int(digit) * (3 if index % 2 else 1) for index, digit in enumerate(body))
    return body + str((10 - weighted % 10) % 10)


def tag_code(design: Design, index: int) -> str:
    return f"{design.tag_prefix}-{index + 1:03d}"


def barcode(design: Design, index: int) -> str:
    """An in-store EAN-13 (prefix 20, GS1's restricted circulation): design, then serial."""
    return ean13(f"20{DESIGNS.index(design) + 1:02d}{index + 1:08d}")


def awaiting_hallmark_tags() -> list[str]:
    """Tags of the seeded pieces that BIS requires a HUID on and that have none yet."""
    by_code = {design.code: design for design in DESIGNS}
    return [tag_code(by_code[code], 0) for code in AWAITING_HALLMARK]


def _purity(metal: Metal, fineness: int) -> Purity:
    return default_catalogue().find(metal, fineness)


def _making(mode: MakingMode, rate: int) -> MakingCharge:
    if mode is MakingMode.PERCENT:
        return MakingCharge(mode, percent=Decimal(rate) / 100)
    return MakingCharge(mode, amount=Paise(rate))


def check_billable(piece: StockPiece) -> None:
    """Build the line the piece would be billed as (at a nominal rate), as a counter does when
    it tags a piece: the kernel refuses any piece that could not lawfully be sold."""
    metal = Metal.parse(piece.metal)
    LineDraft(
        kind=LineKind.JEWELLERY,
        hsn=piece.hsn,
        gst_rate=Decimal(piece.gst_rate_bp) / 100,
        gross_weight=Milligrams(piece.gross_mg),
        net_weight=Milligrams(piece.net_mg),
        metal=metal,
        purity=_purity(metal, piece.purity_fineness),
        stone_weight=Milligrams(piece.stone_mg),
        rate=Paise(1),
        description=piece.description,
        hallmarked=piece.huid is not None,
        huid=piece.huid,
        wastage_percent=Decimal(piece.wastage_bp) / 100,
        making=_making(MakingMode(piece.making_mode), piece.making_rate),
        stones=(StoneCharge(stated_value=Paise(piece.stone_value_paise)),)
        if piece.stone_value_paise
        else (),
        hallmark_charge=Paise(piece.hallmark_fee_paise),
    )


def _new_huid(shop: _Shop) -> str:
    """A HUID unused in the shop (the month's invoices start theirs with D: never clash)."""
    alphabet = string.ascii_uppercase + string.digits
    while True:
        huid = shop.rng.choice(string.ascii_uppercase.replace("D", "")) + "".join(
            shop.rng.choices(alphabet, k=5)
        )
        if huid not in shop.taken_huids:
            shop.taken_huids.add(huid)
            return huid


def _stock_in_days(index: int, design: Design, rng: random.Random) -> int:
    """Days before the demo's day the piece came in: index i lands in ageing bucket i mod 5;
    the newest piece of a design awaiting hallmarking came in within the last three weeks."""
    if index == 0 and design.code in AWAITING_HALLMARK:
        return rng.randint(1, 20)
    _, low, high = AGE_BUCKETS[index % len(AGE_BUCKETS)]
    return rng.randint(max(low, 1), OLDEST_STOCK_DAYS if high is None else high)


def _piece(shop: _Shop, design: Design, product: Product, index: int) -> StockPiece:
    rng = shop.rng
    gross = rng.randint(design.low_mg, design.high_mg)
    stones = design.stones
    stone_mg = 0 if stones is None else rng.randint(stones.low_mg, stones.high_mg)
    carats_mct = stone_mg * MILLI_CARATS_PER_MG
    # milli-carats x rupees per carat is exactly paise ten times over: 1 mct x Rs 1 = 0.1 paise.
    stone_value = 0 if stones is None else carats_mct * stones.rupees_per_carat // 10
    awaiting = index == 0 and design.code in AWAITING_HALLMARK
    huid = _new_huid(shop) if design.hallmarked and not awaiting else None
    return StockPiece(
        id=new_id(),
        shop_id=shop.shop_id,
        product_id=product.id,
        tag_code=tag_code(design, index),
        barcode=barcode(design, index),
        huid=huid,
        description=design.piece_name,
        metal=design.metal.value,
        purity_fineness=design.fineness,
        gross_mg=gross,
        stone_mg=stone_mg,
        net_mg=gross - stone_mg,
        stone_carats_mct=carats_mct,
        stone_value_paise=stone_value,
        making_mode=design.making.value,
        making_rate=design.making_rate,
        wastage_bp=design.wastage_bp,
        hallmark_fee_paise=HALLMARK_FEE.value if huid is not None else 0,
        hsn=product.hsn,
        gst_rate_bp=product.gst_rate_bp,
        status=PieceStatus.IN_STOCK.value,
        hlc=shop.clock.stamp(),
        origin_terminal_id=shop.terminal(),
    )


def _move(  # noqa: PLR0917 - one row's columns, private call sites
    shop: _Shop,
    piece: StockPiece,
    kind: MovementKind,
    status: PieceStatus,
    at: datetime,
    user_id: uuid.UUID | None,
    *,
    invoice_id: uuid.UUID | None = None,
    reason: str | None = None,
) -> StockMovement:
    """The event, and the piece's status and last change brought up to it."""
    piece.status = status.value
    piece.updated_at = at
    return StockMovement(
        id=new_id(),
        shop_id=shop.shop_id,
        stock_piece_id=piece.id,
        kind=kind.value,
        status_after=status.value,
        invoice_id=invoice_id,
        user_id=user_id,
        reason=reason,
        occurred_at=at,
        origin_terminal_id=piece.origin_terminal_id,
        created_at=at,
    )


def _product(shop: _Shop, design: Design) -> Product:
    hsn = "711311" if design.metal is Metal.SILVER else "711319"
    return Product(
        id=new_id(),
        shop_id=shop.shop_id,
        code=design.code,
        name=design.name,
        metal=design.metal.value,
        purity_fineness=design.fineness,
        hsn=hsn,
        gst_rate_bp=300,
        making_mode=design.making.value,
        making_rate=design.making_rate,
        wastage_bp=design.wastage_bp,
        hlc=shop.clock.stamp(),
    )


async def _showroom(shop: _Shop) -> dict[str, Product]:
    """The catalogue and its pieces, each with its stock-in movement and later happenings."""
    products = {design.code: _product(shop, design) for design in DESIGNS}
    shop.session.add_all(products.values())
    await shop.session.flush()
    pieces: dict[tuple[str, int], StockPiece] = {}
    movements: list[StockMovement] = []
    for design in DESIGNS:
        for index in range(design.pieces):
            piece = _piece(shop, design, products[design.code], index)
            days = _stock_in_days(index, design, shop.rng)
            came_in = shop_instant(shop.day - timedelta(days=days), shop.rng.randint(10, 18))
            piece.created_at = came_in
            check_billable(piece)
            movements.append(
                _move(
                    shop, piece, MovementKind.RECEIVED, PieceStatus.IN_STOCK, came_in, shop.owner_id
                )
            )
            pieces[(design.code, index)] = piece
    for event in EVENTS:
        piece = pieces[(event.design, event.index)]
        at = shop_instant(shop.day - timedelta(days=event.days_ago), 16)
        user = shop.owner_id if event.kind is MovementKind.REMOVED else shop.sales_id
        movements.append(
            _move(shop, piece, event.kind, event.status_after, at, user, reason=event.reason)
        )
    shop.session.add_all(pieces.values())
    await shop.session.flush()
    shop.session.add_all(movements)
    return products


async def _month_lines(shop: _Shop) -> list[tuple[InvoiceLine, Invoice]]:
    query = (
        select(InvoiceLine, Invoice)
        .join(
            Invoice,
            and_(Invoice.shop_id == InvoiceLine.shop_id, Invoice.id == InvoiceLine.invoice_id),
        )
        .where(Invoice.status == DocumentStatus.ISSUED.value)
        .order_by(Invoice.issued_at, Invoice.number, InvoiceLine.line_no)
    )
    return [(line, invoice) for line, invoice in (await shop.session.execute(query)).all()]


def _sold_piece(
    shop: _Shop, line: InvoiceLine, product: Product, design: Design, index: int
) -> StockPiece:
    """The tagged piece an invoice line sold: every figure the line was priced from."""
    assert line.metal is not None
    assert line.purity_fineness is not None
    return StockPiece(
        id=new_id(),
        shop_id=shop.shop_id,
        product_id=product.id,
        tag_code=tag_code(design, index),
        barcode=barcode(design, index),
        huid=line.huid,
        description=line.description,
        metal=line.metal,
        purity_fineness=line.purity_fineness,
        gross_mg=line.gross_mg,
        stone_mg=line.stone_mg,
        net_mg=line.net_mg,
        stone_value_paise=line.stone_paise,
        making_mode=line.making_mode or MakingMode.FLAT.value,
        making_rate=line.making_rate,
        wastage_bp=line.wastage_bp,
        hallmark_fee_paise=line.hallmark_paise,
        hsn=line.hsn,
        gst_rate_bp=line.gst_rate_bp,
        status=PieceStatus.IN_STOCK.value,
        hlc=shop.clock.stamp(),
    )


def _design_sold_on(line: InvoiceLine) -> Design:
    """The design a month's line sold: the demo bills 22K chains and silver anklets."""
    code = "G22-CHAIN" if line.metal == Metal.GOLD.value else "S925-ANKLET"
    return next(design for design in DESIGNS if design.code == code)


def _pick_lines(
    shop: _Shop, lines: list[tuple[InvoiceLine, Invoice]]
) -> list[tuple[InvoiceLine, Invoice]]:
    """A few gold and silver lines to link, never one whose HUID another line also carries
    (linking it would tie the piece to a duplicate the HUID report already lists)."""
    counts = Counter(line.huid for line, _ in lines if line.huid is not None)
    gold = [
        (line, invoice)
        for line, invoice in lines
        if line.metal == Metal.GOLD.value
        and line.purity_fineness == 916
        and line.huid is not None
        and counts[line.huid] == 1
        and line.stock_piece_id is None
    ]
    silver = [
        (line, invoice)
        for line, invoice in lines
        if line.metal == Metal.SILVER.value
        and line.purity_fineness == 925
        and line.stock_piece_id is None
    ]
    picked = shop.rng.sample(gold, min(SOLD_GOLD_LINES, len(gold)))
    picked += shop.rng.sample(silver, min(SOLD_SILVER_LINES, len(silver)))
    return sorted(picked, key=lambda pair: (pair[1].issued_at, pair[1].number))


async def _link_sales(shop: _Shop, products: dict[str, Product]) -> None:
    """Tag the pieces a few of the month's lines sold, and link each line to its piece."""
    lines = await _month_lines(shop)
    next_index = {design.code: design.pieces for design in DESIGNS}
    sold: list[tuple[InvoiceLine, Invoice, StockPiece]] = []
    for line, invoice in _pick_lines(shop, lines):
        design = _design_sold_on(line)
        piece = _sold_piece(shop, line, products[design.code], design, next_index[design.code])
        next_index[design.code] += 1
        piece.origin_terminal_id = invoice.terminal_id
        check_billable(piece)
        sold.append((line, invoice, piece))
    shop.session.add_all(piece for _, _, piece in sold)
    await shop.session.flush()
    for line, invoice, piece in sold:
        came_in = shop_instant(
            invoice.invoice_date - timedelta(days=shop.rng.randint(20, 300)),
            shop.rng.randint(10, 18),
        )
        piece.created_at = came_in
        shop.session.add(
            _move(shop, piece, MovementKind.RECEIVED, PieceStatus.IN_STOCK, came_in, shop.owner_id)
        )
        shop.session.add(
            _move(
                shop,
                piece,
                MovementKind.SOLD,
                PieceStatus.SOLD,
                invoice.issued_at,
                invoice.user_id or shop.sales_id,
                invoice_id=invoice.id,
            )
        )
        line.stock_piece_id = piece.id
        shop.session.add(
            PieceSale(
                shop_id=shop.shop_id,
                stock_piece_id=piece.id,
                invoice_id=invoice.id,
                invoice_line_id=line.id,
                claimed_at=invoice.issued_at,
            )
        )


async def seed_demo_stock(
    session: AsyncSession, shop_id: uuid.UUID, clock: HubClock, day: date
) -> bool:
    """Give the demo shop its stock, unless it has some already (then change nothing).

    Runs after the month of invoices is stored (it links a few of their lines), on a tenant
    session of the demo shop; commits. Returns whether it seeded anything.
    """
    if await session.scalar(select(func.count()).select_from(StockPiece)):
        return False
    users = {
        user.username: user.id
        for user in await session.scalars(select(User).where(User.username.in_(("owner", "sales"))))
    }
    terminals = list(await session.scalars(select(Terminal.id).order_by(Terminal.name)))
    line_huids = await session.scalars(
        select(InvoiceLine.huid).where(InvoiceLine.huid.is_not(None))
    )
    shop = _Shop(
        session=session,
        shop_id=shop_id,
        clock=clock,
        day=day,
        rng=random.Random(20250402),  # noqa: S311 - demo figures, not secrets
        owner_id=users.get("owner"),
        sales_id=users.get("sales"),
        terminal_ids=terminals,
        taken_huids={huid for huid in line_huids if huid is not None},
    )
    products = await _showroom(shop)
    await _link_sales(shop, products)
    await session.commit()
    return True
