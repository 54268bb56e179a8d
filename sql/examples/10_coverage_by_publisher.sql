-- Coverage by publisher: articles, languages, date range, average length, and how many people,
-- organizations, statements and events their articles yielded.
with yield as (
    select article_id, count(*) as people, 0 as organizations, 0 as statements, 0 as events
    from analytics.article_people group by article_id
    union all
    select article_id, 0, count(*), 0, 0 from analytics.article_organizations group by article_id
    union all
    select article_id, 0, 0, count(*), 0 from analytics.statements group by article_id
    union all
    select article_id, 0, 0, 0, count(*) from analytics.events group by article_id
), per_article as (
    select article_id, sum(people) as people, sum(organizations) as organizations,
           sum(statements) as statements, sum(events) as events
    from yield group by article_id
)
select coalesce(a.publisher, '(unknown)') as publisher,
       count(*) as articles,
       string_agg(distinct a.language, ', ') as languages,
       min(a.published_on) as first_article,
       max(a.published_on) as last_article,
       round(avg(a.word_count)) as avg_words,
       coalesce(sum(y.people), 0) as people,
       coalesce(sum(y.organizations), 0) as organizations,
       coalesce(sum(y.statements), 0) as statements,
       coalesce(sum(y.events), 0) as events
from analytics.articles a
left join per_article y using (article_id)
group by 1
order by articles desc, publisher;
