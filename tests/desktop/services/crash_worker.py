"""Bills in a loop until killed (the kill test's victim): `python crash_worker.py DATA_DIR`.

Prints "ready" once the counter is open, then issues invoices of one in-stock piece each, with
an exchange line and a split payment, so every kind of row is being written when the kill lands.
"""

from __future__ import annotations

import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[3]))

from desktop.services.billing import Bill, ExchangeInput
from desktop.services.context import open_counter
from desktop.services.staff import owner_actor
from desktop.services.stock import PieceFilter, search_pieces
from shared.invoice_calc import Buyer
from shared.money import Milligrams, Paise


def main(folder: Path) -> None:
    ctx = open_counter(folder)
    actor = owner_actor(ctx)
    print("ready", flush=True)
    while True:
        pieces = search_pieces(ctx, PieceFilter(status="in_stock"), limit=1)
        if not pieces:
            return
        bill = Bill(ctx, actor)
        bill.buyer_override = Buyer(
            name="K. Das", address="Jayanagar", state="29", pan="ABCPD1234K"
        )
        bill.scan(pieces[0].tag_code)
        bill.add_exchange(ExchangeInput("916", Milligrams(300)))
        due = bill.summary().balance
        bill.add_payment("cash", Paise(1_000_00))
        bill.add_payment("card", due - Paise(1_000_00))
        bill.issue()


if __name__ == "__main__":
    main(Path(sys.argv[1]))
