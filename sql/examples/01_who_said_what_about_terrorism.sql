-- Who said what about terrorism?
-- Statements whose text matches the words (web-search syntax, English stemming: "terrorist" finds
-- "terrorists"), best match first, with the speaker, the kind of statement and the outlet.
select s.speaker,
       s.kind,
       a.publisher,
       s.published_on,
       m.snippet
from analytics.search_statements('terrorism or terrorist or terror or anti-terrorism', 100) m
join analytics.statements s using (statement_id)
join analytics.articles a on a.article_id = s.article_id
order by m.rank desc, s.statement_id;
