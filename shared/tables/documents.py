"""Columns and CHECKs that invoices and credit notes share (both are GST documents).

Every computed figure is stored, not recomputed on read: an issued document must print and
report the same amounts forever, even after the pricing code changes. The CHECKs pin the
arithmetic that must hold whatever code wrote the row (DOMAIN.md conventions 2 to 4).
"""

from __future__ import annotations

from sqlalchemy import CheckConstraint

from shared.tables.vocabulary import DocumentStatus, SupplyType, one_of


def document_checks() -> tuple[CheckConstraint, ...]:
    """CHECKs for a numbered GST document whose totals are `taxable + tax + round-off`."""
    return (
        CheckConstraint(one_of("supply_type", SupplyType), name="supply_type"),
        CheckConstraint(one_of("status", DocumentStatus), name="status"),
        CheckConstraint("length(financial_year) = 7", name="financial_year_length"),
        CheckConstraint("length(number) BETWEEN 1 AND 16", name="number_length"),
        CheckConstraint("length(place_of_supply) = 2", name="place_of_supply_length"),
        CheckConstraint(
            "taxable_paise >= 0 AND cgst_paise >= 0 AND sgst_paise >= 0 AND igst_paise >= 0",
            name="amounts_not_negative",
        ),
        # Intra-state: CGST and SGST are each half the rate on the same base, so they are equal.
        CheckConstraint(
            "(supply_type = 'intra' AND igst_paise = 0 AND cgst_paise = sgst_paise)"
            " OR (supply_type = 'inter' AND cgst_paise = 0 AND sgst_paise = 0)",
            name="tax_matches_supply",
        ),
        # Rounded to the rupee, 50 paise going up: the round-off is between -49 and +50 paise.
        CheckConstraint("round_off_paise BETWEEN -49 AND 50", name="round_off_range"),
        CheckConstraint("grand_total_paise % 100 = 0", name="grand_total_whole_rupees"),
        CheckConstraint(
            "grand_total_paise"
            " = taxable_paise + cgst_paise + sgst_paise + igst_paise + round_off_paise",
            name="grand_total_sum",
        ),
        CheckConstraint(
            "(status = 'issued' AND cancelled_at IS NULL)"
            " OR (status = 'cancelled' AND cancelled_at IS NOT NULL)",
            name="cancelled_has_time",
        ),
    )
