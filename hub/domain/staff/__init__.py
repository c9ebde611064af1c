"""The shop's people: the owner manages who may sign in and with which role."""
