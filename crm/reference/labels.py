"""Reference labels in the reader's language.

The reference tables store English labels (reference.json); admins may edit them. Shipped
labels are listed here so that `pybabel extract` puts them in the catalogue (`N_` is Babel's
"mark only" keyword); at display time `ref_label` looks the stored text up in the catalogue:
a shipped label comes out translated, an admin's own wording shows exactly as typed.
Country names come from Babel (CLDR) by ISO code. Codes, stored data and API output stay as
they are: translation happens only where people read the labels.
"""

from __future__ import annotations

from babel import Locale
from flask_babel import get_locale, gettext


def N_(text: str) -> str:  # noqa: N802 - Babel's conventional name for "mark, don't translate"
    """Mark `text` for extraction; return it unchanged."""
    return text


STAGES = (
    N_("Sourced"),
    N_("Qualified"),
    N_("Matching firms"),
    N_("Proposal"),
    N_("Negotiation"),
    N_("Won"),
    N_("Lost"),
    N_("On hold"),
)

THEMES = (
    N_("Mobility and transport"),
    N_("Health, obesity and healthy lifestyle"),
    N_("Ageing and elderly care"),
    N_("Climate adaptation and water"),
    N_("Energy transition"),
    N_("Circular economy and materials"),
    N_("Liveable cities and urban development"),
    N_("Food and agriculture"),
    N_("Education and skills"),
    N_("Safety and security"),
    N_("Digital society and inclusion"),
    N_("Culture, heritage and tourism"),
)

DISCIPLINES = (
    N_("Architecture"),
    N_("Urbanism and landscape architecture"),
    N_("Product and industrial design"),
    N_("Service design and design research"),
    N_("Graphic design and visual communication"),
    N_("Interaction, UX and digital design"),
    N_("Games and applied games"),
    N_("Film, animation and audiovisual media"),
    N_("Fashion and textiles"),
    N_("Branding, advertising and communication"),
    N_("Interior and exhibition design"),
    N_("Music and sound design"),
    N_("Data visualisation and creative technology"),
)

FIRM_SIZES = (
    N_("Freelancer (1 person)"),
    N_("Studio (2-9)"),
    N_("Agency (10-49)"),
    N_("Large agency (50+)"),
)

POSTS = (
    N_("Embassy of the Kingdom of the Netherlands, Berlin"),
    N_("Consulate-General of the Netherlands, Düsseldorf"),
    N_("Consulate-General of the Netherlands, Munich"),
    N_("Embassy of the Kingdom of the Netherlands, Beijing"),
    N_("Consulate-General of the Netherlands, Shanghai"),
    N_("Consulate-General of the Netherlands, Guangzhou"),
    N_("Consulate-General of the Netherlands, Chongqing"),
    N_("Consulate-General of the Netherlands, Hong Kong"),
    N_("Embassy of the Kingdom of the Netherlands, Washington"),
    N_("Consulate-General of the Netherlands, New York"),
    N_("Consulate-General of the Netherlands, Chicago"),
    N_("Consulate-General of the Netherlands, San Francisco"),
    N_("Consulate-General of the Netherlands, Miami"),
)

POST_CITIES = (
    N_("Berlin"),
    N_("Düsseldorf"),
    N_("Munich"),
    N_("Beijing"),
    N_("Shanghai"),
    N_("Guangzhou"),
    N_("Chongqing"),
    N_("Hong Kong"),
    N_("Washington, DC"),
    N_("New York"),
    N_("Chicago"),
    N_("San Francisco"),
    N_("Miami"),
)

LABS = (
    N_("Creative Lab Germany"),
    N_("Creative Lab China (Shanghai)"),
    N_("Creative Lab China (Beijing)"),
    N_("Creative Lab United States"),
)

SHIPPED_LABELS = frozenset(STAGES + THEMES + DISCIPLINES + FIRM_SIZES + POSTS + POST_CITIES + LABS)


def ref_label(text: str | None) -> str:
    """A reference label in the reader's language; unknown (admin-typed) text as it is."""
    if not text:
        return text or ""
    return gettext(text)


def _locale() -> Locale:
    try:
        return get_locale() or Locale("en")
    except RuntimeError:  # outside an application context (CLI)
        return Locale("en")


def _shipped_country_names() -> dict[str, str]:
    from crm.reference.loader import shipped_reference

    return {c["code"]: c["name"] for c in shipped_reference()["countries"]}


def country_name(value) -> str:
    """A country's name in the reader's language, from a code or a Country row.

    Babel (CLDR) names the country by its code; a Country row whose name an admin changed
    from the shipped one shows the admin's wording.
    """
    if value is None or value == "":
        return ""
    code = getattr(value, "code", value)
    stored = getattr(value, "name", None)
    if stored and stored != _shipped_country_names().get(code, stored):
        return stored
    return _locale().territories.get(code) or stored or code


def translated_choices(pairs, sort: bool = False) -> list[tuple[str, str]]:
    """(code, label) pairs with the labels in the reader's language (sorted by label if asked)."""
    out = [(code, ref_label(label)) for code, label in pairs]
    return sorted(out, key=lambda p: p[1].casefold()) if sort else out


def country_choices(countries) -> list[tuple[str, str]]:
    """(code, name) for countries (codes, Country rows or rows with .code and .name),
    sorted by name in the reader's language."""
    pairs = ((getattr(c, "code", c), country_name(c)) for c in countries)
    return sorted(pairs, key=lambda p: p[1].casefold())
