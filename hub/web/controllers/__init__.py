"""Page controllers, one per area (auth, dashboard, profile, staff, terminals, rates, licence,
operator); each answers HTML and derives from `PageController` for page-style errors."""
