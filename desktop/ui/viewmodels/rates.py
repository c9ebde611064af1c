"""Today's metal rates: what is in force, setting a new one, and the history."""

from __future__ import annotations

from desktop.services.actor import Actor
from desktop.services.context import CounterContext
from desktop.services.rates import RateView, current_rates, rate_history, set_rate
from desktop.ui.viewmodels.base import ViewModel
from shared.errors import InvalidInput
from shared.money import parse_rupees

RATE_KINDS: tuple[tuple[str, str], ...] = (("sale", "Sale"), ("purchase", "Old-gold purchase"))


class RatesViewModel(ViewModel):
    def __init__(self, ctx: CounterContext, actor: Actor) -> None:
        super().__init__()
        self._ctx = ctx
        self._actor = actor

    def current(self) -> list[RateView]:
        return current_rates(self._ctx)

    def history(self, metal: str | None = None) -> list[RateView]:
        return rate_history(self._ctx, metal=metal or None)

    def set(self, metal: str, purity: str, rate_per_gram: str, kind: str = "sale") -> bool:
        """Enter a rate in rupees per gram of the purity (e.g. "6,850.00"), in force from now."""

        def act() -> RateView:
            if not purity.strip():
                raise InvalidInput("choose or type the purity, such as 22K916", "purity")
            if not rate_per_gram.strip():
                raise InvalidInput("type the rate in rupees per gram", "rate")
            try:
                rate = parse_rupees(rate_per_gram)
            except InvalidInput as error:
                raise error.at("rate") from None
            return set_rate(self._ctx, self._actor, metal, purity.strip(), rate, kind=kind)

        if self.attempt(act) is None:
            return False
        self.changed.emit(None)
        return True
