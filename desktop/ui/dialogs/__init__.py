"""The counter's dialogs: each is a small keyboard-driven form over a view-model action."""
