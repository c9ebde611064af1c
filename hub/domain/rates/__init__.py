"""Today's metal rates, set once on the hub for every counter of the shop."""
