"""How the counter looks: one font, one palette and one style sheet, applied once at start.

Staff read these screens all day at arm's length, often in a bright showroom, so text is large,
contrast high, and the states that stop a sale (missing rates, a refused payment) are red and
impossible to miss. Every colour is named here so screens never invent their own.
"""

from __future__ import annotations

from importlib import resources
from typing import Final

from PySide6.QtGui import QFont, QFontDatabase
from PySide6.QtWidgets import QApplication

FONT_FAMILY: Final = "DejaVu Sans"
BASE_POINT_SIZE: Final = 11

INK: Final = "#1f2328"
MUTED: Final = "#5b6570"
PAPER: Final = "#f7f5f0"
PANEL: Final = "#ffffff"
GOLD: Final = "#a8741a"
GOLD_DARK: Final = "#7a5410"
LINE: Final = "#d9d4c7"
ERROR: Final = "#b42318"
ERROR_BG: Final = "#fde8e6"
WARNING_BG: Final = "#fff4d6"
WARNING: Final = "#8a5a00"
OK: Final = "#1a7f37"
OK_BG: Final = "#e6f4ea"

_FONT_FILES: Final = ("DejaVuSans.ttf", "DejaVuSans-Bold.ttf")

STYLE_SHEET: Final = f"""
QWidget {{ color: {INK}; }}
QMainWindow, QDialog {{ background: {PAPER}; }}
QLineEdit, QComboBox, QSpinBox, QPlainTextEdit, QDateEdit {{
    background: {PANEL}; border: 1px solid {LINE}; border-radius: 4px; padding: 4px 6px;
    min-height: 22px;
}}
QLineEdit:focus, QComboBox:focus, QPlainTextEdit:focus, QDateEdit:focus {{
    border: 2px solid {GOLD};
}}
QLineEdit[invalid="true"] {{ border: 2px solid {ERROR}; }}
QPushButton {{
    background: {PANEL}; border: 1px solid {LINE}; border-radius: 4px; padding: 5px 12px;
}}
QPushButton:focus {{ border: 2px solid {GOLD}; }}
QPushButton[primary="true"] {{
    background: {GOLD}; color: white; border: 1px solid {GOLD_DARK}; font-weight: bold;
}}
QTableView {{
    background: {PANEL}; border: 1px solid {LINE}; gridline-color: #ece8de;
    selection-background-color: #f1e2c2; selection-color: {INK};
    alternate-background-color: #fbfaf6;
}}
QHeaderView::section {{
    background: #efebe1; border: none; border-bottom: 1px solid {LINE}; padding: 4px 6px;
    font-weight: bold;
}}
QGroupBox {{
    border: 1px solid {LINE}; border-radius: 6px; margin-top: 14px; padding: 8px;
    background: {PANEL};
}}
QGroupBox::title {{ subcontrol-origin: margin; left: 10px; padding: 0 4px; color: {GOLD_DARK};
    font-weight: bold; }}
QPushButton[primary="true"]:disabled {{
    background: #e4dccb; color: #fbfaf6; border: 1px solid #d8cbb0;
}}
QLabel[role="error"] {{ color: {ERROR}; }}
QLabel[role="muted"] {{ color: {MUTED}; }}
QLabel[role="title"] {{ font-size: 16pt; font-weight: bold; color: {GOLD_DARK}; }}
QLabel[role="total"] {{ font-size: 15pt; font-weight: bold; }}
QLabel[banner="error"] {{ background: {ERROR_BG}; color: {ERROR}; border: 1px solid {ERROR};
    border-radius: 4px; font-weight: bold; }}
QLabel[banner="warning"] {{ background: {WARNING_BG}; color: {WARNING};
    border: 1px solid #e0b44a; border-radius: 4px; }}
QLabel[banner="ok"] {{ background: {OK_BG}; color: {OK}; border: 1px solid #9fd3ad;
    border-radius: 4px; }}
QLabel[fkey="true"] {{ color: #d8cbb0; padding: 6px 10px; }}
QLabel[fkey="current"] {{ color: white; background: {GOLD}; border-radius: 4px;
    padding: 6px 10px; font-weight: bold; }}
QWidget#screenBar {{ background: #2b2620; }}
QStatusBar {{ background: #efebe1; border-top: 1px solid {LINE}; }}
QStatusBar QLabel {{ padding: 0 8px; }}
"""


def load_fonts() -> str:
    """Register the DejaVu fonts the app ships (they have the ₹ sign and Indic digits' spacing)
    and return the family to use; without them, the system's default font."""
    loaded = False
    try:
        folder = resources.files("shared.printing.assets.fonts")
    except ModuleNotFoundError:
        folder = None
    if folder is not None:
        for name in _FONT_FILES:
            font_file = folder.joinpath(name)
            if (
                font_file.is_file()
                and QFontDatabase.addApplicationFontFromData(font_file.read_bytes()) >= 0
            ):
                loaded = True
    if loaded or FONT_FAMILY in QFontDatabase.families():
        return FONT_FAMILY
    return QApplication.font().family()


def apply_theme(app: QApplication) -> None:
    """Set the font and style sheet on the whole application (once, before any window)."""
    app.setFont(QFont(load_fonts(), BASE_POINT_SIZE))
    app.setStyleSheet(STYLE_SHEET)
