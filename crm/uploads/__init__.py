"""Safe file uploads: type by content, decoded, stored outside static/, served with care."""
