"""The query strings a report page hands on: to its own links and to the export form.

The page's links (quick spans, CSV, XLSX) repeat the filter in the page's own vocabulary
(`from`/`to` as DD-MM-YYYY, `terminal`, `branch`); the exports helper's background form takes
the same filter in its vocabulary (`date_from`/`date_to` ISO), so the file a job makes later is
the report on the screen now.
"""

from __future__ import annotations

from collections.abc import Iterable
from urllib.parse import urlencode

from hub.reports.tabular import ReportFilter
from hub.web.report_filters import FilterForm


def query_lists(items: Iterable[tuple[str, object]]) -> dict[str, list[str]]:
    """A request's query parameters, every name with all its values (terminal repeats)."""
    found: dict[str, list[str]] = {}
    for key, value in items:
        if isinstance(value, str):
            found.setdefault(key, []).append(value)
    return found


def link_query(form: FilterForm) -> str:
    """ "from=01-07-2025&to=31-07-2025&terminal=..." for the download links."""
    return urlencode(form.query())


def export_query(flt: ReportFilter) -> dict[str, str | list[str]]:
    """The filter as the export form's hidden fields (see owner/exports/_export_form.html).

    The branch is left out on purpose: the terminals it stands for are already in the list, and
    a "Main" branch (terminals with no branch set) has no rows of its own to look up later.
    """
    return {
        "date_from": flt.date_from.isoformat(),
        "date_to": flt.date_to.isoformat(),
        "terminal": sorted(str(terminal) for terminal in flt.terminal_ids),
    }
