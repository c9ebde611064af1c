"""The sync protocol, free of any web or GUI framework so both ends can wire the same code in."""
