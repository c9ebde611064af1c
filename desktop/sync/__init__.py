"""The counter's link to the hub: enrolment, the terminal secret, and the background sync."""
