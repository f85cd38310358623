"""Word lists and generators for demo firms and portfolio items. Pure: a Random in, data out."""

from __future__ import annotations

import random
import re

CITIES = (
    "Amsterdam", "Rotterdam", "Utrecht", "Den Haag", "Eindhoven", "Groningen", "Maastricht",
    "Arnhem", "Nijmegen", "Tilburg", "Breda", "Zwolle", "Leeuwarden", "Delft", "Haarlem",
    "Enschede", "'s-Hertogenbosch", "Leiden", "Almere", "Hilversum",
)  # fmt: skip
NAME_FIRST = (
    "Studio", "Atelier", "Bureau", "Collectief", "Lab", "Werkplaats", "Office", "Agency",
    "Buro", "Ontwerpbureau",
)  # fmt: skip
NAME_SECOND = (
    "Polder", "Gracht", "Molen", "Dijk", "Tulp", "Noord", "Zuid", "Delta", "Kade", "Klei",
    "Duin", "Wadden", "Eiland", "Brug", "Haven", "Vonk", "Lijn", "Licht", "Vorm", "Ruimte",
    "Stroom", "Wind", "Veld", "Blauw", "Oranje", "Kompas", "Beweging", "Horizon", "Mozaïek",
    "Paviljoen",
)  # fmt: skip
NAME_SUFFIX = (
    "", "", "", " Design", " Architecten", " Games", " Media", " & Partners", " Creative",
    " Studio",
)  # fmt: skip
# (weight, size code): freelancers and small studios are most of the sector.
SIZES = ((35, "freelancer"), (35, "small"), (20, "medium"), (10, "large"))
ITEMS_PER_SIZE = {"freelancer": (1, 3), "small": (2, 5), "medium": (3, 6), "large": (4, 8)}
COUNTRIES = ("DE", "DE", "CN", "US", "US", "BE", "FR", "GB", "DK", "SE", "JP", "KR", "SG")
EXTRA_LANGUAGES = ("de", "fr", "zh", "es")
ITEM_COUNTRIES = ("NL", "NL", "NL", "DE", "CN", "US", "BE", "GB")
CLIENTS = {
    "NL": ("Gemeente Rotterdam", "Provincie Noord-Holland", "ZorgSaam", "Port of Rotterdam",
           "Gemeente Utrecht", "Waterschap Vallei en Veluwe", "Rijkswaterstaat", "NS"),
    "DE": ("Stadt Köln", "Land Nordrhein-Westfalen", "Stadtwerke München", "Caritas Berlin",
           "Hamburger Hochbahn"),
    "CN": ("Shanghai Urban Planning Bureau", "Shenzhen Design Week", "Chengdu Health Commission",
           "Beijing Elderly Care Group"),
    "US": ("City of Portland", "NYC Department of Transportation", "Kaiser Permanente",
           "Chicago Public Schools", "Port of Seattle"),
    "BE": ("Stad Antwerpen", "Vlaamse Overheid"),
    "GB": ("Transport for London", "NHS Scotland"),
}  # fmt: skip
THEME_PROJECTS = {
    "mobility": ("Safe cycling corridor", "Wayfinding system", "Shared mobility hub"),
    "health": ("Healthy school canteen", "Active lifestyle campaign", "Playful fitness app"),
    "ageing": ("Dementia-friendly neighbourhood", "Home care service design", "Social robot pilot"),
    "climate": ("Climate-adaptive square", "Flood-resilient waterfront", "Rain garden network"),
    "energy": ("Energy transition game", "Neighbourhood heat plan", "Solar street furniture"),
    "circular": ("Circular office interior", "Bio-based packaging", "Repair café toolkit"),
    "cities": ("Liveable inner-city plan", "Temporary park", "Public space redesign"),
    "food": ("Urban farming pavilion", "Food waste campaign", "Market hall identity"),
    "education": (
        "Serious game for vocational training", "Future classroom", "Museum learning trail",
    ),
    "safety": ("Safe night route", "Crowd-flow design", "Cyber awareness campaign"),
}  # fmt: skip
GENERIC_PROJECTS = ("Visual identity", "Interactive exhibition", "Design research study")
PROJECT_TEXT = "{what} for {client} on {theme}, led by our {discipline} team in {place}. {outcome}"
OUTCOMES = (
    "Piloted with residents and now scaled up.",
    "Co-created with users in six sessions.",
    "Won a Dutch Design Award nomination.",
    "Delivered in eight months, within budget.",
    "Now used daily by thousands of people.",
    "The client has since ordered a second phase.",
)
FIRM_TEXT = (
    "{name} is a {size} creative firm from {city} working in {disciplines}. We combine "
    "research and making, and have worked for public and private clients in {countries}. "
    "Our themes: {themes}."
)


def weighted_size(rng: random.Random) -> str:
    return rng.choices([code for _w, code in SIZES], weights=[w for w, _c in SIZES])[0]


def firm_name(rng: random.Random, n: int) -> str:
    name = f"{rng.choice(NAME_FIRST)} {rng.choice(NAME_SECOND)}{rng.choice(NAME_SUFFIX)}"
    return name if n < 300 else f"{name} {n}"  # many firms: keep names distinguishable


def slug(text: str) -> str:
    return re.sub(r"[^a-z0-9]+", "-", text.lower()).strip("-")


def project_title(rng: random.Random, theme: str, client: str) -> str:
    what = rng.choice(THEME_PROJECTS.get(theme, GENERIC_PROJECTS))
    return f"{what} for {client}"


def client_for(rng: random.Random, country: str) -> str:
    return rng.choice(CLIENTS.get(country, CLIENTS["NL"]))
