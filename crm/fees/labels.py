"""Words for codes of the fees feature, translatable."""

from __future__ import annotations

from flask_babel import lazy_gettext as _l

PARTY_LABELS = {
    "business_developer": _l("Business developer"),
    "lab": _l("Lab"),
    "programme": _l("Programme"),
    "post": _l("Post"),
}

STATUS_LABELS = {
    "published": _l("Published"),
    "retired": _l("Retired"),
}

SOURCE_LABELS = {
    "manual": _l("Entered by hand"),
    "ecb": _l("ECB import"),
}
