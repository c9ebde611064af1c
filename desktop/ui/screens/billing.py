"""F1 Billing: the screen the counter lives on.

The scan field always has the focus: a scanner types the tag and presses Enter, and the priced
line appears. Every other action is one key away (listed along the bottom), and every refusal
(a sold piece, a missing rate, a cash limit) is said in words in the banner or the dialog.

The licence shows here too: in grace a warning strip above the bill; once invoices stop, a red
panel saying why and whom to call, with F12 off (estimates and everything else still work).
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QCheckBox,
    QDialog,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QMessageBox,
    QVBoxLayout,
    QWidget,
)

from desktop.licensing.policy import LicenceStatus
from desktop.services.actor import Actor
from desktop.services.billing import BillExchange, PaymentEntry
from desktop.services.context import CounterContext
from desktop.services.issuing import IssuedInvoice
from desktop.services.settings import load_settings
from desktop.ui.dialogs.customer import CustomerDialog
from desktop.ui.dialogs.exchange import ExchangeDialog
from desktop.ui.dialogs.line_edit import LineEditDialog
from desktop.ui.dialogs.output import ask_output
from desktop.ui.dialogs.payments import PaymentsDialog
from desktop.ui.keys import shortcut
from desktop.ui.screens.base import Screen
from desktop.ui.screens.licence_lapsed import LicenceStopPanel
from desktop.ui.viewmodels.base import UserMessage
from desktop.ui.viewmodels.billing import PAYMENT_MODES, BillingViewModel, LineRow
from desktop.ui.viewmodels.customers import CustomersViewModel
from desktop.ui.viewmodels.documents import file_name
from desktop.ui.viewmodels.invoices import InvoicesViewModel
from desktop.ui.widgets.banner import Banner, Level
from desktop.ui.widgets.table import Column, RecordTable
from desktop.ui.widgets.totals import TotalsPanel
from shared.licence import LicenceState

KEY_HELP = (
    "Enter add piece · F8 adjust line · Del remove line · F9 customer · F10 old gold · "
    "F11 payment · F12 / Ctrl+Enter issue · Ctrl+E estimate · Ctrl+N new bill"
)
KEY_HELP_STOPPED = KEY_HELP.replace(
    "F12 / Ctrl+Enter issue", "F12 issue is off (licence, see above)"
)

LINE_COLUMNS: list[Column[LineRow]] = [
    Column("Tag", lambda r: r.tag),
    Column("Item", lambda r: r.description, stretch=True),
    Column("Purity", lambda r: r.purity),
    Column("Net wt", lambda r: r.net, numeric=True),
    Column("Rate", lambda r: r.rate, numeric=True),
    Column("Making", lambda r: r.making, numeric=True),
    Column("Wastage", lambda r: r.wastage, numeric=True),
    Column("Stones+HM", lambda r: r.stones, numeric=True),
    Column("Discount", lambda r: r.discount, numeric=True),
    Column("Value", lambda r: r.value, numeric=True),
    Column("HUID", lambda r: r.huid),
]


def print_folder(ctx: CounterContext) -> Path:
    """Where PDFs are offered by default: a `printed` folder beside the shop's data."""
    return ctx.data_dir / "printed"


class BillingScreen(Screen):
    title = "Billing"

    def __init__(self, ctx: CounterContext, actor: Actor, parent: QWidget | None = None) -> None:
        super().__init__(ctx, actor, parent)
        self.model = BillingViewModel(ctx, actor)
        self.customers = CustomersViewModel(ctx, actor)
        self.invoices = InvoicesViewModel(ctx, actor)
        self.last_issued: IssuedInvoice | None = None
        self.last_output: Path | None = None

        self.rates_banner = Banner()
        self.rates_banner.setObjectName("ratesBanner")
        self.layout_.insertWidget(1, self.rates_banner)
        self.licence_panel = LicenceStopPanel()
        self.layout_.insertWidget(1, self.licence_panel)
        self.licence_banner = Banner()
        self.licence_banner.setObjectName("licenceBanner")
        self.layout_.insertWidget(2, self.licence_banner)
        self.licence: LicenceStatus | None = None

        self.customer_label = QLabel()
        self.customer_label.setObjectName("customerLabel")
        self.header.insertWidget(1, self.customer_label)
        self.form60 = QCheckBox("Form 60 instead of PAN (Ctrl+F)")
        self.form60.setObjectName("form60")
        self.form60.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        self.form60.toggled.connect(self.model.set_form60)
        self.header.addWidget(self.form60)

        scan_row = QHBoxLayout()
        scan_label = QLabel("Scan / tag / HUID")
        scan_label.setProperty("role", "muted")
        self.scan = QLineEdit()
        self.scan.setObjectName("scan")
        self.scan.setPlaceholderText("Scan the tag or type its code, barcode or HUID, then Enter")
        self.scan.setMinimumHeight(34)
        font = self.scan.font()
        font.setPointSize(font.pointSize() + 3)
        self.scan.setFont(font)
        scan_row.addWidget(scan_label)
        scan_row.addWidget(self.scan, 1)
        self.layout_.addLayout(scan_row)

        self.lines: RecordTable[LineRow] = RecordTable(LINE_COLUMNS)
        self.lines.setObjectName("billLines")
        self.lines.setMinimumHeight(180)
        self.layout_.addWidget(self.lines, 1)

        # Below the lines, side by side: old gold, payments, totals. The small tables keep a
        # fixed height so the bill's lines get whatever room the window has.
        lower = QHBoxLayout()
        side = QHBoxLayout()
        self.exchange_box = QGroupBox("Old gold exchange")
        exchange_layout = QVBoxLayout(self.exchange_box)
        self.exchanges: RecordTable[BillExchange] = RecordTable(
            [
                Column("Purity", lambda e: e.line.purity.label),
                Column("Net wt", lambda e: e.line.net_weight.format(), numeric=True),
                Column("Rate", lambda e: e.line.rate.format() + "/g", numeric=True),
                Column("Less %", lambda e: f"{e.line.deduction_percent}", numeric=True),
                Column("Value", lambda e: e.line.value.format(), numeric=True, stretch=True),
            ]
        )
        self.exchanges.setObjectName("exchangeLines")
        self.exchanges.setFixedHeight(130)
        exchange_layout.addWidget(self.exchanges)
        side.addWidget(self.exchange_box, 5)
        self.payment_box = QGroupBox("Payments")
        payment_layout = QVBoxLayout(self.payment_box)
        self.payments: RecordTable[PaymentEntry] = RecordTable(
            [
                Column("Mode", lambda p: dict(PAYMENT_MODES).get(p.mode, p.mode), stretch=True),
                Column("Amount", lambda p: p.amount.format(), numeric=True),
                Column("Reference", lambda p: p.reference or ""),
            ]
        )
        self.payments.setObjectName("paymentLines")
        self.payments.setFixedHeight(130)
        payment_layout.addWidget(self.payments)
        side.addWidget(self.payment_box, 4)
        self.problems = QLabel()
        self.problems.setObjectName("problems")
        self.problems.setWordWrap(True)
        self.problems.setProperty("role", "error")
        side_column = QVBoxLayout()
        side_column.addLayout(side)
        side_column.addWidget(self.problems)
        side_column.addStretch(1)
        lower.addLayout(side_column, 2)
        self.totals = TotalsPanel()
        lower.addWidget(self.totals, 1, Qt.AlignmentFlag.AlignTop)
        self.layout_.addLayout(lower)

        self.help_line = QLabel(KEY_HELP)
        self.help_line.setObjectName("keyHelp")
        self.help_line.setProperty("role", "muted")
        self.help_line.setWordWrap(True)
        self.layout_.addWidget(self.help_line)

        self.scan.returnPressed.connect(self._scan)
        self.lines.activated_row.connect(self.adjust_line)
        shortcut(self, Qt.Key.Key_F8, self.adjust_line)
        shortcut(self, Qt.Key.Key_F9, self.choose_customer)
        shortcut(self, Qt.Key.Key_F10, self.add_exchange)
        shortcut(self, Qt.Key.Key_F11, self.take_payment)
        self.issue_keys = [
            shortcut(self, Qt.Key.Key_F12, self.issue),
            shortcut(self, "Ctrl+Return", self.issue),
            shortcut(self, "Ctrl+Enter", self.issue),
        ]
        shortcut(self, "Ctrl+E", self.estimate)
        shortcut(self, "Ctrl+N", self.new_bill)
        shortcut(self, "Ctrl+F", self.form60.toggle)
        shortcut(self.lines, Qt.Key.Key_Delete, self.remove_line)
        shortcut(self.exchanges, Qt.Key.Key_Delete, self._remove_exchange)
        shortcut(self.scan, Qt.Key.Key_Down, self.lines.setFocus)
        shortcut(self.lines, Qt.Key.Key_Escape, self.scan.setFocus)
        self.model.error.connect(self.show_error)
        self.model.changed.connect(lambda _: self.show_bill())
        self.show_bill()

    # --- showing the bill --------------------------------------------------------------------

    def focus_target(self) -> QWidget:
        return self.scan

    def refresh(self) -> None:
        warning = self.model.rates_warning()
        if warning:
            self.rates_banner.show_message(warning, Level.ERROR)
        else:
            self.rates_banner.clear_message()
        self.show_licence(self.model.licence())
        self.show_bill()

    def show_licence(self, status: LicenceStatus) -> None:
        """Grace: the warning strip. Stopped: the red panel, and the issue keys off."""
        self.licence = status
        self.licence_panel.show_status(status)
        if status.state is LicenceState.GRACE:
            self.licence_banner.show_message(status.explain(), Level.WARNING)
        else:
            self.licence_banner.clear_message()
        for key in self.issue_keys:
            key.setEnabled(status.may_issue)
        self.help_line.setText(KEY_HELP if status.may_issue else KEY_HELP_STOPPED)

    def show_bill(self) -> None:
        self.lines.set_rows(self.model.rows())
        if self.lines.records.rowCount():
            self.lines.selectRow(self.lines.records.rowCount() - 1)
        bill = self.model.bill
        self.exchanges.set_rows(bill.exchanges)
        self.form60.blockSignals(True)
        self.form60.setChecked(bill.form60)
        self.form60.blockSignals(False)
        self.payments.set_rows(bill.payments)
        summary = self.model.summary()
        self.totals.show_figures(summary.computation, summary.paid, summary.balance)
        self.problems.setText(
            "Before issuing: " + "; ".join(summary.problems)
            if summary.problems and bill.lines
            else ""
        )
        customer = self.model.customer
        self.customer_label.setText(
            f"Customer: {customer.name} ({customer.phone or 'no phone'})"
            if customer
            else "Customer: walk-in (F9 to choose)"
        )

    def show_error(self, message: UserMessage) -> None:
        self.banner.show_message(message.text, Level.ERROR)

    # --- actions -----------------------------------------------------------------------------

    def _scan(self) -> None:
        code = self.scan.text()
        if self.model.scan(code):
            self.banner.clear_message()
            self.scan.clear()
        else:
            self.scan.selectAll()
        self.refocus(self.scan)

    def _selected_index(self) -> int | None:
        index = self.lines.currentIndex()
        if index.isValid():
            return index.row()
        count = len(self.model.bill.lines)
        return count - 1 if count else None

    def adjust_line(self, row: int | None = None) -> None:
        index = row if isinstance(row, int) else self._selected_index()
        if index is None:
            self.show_error(UserMessage("Scan a piece first; there is no line to adjust."))
            return
        LineEditDialog(self.model, index, self.model.bill.lines[index], self).exec()
        self.refocus(self.scan)

    def remove_line(self) -> None:
        index = self._selected_index()
        if index is not None:
            self.model.remove_line(index)
        self.refocus(self.scan)

    def _remove_exchange(self) -> None:
        index = self.exchanges.currentIndex()
        if index.isValid():
            self.model.remove_exchange(index.row())

    def choose_customer(self) -> None:
        dialog = CustomerDialog(self.customers, self, existing=self.model.customer)
        if dialog.exec() == QDialog.DialogCode.Accepted:
            self.model.set_customer(dialog.customer)
        self.refocus(self.scan)

    def add_exchange(self) -> None:
        ExchangeDialog(self.model, self).exec()
        self.refocus(self.scan)

    def take_payment(self) -> None:
        if not self.model.bill.lines:
            self.show_error(UserMessage("Scan a piece first; there is nothing to pay for."))
            return
        PaymentsDialog(self.model, self).exec()
        self.show_bill()
        self.refocus(self.scan)

    def issue(self) -> None:
        issued = self.model.issue()
        if issued is None:
            # Refused: perhaps by the licence (it may have lapsed since the screen was shown).
            self.show_licence(self.model.licence())
            self.refocus(self.scan)
            return
        self.last_issued = issued
        self.records_written.emit()
        self.show_ok(f"Invoice {issued.number} issued.")
        self.print_invoice(issued.number)
        self.refresh()
        self.refocus(self.scan)

    def print_invoice(self, number: str) -> None:
        settings = load_settings(self.ctx)
        choice = ask_output(
            self,
            f"Print invoice {number}",
            print_folder(self.ctx) / file_name(number),
            settings.paper,
            settings.invoice_printer,
        )
        if choice is None:
            return
        outcome = (
            self.invoices.print_invoice(number, choice.paper, choice.printer)
            if choice.to_printer
            else self.invoices.save_invoice(number, choice.paper, choice.path)
        )
        if outcome is None:
            return
        self.last_output = outcome.path
        self.show_ok(f"Invoice {number} issued. {outcome.describe()}")

    def estimate(self) -> None:
        computation = self.model.estimate()
        if computation is None:
            return
        totals = computation.totals
        self.show_ok(
            f"Estimate (not a tax invoice, no number): taxable {totals.taxable_value.format()}, "
            f"tax {totals.total_tax.format()}, total {totals.grand_total.format()}, "
            f"net payable {computation.net_payable.format()}. The bill stays open."
        )

    def new_bill(self) -> None:
        if self.model.bill.lines or self.model.bill.payments:
            answer = QMessageBox.question(
                self, "New bill", "Drop the open bill and start a new one?"
            )
            if answer != QMessageBox.StandardButton.Yes:
                return
        self.model.start_new()
        self.banner.clear_message()
        self.refocus(self.scan)
