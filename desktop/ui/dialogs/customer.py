"""Choose or create the bill's customer, starting from the phone number.

Enter in the phone field looks the number up: a known customer's details fill in (and can be
corrected), an unknown number leaves the form open for a new customer. Enter again saves and
chooses. GSTIN and PAN are validated by the service (PAN is needed above ₹2,00,000).
Birthday and anniversary are optional, typed DD-MM-YYYY like every date at the counter; the
owner's weekly occasions report lists them.
"""

from __future__ import annotations

from PySide6.QtWidgets import QComboBox, QLabel, QLineEdit, QPlainTextEdit, QWidget

from desktop.services.customers import CustomerView
from desktop.ui.keys import on_enter
from desktop.ui.viewmodels.customers import CustomerForm, CustomersViewModel
from desktop.ui.widgets.dialog import FormDialog
from shared.states import STATES


class CustomerDialog(FormDialog):
    def __init__(
        self,
        model: CustomersViewModel,
        parent: QWidget | None = None,
        *,
        existing: CustomerView | None = None,
        title: str = "Customer",
        accept_text: str = "Save and choose (Enter)",
    ) -> None:
        super().__init__(title, parent, accept_text=accept_text)
        self.setObjectName("customerDialog")
        self.model = model
        self.found: CustomerView | None = existing
        self.customer: CustomerView | None = None
        self.status = QLabel("Type the phone number and press Enter to look it up.")
        self.status.setProperty("role", "muted")
        self.status.setObjectName("lookupStatus")
        self.form.addRow(self.status)
        self.phone = QLineEdit()
        self.phone.setObjectName("phone")
        self.errors.add_row("Phone", "phone", self.phone)
        self.name = QLineEdit()
        self.name.setObjectName("name")
        self.errors.add_row("Name", "name", self.name)
        self.pan = QLineEdit()
        self.pan.setObjectName("pan")
        self.errors.add_row("PAN", "pan", self.pan)
        self.gstin = QLineEdit()
        self.gstin.setObjectName("gstin")
        self.errors.add_row("GSTIN", "gstin", self.gstin)
        self.state = QComboBox()
        self.state.setObjectName("state")
        self.state.addItem("(not given)", "")
        for code, name in STATES.items():
            self.state.addItem(f"{code} {name}", code)
        self.errors.add_row("State", "state_code", self.state)
        self.address = QPlainTextEdit()
        self.address.setObjectName("address")
        self.address.setTabChangesFocus(True)
        self.address.setFixedHeight(60)
        self.errors.add_row("Address", "address", self.address)
        self.pincode = QLineEdit()
        self.pincode.setObjectName("pincode")
        self.errors.add_row("PIN code", "pincode", self.pincode)
        self.email = QLineEdit()
        self.email.setObjectName("email")
        self.errors.add_row("E-mail", "email", self.email)
        self.birth_date = self._date_field("birthDate")
        self.errors.add_row("Birthday", "birth_date", self.birth_date)
        self.anniversary = self._date_field("anniversary")
        self.errors.add_row("Anniversary", "anniversary", self.anniversary)
        on_enter(self.phone, self.look_up)
        self.show_errors_of(model)
        if existing is not None:
            self._fill(existing)
        self.phone.setFocus()

    @staticmethod
    def _date_field(name: str) -> QLineEdit:
        field = QLineEdit()
        field.setObjectName(name)
        field.setPlaceholderText("DD-MM-YYYY (optional)")
        field.setMaxLength(10)
        return field

    def look_up(self) -> None:
        self.errors.clear()
        phone = self.phone.text().strip()
        if not phone:
            self.name.setFocus()
            return
        found = self.model.by_phone(phone)
        if found is None:
            self.found = None
            self.status.setText(f"No customer with {phone}: fill in the details to add one.")
            self.name.setFocus()
            return
        self._fill(found)
        self.status.setText(f"Found {found.name}. Press Enter to choose.")
        self.ok_button.setFocus()

    def _fill(self, view: CustomerView) -> None:
        self.found = view
        form = CustomerForm.of(view)
        self.phone.setText(form.phone)
        self.name.setText(form.name)
        self.pan.setText(form.pan)
        self.gstin.setText(form.gstin)
        self.state.setCurrentIndex(max(self.state.findData(form.state_code), 0))
        self.address.setPlainText(form.address)
        self.pincode.setText(form.pincode)
        self.email.setText(form.email)
        self.birth_date.setText(form.birth_date)
        self.anniversary.setText(form.anniversary)

    def form_values(self) -> CustomerForm:
        return CustomerForm(
            name=self.name.text(),
            phone=self.phone.text(),
            email=self.email.text(),
            gstin=self.gstin.text(),
            pan=self.pan.text(),
            state_code=str(self.state.currentData() or ""),
            address=self.address.toPlainText(),
            pincode=self.pincode.text(),
            birth_date=self.birth_date.text(),
            anniversary=self.anniversary.text(),
        )

    def submit(self) -> bool:
        form = self.form_values()
        if self.found is not None and CustomerForm.of(self.found) == form:
            self.customer = self.found
            return True
        saved = self.model.save(form, self.found.id if self.found else None)
        if saved is None:
            return False
        self.customer = saved
        return True
