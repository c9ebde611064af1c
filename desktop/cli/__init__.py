"""`boolagold counter ...`: the counter's scriptable command line, on the window's services."""
