-- Who met whom: pairs of participants in meetings, talks, visits, summits and signings,
-- with how often and the last day they met (when the article gives it).
select a.participant as participant_a,
       b.participant as participant_b,
       count(distinct a.event_id) as events,
       max(a.start_date) as last_met
from analytics.event_participants a
join analytics.event_participants b on b.event_id = a.event_id and a.participant < b.participant
where a.event_type in ('meeting', 'talks', 'visit', 'hosting', 'summit', 'signing')
group by 1, 2
order by events desc, last_met desc nulls last, 1, 2;
