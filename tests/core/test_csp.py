"""Pages stay compatible with the strict Content-Security-Policy that is switched on."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

TEMPLATES = sorted((Path(__file__).resolve().parents[2] / "templates").rglob("*.html"))

INLINE_SCRIPT = re.compile(r"<script(?![^>]*\bsrc=)[^>]*>", re.IGNORECASE)
EVENT_HANDLER = re.compile(r"\s on[a-z]+\s*=", re.IGNORECASE | re.VERBOSE)
STYLE_ATTRIBUTE = re.compile(r"\sstyle\s*=", re.IGNORECASE)
# hx-on and js: values make htmx evaluate strings, which the CSP (no unsafe-eval) forbids.
HTMX_EVAL = re.compile(r"hx-on|=\s*[\"']\s*js:", re.IGNORECASE)
JAVASCRIPT_URL = re.compile(r"(href|src|action)\s*=\s*[\"']\s*javascript:", re.IGNORECASE)


@pytest.mark.parametrize("template", TEMPLATES, ids=lambda p: p.name)
def test_template_has_no_inline_script_handler_or_style(template):
    text = template.read_text("utf-8")
    for pattern in (INLINE_SCRIPT, EVENT_HANDLER, STYLE_ATTRIBUTE, JAVASCRIPT_URL, HTMX_EVAL):
        match = pattern.search(text)
        assert match is None, f"{template}: {match.group(0)!r} breaks the CSP"


def test_policy_header_is_strict(client):
    policy = client.get("/login").headers["Content-Security-Policy"]
    assert "script-src 'self'" in policy and "style-src 'self'" in policy
    assert "unsafe-inline" not in policy
