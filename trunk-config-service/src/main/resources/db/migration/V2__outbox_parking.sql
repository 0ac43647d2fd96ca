-- A record Kafka refuses for good (too large for the broker, invalid) is parked instead of being
-- retried forever: it keeps its row for inspection, and the relay moves on to the next ones.
alter table outbox add column parked_at timestamptz;
alter table outbox add column failure varchar(200);

-- The relay only ever looks at rows that are neither sent nor parked.
drop index outbox_pending_idx;
create index outbox_pending_idx on outbox (id) where sent_at is null and parked_at is null;
