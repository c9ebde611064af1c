"""Signing in and out (staff and operators), and who am I."""
