"""The shop's own profile (name, GSTIN, address) and its logo."""
