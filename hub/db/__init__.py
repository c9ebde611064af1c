"""The hub's database access: engines, and sessions scoped to one shop (tenancy)."""
