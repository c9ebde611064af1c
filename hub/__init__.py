"""The multi-tenant hub: sync API, owners' and operator's web pages, reports and licensing."""
