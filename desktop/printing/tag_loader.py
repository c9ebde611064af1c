"""Read the pieces to tag from stock, by tag code, in the order the user listed them."""

from __future__ import annotations

import uuid
from collections.abc import Sequence

from sqlalchemy import select
from sqlalchemy.orm import Session

from desktop.printing.tags import TagPiece
from shared.errors import InvalidInput
from shared.money import Milligrams
from shared.printing.formatting import purity_label
from shared.tables import StockPiece


def load_tag_pieces(
    session: Session, shop_id: uuid.UUID, tag_codes: Sequence[str]
) -> list[TagPiece]:
    """The tag facts of each code; every unknown code is named in one error, nothing printed."""
    typed = [code.strip() for code in tag_codes if code.strip()]
    wanted = [code.upper() for code in typed]
    if not wanted:
        raise InvalidInput("give at least one tag code", "tag_codes")
    # Both spellings, so the (shop_id, tag_code) index still serves a code typed in lower case.
    rows = session.scalars(
        select(StockPiece).where(
            StockPiece.shop_id == shop_id, StockPiece.tag_code.in_({*typed, *wanted})
        )
    ).all()
    by_code = {row.tag_code.upper(): row for row in rows}
    missing = [code for code in wanted if code not in by_code]
    if missing:
        raise InvalidInput("no piece in stock has tag code " + ", ".join(missing), "tag_codes")
    return [
        TagPiece(
            tag_code=by_code[code].tag_code,
            description=by_code[code].description,
            metal=by_code[code].metal,
            purity_label=purity_label(by_code[code].metal, by_code[code].purity_fineness)
            or str(by_code[code].purity_fineness),
            gross=Milligrams(by_code[code].gross_mg),
            stone=Milligrams(by_code[code].stone_mg),
            net=Milligrams(by_code[code].net_mg),
            huid=by_code[code].huid,
        )
        for code in wanted
    ]
