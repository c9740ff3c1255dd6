-- tickets.sqlite schema version 5: an update is claimed by the instance handling it and marked done
-- after, so one a killed instance had taken is handled by another once the claim is stale.
-- Rows from before were handled: done.
ALTER TABLE processed_updates ADD COLUMN owner TEXT NOT NULL DEFAULT '';
ALTER TABLE processed_updates ADD COLUMN claimed_at BIGINT;
UPDATE processed_updates SET claimed_at = at;
ALTER TABLE processed_updates ALTER COLUMN claimed_at SET NOT NULL;
ALTER TABLE processed_updates ADD COLUMN done BOOLEAN NOT NULL DEFAULT true;
ALTER TABLE processed_updates ALTER COLUMN done SET DEFAULT false;
