-- Press conferences: the questions asked, who asked them, and in which article.
select a.title,
       a.published_on,
       s.speaker as asked_by,
       left(s.text, 200) as question
from analytics.statements s
join analytics.articles a using (article_id)
where s.kind = 'question'
order by a.published_on nulls last, s.article_id, s.statement_id;
