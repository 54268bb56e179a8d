-- A synthetic corpus shaped like a loaded one, for query benchmarks: :articles articles from 40 publishers over
-- ten years, 2,000 people, 600 organizations, 300 places, about 5 people, 3 organizations, 6 statements
-- and 2 events per article. Bodies are drawn from a news vocabulary so full-text search has work to do.
-- Deterministic (setseed), so two runs measure the same data.
select setseed(0.42);

insert into pipeline_runs (source, pipeline_version, status) values ('synthetic', 'bench', 'succeeded');

insert into sources (name, name_key, domain)
select 'Outlet ' || i, 'outlet ' || i, 'outlet' || i || '.example' from generate_series(1, 40) i;

insert into people (canonical_name, name_key)
select 'Person ' || i || ' Name', 'person ' || i || ' name' from generate_series(1, 2000) i;
insert into person_aliases (person_id, alias, alias_key)
select person_id, canonical_name, name_key from people;

insert into organizations (canonical_name, name_key, acronym)
select 'Organization ' || i || ' Council', 'organization ' || i || ' council', 'O' || i from generate_series(1, 600) i;
insert into organization_aliases (organization_id, alias, alias_key)
select organization_id, canonical_name, name_key from organizations;

insert into places (name, name_key, kind) select 'City ' || i, 'city ' || i, 'city' from generate_series(1, 300) i;

with vocabulary as (
    select array['government', 'minister', 'talks', 'security', 'terrorism', 'cooperation', 'border', 'treaty',
                 'president', 'visit', 'economy', 'trade', 'military', 'exercise', 'summit', 'agreement',
                 'sanctions', 'energy', 'pipeline', 'election', 'parliament', 'protest', 'court', 'police',
                 'attack', 'defence', 'spokesman', 'statement', 'region', 'relations', 'the', 'of', 'and', 'to',
                 'in', 'said', 'on', 'for', 'with', 'that', 'would', 'will', 'was', 'has', 'by', 'at'] as words
)
insert into articles (content_hash, source_id, source_uri, title, published_on, published_precision, byline,
                      language, body, word_count, pipeline_version, run_id)
select md5(i::text), 1 + (i % 40), 'synthetic://' || i,
       initcap(words[1 + (i * 7) % 30] || ' ' || words[1 + (i * 13) % 30] || ' ' || words[1 + (i * 17) % 30]),
       case when i % 20 = 0 then null else date '2015-01-01' + (i * 3653 / :articles) end,
       case when i % 20 = 0 then null else 'day' end,
       'Reporter ' || (i % 300), 'en',
       (select string_agg(v.words[1 + floor(random() * array_length(v.words, 1))::int], ' ')
        from vocabulary v, generate_series(1, 300 + i % 400) w),
       300 + i % 400, 'bench', 1
from vocabulary, generate_series(1, :articles) i;

insert into article_people (article_id, person_id, name_as_written, role_title, mentions)
select distinct on (a.article_id, p) a.article_id, p, 'Person ' || p || ' Name',
       case when p % 3 = 0 then 'Minister' end, 1 + (a.article_id + p) % 4
from articles a, lateral (select 1 + ((a.article_id * 37 + k * 101) % 2000) as p
                          from generate_series(1, 5) k) x;

insert into article_organizations (article_id, organization_id, name_as_written, mentions)
select distinct on (a.article_id, o) a.article_id, o, 'Organization ' || o || ' Council', 1 + a.article_id % 3
from articles a, lateral (select 1 + ((a.article_id * 53 + k * 211) % 600) as o from generate_series(1, 3) k) x;

insert into article_places (article_id, place_id, mentions)
select a.article_id, 1 + (a.article_id * 7) % 300, 1 from articles a;

insert into statements (article_id, speaker_text, speaker_person_id, speaker_organization_id, kind, cue, text,
                        start_char, end_char)
select ap.article_id, ap.name_as_written, ap.person_id, null,
       (array['direct', 'indirect', 'indirect', 'question'])[1 + (ap.article_id + ap.person_id) % 4],
       'said', substr(a.body, (1 + (ap.person_id % 50) * 3)::int, 180), 0, 180
from article_people ap join articles a using (article_id)
union all
select ao.article_id, ao.name_as_written, null, ao.organization_id, 'indirect', 'said',
       substr(a.body, 20, 160), 0, 160
from article_organizations ao join articles a using (article_id) where ao.organization_id % 3 = 0;

insert into events (article_id, event_type, cameo_code, trigger, summary, start_date, end_date, date_precision,
                    date_text, place_id, place_text)
select a.article_id, t.event_type, t.cameo, t.event_type, left(a.body, 120),
       a.published_on - (k % 3), null, case when a.published_on is null then null else 'day' end,
       'on Monday', 1 + (a.article_id * 7) % 300, 'City ' || (1 + (a.article_id * 7) % 300)
from articles a, generate_series(1, 2) k,
     lateral (select (array['meeting', 'talks', 'visit', 'signing', 'summit'])[1 + (a.article_id + k) % 5] as event_type,
                     (array['040', '046', '042', '057', '044'])[1 + (a.article_id + k) % 5] as cameo) t;

insert into event_participants (event_id, name, person_id)
select e.event_id, ap.name_as_written, ap.person_id
from events e join lateral (select * from article_people ap where ap.article_id = e.article_id
                            order by ap.person_id limit 2) ap on true;

analyze;
