"""`boolagold quote`: the invoice kernel from the command line (JSON draft in, JSON invoice out).

The JSON shapes are a contract other tools and the acceptance tests use; docs/quote.md documents
them. `parse_draft` and `render_invoice` are re-exported for callers that skip the process.
"""

from shared.quote.draft import parse_draft
from shared.quote.reader import load_json
from shared.quote.render import render_error, render_invoice

__all__ = ["load_json", "parse_draft", "render_error", "render_invoice"]
