-- Events by month and place: how many meetings, visits, talks ... happened where, month by month.
-- The month is the event's own date, or its article's publication date when the text gives none.
select date_trunc('month', day)::date as month,
       coalesce(place, '(place not stated)') as place,
       event_type,
       count(*) as events
from analytics.event_timeline
where day is not null
group by 1, 2, 3
order by month, events desc, place, event_type;
