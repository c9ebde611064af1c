"""DejaVu Sans (Bitstream Vera licence, see LICENSE-DejaVu.txt): the font with the rupee sign.

reportlab's built-in Helvetica draws a box for ₹, and a counter PC may have no suitable system
font at all, so the PDFs and the window use these copies from Debian's fonts-dejavu-core.
"""
