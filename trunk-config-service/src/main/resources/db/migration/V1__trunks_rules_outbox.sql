-- Trunks: one column per field of trunk.config.v1 (docs/contract.md); lists as compact text.
create table trunk (
    id                       uuid primary key,
    name                     varchar(64)  not null,
    provider                 varchar(32)  not null,
    enabled                  boolean      not null,
    host                     varchar(255) not null,
    port                     integer      not null,
    transport                varchar(8)   not null,
    outbound_proxy           varchar(262),
    auth_mode                varchar(16)  not null,
    username                 varchar(64),
    auth_username            varchar(64),
    password_encrypted       text,
    realm                    varchar(128),
    register_expires         integer      not null,
    from_domain              varchar(255) not null,
    max_concurrent_calls     integer      not null,
    max_calls_per_second     integer      not null,
    options_ping             boolean      not null,
    options_interval_seconds integer      not null,
    number_format            varchar(16)  not null,
    country_code             varchar(4),
    tech_prefix              varchar(16),
    failover_codes           text         not null,
    caller_id                varchar(21),
    did_numbers              text,
    associated_ips           text         not null,
    version                  bigint       not null,
    created_at               timestamptz  not null,
    updated_at               timestamptz  not null,
    constraint trunk_name_unique unique (name)
);
create index trunk_provider_idx on trunk (provider);

-- Outbound rules (routing.rules.v1 in docs/contract.md): match, routes and schedule as JSON text;
-- trunk_ids lists the trunks the routes use, so that deleting a trunk can find the rules that use it.
create table outbound_rule (
    id          uuid primary key,
    name        varchar(64) not null,
    enabled     boolean     not null,
    priority    integer     not null,
    match_json  text        not null,
    strategy    varchar(16) not null,
    routes_json text        not null,
    schedule_json text,
    trunk_ids   text        not null,
    version     bigint      not null,
    created_at  timestamptz not null,
    updated_at  timestamptz not null,
    constraint outbound_rule_name_unique unique (name)
);

-- Transactional outbox: written in the entity's transaction, published by the relay.
create table outbox (
    id          bigserial primary key,
    topic       varchar(128) not null,
    message_key varchar(64)  not null,
    payload     text,
    created_at  timestamptz  not null default now(),
    sent_at     timestamptz
);
create index outbox_pending_idx on outbox (id) where sent_at is null;
