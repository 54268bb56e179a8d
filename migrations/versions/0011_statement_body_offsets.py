"""Statement offsets index the article body, and analytics.statements shows them.

Before, start_char/end_char indexed the text the parser read (title, a two-character
separator, body, captions), which no table holds, so an analyst could not find a
statement in its article. Rows already loaded move by the title's length plus the
separator: the same arithmetic the extractor now does, so old and new rows agree.

Revision ID: 0011
Revises: 0010
"""

import re
from collections.abc import Sequence
from pathlib import Path

from alembic import op

revision: str = "0011"
down_revision: str | None = "0010"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

VIEWS = Path(__file__).resolve().parents[2] / "sql" / "views"
SEPARATOR = 2  # characters between title and body in the parser's text (models.Article.nlp_text)


def _shift(sign: str) -> None:
    op.execute(
        f"""
        update public.statements st
           set start_char = st.start_char {sign} (char_length(coalesce(a.title, '')) + {SEPARATOR}),
               end_char = st.end_char {sign} (char_length(coalesce(a.title, '')) + {SEPARATOR})
          from public.articles a
         where a.article_id = st.article_id
        """
    )


def upgrade() -> None:
    _shift("-")
    op.execute((VIEWS / "0011_statement_offsets.sql").read_text(encoding="utf-8"))


def downgrade() -> None:
    _shift("+")
    # a view loses columns only by being dropped; nothing in the database depends on this one
    earlier = (VIEWS / "0010_view_joins.sql").read_text(encoding="utf-8")
    match = re.search(r"create or replace view analytics\.statements as.*?;", earlier, re.S)
    assert match
    op.execute("drop view analytics.statements")
    op.execute(match.group(0))
    comments = (Path(__file__).resolve().parents[2] / "sql" / "comments" / "0007_comments.sql").read_text("utf-8")
    for line in comments.splitlines():
        if re.match(r"comment on (view|column) analytics\.statements\b", line) or line.startswith(
            ("comment on column public.statements.start_char", "comment on column public.statements.end_char")
        ):
            op.execute(line)
