-- Descriptions of every table, view and column, for `\d+`, BI tools and docs/schema.md.
-- A new column gets its comment in the migration that adds it; tests check that none is missing.

-- ── base tables ───────────────────────────────────────────────────────────────────────────────────
comment on table public.alembic_version is 'Schema revision applied by Alembic (migrations/versions).';
comment on column public.alembic_version.version_num is 'Current revision id.';

comment on table public.pipeline_runs is 'One row per ingest run: what it read, its counts and how it ended.';
comment on column public.pipeline_runs.run_id is 'Run id.';
comment on column public.pipeline_runs.flow_run_id is 'Prefect flow-run id, to find the run''s logs in Prefect.';
comment on column public.pipeline_runs.source is 'Paths or source given to the run.';
comment on column public.pipeline_runs.pipeline_version is 'newsetl version that ran.';
comment on column public.pipeline_runs.status is 'running, succeeded or failed.';
comment on column public.pipeline_runs.counts is 'Documents read, articles loaded, unchanged, duplicates, rejected (by reason), entities, statements, events.';
comment on column public.pipeline_runs.error is 'Why a failed run stopped.';
comment on column public.pipeline_runs.started_at is 'When the run started.';
comment on column public.pipeline_runs.finished_at is 'When the run ended; null while running.';

comment on table public.sources is 'Publishers: one row per site, however its pages name it.';
comment on column public.sources.source_id is 'Publisher id.';
comment on column public.sources.name is 'Publisher name as the page states it (site name, wire, copyright holder or domain).';
comment on column public.sources.name_key is 'Normalized name: the key that makes one row per site.';
comment on column public.sources.domain is 'Web domain of the site, when known.';
comment on column public.sources.created_at is 'When the publisher was first seen.';

comment on table public.raw_documents is 'Every document read, bytes untouched, so any article can be rebuilt; a duplicate points at the article it repeats.';
comment on column public.raw_documents.raw_document_id is 'Raw document id.';
comment on column public.raw_documents.sha256 is 'SHA-256 of the bytes: the same file read twice is one row.';
comment on column public.raw_documents.uri is 'File path or URL it was read from.';
comment on column public.raw_documents.media_type is 'text/plain or text/html.';
comment on column public.raw_documents.content is 'The bytes as read.';
comment on column public.raw_documents.size_bytes is 'Size of content in bytes.';
comment on column public.raw_documents.status is 'loaded, duplicate (same cleaned text), near_duplicate (same story, small differences) or rejected.';
comment on column public.raw_documents.article_id is 'Article made from it, or the article it duplicates.';
comment on column public.raw_documents.run_id is 'Run that read it.';
comment on column public.raw_documents.fetched_at is 'When the source fetched it (file time or HTTP fetch time).';
comment on column public.raw_documents.created_at is 'When it was stored.';

comment on table public.rejected_documents is 'Quarantine: documents that could not be read, cleaned, analysed or loaded, with the reason.';
comment on column public.rejected_documents.rejected_document_id is 'Rejection id.';
comment on column public.rejected_documents.run_id is 'Run that rejected it.';
comment on column public.rejected_documents.uri is 'File path or URL.';
comment on column public.rejected_documents.raw_sha256 is 'SHA-256 of the bytes, when they could be read.';
comment on column public.rejected_documents.reason is 'empty, undecodable, too_large, no_article_text, clean_error, extract_error or load_error.';
comment on column public.rejected_documents.detail is 'What exactly went wrong.';
comment on column public.rejected_documents.created_at is 'When it was rejected.';

comment on table public.articles is 'Clean articles: body text without page furniture, and the metadata the page itself states.';
comment on column public.articles.article_id is 'Article id.';
comment on column public.articles.content_hash is 'SHA-256 of the normalized title and body: the same story from two crawls is one article.';
comment on column public.articles.source_id is 'Publisher.';
comment on column public.articles.source_uri is 'File path or URL of the first copy read.';
comment on column public.articles.title is 'Headline, without a trailing date.';
comment on column public.articles.published_on is 'Publication date stated by the page; null when it states none. Month or year precision is stored on the first day.';
comment on column public.articles.published_precision is 'day, month or year: how much of published_on the page gave.';
comment on column public.articles.byline is 'Author as the page names them, or an author e-mail.';
comment on column public.articles.language is 'ISO 639-1 language of the body, identified by py3langid.';
comment on column public.articles.body is 'Article text only, paragraphs separated by blank lines.';
comment on column public.articles.captions is 'Image captions found around the story, kept apart from the body.';
comment on column public.articles.word_count is 'Words in the body.';
comment on column public.articles.pipeline_version is 'newsetl version that made the row.';
comment on column public.articles.run_id is 'Run that loaded it.';
comment on column public.articles.ingested_at is 'When it was loaded.';
comment on column public.articles.body_sketch is 'MinHash sketch of the body (16 smallest 64-bit hashes of word 4-grams), to find near duplicates.';
comment on column public.articles.search_vector is 'Full-text index of title (weight A) and body (weight B), English; kept current by PostgreSQL.';

comment on table public.people is 'People: one row per real-world person, however the articles name them.';
comment on column public.people.person_id is 'Person id.';
comment on column public.people.canonical_name is 'Fullest name seen, without titles or honorifics.';
comment on column public.people.name_key is 'Normalized canonical name (case, accents, punctuation folded).';
comment on column public.people.created_at is 'When the person was first seen.';

comment on table public.person_aliases is 'Every way the articles wrote a person''s name.';
comment on column public.person_aliases.person_id is 'Person.';
comment on column public.person_aliases.alias is 'Name as written ("Putin", "Mr. Putin").';
comment on column public.person_aliases.alias_key is 'Normalized alias, for matching.';

comment on table public.organizations is 'Organizations: one row per real-world organization, full name and acronym.';
comment on column public.organizations.organization_id is 'Organization id.';
comment on column public.organizations.canonical_name is 'Full name, without a leading article.';
comment on column public.organizations.name_key is 'Normalized canonical name.';
comment on column public.organizations.acronym is 'Acronym written with the name or matching its initials ("SCO").';
comment on column public.organizations.created_at is 'When the organization was first seen.';

comment on table public.organization_aliases is 'Every way the articles wrote an organization''s name, acronyms included.';
comment on column public.organization_aliases.organization_id is 'Organization.';
comment on column public.organization_aliases.alias is 'Name as written.';
comment on column public.organization_aliases.alias_key is 'Normalized alias, for matching.';

comment on table public.places is 'Places named in articles: countries (with ISO code), cities, regions.';
comment on column public.places.place_id is 'Place id.';
comment on column public.places.name is 'Place name as written, without a leading article.';
comment on column public.places.name_key is 'Normalized name.';
comment on column public.places.kind is 'country, city, region or place.';
comment on column public.places.country_code is 'ISO 3166-1 alpha-2 code when the place is a country.';

comment on table public.article_people is 'Which people an article names, how often, and the title it gives them.';
comment on column public.article_people.article_id is 'Article.';
comment on column public.article_people.person_id is 'Person.';
comment on column public.article_people.name_as_written is 'Fullest form of the name in this article.';
comment on column public.article_people.role_title is 'Title or role the article gives ("Foreign Ministry spokesman").';
comment on column public.article_people.mentions is 'Mentions in the article (title, body and captions).';

comment on table public.article_organizations is 'Which organizations an article names, and how often.';
comment on column public.article_organizations.article_id is 'Article.';
comment on column public.article_organizations.organization_id is 'Organization.';
comment on column public.article_organizations.name_as_written is 'Fullest form of the name in this article.';
comment on column public.article_organizations.mentions is 'Mentions in the article.';

comment on table public.article_places is 'Which places an article names, and how often.';
comment on column public.article_places.article_id is 'Article.';
comment on column public.article_places.place_id is 'Place.';
comment on column public.article_places.mentions is 'Mentions in the article.';

comment on table public.statements is 'Who said what: quotes, reported speech, and questions and answers of transcripts.';
comment on column public.statements.statement_id is 'Statement id.';
comment on column public.statements.article_id is 'Article it appears in.';
comment on column public.statements.speaker_text is 'Speaker in the article''s words ("a Beijing-based Western diplomat").';
comment on column public.statements.speaker_person_id is 'Speaker, when a person.';
comment on column public.statements.speaker_organization_id is 'Speaker, when an organization.';
comment on column public.statements.kind is 'direct (quoted), indirect (reported) or question.';
comment on column public.statements.cue is 'Verb that introduces it (said, told, stressed), or "turn" for a transcript turn.';
comment on column public.statements.text is 'What was said.';
comment on column public.statements.start_char is 'Start offset in the article''s title + body + captions text.';
comment on column public.statements.end_char is 'End offset (exclusive).';
comment on column public.statements.search_vector is 'Full-text index of the text, English; kept current by PostgreSQL.';

comment on table public.events is 'Happenings reported in an article: meetings, talks, visits, signings ..., with CAMEO codes, dates and place.';
comment on column public.events.event_id is 'Event id.';
comment on column public.events.article_id is 'Article that reports it.';
comment on column public.events.event_type is 'meeting, talks, visit, hosting, summit, signing, agreement, press_conference, communication, attack.';
comment on column public.events.cameo_code is 'CAMEO event code (as in GDELT and ICEWS): 040 consult, 042 visit, 043 host, 046 negotiate, 057 sign ...';
comment on column public.events.trigger is 'Word that reports the event ("met", "talks").';
comment on column public.events.summary is 'Sentence that reports it.';
comment on column public.events.start_date is 'First day, resolved against the publication date ("Wednesday", "last week").';
comment on column public.events.end_date is 'Last day for a span ("Wednesday and Thursday").';
comment on column public.events.date_precision is 'day, month, year, month_day (no year known, stored on year 1) or estimated (publication day or the day before).';
comment on column public.events.date_text is 'Date words as written; null when estimated.';
comment on column public.events.place_id is 'Place, when it is a known place.';
comment on column public.events.place_text is 'Place as written.';

comment on table public.event_participants is 'Who took part in an event: people, organizations or countries, from the sentence''s grammatical arguments.';
comment on column public.event_participants.event_participant_id is 'Participant row id.';
comment on column public.event_participants.event_id is 'Event.';
comment on column public.event_participants.name is 'Participant as named.';
comment on column public.event_participants.person_id is 'Participant, when a person.';
comment on column public.event_participants.organization_id is 'Participant, when an organization.';
comment on column public.event_participants.place_id is 'Participant, when a country.';

-- ── analytics: the analyst contract ───────────────────────────────────────────────────────────────
comment on schema analytics is 'Stable views for analysts and BI tools; base tables may change beneath them.';

comment on view analytics.articles is 'Articles with their publisher: one row per article.';
comment on column analytics.articles.article_id is 'Article id.';
comment on column analytics.articles.title is 'Headline.';
comment on column analytics.articles.published_on is 'Publication date stated by the page; null when it states none.';
comment on column analytics.articles.published_precision is 'day, month or year.';
comment on column analytics.articles.publisher is 'Publisher name.';
comment on column analytics.articles.publisher_domain is 'Publisher web domain.';
comment on column analytics.articles.byline is 'Author.';
comment on column analytics.articles.language is 'ISO 639-1 language code.';
comment on column analytics.articles.source_uri is 'File path or URL it was read from.';
comment on column analytics.articles.body is 'Clean article text.';
comment on column analytics.articles.word_count is 'Words in the body.';
comment on column analytics.articles.ingested_at is 'When it was loaded.';

comment on view analytics.people is 'People with every alias, and when and how often they appear.';
comment on column analytics.people.person_id is 'Person id.';
comment on column analytics.people.person_name is 'Canonical name, without titles.';
comment on column analytics.people.aliases is 'Every form of the name seen.';
comment on column analytics.people.article_count is 'Articles naming the person.';
comment on column analytics.people.first_seen is 'Earliest publication date of those articles.';
comment on column analytics.people.last_seen is 'Latest publication date of those articles.';

comment on view analytics.organizations is 'Organizations with acronym, aliases, and when and how often they appear.';
comment on column analytics.organizations.organization_id is 'Organization id.';
comment on column analytics.organizations.organization_name is 'Full name.';
comment on column analytics.organizations.acronym is 'Acronym.';
comment on column analytics.organizations.aliases is 'Every form of the name seen.';
comment on column analytics.organizations.article_count is 'Articles naming the organization.';
comment on column analytics.organizations.first_seen is 'Earliest publication date of those articles.';
comment on column analytics.organizations.last_seen is 'Latest publication date of those articles.';

comment on view analytics.article_people is 'Mentions of people per article, with the title the article gives them.';
comment on column analytics.article_people.article_id is 'Article id.';
comment on column analytics.article_people.person_id is 'Person id.';
comment on column analytics.article_people.person_name is 'Canonical name.';
comment on column analytics.article_people.role_title is 'Title or role stated in that article.';
comment on column analytics.article_people.mentions is 'Mentions in that article.';
comment on column analytics.article_people.name_as_written is 'Fullest form of the name in that article.';

comment on view analytics.article_organizations is 'Mentions of organizations per article.';
comment on column analytics.article_organizations.article_id is 'Article id.';
comment on column analytics.article_organizations.organization_id is 'Organization id.';
comment on column analytics.article_organizations.organization_name is 'Full name.';
comment on column analytics.article_organizations.acronym is 'Acronym.';
comment on column analytics.article_organizations.mentions is 'Mentions in that article.';
comment on column analytics.article_organizations.name_as_written is 'Fullest form of the name in that article.';

comment on view analytics.places is 'Places named in articles, with how many articles name each.';
comment on column analytics.places.place_id is 'Place id.';
comment on column analytics.places.place_name is 'Place name.';
comment on column analytics.places.kind is 'country, city, region or place.';
comment on column analytics.places.country_code is 'ISO 3166-1 alpha-2 code for countries.';
comment on column analytics.places.article_count is 'Articles naming the place.';

comment on view analytics.statements is 'Who said what, with the speaker resolved to a person or organization where possible.';
comment on column analytics.statements.statement_id is 'Statement id.';
comment on column analytics.statements.article_id is 'Article id.';
comment on column analytics.statements.published_on is 'Publication date of the article.';
comment on column analytics.statements.speaker is 'Canonical name of the speaker, or the words used when unresolved.';
comment on column analytics.statements.speaker_person_id is 'Speaker, when a person.';
comment on column analytics.statements.speaker_organization_id is 'Speaker, when an organization.';
comment on column analytics.statements.speaker_as_written is 'Speaker in the article''s words.';
comment on column analytics.statements.kind is 'direct, indirect or question.';
comment on column analytics.statements.cue is 'Verb that introduces it (said, told, stressed ...).';
comment on column analytics.statements.text is 'What was said.';

comment on view analytics.events is 'Events with type, CAMEO code, resolved dates, place and participants.';
comment on column analytics.events.event_id is 'Event id.';
comment on column analytics.events.article_id is 'Article that reports it.';
comment on column analytics.events.event_type is 'meeting, talks, visit, hosting, summit, signing, agreement, press_conference, communication, attack.';
comment on column analytics.events.cameo_code is 'CAMEO event code.';
comment on column analytics.events.summary is 'Sentence that reports it.';
comment on column analytics.events.start_date is 'First day.';
comment on column analytics.events.end_date is 'Last day, for a span.';
comment on column analytics.events.date_precision is 'day, month, year, month_day or estimated.';
comment on column analytics.events.date_text is 'Date words as written.';
comment on column analytics.events.place is 'Where it happened.';
comment on column analytics.events.participants is 'Canonical names of the participants.';

comment on view analytics.pipeline_runs is 'Ingest runs, with counts and status.';
comment on column analytics.pipeline_runs.run_id is 'Run id.';
comment on column analytics.pipeline_runs.flow_run_id is 'Prefect flow-run id.';
comment on column analytics.pipeline_runs.source is 'What the run read.';
comment on column analytics.pipeline_runs.pipeline_version is 'newsetl version.';
comment on column analytics.pipeline_runs.status is 'running, succeeded or failed.';
comment on column analytics.pipeline_runs.counts is 'What the run did (JSON).';
comment on column analytics.pipeline_runs.error is 'Why a failed run stopped.';
comment on column analytics.pipeline_runs.started_at is 'Start time.';
comment on column analytics.pipeline_runs.finished_at is 'End time.';

comment on view analytics.event_timeline is 'Events on a timeline: the event''s day, or its article''s publication day when it has none.';
comment on column analytics.event_timeline.event_id is 'Event id.';
comment on column analytics.event_timeline.day is 'Day of the event, else the publication day.';
comment on column analytics.event_timeline.day_from_publication is 'True when day is the publication day, not the event''s own.';
comment on column analytics.event_timeline.end_date is 'Last day, for a span.';
comment on column analytics.event_timeline.date_precision is 'Precision of the event''s own date.';
comment on column analytics.event_timeline.event_type is 'Event type.';
comment on column analytics.event_timeline.cameo_code is 'CAMEO event code.';
comment on column analytics.event_timeline.place is 'Where it happened.';
comment on column analytics.event_timeline.participants is 'Canonical names of the participants.';
comment on column analytics.event_timeline.summary is 'Sentence that reports it.';
comment on column analytics.event_timeline.article_id is 'Article id.';
comment on column analytics.event_timeline.article_title is 'Headline of the article.';
comment on column analytics.event_timeline.publisher is 'Publisher of the article.';

comment on materialized view analytics.person_mentions_daily is 'Mart: mentions of each person per publication day (dated articles only); refreshed after each run.';
comment on column analytics.person_mentions_daily.person_id is 'Person id.';
comment on column analytics.person_mentions_daily.person_name is 'Canonical name.';
comment on column analytics.person_mentions_daily.day is 'Publication day.';
comment on column analytics.person_mentions_daily.articles is 'Articles that day naming the person.';
comment on column analytics.person_mentions_daily.mentions is 'Mentions in those articles.';

comment on materialized view analytics.organization_mentions_daily is 'Mart: mentions of each organization per publication day (dated articles only); refreshed after each run.';
comment on column analytics.organization_mentions_daily.organization_id is 'Organization id.';
comment on column analytics.organization_mentions_daily.organization_name is 'Full name.';
comment on column analytics.organization_mentions_daily.acronym is 'Acronym.';
comment on column analytics.organization_mentions_daily.day is 'Publication day.';
comment on column analytics.organization_mentions_daily.articles is 'Articles that day naming the organization.';
comment on column analytics.organization_mentions_daily.mentions is 'Mentions in those articles.';

comment on materialized view analytics.statements_monthly is 'Mart: statements per speaker per month of publication (dated articles only); refreshed after each run.';
comment on column analytics.statements_monthly.speaker_key is 'person:<id>, organization:<id>, or text:<words> for unresolved speakers.';
comment on column analytics.statements_monthly.speaker is 'Canonical name, or the words used.';
comment on column analytics.statements_monthly.speaker_person_id is 'Speaker, when a person.';
comment on column analytics.statements_monthly.speaker_organization_id is 'Speaker, when an organization.';
comment on column analytics.statements_monthly.month is 'First day of the month of publication.';
comment on column analytics.statements_monthly.statements is 'Statements that month.';
comment on column analytics.statements_monthly.direct is 'Of which direct quotes.';
comment on column analytics.statements_monthly.indirect is 'Of which reported speech.';
comment on column analytics.statements_monthly.questions is 'Of which questions.';
comment on column analytics.statements_monthly.articles is 'Articles carrying them.';

comment on materialized view analytics.cooccurrence is 'Mart: pairs of people and organizations named in the same article, each pair once; refreshed after each run.';
comment on column analytics.cooccurrence.entity_a_kind is 'person or organization.';
comment on column analytics.cooccurrence.entity_a_id is 'person_id or organization_id of the first entity.';
comment on column analytics.cooccurrence.entity_a is 'Canonical name of the first entity.';
comment on column analytics.cooccurrence.entity_b_kind is 'person or organization.';
comment on column analytics.cooccurrence.entity_b_id is 'person_id or organization_id of the second entity.';
comment on column analytics.cooccurrence.entity_b is 'Canonical name of the second entity.';
comment on column analytics.cooccurrence.articles is 'Articles naming both.';

comment on function analytics.search_articles(text, integer) is 'Full-text search of articles (web-search syntax: words, "phrases", or, -not), best first, with a highlighted snippet.';
comment on function analytics.search_statements(text, integer) is 'Full-text search of statements (web-search syntax), best first, with speaker and a highlighted snippet.';
