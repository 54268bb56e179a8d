"""The read-only login role for BI tools and analysts: the `analytics` schema, and nothing else.

Views run with their owner's rights, so the role needs no grant on the base
tables and gets none; the search functions are security definer for the same
reason. `default_transaction_read_only` makes every session of the role
read-only, temporary tables included. The password comes from configuration
(NEWSETL_READONLY_PASSWORD), never from the repository; without one the role
exists but cannot log in.
"""

from __future__ import annotations

from sqlalchemy import Connection, text

from pipeline.load.database import execute_verbatim


def ensure_reader(conn: Connection, role: str, password: str | None) -> None:
    """Create or update the role and its grants; safe to run again (password rotation)."""
    exists = conn.execute(text("select 1 from pg_roles where rolname = :r"), {"r": role}).scalar()
    if not exists:
        _run(conn, "create role %I nologin", role)
    if password:
        _run(conn, "alter role %I with login password %L", role, password)
    else:
        _run(conn, "alter role %I with nologin", role)
    for statement in (
        "alter role %I set default_transaction_read_only = on",
        "grant usage on schema analytics to %I",
        "grant select on all tables in schema analytics to %I",
        "grant execute on all functions in schema analytics to %I",
        # views and marts added by later migrations are readable without another grant
        "alter default privileges in schema analytics grant select on tables to %I",
        "alter default privileges in schema analytics grant execute on functions to %I",
    ):
        _run(conn, statement, role)
    # before PostgreSQL 15 every role may create tables in schema public; nobody but the owner should
    conn.execute(text("revoke create on schema public from public"))


def drop_reader(conn: Connection, role: str) -> None:
    """Revoke this database's grants, then drop the role unless another database still grants it something."""
    for statement in (
        "alter default privileges in schema analytics revoke select on tables from %I",
        "alter default privileges in schema analytics revoke execute on functions from %I",
        "revoke all on all functions in schema analytics from %I",
        "revoke all on all tables in schema analytics from %I",
        "revoke all on schema analytics from %I",
    ):
        _run(conn, statement, role)
    _run(
        conn,
        "do $$ begin execute format('drop role %%I', %L); "
        "exception when dependent_objects_still_exist then null; end $$",
        role,
    )


def _run(conn: Connection, template: str, *args: str) -> None:
    execute_verbatim(conn, _format(conn, template, *args))


def _format(conn: Connection, template: str, *args: str) -> str:
    """Quote identifiers and literals in the server (format's %I and %L): DDL takes no bind parameters."""
    placeholders = "".join(f", cast(:a{i} as text)" for i in range(len(args)))
    query = f"select format(cast(:t as text){placeholders})"
    params = {"t": template, **{f"a{i}": a for i, a in enumerate(args)}}
    return str(conn.execute(text(query), params).scalar_one())
