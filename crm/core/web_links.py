"""Links people type into profiles (firm websites, portfolio links, organisation websites)."""

from __future__ import annotations

from urllib.parse import urlsplit

MAX_LENGTH = 300


def web_link_is_valid(url: str) -> bool:
    """An absolute http(s) address with a dotted host, no credentials, no spaces or control
    characters: the link is shown to others, so `javascript:` and look-alike tricks are out."""
    if len(url) > MAX_LENGTH or any(ch.isspace() or ord(ch) < 32 for ch in url):
        return False
    try:
        parts = urlsplit(url)
    except ValueError:
        return False
    return (
        parts.scheme in ("http", "https")
        and "." in (parts.hostname or "")
        and parts.username is None
        and parts.password is None
    )
