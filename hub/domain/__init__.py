"""The hub's domain areas, each with its schemas (wire types), service and controller."""
