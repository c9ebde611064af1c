"""F3 Rates: the rates in force, entering today's (Enter saves), and the history."""

from __future__ import annotations

from PySide6.QtWidgets import (
    QComboBox,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QVBoxLayout,
    QWidget,
)

from desktop.services.actor import Actor
from desktop.services.clock import SHOP_TZ
from desktop.services.context import CounterContext
from desktop.services.rates import RateView
from desktop.ui.screens.base import Screen
from desktop.ui.viewmodels.base import UserMessage
from desktop.ui.viewmodels.rates import RATE_KINDS, RatesViewModel
from desktop.ui.widgets.table import Column, RecordTable
from shared.purity import Metal, default_catalogue

KINDS = dict(RATE_KINDS)


def _when(rate: RateView) -> str:
    """Shop time (Asia/Kolkata), as the staff think of it."""
    return f"{rate.effective_from.astimezone(SHOP_TZ):%d-%m-%Y %H:%M}"


def rate_columns() -> list[Column[RateView]]:
    return [
        Column("Metal", lambda r: r.metal.title()),
        Column("Purity", lambda r: r.label.removeprefix(f"{r.metal} ")),
        Column("Kind", lambda r: KINDS.get(r.kind, r.kind)),
        Column("Rate per gram", lambda r: r.rate.format(), numeric=True),
        Column("Per 10 g", lambda r: (r.rate * 10).format(), numeric=True),
        Column("In force from", _when, stretch=True),
    ]


class RatesScreen(Screen):
    title = "Rates"

    def __init__(self, ctx: CounterContext, actor: Actor, parent: QWidget | None = None) -> None:
        super().__init__(ctx, actor, parent)
        self.model = RatesViewModel(ctx, actor)
        entry = QGroupBox("Enter a rate (₹ per gram of that purity; in force from now)")
        row = QHBoxLayout(entry)
        self.metal = QComboBox()
        self.metal.setObjectName("rateMetal")
        for metal in Metal:
            self.metal.addItem(metal.value.title(), metal.value)
        self.purity = QComboBox()
        self.purity.setObjectName("ratePurity")
        self.purity.setEditable(True)
        self.kind = QComboBox()
        self.kind.setObjectName("rateKind")
        for value, label in RATE_KINDS:
            self.kind.addItem(label, value)
        self.rate = QLineEdit()
        self.rate.setObjectName("rateValue")
        self.rate.setPlaceholderText("e.g. 7,250.00")
        for label, widget in (
            ("Metal", self.metal),
            ("Purity", self.purity),
            ("Kind", self.kind),
            ("₹/g", self.rate),
        ):
            caption = QLabel(label)
            caption.setProperty("role", "muted")
            row.addWidget(caption)
            row.addWidget(widget, 2 if widget is self.rate else 1)
        self.entry_error = QLabel()
        self.entry_error.setObjectName("rateError")
        self.entry_error.setProperty("role", "error")
        self.entry_error.setVisible(False)
        self.layout_.addWidget(entry)
        self.layout_.addWidget(self.entry_error)
        self.metal.currentIndexChanged.connect(self._purities)
        self._purities()
        self.current: RecordTable[RateView] = RecordTable(rate_columns())
        self.current.setObjectName("currentRates")
        self.history: RecordTable[RateView] = RecordTable(rate_columns())
        self.history.setObjectName("rateHistory")
        columns = QHBoxLayout()
        for title, table in (("In force now", self.current), ("History", self.history)):
            box = QGroupBox(title)
            inner = QVBoxLayout(box)
            inner.addWidget(table)
            columns.addWidget(box)
        self.layout_.addLayout(columns, 1)
        help_line = QLabel("Tab between fields · Enter saves the rate · history shows the last 200")
        help_line.setProperty("role", "muted")
        self.layout_.addWidget(help_line)
        self.rate.returnPressed.connect(self.save)
        self.model.error.connect(self._refused)

    def _purities(self) -> None:
        self.purity.clear()
        for grade in default_catalogue().for_metal(str(self.metal.currentData())):
            self.purity.addItem(grade.label, grade.label)
        default = self.purity.findData("22K916")
        if default >= 0:
            self.purity.setCurrentIndex(default)

    def focus_target(self) -> QWidget:
        return self.rate

    def refresh(self) -> None:
        self.current.set_rows(self.model.current())
        self.history.set_rows(self.model.history())

    def _refused(self, message: UserMessage) -> None:
        self.entry_error.setText(message.text)
        self.entry_error.setVisible(True)
        self.rate.setFocus()
        self.rate.selectAll()

    def save(self) -> None:
        self.entry_error.setVisible(False)
        if self.model.set(
            str(self.metal.currentData()),
            self.purity.currentText(),
            self.rate.text(),
            str(self.kind.currentData()),
        ):
            self.show_ok(
                f"{self.metal.currentText()} {self.purity.currentText()} "
                f"{self.kind.currentText().lower()} rate saved."
            )
            self.rate.clear()
            self.refresh()
            window = self.window()
            refresh_status = getattr(window, "refresh_status", None)
            if callable(refresh_status):
                refresh_status()
