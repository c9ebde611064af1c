"""Screen state without widgets: each view-model calls the counter's services and reports back
through plain callbacks, so its logic is tested without a display and the widgets stay thin."""
