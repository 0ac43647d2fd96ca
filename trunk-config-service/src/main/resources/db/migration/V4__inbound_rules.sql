-- Inbound rules (trunk -> PBX): match, destinations, schedule and after-hours destination as JSON
-- text like the outbound rules; trunk_ids lists the trunks of match.trunkIds, so that deleting a
-- trunk can find the inbound rules that still name it.
create table inbound_rule (
    id                uuid primary key,
    name              varchar(64) not null,
    enabled           boolean     not null,
    priority          integer     not null,
    match_json        text        not null,
    destinations_json text        not null,
    schedule_json     text,
    after_hours_json  text,
    trunk_ids         text        not null,
    version           bigint      not null,
    created_at        timestamptz not null,
    updated_at        timestamptz not null,
    constraint inbound_rule_name_unique unique (name)
);
