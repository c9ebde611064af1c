"""The bill's totals panel: every figure straight from the kernel's InvoiceComputation."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QFormLayout, QGroupBox, QLabel, QWidget

from shared.gst import SupplyType
from shared.invoice_calc import InvoiceComputation
from shared.money import Paise

_ROWS = (
    ("taxable", "Taxable value"),
    ("cgst", "CGST"),
    ("sgst", "SGST"),
    ("igst", "IGST"),
    ("round_off", "Round-off"),
    ("grand_total", "Grand total"),
    ("old_gold", "Less old gold"),
    ("net_payable", "Net payable"),
    ("paid", "Paid"),
    ("balance", "Balance due"),
)


class TotalsPanel(QGroupBox):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__("Totals", parent)
        self.setObjectName("totalsPanel")
        form = QFormLayout(self)
        form.setLabelAlignment(Qt.AlignmentFlag.AlignLeft)
        self.values: dict[str, QLabel] = {}
        self._names: dict[str, QLabel] = {}
        for key, caption in _ROWS:
            name = QLabel(caption)
            value = QLabel("—")
            value.setObjectName(f"total_{key}")
            value.setAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
            if key in ("grand_total", "net_payable", "balance"):
                value.setProperty("role", "total")
                name.setProperty("role", "total")
            form.addRow(name, value)
            self.values[key] = value
            self._names[key] = name

    def show_figures(
        self, computation: InvoiceComputation | None, paid: Paise, balance: Paise
    ) -> None:
        if computation is None:
            for value in self.values.values():
                value.setText("—")
            self.values["paid"].setText(paid.format())
            return
        totals = computation.totals
        intra = computation.supply_type is SupplyType.INTRA
        figures = {
            "taxable": totals.taxable_value,
            "cgst": totals.cgst,
            "sgst": totals.sgst,
            "igst": totals.igst,
            "round_off": totals.round_off,
            "grand_total": totals.grand_total,
            "old_gold": -computation.voucher.value if computation.voucher.value else Paise(0),
            "net_payable": computation.net_payable,
            "paid": paid,
            "balance": balance,
        }
        for key, amount in figures.items():
            self.values[key].setText(amount.format())
        for key in ("cgst", "sgst"):
            self.values[key].setVisible(intra)
            self._names[key].setVisible(intra)
        self.values["igst"].setVisible(not intra)
        self._names["igst"].setVisible(not intra)
