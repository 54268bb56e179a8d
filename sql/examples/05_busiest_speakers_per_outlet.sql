-- The busiest speakers per outlet: the three most quoted speakers of each publisher.
select publisher, speaker, statements, rank
from (
    select coalesce(a.publisher, '(unknown)') as publisher,
           s.speaker,
           count(*) as statements,
           rank() over (partition by coalesce(a.publisher, '(unknown)') order by count(*) desc) as rank
    from analytics.statements s
    join analytics.articles a using (article_id)
    group by 1, 2
) ranked
where rank <= 3
order by publisher, rank, speaker;
