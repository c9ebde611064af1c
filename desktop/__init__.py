"""The counter app: billing that keeps working with no network, on the shop's own SQLite."""
