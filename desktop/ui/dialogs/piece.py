"""Tag a new piece: the form, validated by the stock service (tag and HUID unique, HUID for
hallmarked gold, weights consistent, purity a known grade); errors appear under their field."""

from __future__ import annotations

from PySide6.QtWidgets import QComboBox, QLineEdit, QWidget

from desktop.services.stock import PieceView
from desktop.ui.viewmodels.stock import MAKING_MODES, PieceForm, StockViewModel
from desktop.ui.widgets.dialog import FormDialog
from shared.purity import Metal, default_catalogue


class PieceDialog(FormDialog):
    def __init__(self, model: StockViewModel, parent: QWidget | None = None) -> None:
        super().__init__("Add a piece", parent, accept_text="Add piece (Enter)")
        self.setObjectName("pieceDialog")
        self.model = model
        self.added: PieceView | None = None
        self.fields: dict[str, QLineEdit] = {}
        self._line("tag_code", "Tag code", "e.g. G22-00042")
        self._line("description", "Item", "e.g. Lakshmi haar")
        self.metal = QComboBox()
        self.metal.setObjectName("metal")
        for metal in Metal:
            self.metal.addItem(metal.value.title(), metal.value)
        self.errors.add_row("Metal", "metal", self.metal)
        self.purity = QComboBox()
        self.purity.setObjectName("purity")
        self.purity.setEditable(True)
        self.errors.add_row("Purity", "purity", self.purity)
        self.metal.currentIndexChanged.connect(self._purities)
        self._purities()
        self._line("gross_weight", "Gross weight (g)", "e.g. 12.345")
        self._line("stone_weight", "Stone weight (g)", "0")
        self._line("net_weight", "Net weight (g)", "empty = gross − stone")
        self._line("huid", "HUID", "6 letters/digits (gold)")
        self._line("barcode", "Barcode", "optional")
        self.making_mode = QComboBox()
        self.making_mode.setObjectName("making_mode")
        for value, label in MAKING_MODES:
            self.making_mode.addItem(label, value)
        self.errors.add_row("Making charged as", "making_mode", self.making_mode)
        self._line("making_value", "Making", "₹/g, % or ₹ as chosen")
        self._line("wastage_percent", "Wastage %", "0")
        self._line("stone_value", "Stone value ₹", "0")
        self._line("hallmark_fee", "Hallmark fee ₹", "0")
        self.show_errors_of(model)
        self.fields["tag_code"].setFocus()

    def _line(self, name: str, label: str, hint: str) -> None:
        edit = QLineEdit()
        edit.setObjectName(name)
        edit.setPlaceholderText(hint)
        self.fields[name] = edit
        self.errors.add_row(label, name, edit)

    def _purities(self) -> None:
        self.purity.clear()
        for grade in default_catalogue().for_metal(str(self.metal.currentData())):
            self.purity.addItem(grade.label, grade.label)
        default = self.purity.findData("22K916")
        if default >= 0:
            self.purity.setCurrentIndex(default)

    def form_values(self) -> PieceForm:
        text = {name: edit.text() for name, edit in self.fields.items()}
        return PieceForm(
            metal=str(self.metal.currentData()),
            purity=self.purity.currentText(),
            making_mode=str(self.making_mode.currentData()),
            **text,
        )

    def submit(self) -> bool:
        self.added = self.model.add(self.form_values())
        return self.added is not None
