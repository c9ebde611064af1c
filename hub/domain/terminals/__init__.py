"""Counter terminals: enrolment codes, the list with last contact and pending work, revoking."""
