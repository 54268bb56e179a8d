-- Which organizations appear with a given organization?
-- Choose it with `set newsetl.organization = 'Name or ACRONYM';`; without a choice, the organization
-- named in most articles. Counts come from the co-occurrence mart (articles naming both).
with chosen as (
    select coalesce(
        (select organization_id from analytics.organizations
         where nullif(current_setting('newsetl.organization', true), '') in (organization_name, acronym)
         limit 1),
        (select organization_id from analytics.organizations
         order by article_count desc, organization_id limit 1)
    ) as organization_id
), pairs as (
    select case when c.entity_a_id = ch.organization_id and c.entity_a_kind = 'organization'
                then c.entity_b_id else c.entity_a_id end as other_id,
           c.articles
    from analytics.cooccurrence c, chosen ch
    where c.entity_a_kind = 'organization' and c.entity_b_kind = 'organization'
      and ch.organization_id in (c.entity_a_id, c.entity_b_id)
)
select o.organization_name, o.acronym, p.articles
from pairs p
join analytics.organizations o on o.organization_id = p.other_id
order by p.articles desc, o.organization_name;
