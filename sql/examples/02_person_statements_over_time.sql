-- A person's statements over time.
-- Choose the person with `set newsetl.person = 'Full Name';` (psql) or edit the name below;
-- without a choice, the most quoted person is shown. One row per statement, oldest first.
with chosen as (
    select coalesce(
        (select person_id from analytics.people
         where person_name = nullif(current_setting('newsetl.person', true), '')),
        (select speaker_person_id from analytics.statements
         where speaker_person_id is not null
         group by speaker_person_id order by count(*) desc, speaker_person_id limit 1)
    ) as person_id
)
select s.published_on,
       s.speaker,
       s.kind,
       s.cue,
       a.publisher,
       left(s.text, 160) as text
from analytics.statements s
join chosen c on c.person_id = s.speaker_person_id
join analytics.articles a on a.article_id = s.article_id
order by s.published_on nulls last, s.statement_id;
