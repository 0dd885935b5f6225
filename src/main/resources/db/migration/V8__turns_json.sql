-- Glasscart schema, version 8: a turn's JSON documents as json, not jsonb (docs/performance.md,
-- "Storing a turn"). They are written once per turn and read back whole (replay, the agent
-- console, the trust measures, a shopper's export), never searched by content, so PostgreSQL
-- need not build jsonb's binary form on every insert (numbers as numeric, keys sorted) nor turn
-- it back into text on every read: json keeps the text as the server sent it, checked to be
-- JSON. The ->, ->> operators the trust measures use work on json alike. Old rows are converted
-- in place (their text is jsonb's rendering of the same documents).
ALTER TABLE turns ALTER COLUMN details DROP DEFAULT;
ALTER TABLE turns
  ALTER COLUMN understanding TYPE json USING understanding::json,
  ALTER COLUMN results TYPE json USING results::json,
  ALTER COLUMN timings TYPE json USING timings::json,
  ALTER COLUMN details TYPE json USING details::json,
  ALTER COLUMN state TYPE json USING state::json;
ALTER TABLE turns ALTER COLUMN details SET DEFAULT '{}'::json;
