-- Askers over the HTTP API: 'api' (replies POSTed to the caller's callback) and 'api-poll' (collected by polling).
ALTER TABLE tickets DROP CONSTRAINT tickets_asker_channel_check;
ALTER TABLE tickets ADD CONSTRAINT tickets_asker_channel_check CHECK (asker_channel IN ('telegram', 'terminal', 'api', 'api-poll'));
ALTER TABLE deliveries DROP CONSTRAINT deliveries_channel_check;
ALTER TABLE deliveries ADD CONSTRAINT deliveries_channel_check CHECK (channel IN ('telegram', 'terminal', 'api', 'api-poll'));
