"""The test harness: real MariaDB, Redis and S3 servers on loopback, and the fixtures that use them.

Run `python -m tests.harness.servers install|start|stop|status` to drive the servers by hand.
"""
