"""Load: the only stage that talks to PostgreSQL (schema, connections, upserts, runs)."""
