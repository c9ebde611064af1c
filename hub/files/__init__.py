"""Where the hub keeps files (logos, exports): S3 in production, a local folder embedded."""

from hub.files.storage import FileStorage, LocalFileStorage, S3FileStorage, open_file_storage

__all__ = ["FileStorage", "LocalFileStorage", "S3FileStorage", "open_file_storage"]
