"""`boolagold hub ...`: serve, migrate, create-operator, seed-demo."""
