"""The domain kernel both ends run, so the counter and the hub agree on every invoice to the paisa.

Money and weight types, purity grades, pricing, the GST engine, identifiers (GSTIN, PAN, HUID,
invoice numbers), amount in words and the replicated tables. It imports no other part of the
product (DESIGN.md section 1).
"""
