-- Each publication of the policy corpus: the version every instance should serve is the latest row.
CREATE TABLE policy_versions (
  id           BIGSERIAL PRIMARY KEY,
  version      TEXT    NOT NULL,
  published_at BIGINT  NOT NULL,
  published_by TEXT    NOT NULL,
  measures     INTEGER NOT NULL CHECK (measures >= 0),
  diff         JSON    NOT NULL
);
