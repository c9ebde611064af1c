"""F7 Settings: the shop profile, this terminal, printing, staff, data and backups, and the hub.

Sections a role may not change are not shown at all (a salesperson sees the terminal and the
printers, not the staff list or restore); the services refuse those actions anyway.
Ctrl+Tab moves between the sections, Ctrl+S saves the one in front, Ctrl+H connects a counter
to a shop on the hub (owner only).
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QMessageBox,
    QPlainTextEdit,
    QPushButton,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from desktop.services.actor import Actor
from desktop.services.context import CounterContext
from desktop.services.staff import StaffUser
from desktop.ui.dialogs.enrol import EnrolDialog
from desktop.ui.keys import shortcut
from desktop.ui.main_window import MainWindow
from desktop.ui.screens.base import Screen
from desktop.ui.viewmodels.base import UserMessage
from desktop.ui.viewmodels.documents import PAPERS, TAG_STOCKS
from desktop.ui.viewmodels.settings import ProfileForm, SettingsViewModel
from desktop.ui.widgets.background import BackgroundTask
from desktop.ui.widgets.forms import FieldErrors, general_error_label
from desktop.ui.widgets.sync_status import describe
from desktop.ui.widgets.table import Column, RecordTable
from shared.states import STATES
from shared.tables.vocabulary import Role


class Section(QWidget):
    """One tab: a form with inline errors and a save action."""

    def __init__(self) -> None:
        super().__init__()
        self.column = QVBoxLayout(self)
        self.general = general_error_label()
        self.column.addWidget(self.general)
        self.form = QFormLayout()
        self.column.addLayout(self.form)
        self.errors = FieldErrors(self.form, self.general)

    def line(self, label: str, name: str, text: str = "", hint: str = "") -> QLineEdit:
        edit = QLineEdit(text)
        edit.setObjectName(name)
        edit.setPlaceholderText(hint)
        self.errors.add_row(label, name, edit)
        return edit

    def combo(self, label: str, name: str, items: list[tuple[str, str]], current: str) -> QComboBox:
        box = QComboBox()
        box.setObjectName(name)
        for value, caption in items:
            box.addItem(caption, value)
        box.setCurrentIndex(max(box.findData(current), 0))
        self.errors.add_row(label, name, box)
        return box

    def button(
        self, text: str, action: Callable[[], None], *, primary: bool = False
    ) -> QPushButton:
        made = QPushButton(text)
        made.setProperty("primary", primary)
        made.clicked.connect(action)
        return made

    def add_button(self, button: QPushButton) -> None:
        """A button at the foot of the form, at its natural width on the left."""
        row = QHBoxLayout()
        row.addWidget(button)
        row.addStretch(1)
        self.column.addLayout(row)


class SettingsScreen(Screen):
    title = "Settings"

    def __init__(self, ctx: CounterContext, actor: Actor, parent: QWidget | None = None) -> None:
        super().__init__(ctx, actor, parent)
        self.model = SettingsViewModel(ctx, actor)
        self.task: BackgroundTask[Path] | None = None
        self.tabs = QTabWidget()
        self.tabs.setObjectName("settingsTabs")
        self.layout_.addWidget(self.tabs, 1)
        self.shop_section: Section | None = None
        self.staff_section: Section | None = None
        if self.model.can_edit_shop:
            self.shop_section = self._shop()
            self.tabs.addTab(self.shop_section, "Shop")
        self.tabs.addTab(self._terminal(), "Terminal && printing")
        if self.model.can_manage_staff:
            self.staff_section = self._staff()
            self.tabs.addTab(self.staff_section, "Staff")
        self.tabs.addTab(self._data(), "Data && backups")
        self.hub_section = self._hub()
        self.tabs.addTab(self.hub_section, "Hub connection")
        help_line = QLabel("Ctrl+Tab next section · Ctrl+S save this section")
        help_line.setProperty("role", "muted")
        self.layout_.addWidget(help_line)
        shortcut(self, "Ctrl+S", self.save_current)
        self.model.error.connect(self._refused)

    def focus_target(self) -> QWidget:
        return self.tabs.currentWidget() or self.tabs

    def refresh(self) -> None:
        self._show_hub()

    def _refused(self, message: UserMessage) -> None:
        section = self.tabs.currentWidget()
        if isinstance(section, Section):
            section.errors.show(message)
        else:
            self.show_error(message)

    def save_current(self) -> None:
        saver = getattr(self.tabs.currentWidget(), "save", None)
        if callable(saver):
            saver()

    # --- shop ----------------------------------------------------------------------------------

    def _shop(self) -> Section:
        profile = self.model.profile()
        section = Section()
        name = section.line("Shop name", "name", profile.name)
        legal = section.line("Legal name", "legal_name", profile.legal_name or "")
        address = QPlainTextEdit(profile.address)
        address.setObjectName("address")
        address.setTabChangesFocus(True)
        address.setFixedHeight(64)
        section.errors.add_row("Address", "address", address)
        state = section.combo(
            "State", "state_code", [(c, f"{c} {n}") for c, n in STATES.items()], profile.state_code
        )
        gstin = section.line("GSTIN", "gstin", profile.gstin or "")
        pan = section.line("PAN", "pan", profile.pan or "")
        phone = section.line("Phone", "phone", profile.phone or "")
        email = section.line("E-mail", "email", profile.email or "")
        pincode = section.line("PIN code", "pincode", profile.pincode or "")
        logo = section.line("Logo file", "logo_path", profile.logo_path or "", "PNG or JPEG path")
        terms = QPlainTextEdit(profile.invoice_terms)
        terms.setObjectName("invoice_terms")
        terms.setTabChangesFocus(True)
        terms.setFixedHeight(80)
        section.errors.add_row("Invoice terms", "invoice_terms", terms)

        def save() -> None:
            section.errors.clear()
            form = ProfileForm(
                name=name.text(),
                legal_name=legal.text(),
                address=address.toPlainText(),
                state_code=str(state.currentData()),
                gstin=gstin.text(),
                pan=pan.text(),
                phone=phone.text(),
                email=email.text(),
                pincode=pincode.text(),
                logo_path=logo.text(),
                invoice_terms=terms.toPlainText(),
            )
            if self.model.save_profile(form):
                self.show_ok("Shop profile saved.")

        section.save = save  # type: ignore[attr-defined]
        section.add_button(section.button("Save shop profile (Ctrl+S)", save, primary=True))
        section.column.addStretch(1)
        return section

    # --- terminal and printing -----------------------------------------------------------------

    def _terminal(self) -> Section:
        terminal = self.model.terminal()
        settings = self.model.settings()
        section = Section()
        for caption, value in (
            ("Terminal", terminal.name),
            ("Invoice series", terminal.invoice_series),
            ("Credit-note series", terminal.credit_note_series),
            ("Old-gold voucher series", terminal.voucher_series),
        ):
            shown = QLabel(value)
            shown.setObjectName(f"terminal_{caption.split()[0].lower()}")
            section.form.addRow(caption, shown)
        papers = [(paper.value, label) for paper, label in PAPERS]
        paper = section.combo("Invoice paper", "paper", papers, settings.paper)
        printers = [("", "(system default)"), *((name, name) for name in self.model.printers())]
        invoice_printer = section.combo(
            "Invoice printer", "invoice_printer", printers, settings.invoice_printer or ""
        )
        invoice_printer.setEditable(True)
        tag_printer = section.combo(
            "Tag printer", "tag_printer", printers, settings.tag_printer or ""
        )
        tag_printer.setEditable(True)
        tag_stock = section.combo("Tag stock", "tag_stock", list(TAG_STOCKS), settings.tag_stock)
        discount = section.line(
            "Sales discount limit %",
            "max_sales_discount_percent",
            str(settings.max_sales_discount_percent),
        )
        keep = section.line("Backups to keep", "keep_backups", str(settings.keep_backups))
        backup_dir = section.line(
            "Backup folder",
            "backup_dir",
            settings.backup_dir or "",
            "empty = inside the data folder",
        )
        editable = self.model.can_edit_shop
        for widget in (paper, invoice_printer, tag_printer, tag_stock, discount, keep, backup_dir):
            widget.setEnabled(editable)

        def printer_text(box: QComboBox) -> str:
            text = box.currentText().strip()
            return "" if text == "(system default)" else text

        def save() -> None:
            section.errors.clear()
            if self.model.save_printing(
                paper=str(paper.currentData()),
                invoice_printer=printer_text(invoice_printer),
                tag_printer=printer_text(tag_printer),
                tag_stock=str(tag_stock.currentData()),
                max_discount=discount.text(),
                keep_backups=keep.text(),
                backup_dir=backup_dir.text(),
            ):
                self.show_ok("Printing and backup settings saved.")

        if editable:
            section.save = save  # type: ignore[attr-defined]
            section.add_button(section.button("Save settings (Ctrl+S)", save, primary=True))
        else:
            note = QLabel("Only the owner changes these settings.")
            note.setProperty("role", "muted")
            section.column.addWidget(note)
        section.column.addStretch(1)
        return section

    # --- staff ---------------------------------------------------------------------------------

    def _staff(self) -> Section:
        section = Section()
        table: RecordTable[StaffUser] = RecordTable(
            [
                Column("User", lambda u: u.username),
                Column("Name", lambda u: u.display_name, stretch=True),
                Column("Role", lambda u: u.role.value),
                Column("Active", lambda u: "yes" if u.is_active else "no"),
            ]
        )
        table.setObjectName("staffTable")
        section.column.insertWidget(0, table, 1)
        heading = QLabel("Add a person (or choose one above to change role, PIN or access)")
        heading.setProperty("role", "muted")
        section.column.insertWidget(1, heading)
        username = section.line("User name", "username")
        display = section.line("Name", "display_name")
        roles = [(role.value, role.value.title()) for role in Role]
        role = section.combo("Role", "role", roles, Role.SALES.value)
        secret = section.line("PIN / password", "secret", hint="PIN of 4+ digits or 6+ characters")
        secret.setEchoMode(QLineEdit.EchoMode.Password)
        table.set_rows(self.model.staff())

        def save() -> None:
            section.errors.clear()
            if self.model.add_staff(
                username.text(), display.text(), str(role.currentData()), secret.text()
            ):
                self.show_ok(f"{display.text().strip()} added.")
                for edit in (username, display, secret):
                    edit.clear()
                table.set_rows(self.model.staff())

        def change_selected(*, active: bool | None = None) -> None:
            chosen = table.current_row()
            if chosen is None:
                section.errors.show(UserMessage("Choose a person in the list first."))
                return
            if self.model.update_staff(
                chosen.id,
                role=str(role.currentData()) if active is None else None,
                secret=secret.text() if active is None else None,
                is_active=active,
            ):
                self.show_ok(f"{chosen.display_name} updated.")
                secret.clear()
                table.set_rows(self.model.staff())

        buttons = QHBoxLayout()
        buttons.addWidget(section.button("Add person (Ctrl+S)", save, primary=True))
        buttons.addWidget(section.button("Set role / PIN of selected", change_selected))
        buttons.addWidget(
            section.button("Deactivate selected", lambda: change_selected(active=False))
        )
        buttons.addWidget(
            section.button("Reactivate selected", lambda: change_selected(active=True))
        )
        buttons.addStretch(1)
        section.column.addLayout(buttons)
        section.save = save  # type: ignore[attr-defined]
        return section

    # --- data and backups ----------------------------------------------------------------------

    def _data(self) -> Section:
        section = Section()
        folder = QLabel(str(self.model.data_dir()))
        folder.setObjectName("dataFolder")
        folder.setWordWrap(True)
        section.form.addRow("Data folder", folder)
        backups: RecordTable[Path] = RecordTable(
            [
                Column("Backup file", lambda p: p.name, stretch=True),
                Column("Folder", lambda p: str(p.parent)),
            ]
        )
        backups.setObjectName("backupTable")
        section.column.addWidget(backups, 1)
        backups.set_rows(self.model.backups())
        restore_path = section.line("Restore from", "file", hint="path of a backup file")
        buttons = QHBoxLayout()

        def backup() -> None:
            if not self.model.can_backup:
                section.errors.show(UserMessage("Only the owner or accounts make backups."))
                return

            def done(path: Path) -> None:
                self.show_ok(f"Backup written: {path}")
                backups.set_rows(self.model.backups())

            self.task = BackgroundTask(
                self, "Backing up", self.model.backup_work(), done, self._failed
            )

        def restore() -> None:
            text = restore_path.text().strip() or (
                str(backups.current_row()) if backups.current_row() else ""
            )
            if not text:
                section.errors.show(
                    UserMessage("Choose a backup in the list or type its path.", "file")
                )
                return
            answer = QMessageBox.question(
                self,
                "Restore a backup",
                f"Replace the shop's data with {Path(text).name}? The current data is backed up "
                "first, and everyone signs in again afterwards.",
            )
            if answer != QMessageBox.StandardButton.Yes:
                return
            work = self.model.restore_work(Path(text).expanduser())
            self.task = BackgroundTask(self, "Restoring", work, self._restored, self._failed)

        if self.model.can_backup:
            buttons.addWidget(section.button("Back up now (Ctrl+B)", backup, primary=True))
            shortcut(self, "Ctrl+B", backup)
        if self.model.can_restore:
            buttons.addWidget(section.button("Restore…", restore))
        else:
            restore_path.setEnabled(False)
        buttons.addStretch(1)
        section.column.addLayout(buttons)
        return section

    # --- hub connection ------------------------------------------------------------------------

    def _hub(self) -> Section:
        section = Section()
        self.hub_values: dict[str, QLabel] = {}
        for name, caption in (
            ("hub_url", "Hub"),
            ("terminal", "This terminal"),
            ("terminal_id", "Terminal id"),
            ("invoice_series", "Invoice series"),
            ("last_sync", "Last sync"),
            ("waiting", "Waiting to send"),
            ("secret", "Terminal secret"),
        ):
            value = QLabel()
            value.setObjectName(f"hub_{name}")
            value.setWordWrap(True)
            value.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
            section.form.addRow(caption, value)
            self.hub_values[name] = value
        self.hub_note = QLabel()
        self.hub_note.setObjectName("hubNote")
        self.hub_note.setWordWrap(True)
        self.hub_note.setProperty("role", "muted")
        section.column.addWidget(self.hub_note)
        self.connect_hub = section.button("Connect to hub… (Ctrl+H)", self.open_enrolment)
        self.connect_hub.setObjectName("connectHub")
        self.connect_hub.setProperty("primary", True)
        section.add_button(self.connect_hub)
        if self.model.can_connect_hub:
            shortcut(self, "Ctrl+H", self.open_enrolment)
        section.column.addStretch(1)
        return section

    def _show_hub(self) -> None:
        """Fill the Hub connection section from the folder and the window's running sync."""
        link = self.model.hub_connection()
        rows = self.hub_section.form
        for row in range(1, rows.rowCount()):
            rows.setRowVisible(row, link is not None)
        if link is None:
            rows.setRowVisible(0, True)
            self.hub_values["hub_url"].setText("Not linked to a hub")
            self.hub_note.setText(
                "This counter keeps its shop's data on this PC only. Linked to the shop on the "
                "hub, its bills reach the owner's web pages and the other counters, and staff, "
                "rates and stock come down to it."
                + ("" if self.model.can_connect_hub else " Only the owner connects a counter.")
            )
            self.connect_hub.setVisible(self.model.can_connect_hub)
            return
        self.connect_hub.setVisible(False)
        values = self.hub_values
        values["hub_url"].setText(link.hub_url)
        values["terminal"].setText(link.terminal_name)
        values["terminal_id"].setText(str(link.terminal_id))
        values["invoice_series"].setText(link.invoice_series)
        values["last_sync"].setText(self._last_sync())
        values["waiting"].setText(
            "nothing" if link.waiting == 0 else f"{link.waiting} record(s) for the hub"
        )
        values["secret"].setText(
            "in a private file in the data folder (this PC has no keyring)"
            if link.secret_in_file
            else "in the system keyring"
        )
        self.hub_note.setText(
            "A counter joins its shop once. A reinstalled or replaced PC is enrolled again on a "
            "new, empty data folder and gets a new series from the hub, so no invoice number "
            "is ever used twice."
        )

    def _last_sync(self) -> str:
        window = self.window()
        runner = window.sync.runner if isinstance(window, MainWindow) else None
        if runner is None:
            return "the background sync is not running in this window"
        return describe(runner.status)[0]

    def open_enrolment(self) -> None:
        if not self.model.can_connect_hub or self.model.hub_connection() is not None:
            return
        dialog = EnrolDialog(self.model.enrolment(), self)
        accepted = dialog.exec() == QDialog.DialogCode.Accepted
        self._show_hub()
        self.refocus(self.connect_hub if self.connect_hub.isVisible() else None)
        if accepted and dialog.enrolled is not None:
            self.show_ok(
                f"Linked to the hub as {dialog.enrolled.terminal_name}, series "
                f"{dialog.enrolled.invoice_series}."
            )

    def _failed(self, error: Exception) -> None:
        text = getattr(error, "reason", None) or str(error)
        self.show_error(UserMessage(text[:1].upper() + text[1:]))
        self._restart_if_closed()

    def _restored(self, safety: Path) -> None:
        QMessageBox.information(
            self,
            "Restored",
            f"The backup is restored. The data it replaced is kept at {safety}.\n"
            "Sign in again to continue.",
        )
        self._restart_if_closed()

    def _restart_if_closed(self) -> None:
        """After a restore (or a failed one) the database was closed: start over at sign-in."""
        window = self.window()
        if isinstance(window, MainWindow) and self.model.closed:
            window.restart_requested.emit()
