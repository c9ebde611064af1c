"""The hub's database: its local tables and the migrations that build it."""
