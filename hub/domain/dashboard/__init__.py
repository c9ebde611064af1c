"""The owner's dashboard figures, read from the invoices the counters replicated."""
