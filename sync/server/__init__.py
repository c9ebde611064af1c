"""The hub's side of sync, framework-free: it takes a SQLAlchemy session and knows no web app.

The hub wires it into its routes and migrations; tests drive it directly on SQLite and MariaDB.
"""
