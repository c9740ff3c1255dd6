-- tickets.sqlite schema version 3: a message another feature asks for (an FAQ candidate's card) is
-- queued at most once per key, and other features catch up on ticket events by kind.
-- answer_outcomes is no longer written (the question log replaced it) but kept: nothing is lost.
ALTER TABLE deliveries ADD COLUMN dedupe_key TEXT;
CREATE UNIQUE INDEX deliveries_by_key ON deliveries (dedupe_key) WHERE dedupe_key IS NOT NULL;
CREATE INDEX ticket_events_by_kind ON ticket_events (kind, id);
