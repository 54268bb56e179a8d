-- Statement offsets index the article body (body[start_char:end_char] is the statement), and the
-- analyst view shows them, so a dashboard can highlight a statement in its article.
create or replace view analytics.statements as
select st.statement_id,
       st.article_id,
       a.published_on,
       coalesce(p.canonical_name, o.canonical_name, st.speaker_text) as speaker,
       st.speaker_person_id,
       st.speaker_organization_id,
       st.speaker_text as speaker_as_written,
       st.kind,
       st.cue,
       st.text,
       st.start_char,
       st.end_char
from public.statements st
left join public.articles a using (article_id)
left join public.people p on p.person_id = st.speaker_person_id
left join public.organizations o on o.organization_id = st.speaker_organization_id;

comment on column public.statements.start_char is 'Start offset of the statement in the article body (0-based, as in substr(body, start_char + 1)).';
comment on column public.statements.end_char is 'End offset (exclusive) of the statement in the article body.';
comment on column analytics.statements.start_char is 'Start offset of the statement in the article body: substr(body, start_char + 1, end_char - start_char) is its text.';
comment on column analytics.statements.end_char is 'End offset (exclusive) of the statement in the article body.';
