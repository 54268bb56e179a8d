-- A tsvector holds at most 1 MB, and positions stop counting at 16,383: a 2 MB article's body made its
-- insert fail ("string is too long for tsvector"), losing the article. The index now reads the first
-- 100,000 characters of a body or statement and the first 2,000 of a title: searches find every
-- ordinary article whole, and a huge one by its first 100,000 characters.

drop index public.ix_articles_search_vector;
alter table public.articles drop column search_vector;
alter table public.articles
    add column search_vector tsvector generated always as (
        setweight(to_tsvector('english', left(coalesce(title, ''), 2000)), 'A')
        || setweight(to_tsvector('english', left(body, 100000)), 'B')
    ) stored;
create index ix_articles_search_vector on public.articles using gin (search_vector);

drop index public.ix_statements_search_vector;
alter table public.statements drop column search_vector;
alter table public.statements
    add column search_vector tsvector generated always as (to_tsvector('english', left(text, 100000))) stored;
create index ix_statements_search_vector on public.statements using gin (search_vector);

comment on column public.articles.search_vector is 'Full-text index of title (weight A, first 2,000 characters) and body (weight B, first 100,000), English; kept current by PostgreSQL.';
comment on column public.statements.search_vector is 'Full-text index of the text (first 100,000 characters), English; kept current by PostgreSQL.';
