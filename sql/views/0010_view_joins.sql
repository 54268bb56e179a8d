-- The same views, with LEFT JOINs where a foreign key already guarantees the row: PostgreSQL then drops the
-- join when a query does not use its columns (counting statements per article no longer reads articles).
-- Columns and meanings are unchanged; their comments stay (CREATE OR REPLACE keeps the view).

create or replace view analytics.article_people as
select ap.article_id,
       ap.person_id,
       p.canonical_name as person_name,
       ap.role_title,
       ap.mentions,
       ap.name_as_written
from public.article_people ap
left join public.people p using (person_id);

create or replace view analytics.article_organizations as
select ao.article_id,
       ao.organization_id,
       o.canonical_name as organization_name,
       o.acronym,
       ao.mentions,
       ao.name_as_written
from public.article_organizations ao
left join public.organizations o using (organization_id);

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
       st.text
from public.statements st
left join public.articles a using (article_id)
left join public.people p on p.person_id = st.speaker_person_id
left join public.organizations o on o.organization_id = st.speaker_organization_id;

create or replace view analytics.event_participants as
select ep.event_id,
       e.event_type,
       coalesce(p.canonical_name, o.canonical_name, ep.name) as participant,
       case when ep.person_id is not null then 'person'
            when ep.organization_id is not null then 'organization'
            when ep.place_id is not null then 'country'
            else 'other' end                                  as participant_kind,
       ep.person_id,
       ep.organization_id,
       e.start_date,
       e.article_id
from public.event_participants ep
left join public.events e using (event_id)
left join public.people p on p.person_id = ep.person_id
left join public.organizations o on o.organization_id = ep.organization_id;
