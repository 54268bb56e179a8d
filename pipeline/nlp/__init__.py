"""Language stage: Article -> Extraction (people, organizations, places, statements, events)."""
