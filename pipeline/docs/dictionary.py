"""docs/schema.md from the catalog: every relation and column with its comment, and an ER diagram.

The comments in the database (migration 0007) are the one source; this file
renders them so people without a SQL console can read them, and the tests
regenerate it to prove the checked-in copy is current. The diagram is Mermaid,
which GitHub and most Markdown viewers draw.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass

from sqlalchemy import Connection, text

SCHEMAS = ("analytics", "public")
KINDS = {"r": "table", "v": "view", "m": "materialized view"}


@dataclass(frozen=True, slots=True)
class Column:
    name: str
    type: str
    nullable: bool
    comment: str


@dataclass(frozen=True, slots=True)
class Relation:
    schema: str
    name: str
    kind: str
    comment: str
    columns: tuple[Column, ...]


@dataclass(frozen=True, slots=True)
class ForeignKey:
    table: str
    column: str
    ref_table: str
    ref_column: str


@dataclass(frozen=True, slots=True)
class Function:
    signature: str
    returns: str
    comment: str


def read_catalog(conn: Connection) -> tuple[list[Relation], list[ForeignKey], list[Function]]:
    rows = conn.execute(
        text(
            """
            select n.nspname, c.relname, c.relkind::text, coalesce(obj_description(c.oid, 'pg_class'), ''),
                   a.attname, format_type(a.atttypid, a.atttypmod), not a.attnotnull,
                   coalesce(col_description(c.oid, a.attnum), '')
            from pg_class c
            join pg_namespace n on n.oid = c.relnamespace
            join pg_attribute a on a.attrelid = c.oid and a.attnum > 0 and not a.attisdropped
            where n.nspname = any(:schemas) and c.relkind in ('r', 'v', 'm')
            order by array_position(:schemas, n.nspname::text), c.relname, a.attnum
            """
        ),
        {"schemas": list(SCHEMAS)},
    ).all()
    grouped: dict[tuple[str, str], list[tuple[str, ...]]] = defaultdict(list)
    for row in rows:
        grouped[(row[0], row[1])].append(row)
    relations = [
        Relation(
            schema,
            name,
            KINDS[cols[0][2]],
            cols[0][3],
            tuple(Column(c[4], c[5], bool(c[6]), c[7]) for c in cols),
        )
        for (schema, name), cols in grouped.items()
    ]
    fks = [
        ForeignKey(*row)
        for row in conn.execute(
            text(
                """
                select c.conrelid::regclass::text, a.attname, c.confrelid::regclass::text, fa.attname
                from pg_constraint c
                join pg_attribute a on a.attrelid = c.conrelid and a.attnum = c.conkey[1]
                join pg_attribute fa on fa.attrelid = c.confrelid and fa.attnum = c.confkey[1]
                where c.contype = 'f' and c.connamespace = 'public'::regnamespace
                order by 1, 2
                """
            )
        )
    ]
    functions = [
        Function(*row)
        for row in conn.execute(
            text(
                """
                select p.proname || '(' || pg_get_function_arguments(p.oid) || ')',
                       pg_get_function_result(p.oid), coalesce(obj_description(p.oid, 'pg_proc'), '')
                from pg_proc p where p.pronamespace = 'analytics'::regnamespace order by 1
                """
            )
        )
    ]
    return relations, fks, functions


def render(relations: list[Relation], fks: list[ForeignKey], functions: list[Function]) -> str:
    out = [
        "# Data dictionary",
        "",
        "Generated from the database's own comments by `newsetl db docs`; do not edit by hand",
        "(the comments live in `sql/comments/`, and a test fails when this file is out of date).",
        "",
        "Analysts and BI tools read the `analytics` schema (the read-only role sees nothing else);",
        "the `public` tables beneath it belong to the pipeline and may change.",
        "",
        "## Entity-relationship diagram (base tables)",
        "",
        "```mermaid",
        "erDiagram",
    ]
    for fk in fks:
        out.append(f'    {fk.ref_table} ||--o{{ {fk.table} : "{fk.column}"')
    out += ["```", ""]
    for schema in SCHEMAS:
        out += [f"## Schema `{schema}`", ""]
        for rel in (r for r in relations if r.schema == schema):
            out += [f"### `{schema}.{rel.name}` ({rel.kind})", "", rel.comment or "_(no description)_", ""]
            out += ["| column | type | null | description |", "|---|---|---|---|"]
            for col in rel.columns:
                null = "yes" if col.nullable else "no"
                out.append(f"| `{col.name}` | {col.type} | {null} | {_cell(col.comment)} |")
            out.append("")
    if functions:
        out += ["## Functions in `analytics`", ""]
        for fn in functions:
            out += [f"### `analytics.{fn.signature}`", "", f"Returns `{fn.returns}`.", "", fn.comment, ""]
    return "\n".join(out).rstrip() + "\n"


def _cell(text_: str) -> str:
    return text_.replace("|", "\\|").replace("\n", " ")
