-- Coverage by publisher: articles, languages, date range, average length, and how many people,
-- organizations, statements and events their articles yielded.
select coalesce(a.publisher, '(unknown)') as publisher,
       count(*) as articles,
       string_agg(distinct a.language, ', ') as languages,
       min(a.published_on) as first_article,
       max(a.published_on) as last_article,
       round(avg(a.word_count)) as avg_words,
       sum((select count(*) from analytics.article_people ap where ap.article_id = a.article_id)) as people,
       sum((select count(*) from analytics.article_organizations ao where ao.article_id = a.article_id)) as organizations,
       sum((select count(*) from analytics.statements s where s.article_id = a.article_id)) as statements,
       sum((select count(*) from analytics.events e where e.article_id = a.article_id)) as events
from analytics.articles a
group by 1
order by articles desc, publisher;
