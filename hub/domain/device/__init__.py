"""The counters' own JSON API, authenticated by device secret (sync endpoints join later)."""
