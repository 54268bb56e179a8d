-- One row per participant of an event, for questions about who met whom: joining this view to itself is
-- far cheaper than unnesting the participants arrays of analytics.events.
create view analytics.event_participants as
select ep.event_id,
       e.event_type,
       coalesce(p.canonical_name, o.canonical_name, ep.name) as participant,
       case when ep.person_id is not null then 'person'
            when ep.organization_id is not null then 'organization'
            when ep.place_id is not null then 'country'
            else 'other' end                                  as participant_kind,
       ep.person_id,
       ep.organization_id,
       e.start_date,
       e.article_id
from public.event_participants ep
join public.events e using (event_id)
left join public.people p on p.person_id = ep.person_id
left join public.organizations o on o.organization_id = ep.organization_id;

comment on view analytics.event_participants is 'Participants of events, one row each, resolved to people and organizations where possible.';
comment on column analytics.event_participants.event_id is 'Event id.';
comment on column analytics.event_participants.event_type is 'Event type.';
comment on column analytics.event_participants.participant is 'Canonical name of the participant, or the name as written.';
comment on column analytics.event_participants.participant_kind is 'person, organization, country or other.';
comment on column analytics.event_participants.person_id is 'Participant, when a person.';
comment on column analytics.event_participants.organization_id is 'Participant, when an organization.';
comment on column analytics.event_participants.start_date is 'First day of the event, when known.';
comment on column analytics.event_participants.article_id is 'Article that reports the event.';
-- the read-only role reads it through the default privileges of migration 0006
