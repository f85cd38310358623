"""firms feature."""
