"""Who is asking: passwords, sessions (JWT cookies), device secrets, guards, throttling."""
