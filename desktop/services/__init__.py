"""The counter's business services: plain Python over SQLite, shared by the window and the CLI.

Nothing here imports Qt. Every business write goes through `CounterContext.write()`, one SQLite
transaction holding the business rows, their audit event and their outbox records together.
"""
