"""The counter's screens, one per function key (see `desktop.ui.keys.SCREEN_KEYS`)."""
