"""The terminals' sync endpoints: enrolment, push and pull (the protocol lives in `sync`)."""
