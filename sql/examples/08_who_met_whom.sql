-- Who met whom: pairs of participants in meetings, talks, visits, summits and signings,
-- with how often and the last day they met (when the article gives it).
with encounters as materialized (
    select event_id, participant, start_date
    from analytics.event_participants
    where event_type in ('meeting', 'talks', 'visit', 'hosting', 'summit', 'signing')
)
select a.participant as participant_a,
       b.participant as participant_b,
       count(distinct a.event_id) as events,
       max(a.start_date) as last_met
from encounters a
join encounters b on b.event_id = a.event_id and a.participant < b.participant
group by 1, 2
order by events desc, last_met desc nulls last, 1, 2;
