-- People and the titles the articles give them: one row per person and title, with how many
-- articles use that title. Useful to see roles change over time (first and last article date).
select ap.person_name,
       ap.role_title,
       count(distinct ap.article_id) as articles,
       min(a.published_on) as first_seen,
       max(a.published_on) as last_seen
from analytics.article_people ap
join analytics.articles a using (article_id)
where ap.role_title is not null
group by 1, 2
order by articles desc, ap.person_name, ap.role_title;
