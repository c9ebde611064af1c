"""Report exports made in the background (issue 7): jobs, the worker, clean-up, signed links.

An owner asks for a file (`service.request_export`); a worker on any hub instance claims the job
with a conditional UPDATE, builds the report on the read replica, writes CSV/XLSX (or the GSTR-1
files) and uploads it under `exports/` in the private exports bucket; the owner downloads it
through a link that expires (`links`), and the file is removed after seven days (an S3 lifecycle
rule, and `cleanup` for stores without one).

This package's `__init__` imports nothing on purpose: `hub.files.storage` uses `links`, and the
service imports storage, so re-exporting here would make an import cycle.
"""
