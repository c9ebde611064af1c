"""The Jinja set-up the pages rely on: our filters, and autoescape that cannot be switched off.

`hub.app.create_app` calls `configure_templates` (re-exported by `hub.web.routes`) on the engine
it builds over hub/templates, so the page controllers and the templates agree on one vocabulary
(`|rupees`, `|grams`, `|shop_datetime`...) and no template converts units itself.
"""

from __future__ import annotations

from litestar.plugins.jinja import JinjaTemplateEngine

from hub.web import formatting


def configure_templates(engine: JinjaTemplateEngine) -> None:
    """Register the filters and make sure every template escapes what it prints.

    Litestar builds the environment with autoescape=True already; we set it again so that a
    change of defaults upstream cannot quietly turn a shop name into live markup.
    """
    environment = engine.engine
    environment.autoescape = True
    environment.trim_blocks = True
    environment.lstrip_blocks = True
    environment.filters.update(
        {
            "rupees": formatting.rupees,
            "grams": formatting.grams,
            "rate_per_gram": formatting.rate_per_gram,
            "rupees_input": formatting.rupees_input,
            "shop_datetime": formatting.shop_datetime,
            "shop_date": formatting.shop_date,
            "state_name": formatting.state_label,
        }
    )
    environment.globals.update({"count": formatting.count, "time_ago": formatting.time_ago})
