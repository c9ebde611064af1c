"""Screenshots of every screen with demo data: `python -m desktop.ui.screenshots OUTDIR`.

Renders offscreen (no display needed) into docs/screenshots/screen-*.png so the README shows
the counter as it is, and so a person can look at every screen after a change. The demo shop
is seeded into a temporary folder at a fixed instant, so the pictures are stable.
"""

from __future__ import annotations

import datetime as dt
import os
import sys
import tempfile
from collections.abc import Callable
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from PySide6.QtWidgets import QApplication, QDialog, QWidget

from desktop.demo import OWNER_PIN, seed_demo
from desktop.services.clock import FixedClock
from desktop.services.context import CounterContext, open_counter
from desktop.services.staff import sign_in
from desktop.services.stock import PieceFilter, search_pieces
from desktop.ui.dialogs.csv_import import CsvImportDialog
from desktop.ui.dialogs.payments import PaymentsDialog
from desktop.ui.dialogs.signin import SignInDialog
from desktop.ui.keys import ScreenId
from desktop.ui.main_window import MainWindow
from desktop.ui.screens.billing import BillingScreen
from desktop.ui.screens.registry import screen_factories
from desktop.ui.theme import apply_theme
from desktop.ui.viewmodels.signin import SignInViewModel

# 11:00 in Bengaluru.
DEMO_INSTANT = dt.datetime(2025, 11, 20, 5, 30, tzinfo=dt.UTC)
SIZE = (1366, 768)

BAD_CSV = (
    "tag_code,metal,purity,gross_weight,description,huid\n"
    "NEW-0001,gold,22K916,10.500,Plain bangle,NW01AB\n"
    "NEW-0002,gold,22K961,8.000,Ring,NW02AB\n"
    "NEW-0003,silver,925,-4,Anklet,\n"
)


def _settle(app: QApplication) -> None:
    for _ in range(5):
        app.processEvents()


def _save(widget: QWidget, out: Path, name: str, app: QApplication) -> Path:
    _settle(app)
    target = out / f"screen-{name}.png"
    if not widget.grab().save(str(target)):
        raise OSError(f"could not write {target}")
    return target


def _dialog_shot(
    dialog: QDialog, out: Path, name: str, app: QApplication, prepare: Callable[[], None] | None
) -> Path:
    dialog.show()
    if prepare is not None:
        prepare()
    dialog.adjustSize()
    saved = _save(dialog, out, name, app)
    dialog.reject()
    return saved


def _billing_scene(window: MainWindow, ctx: CounterContext) -> BillingScreen:
    billing = window.screen_for(ScreenId.BILLING)
    assert isinstance(billing, BillingScreen)
    gold = search_pieces(ctx, PieceFilter(metal="gold", fineness=916, status="in_stock"), limit=3)
    for piece in gold[:2]:
        billing.model.scan(piece.tag_code)
    billing.model.add_exchange("22K916", "6.120", "2")
    customer = billing.customers.search("Meena")
    if customer:
        billing.model.set_customer(customer[0])
    balance = billing.model.balance()
    billing.model.add_payment("card", "25,000", "SLIP 4471")
    billing.model.add_payment("upi", (balance.rupees - 25_000).to_eng_string(), "UPI 22931")
    billing.show_ok("Scanned 2 pieces · old gold 6.120 g · paid by card and UPI")
    return billing


def take_all(out: Path) -> list[Path]:
    """Seed a demo shop, render every screen and the main dialogs; the files written."""
    out.mkdir(parents=True, exist_ok=True)
    existing = QApplication.instance()
    app = existing if isinstance(existing, QApplication) else QApplication(sys.argv)
    apply_theme(app)
    written: list[Path] = []
    with tempfile.TemporaryDirectory(prefix="boolagold-shots-") as folder:
        data_dir = Path(folder) / "demo"
        clock = FixedClock(DEMO_INSTANT)
        seed_demo(data_dir, pieces=120, clock=clock)
        ctx = open_counter(data_dir, clock)
        try:
            owner = sign_in(ctx, "owner", OWNER_PIN)
            signin = SignInDialog(SignInViewModel(ctx), "Sri Lakshmi Jewellers")
            written.append(_dialog_shot(signin, out, "signin", app, None))

            window = MainWindow(ctx, owner, screen_factories())
            window.resize(*SIZE)
            window.show()
            billing = _billing_scene(window, ctx)
            window.show_screen(ScreenId.BILLING)
            written.append(_save(window, out, "billing", app))
            payments = PaymentsDialog(billing.model, window)
            written.append(_dialog_shot(payments, out, "payments", app, None))

            for screen, name in (
                (ScreenId.STOCK, "stock"),
                (ScreenId.RATES, "rates"),
                (ScreenId.CUSTOMERS, "customers"),
                (ScreenId.INVOICES, "invoices"),
                (ScreenId.DAY_BOOK, "day-book"),
                (ScreenId.SETTINGS, "settings"),
            ):
                window.show_screen(screen)
                written.append(_save(window, out, name, app))

            csv_file = Path(folder) / "new-stock.csv"
            csv_file.write_text(BAD_CSV, encoding="utf-8")
            stock = window.screen_for(ScreenId.STOCK)
            importer = CsvImportDialog(stock.model, window)  # type: ignore[attr-defined]

            def load_bad_file() -> None:
                importer.path.setText(str(csv_file))
                importer.load()

            written.append(_dialog_shot(importer, out, "stock-import-errors", app, load_bad_file))
            window.close()

            # The next morning, before anyone has entered the day's rates.
            clock.advance(dt.timedelta(days=1))
            morning = MainWindow(ctx, owner, screen_factories())
            morning.resize(*SIZE)
            morning.show()
            written.append(_save(morning, out, "billing-rates-missing", app))
            morning.close()
        finally:
            ctx.close()
    return written


def main(argv: list[str] | None = None) -> int:
    args = sys.argv[1:] if argv is None else argv
    if len(args) != 1:
        sys.stderr.write("usage: python -m desktop.ui.screenshots OUTDIR\n")
        return 2
    for path in take_all(Path(args[0])):
        sys.stdout.write(f"{path}\n")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
