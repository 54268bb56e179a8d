-- Marts for dashboards: pre-aggregated, refreshed (concurrently) at the end of every run that loaded
-- articles, so a dashboard reads a few thousand rows instead of aggregating the base tables.
-- Each has a unique index: REFRESH ... CONCURRENTLY needs one, and dashboards filter on those keys.
-- Time series count dated articles only: an article whose page states no date has no day to count on.

create materialized view analytics.person_mentions_daily as
select ap.person_id,
       p.canonical_name      as person_name,
       a.published_on        as day,
       count(*)::int         as articles,
       sum(ap.mentions)::int as mentions
from public.article_people ap
join public.people p using (person_id)
join public.articles a using (article_id)
where a.published_on is not null
group by ap.person_id, p.canonical_name, a.published_on;
create unique index ux_person_mentions_daily on analytics.person_mentions_daily (person_id, day);
create index ix_person_mentions_daily_day on analytics.person_mentions_daily (day);

create materialized view analytics.organization_mentions_daily as
select ao.organization_id,
       o.canonical_name      as organization_name,
       o.acronym,
       a.published_on        as day,
       count(*)::int         as articles,
       sum(ao.mentions)::int as mentions
from public.article_organizations ao
join public.organizations o using (organization_id)
join public.articles a using (article_id)
where a.published_on is not null
group by ao.organization_id, o.canonical_name, o.acronym, a.published_on;
create unique index ux_organization_mentions_daily on analytics.organization_mentions_daily (organization_id, day);
create index ix_organization_mentions_daily_day on analytics.organization_mentions_daily (day);

-- speaker_key: 'person:<id>', 'organization:<id>', or 'text:<words used>' for unresolved speakers
create materialized view analytics.statements_monthly as
select case when st.speaker_person_id is not null then 'person:' || st.speaker_person_id
            when st.speaker_organization_id is not null then 'organization:' || st.speaker_organization_id
            else 'text:' || lower(st.speaker_text) end                   as speaker_key,
       min(coalesce(p.canonical_name, o.canonical_name, st.speaker_text)) as speaker,
       st.speaker_person_id,
       st.speaker_organization_id,
       date_trunc('month', a.published_on)::date                          as month,
       count(*)::int                                                      as statements,
       count(*) filter (where st.kind = 'direct')::int                    as direct,
       count(*) filter (where st.kind = 'indirect')::int                  as indirect,
       count(*) filter (where st.kind = 'question')::int                  as questions,
       count(distinct st.article_id)::int                                 as articles
from public.statements st
join public.articles a using (article_id)
left join public.people p on p.person_id = st.speaker_person_id
left join public.organizations o on o.organization_id = st.speaker_organization_id
where a.published_on is not null
group by 1, st.speaker_person_id, st.speaker_organization_id, 5;
create unique index ux_statements_monthly on analytics.statements_monthly (speaker_key, month);
create index ix_statements_monthly_month on analytics.statements_monthly (month);

-- pairs of entities (people and organizations) named in the same article; each pair once, a < b
create materialized view analytics.cooccurrence as
with named as (
    select article_id, 'person'::text as kind, person_id as entity_id from public.article_people
    union all
    select article_id, 'organization', organization_id from public.article_organizations
), labelled as (
    select n.article_id, n.kind, n.entity_id, coalesce(p.canonical_name, o.canonical_name) as name
    from named n
    left join public.people p on n.kind = 'person' and p.person_id = n.entity_id
    left join public.organizations o on n.kind = 'organization' and o.organization_id = n.entity_id
)
select a.kind as entity_a_kind, a.entity_id as entity_a_id, a.name as entity_a,
       b.kind as entity_b_kind, b.entity_id as entity_b_id, b.name as entity_b,
       count(distinct a.article_id)::int as articles
from labelled a
join labelled b on b.article_id = a.article_id and (a.kind, a.entity_id) < (b.kind, b.entity_id)
group by a.kind, a.entity_id, a.name, b.kind, b.entity_id, b.name;
create unique index ux_cooccurrence on analytics.cooccurrence (entity_a_kind, entity_a_id, entity_b_kind, entity_b_id);
create index ix_cooccurrence_b on analytics.cooccurrence (entity_b_kind, entity_b_id);

-- the event timeline is cheap to compute: a plain view, always current
create view analytics.event_timeline as
select e.event_id,
       -- a day and month without a year ('month_day') cannot be placed on a timeline
       coalesce(case when e.date_precision <> 'month_day' then e.start_date end, a.published_on) as day,
       e.start_date is null or e.date_precision = 'month_day'                                     as day_from_publication,
       e.end_date,
       e.date_precision,
       e.event_type,
       e.cameo_code,
       e.place,
       e.participants,
       e.summary,
       e.article_id,
       a.title                               as article_title,
       a.publisher
from analytics.events e
join analytics.articles a using (article_id);
