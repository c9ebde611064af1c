"""What every request shares: the resources the app opens, and the wiring of dependencies."""
