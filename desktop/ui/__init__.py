"""The counter's windows: the only package of the app that imports PySide6.

Widgets stay thin over view-models (`desktop.ui.viewmodels`), which hold each screen's state and
call `desktop.services`; every figure on screen comes from those services and the kernel, never
from arithmetic here.
"""
