"""The shop's audit trail, read-only (kept seven years; nothing here deletes)."""
