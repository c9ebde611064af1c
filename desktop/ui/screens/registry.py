"""Which screen class each function key opens (the main window builds them on first use)."""

from __future__ import annotations

from desktop.services.actor import Actor
from desktop.services.context import CounterContext
from desktop.ui.keys import ScreenId
from desktop.ui.main_window import ScreenFactory
from desktop.ui.screens.base import Screen
from desktop.ui.screens.billing import BillingScreen
from desktop.ui.screens.customers import CustomersScreen
from desktop.ui.screens.daybook import DayBookScreen
from desktop.ui.screens.invoices import InvoicesScreen
from desktop.ui.screens.rates import RatesScreen
from desktop.ui.screens.settings import SettingsScreen
from desktop.ui.screens.stock import StockScreen

SCREEN_CLASSES: dict[ScreenId, type[Screen]] = {
    ScreenId.BILLING: BillingScreen,
    ScreenId.STOCK: StockScreen,
    ScreenId.RATES: RatesScreen,
    ScreenId.CUSTOMERS: CustomersScreen,
    ScreenId.INVOICES: InvoicesScreen,
    ScreenId.DAY_BOOK: DayBookScreen,
    ScreenId.SETTINGS: SettingsScreen,
}


def screen_factories() -> dict[ScreenId, ScreenFactory]:
    def factory(cls: type[Screen]) -> ScreenFactory:
        def build(ctx: CounterContext, actor: Actor) -> Screen:
            return cls(ctx, actor)

        return build

    return {screen: factory(cls) for screen, cls in SCREEN_CLASSES.items()}
