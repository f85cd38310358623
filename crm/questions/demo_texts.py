"""Words the demo questions are made of: needs per theme, cities, organisations, notes."""

from __future__ import annotations

NEEDS = {
    "mobility": [
        "Safer cycling routes to schools",
        "A bike-sharing scheme for commuters",
        "Wayfinding for the new tram line",
        "Car-free weekend streets",
    ],
    "health": [
        "A campaign against childhood obesity",
        "Healthy canteens in vocational schools",
        "Playgrounds that get families moving",
        "A walking app for diabetes patients",
    ],
    "ageing": [
        "Living at home longer with dementia",
        "Meeting places against loneliness of the elderly",
        "Care robots in nursing homes",
        "Age-friendly neighbourhood redesign",
    ],
    "climate": [
        "Cooling a heat-stressed city centre",
        "Water squares for heavy rainfall",
        "A climate adaptation exhibition",
        "Green roofs on public buildings",
    ],
    "energy": [
        "Explaining the heat transition to residents",
        "Solar on social housing",
        "An energy-saving game for schools",
        "Design of a district heating hub",
    ],
    "circular": [
        "Circular furniture for public offices",
        "A repair cafe network",
        "Building with reclaimed materials",
        "Zero-waste festival design",
    ],
    "cities": [
        "Redeveloping a former harbour area",
        "Participation in a new housing district",
        "A vision for the railway station square",
        "Temporary use of vacant shops",
    ],
    "food": [
        "An urban farming programme",
        "Less food waste in hospitals",
        "A market hall for regional produce",
        "School gardens in every district",
    ],
    "education": [
        "A maker lab for the public library",
        "Serious games for vocational training",
        "Redesign of a school campus",
        "Digital skills for teachers",
    ],
    "safety": [
        "Safer night-time streets",
        "Crowd management for the festival season",
        "Traffic safety near schools",
        "Flood evacuation information",
    ],
    "inclusion": [
        "Accessible public buildings",
        "A museum for visitors with autism",
        "Inclusive playgrounds",
        "Sign-language friendly city services",
    ],
    "heritage": [
        "New life for an industrial monument",
        "A digital twin of the old town",
        "Exhibition design for a city museum",
        "Reuse of a historic church",
    ],
}
CITIES = {
    "DE": ["Berlin", "Düsseldorf", "Munich", "Hamburg", "Cologne", "Leipzig", "Essen"],
    "CN": ["Shanghai", "Beijing", "Guangzhou", "Chongqing", "Shenzhen", "Chengdu", "Hangzhou"],
    "US": ["New York", "Chicago", "San Francisco", "Miami", "Washington", "Boston", "Seattle"],
}
ORGANISATIONS = [
    "City of {city}",
    "{city} transit authority",
    "{city} University Hospital",
    "{city} school board",
    "{city} housing corporation",
    "{city} Care Group",
    "Port of {city}",
    "{city} public library",
    "{city} museum foundation",
    "{city} district council",
]
CONTEXT = [
    "The {org} asked the post whether Dutch designers have done this before.",
    "Local budget is expected in the next budget round; the alderman is enthusiastic.",
    "They want a concept first and a pilot in one neighbourhood.",
    "A Dutch example was presented at a trade mission and sparked the question.",
    "Residents must be involved from the start.",
    "The decision makers prefer a consortium of a large agency and specialised studios.",
]
NOTES = [
    "Intro call with the project lead; sent Dutch reference cases.",
    "Meeting at the town hall, budget confirmed for a first phase.",
    "Follow-up call: they want two or three firms to pitch.",
    "Post visited the site with the client.",
    "Shared the longlist of firms; feedback expected next week.",
    "Workshop with stakeholders went well, scope is clearer now.",
    "Client postponed the decision until after the elections.",
    "Talked about fee and timeline; procurement rules apply above the threshold.",
]
NEXT_STEPS = [
    "Send reference cases",
    "Schedule a call with the client",
    "Share a shortlist of firms",
    "Draft the proposal",
    "Visit the site with the post",
    "Ask about the procurement procedure",
]
LOST_REASONS = [
    "Budget went to another project",
    "Client chose a local agency",
    "Political priorities changed",
    "No Dutch firm available in time",
]
