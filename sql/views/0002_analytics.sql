-- The analyst contract (DESIGN.md): schema `analytics`, one view per question shape.
-- BI tools and the shared evaluation read only these; base tables may change beneath them.
-- Applied by migration 0002; a later change gets a new numbered file and migration.

create schema if not exists analytics;

create view analytics.articles as
select a.article_id,
       a.title,
       a.published_on,
       a.published_precision,
       s.name            as publisher,
       s.domain          as publisher_domain,
       a.byline,
       a.language,
       a.source_uri,
       a.body,
       a.word_count,
       a.ingested_at
from public.articles a
left join public.sources s using (source_id);

create view analytics.people as
select p.person_id,
       p.canonical_name as person_name,
       coalesce((select array_agg(pa.alias order by pa.alias)
                 from public.person_aliases pa where pa.person_id = p.person_id), '{}') as aliases,
       count(distinct ap.article_id)::int as article_count,
       min(a.published_on) as first_seen,
       max(a.published_on) as last_seen
from public.people p
left join public.article_people ap using (person_id)
left join public.articles a using (article_id)
group by p.person_id;

create view analytics.organizations as
select o.organization_id,
       o.canonical_name as organization_name,
       o.acronym,
       coalesce((select array_agg(oa.alias order by oa.alias)
                 from public.organization_aliases oa where oa.organization_id = o.organization_id), '{}') as aliases,
       count(distinct ao.article_id)::int as article_count,
       min(a.published_on) as first_seen,
       max(a.published_on) as last_seen
from public.organizations o
left join public.article_organizations ao using (organization_id)
left join public.articles a using (article_id)
group by o.organization_id;

create view analytics.article_people as
select ap.article_id,
       ap.person_id,
       p.canonical_name as person_name,
       ap.role_title,
       ap.mentions,
       ap.name_as_written
from public.article_people ap
join public.people p using (person_id);

create view analytics.article_organizations as
select ao.article_id,
       ao.organization_id,
       o.canonical_name as organization_name,
       o.acronym,
       ao.mentions,
       ao.name_as_written
from public.article_organizations ao
join public.organizations o using (organization_id);

create view analytics.places as
select pl.place_id,
       pl.name as place_name,
       pl.kind,
       pl.country_code,
       count(distinct apl.article_id)::int as article_count
from public.places pl
left join public.article_places apl using (place_id)
group by pl.place_id;

create view analytics.statements as
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
join public.articles a using (article_id)
left join public.people p on p.person_id = st.speaker_person_id
left join public.organizations o on o.organization_id = st.speaker_organization_id;

create view analytics.events as
select e.event_id,
       e.article_id,
       e.event_type,
       e.cameo_code,
       e.summary,
       e.start_date,
       e.end_date,
       e.date_precision,
       e.date_text,
       coalesce(pl.name, e.place_text) as place,
       coalesce((select array_agg(coalesce(p.canonical_name, o.canonical_name, ep.name) order by ep.event_participant_id)
                 from public.event_participants ep
                 left join public.people p on p.person_id = ep.person_id
                 left join public.organizations o on o.organization_id = ep.organization_id
                 where ep.event_id = e.event_id), '{}') as participants
from public.events e
left join public.places pl using (place_id);

create view analytics.pipeline_runs as
select run_id, flow_run_id, source, pipeline_version, status, counts, error, started_at, finished_at
from public.pipeline_runs;
