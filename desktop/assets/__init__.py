"""Files the counter ships inside its package (fonts), found through importlib.resources.

Kept as a package so a wheel, a PyInstaller bundle and a source checkout all find them the same
way, with no path arithmetic relative to `__file__`.
"""
