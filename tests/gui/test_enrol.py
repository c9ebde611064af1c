"""Connect to hub: the enrolment dialog and the Settings section, against a real hub process.

The hub runs as `boolagold hub serve` on the embedded defaults (tests/hub/fixtures.py); the
owner makes the one-time code through the hub's JSON API, as the Terminals page does. The dialog
is driven by keyboard only. A wrong code must show the hub's words and leave the data folder
exactly as it was; a right one must link the counter so that the window's background sync talks
to the hub at once, with no restart.
"""

from __future__ import annotations

import os
from collections.abc import Iterator
from pathlib import Path

import keyring
import pytest
from keyring.backends import fail
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QDialog, QLabel, QTabWidget
from pytestqt.qtbot import QtBot
from sqlalchemy import func, select

from desktop.services.context import CounterContext, open_counter
from desktop.services.staff import sign_in
from desktop.storage.local_tables import OutboxRecord, Setting
from desktop.sync.link import hub_url
from desktop.sync.secrets import FALLBACK_NAME
from desktop.ui.dialogs.enrol import EnrolDialog
from desktop.ui.dialogs.first_run import FirstRunDialog
from desktop.ui.keys import ScreenId
from desktop.ui.main_window import MainWindow
from desktop.ui.screens.registry import screen_factories
from desktop.ui.screens.settings import SettingsScreen
from desktop.ui.viewmodels.enrol import EnrolViewModel, check_form
from shared.errors import InvalidInput
from tests.faults.cluster import Owner
from tests.gui.driver import DialogDriver, child, key, keys, press, show_active, shown_errors
from tests.gui.seed import SeededCounter
from tests.harness.processes import free_port
from tests.hub.fixtures import LiveHub, embedded_settings, start_live_hub

SCREENSHOT_DIR_ENV = "BOOLAGOLD_SCREENSHOT_DIR"
"""Set to a folder to keep the dialog's picture there (docs/screenshots/screen-enrol.png)."""
HUB_ANSWER_MS = 60_000


@pytest.fixture
def no_keyring() -> Iterator[None]:
    """A PC without a keyring, as every test machine is: the secret goes to a private file."""
    previous = keyring.get_keyring()
    keyring.set_keyring(fail.Keyring())  # type: ignore[no-untyped-call]
    yield
    keyring.set_keyring(previous)


@pytest.fixture
def live_hub(tmp_path: Path) -> Iterator[LiveHub]:
    """`boolagold hub serve` on the embedded defaults, demo shop seeded, on a loopback port."""
    live = start_live_hub(embedded_settings(tmp_path / "hub"), tmp_path / "hub.log")
    try:
        yield live
    finally:
        live.process.stop()


@pytest.fixture
def empty_counter(tmp_path: Path) -> Iterator[CounterContext]:
    """A freshly installed counter: its data folder opened, no shop in it yet."""
    ctx = open_counter(tmp_path / "new-counter")
    yield ctx
    ctx.close()


@pytest.fixture
def owner(live_hub: LiveHub) -> Iterator[Owner]:
    """The shop's owner on the hub, with the demo's sample terminals retired (they count
    against the plan's terminal limit)."""
    signed_in = Owner(live_hub)
    for terminal in signed_in.http.get("/api/terminals").json():
        if terminal["status"] == "active":
            revoked = signed_in.post(f"/api/terminals/{terminal['id']}/revoke")
            assert revoked.status_code in {200, 201}, revoked.text
    yield signed_in
    signed_in.http.close()


def stored_settings(ctx: CounterContext) -> dict[str, str]:
    with ctx.session() as session:
        return {row.key: row.value for row in session.scalars(select(Setting))}


def type_and_submit(qtbot: QtBot, dialog: EnrolDialog, url: str, code: str) -> None:
    """As the owner does it: the address, Tab, the code, Enter."""
    keys(qtbot, dialog.hub_url, url)
    key(qtbot, dialog.hub_url, Qt.Key.Key_Tab)
    assert dialog.code.hasFocus()
    keys(qtbot, dialog.code, code)
    key(qtbot, dialog.code, Qt.Key.Key_Return)


def open_dialog(qtbot: QtBot, ctx: CounterContext) -> EnrolDialog:
    dialog = EnrolDialog(EnrolViewModel(ctx))
    show_active(qtbot, dialog, (620, 420))
    assert dialog.hub_url.hasFocus()
    return dialog


# --- the form, before anything leaves the PC -------------------------------------------------


@pytest.mark.parametrize(
    ("url", "code", "field", "words"),
    [
        ("", "ABCD-EFGH-JKLM-NPQR", "hub_url", "type the hub's address"),
        ("hub.example.in", "ABCD-EFGH-JKLM-NPQR", "hub_url", "starts with https://"),
        ("ftp://hub.example.in", "ABCD-EFGH-JKLM-NPQR", "hub_url", "starts with https://"),
        ("https://", "ABCD-EFGH-JKLM-NPQR", "hub_url", "starts with https://"),
        ("https://hub.example.in/?x=1", "ABCD-EFGH-JKLM-NPQR", "hub_url", "without ?"),
        ("https://hub.example.in", "", "code", "one-time code"),
        ("https://hub.example.in", "ABC", "code", "6 to 32 characters"),
        ("https://hub.example.in", "A" * 33, "code", "6 to 32 characters"),
        ("https://hub.example.in", "ABCD_EFGH;", "code", "only letters, digits and dashes"),
    ],
)
def test_the_form_is_checked_before_the_hub_is_asked(
    url: str, code: str, field: str, words: str
) -> None:
    with pytest.raises(InvalidInput) as refused:
        check_form(url, code)
    assert refused.value.field == field
    assert words in refused.value.reason


def test_the_form_is_normalised() -> None:
    form = check_form("  https://hub.example.in/ ", " abcd-efgh-jkLm-npqr ")
    assert form.hub_url == "https://hub.example.in"
    assert form.code == "ABCD-EFGH-JKLM-NPQR"


# --- against a real hub ------------------------------------------------------------------------


@pytest.mark.integration
def test_a_wrong_code_shows_the_error_and_stores_nothing(
    qtbot: QtBot,
    live_hub: LiveHub,
    empty_counter: CounterContext,
    no_keyring: None,
) -> None:
    before = stored_settings(empty_counter)
    dialog = open_dialog(qtbot, empty_counter)
    type_and_submit(qtbot, dialog, live_hub.url, "WRNG-CODE-0000-0000")
    qtbot.waitUntil(lambda: dialog.task is not None and dialog.task.done, timeout=HUB_ANSWER_MS)
    error = child(dialog, "error_code")
    assert isinstance(error, QLabel)
    assert error.isVisible()
    assert "this enrolment code is not known" in error.text().lower()
    assert "Nothing was changed" in error.text()
    assert dialog.code.hasFocus()
    assert dialog.isVisible()
    assert dialog.enrolled is None
    # Nothing stored: no shop, no hub address, no secret, the settings as they were.
    assert not empty_counter.is_initialised
    assert hub_url(empty_counter) is None
    assert not (empty_counter.data_dir / FALLBACK_NAME).exists()
    assert stored_settings(empty_counter) == before
    with empty_counter.session() as session:
        assert session.scalar(select(func.count()).select_from(OutboxRecord)) == 0
    # The form stays as typed, to correct the code; Esc then backs out.
    assert dialog.hub_url.text() == live_hub.url
    assert dialog.code.isEnabled()
    assert dialog.ok_button.isEnabled()
    key(qtbot, dialog.code, Qt.Key.Key_Escape)
    assert dialog.result() == QDialog.DialogCode.Rejected
    assert not dialog.isVisible()


@pytest.mark.integration
def test_an_unreachable_hub_is_said_in_plain_words(
    qtbot: QtBot, empty_counter: CounterContext, no_keyring: None
) -> None:
    dialog = open_dialog(qtbot, empty_counter)
    type_and_submit(qtbot, dialog, f"http://127.0.0.1:{free_port()}", "ABCD-EFGH-JKLM-NPQR")
    qtbot.waitUntil(lambda: dialog.task is not None and dialog.task.done, timeout=HUB_ANSWER_MS)
    assert "The hub could not be reached" in shown_errors(dialog)
    assert dialog.hub_url.hasFocus()
    assert not empty_counter.is_initialised
    dialog.reject()


@pytest.mark.integration
def test_a_new_counter_joins_the_shop_and_syncs_without_a_restart(
    qtbot: QtBot,
    live_hub: LiveHub,
    owner: Owner,
    empty_counter: CounterContext,
    no_keyring: None,
    tmp_path: Path,
) -> None:
    ctx = empty_counter
    code = owner.enrolment_code("Till 3")
    dialog = open_dialog(qtbot, ctx)
    keys(qtbot, dialog.hub_url, live_hub.url)
    key(qtbot, dialog.hub_url, Qt.Key.Key_Tab)
    keys(qtbot, dialog.code, code.lower())  # typed as read out: case does not matter
    key(qtbot, dialog.code, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: dialog.enrolled is not None, timeout=HUB_ANSWER_MS)
    done = dialog.enrolled
    assert done is not None
    assert done.invoice_series.startswith("A")
    assert done.terminal_name == "Till 3"
    assert done.changes_pulled is not None
    assert done.changes_pulled > 0
    outcome = dialog.outcome.text()
    assert f"Invoice series: {done.invoice_series}" in outcome
    assert f"Downloaded from the hub: {done.changes_pulled} records" in outcome
    assert dialog.warning.isVisible()
    assert "No system keyring" in dialog.warning.text()
    assert (ctx.data_dir / FALLBACK_NAME).stat().st_mode & 0o077 == 0
    assert not dialog.hub_url.isVisible()
    _keep_picture(dialog, tmp_path)
    key(qtbot, dialog.ok_button, Qt.Key.Key_Return)
    assert dialog.result() == QDialog.DialogCode.Accepted

    # The folder now belongs to the hub's shop: its owner signs in with the hub's password,
    # and the window's background sync reaches the hub straight away.
    assert hub_url(ctx) == live_hub.url
    actor = sign_in(ctx, live_hub.demo.owner.username, owner_password(live_hub))
    window = MainWindow(ctx, actor, screen_factories())
    show_active(qtbot, window)
    qtbot.waitUntil(lambda: window.sync_label.text().startswith("Online"), timeout=HUB_ANSWER_MS)

    press(qtbot, window, Qt.Key.Key_F7)
    settings = window.screens[ScreenId.SETTINGS]
    assert isinstance(settings, SettingsScreen)
    tabs = settings.findChild(QTabWidget, "settingsTabs")
    assert isinstance(tabs, QTabWidget)
    while tabs.currentWidget() is not settings.hub_section:
        key(qtbot, tabs.currentWidget(), Qt.Key.Key_Tab, Qt.KeyboardModifier.ControlModifier)
    settings.refresh()
    values = settings.hub_values
    assert values["hub_url"].text() == live_hub.url
    assert values["invoice_series"].text() == done.invoice_series
    assert values["terminal_id"].text() == str(done.terminal_id)
    assert values["last_sync"].text().startswith("Online")
    assert "private file" in values["secret"].text()
    assert not settings.connect_hub.isVisible()
    # An enrolled counter is not offered a second enrolment: the dialog says why, and Ctrl+H
    # in Settings does nothing.
    again = EnrolViewModel(ctx).blocked()
    assert again is not None
    assert "already linked" in again.text
    assert done.invoice_series in again.text
    opened: list[str] = []

    def unexpected(dialog: QDialog) -> None:
        opened.append(dialog.objectName())
        dialog.reject()

    driver = DialogDriver().then(unexpected)
    press(qtbot, tabs, Qt.Key.Key_H, Qt.KeyboardModifier.ControlModifier)
    qtbot.wait(200)
    driver.stop()
    assert opened == []
    window.close()
    assert window.sync.runner is None


def owner_password(hub: LiveHub) -> str:
    return hub.demo.owner.password


def test_settings_offer_the_hub_to_the_owner_and_explain_why_this_folder_cannot_join(
    qtbot: QtBot, counter: SeededCounter
) -> None:
    """A counter set up on its own holds a shop the hub does not know: the dialog says so
    before any code is typed, and no hub is contacted (so this test needs none)."""
    window = MainWindow(counter.ctx, counter.owner, screen_factories())
    show_active(qtbot, window)
    press(qtbot, window, Qt.Key.Key_F7)
    settings = window.stack.currentWidget()
    assert isinstance(settings, SettingsScreen)
    assert settings.hub_values["hub_url"].text() == "Not linked to a hub"
    assert settings.connect_hub.isVisibleTo(settings.hub_section)
    seen: list[str] = []

    def refused_here(dialog: QDialog) -> None:
        assert isinstance(dialog, EnrolDialog)
        seen.append(shown_errors(dialog))
        assert not dialog.hub_url.isEnabled()
        assert not dialog.ok_button.isEnabled()
        qtbot.keyClick(dialog, Qt.Key.Key_Escape)  # type: ignore[no-untyped-call]

    driver = DialogDriver().then(refused_here)
    press(qtbot, settings.tabs, Qt.Key.Key_H, Qt.KeyboardModifier.ControlModifier)
    driver.stop()
    assert seen
    assert "set up on its own" in seen[0]
    assert "new, empty data folder" in seen[0]
    assert hub_url(counter.ctx) is None
    window.close()

    sales_window = MainWindow(counter.ctx, counter.sales, screen_factories())
    show_active(qtbot, sales_window)
    press(qtbot, sales_window, Qt.Key.Key_F7)
    sales_settings = sales_window.stack.currentWidget()
    assert isinstance(sales_settings, SettingsScreen)
    assert not sales_settings.connect_hub.isVisibleTo(sales_settings.hub_section)
    assert "Only the owner connects a counter" in sales_settings.hub_note.text()
    sales_window.close()


def _keep_picture(dialog: QDialog, tmp_path: Path) -> None:
    """The dialog's picture after success: in tmp_path always, in the docs when asked."""
    picture = dialog.grab()
    assert picture.save(str(tmp_path / "screen-enrol.png"))
    folder = os.environ.get(SCREENSHOT_DIR_ENV)
    if folder:
        assert picture.save(str(Path(folder) / "screen-enrol.png"))


@pytest.mark.integration
def test_a_fresh_counter_joins_the_hub_from_the_first_run_step(
    qtbot: QtBot,
    live_hub: LiveHub,
    owner: Owner,
    empty_counter: CounterContext,
    no_keyring: None,
) -> None:
    """On a new PC the first-run step offers Ctrl+J: the hub's code replaces typing the shop."""
    code = owner.enrolment_code("Till 4")
    first = FirstRunDialog(empty_counter)
    show_active(qtbot, first, (720, 640))
    joined: list[str] = []

    def enrol(dialog: QDialog) -> None:
        assert isinstance(dialog, EnrolDialog)
        keys(qtbot, dialog.hub_url, live_hub.url)
        key(qtbot, dialog.hub_url, Qt.Key.Key_Tab)
        keys(qtbot, dialog.code, code)
        key(qtbot, dialog.code, Qt.Key.Key_Return)
        qtbot.waitUntil(lambda: dialog.enrolled is not None, timeout=HUB_ANSWER_MS)
        assert dialog.enrolled is not None
        joined.append(dialog.enrolled.terminal_name)
        key(qtbot, dialog.ok_button, Qt.Key.Key_Return)

    driver = DialogDriver().then(enrol)
    press(qtbot, first, Qt.Key.Key_J, Qt.KeyboardModifier.ControlModifier)
    qtbot.waitUntil(lambda: not first.isVisible(), timeout=HUB_ANSWER_MS)
    driver.stop()
    assert driver.failures == []
    assert joined == ["Till 4"]
    assert first.result() == QDialog.DialogCode.Accepted
    assert empty_counter.is_initialised
    assert hub_url(empty_counter) == live_hub.url
    # The hub's owner signs in here with the hub's password: the staff came with the shop.
    assert sign_in(empty_counter, live_hub.demo.owner.username, owner_password(live_hub))
