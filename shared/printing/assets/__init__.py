"""Files the printed documents need (fonts), shipped inside the package and found through
importlib.resources.

Kept as a package so a wheel, the counter's PyInstaller bundle, the hub's container and a source
checkout all find them the same way, with no path arithmetic relative to `__file__`.
"""
