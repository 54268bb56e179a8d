-- Who is in the news, month by month: the five people with the most mentions in each month
-- (from the daily mentions mart, dated articles only).
with monthly as (
    select date_trunc('month', day)::date as month,
           person_id,
           min(person_name) as person_name,
           sum(mentions) as mentions,
           sum(articles) as articles
    from analytics.person_mentions_daily
    group by 1, 2
)
select month, person_name, mentions, articles
from (
    select *, row_number() over (partition by month order by mentions desc, person_id) as n
    from monthly
) ranked
where n <= 5
order by month, mentions desc, person_name;
