"""Distinct, realistic-looking local news stories for fault tests and the fault-injection script.

Each story names its own people and draws its sentences from a pool in its own
order, so no two are near-duplicates and every one has a person, a quote and a
reported statement for the language stage to find.
"""

from __future__ import annotations

import random

FIRST = ("Maria", "Lars", "Ingrid", "Tomas", "Helga", "Anders", "Sofie", "Erik", "Karin", "Nils", "Astrid", "Jonas")
LAST = ("Jensen", "Brandt", "Larsen", "Holm", "Dahl", "Berg", "Lund", "Moller", "Strand", "Vik", "Aas", "Lie")
TOWNS = ("Harstad", "Molde", "Bodo", "Alta", "Narvik", "Kirkenes", "Tromso", "Hamar", "Gjovik", "Steinkjer")
POOL = (
    "The council met on Tuesday to discuss the budget for the coming year and the future of two village schools.",
    "Fishermen in the northern harbour protested against new quotas for cod, blocking the ferry terminal.",
    "A storm brought down power lines across the valley overnight, leaving four thousand homes without light.",
    "Engineers worked through Sunday to restore electricity to the hospital and the care homes in the district.",
    "The regional transport authority announced that the night bus would return after a two year pause.",
    "Shop owners on the main street complained that the roadworks had kept customers away for most of the summer.",
    "The football club unveiled plans for a new stand with room for two thousand more supporters.",
    "Police asked drivers to take care on the mountain pass after three accidents in a single week.",
    "Teachers said the new curriculum left too little time for outdoor lessons and local history.",
    "The library will open on Sundays from next month, the culture committee decided after a long debate.",
    "Farmers warned that the late frost had damaged the strawberry harvest in the lower valley.",
    "A new ferry, built at the yard across the fjord, made its first crossing with the mayor on board.",
    "The hospital board said waiting times for knee operations had fallen by a third since the spring.",
    "Volunteers cleared two tonnes of plastic from the beaches of the outer islands over the weekend.",
    "The airport will close for six nights in October while the runway lights are replaced.",
    "Residents of the old quarter signed a petition against the plan to build a hotel on the harbour front.",
)


def story(i: int) -> tuple[str, str]:
    """(headline, body) of story number i; the same i always gives the same story."""
    rng = random.Random(i)
    first, last = FIRST[i % len(FIRST)], LAST[(i // len(FIRST) + i) % len(LAST)]
    town = TOWNS[i % len(TOWNS)]
    sentences = rng.sample(POOL, 5)
    body = (  # every paragraph carries something of this story only: a line shared by many is furniture
        f"{sentences[0]} It was the {i}th meeting of the year in {town}.\n\n"
        f"Councillor {first} {last} said on Tuesday that the vote in {town} would take place next month, "
        f"after story number {i} of the week had been debated at length.\n\n"
        f"{sentences[1]} {sentences[2]}\n\n"
        f'"We will not let this decision wait any longer than it must," {last} told reporters in {town}.\n\n'
        f"{sentences[3]} {sentences[4]}"
    )
    return f"{town} council news {i}", body


def story_text(i: int) -> str:
    """A story as a scraped text dump: headline, blank line, body."""
    headline, body = story(i)
    return f"{headline}\n\n{body}\n"


def person_of(i: int) -> str:
    """The councillor story i names in full."""
    return f"{FIRST[i % len(FIRST)]} {LAST[(i // len(FIRST) + i) % len(LAST)]}"
