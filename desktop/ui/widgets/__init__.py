"""Reusable widgets of the counter: banners, forms with inline errors, record tables, and the
runner for long work."""
