"""Safe file uploads: type by content, decoded, stored outside static/, served with care.

The interface other features use:

- `store_upload(file, *, uploaded_by, allowed=..., max_bytes=None) -> StoredFile`
- `send_stored_file(stored, *, variant="original" | "thumb", as_attachment=False) -> Response`
- `delete_stored_file(stored) -> None`
- `UploadError` (`.message`, `.status`: 422, or 413 over the size limit)
"""

from crm.uploads.models import StoredFile
from crm.uploads.service import (
    DEFAULT_ALLOWED,
    UploadError,
    delete_stored_file,
    send_stored_file,
    store_upload,
)

__all__ = [
    "DEFAULT_ALLOWED",
    "StoredFile",
    "UploadError",
    "delete_stored_file",
    "send_stored_file",
    "store_upload",
]
