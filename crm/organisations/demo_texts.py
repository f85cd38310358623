"""What the demo organisations and contacts are made of, per focus country.

Public bodies carry their real kind of name (a city, a state); care groups, companies,
schools and foundations are invented. Email domains end in `.example`; US numbers use the
555-01xx range reserved for fiction.
"""

from __future__ import annotations

# Cities of the demo questions (their CITIES and the posts' cities), as locals write them.
LOCAL_CITY = {
    "Munich": "München",
    "Cologne": "Köln",
    "Washington, DC": "Washington",
}

# Per country: (kind, name pattern) made once per city. {city} is the local city name.
PER_CITY = {
    "DE": [
        ("municipality", "Stadt {city}"),
        ("care-provider", "Pflegeverbund {city} gGmbH"),
        ("school", "Gesamtschule {city}-Mitte"),
        ("university", "Hochschule für Gestaltung {city}"),
        ("company", "Stadtwerke {city} GmbH"),
        ("ngo", "Bürgerstiftung {city} e.V."),
    ],
    "CN": [
        ("municipality", "{city} Municipal Bureau of Urban Planning"),
        ("care-provider", "{city} Silver Age Elderly Care Co., Ltd."),
        ("school", "{city} No. 3 Middle School"),
        ("university", "{city} Institute of Design and Technology"),
        ("company", "{city} Metro Group Co., Ltd."),
        ("ngo", "{city} Community Volunteers Association"),
    ],
    "US": [
        ("municipality", "City of {city}"),
        ("care-provider", "{city} Senior Living Alliance"),
        ("school", "{city} Public Schools"),
        ("university", "{city} College of Art and Design"),
        ("company", "{city} Transit Authority"),
        ("ngo", "{city} Community Foundation"),
    ],
}

# Provinces and states: (name, city of their seat).
REGIONS = {
    "DE": [
        ("Freistaat Bayern, Staatsministerium für Gesundheit und Pflege", "München"),
        ("Land Nordrhein-Westfalen, Ministerium für Verkehr", "Düsseldorf"),
        ("Freie und Hansestadt Hamburg, Behörde für Umwelt und Energie", "Hamburg"),
        ("Freistaat Sachsen, Staatsministerium für Kultus", "Leipzig"),
    ],
    "CN": [
        ("Guangdong Provincial Health Commission", "Guangzhou"),
        ("Sichuan Provincial Department of Civil Affairs", "Chengdu"),
        ("Zhejiang Provincial Department of Culture and Tourism", "Hangzhou"),
        ("上海市卫生健康委员会", "Shanghai"),
    ],
    "US": [
        ("New York State Office for the Aging", "New York"),
        ("Illinois Department of Transportation", "Chicago"),
        ("California Energy Commission", "San Francisco"),
        ("Florida Department of Health", "Miami"),
    ],
}

# A few companies written as their Chinese registered names (the duplicate check folds them).
CN_COMPANIES = [
    ("上海梅雅设计有限公司", "Shanghai"),
    ("北京创意科技有限公司", "Beijing"),
    ("深圳智慧城市发展集团有限公司", "Shenzhen"),
]

FIRST_NAMES = {
    "DE": ["Anna", "Jonas", "Lena", "Felix", "Miriam", "Tobias", "Sabine", "Murat", "Katrin"],
    "CN": ["Wei", "Fang", "Min", "Jing", "Lei", "Xiaoling", "Hao", "Yan", "Qiang", "Li"],
    "US": ["Emily", "Marcus", "Sarah", "David", "Aisha", "Kevin", "Laura", "Carlos", "Rachel"],
}
LAST_NAMES = {
    "DE": ["Schmidt", "Weber", "Yilmaz", "Hoffmann", "Becker", "Keller", "Wagner", "Richter"],
    "CN": ["Wang", "Li", "Zhang", "Liu", "Chen", "Yang", "Zhao", "Huang"],
    "US": ["Johnson", "Williams", "Garcia", "Nguyen", "Brown", "Patel", "Miller", "Davis"],
}
ROLES = {
    "municipality": ["Head of urban development", "Alderman's policy adviser", "Project lead"],
    "province": ["Director of innovation", "Senior policy officer", "Programme manager"],
    "care-provider": ["Head of care innovation", "Facility director", "Quality manager"],
    "school": ["Principal", "Deputy head", "Coordinator healthy school"],
    "university": ["Professor of design", "Research coordinator", "Head of partnerships"],
    "company": ["Head of customer experience", "Innovation manager", "Procurement lead"],
    "ngo": ["Managing director", "Programme officer", "Board member"],
    "other": ["Project lead"],
}
LANGUAGES = {"DE": "de", "CN": "zh", "US": "en"}
# Area codes per city for valid demo phone numbers (US: 555-01xx, fictional).
AREA = {
    "Berlin": "+49 30", "Düsseldorf": "+49 211", "München": "+49 89", "Hamburg": "+49 40",
    "Köln": "+49 221", "Leipzig": "+49 341", "Essen": "+49 201",
    "Shanghai": "+86 21", "Beijing": "+86 10", "Guangzhou": "+86 20", "Chongqing": "+86 23",
    "Shenzhen": "+86 755", "Chengdu": "+86 28", "Hangzhou": "+86 571", "Hong Kong": "+852",
    "New York": "+1 212", "Chicago": "+1 312", "San Francisco": "+1 415", "Miami": "+1 305",
    "Washington": "+1 202", "Boston": "+1 617", "Seattle": "+1 206",
}  # fmt: skip
NOTES = [
    "Prefers a short call before any meeting.",
    "Met at the trade mission; very interested in Dutch examples.",
    "Decides together with the finance department.",
    "",
    "",
]
