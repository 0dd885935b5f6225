-- Glasscart schema, version 4: shoppers, their tokens and profiles (issue #16).
-- A shopper is known only by hashes: of the random token the widget keeps (SHA-256, hex) and,
-- when a shop passes its own customer id, of that id keyed with the server's secret (HMAC-SHA256).
-- Deleting a shopper deletes their tokens and conversations (and so their turns); their feedback
-- rows are deleted with them by the repository, in the same transaction.
CREATE TABLE shoppers (
  id            text PRIMARY KEY,
  customer_hash text UNIQUE,
  profile       jsonb NOT NULL DEFAULT '{}'::jsonb,
  created_at    timestamptz NOT NULL DEFAULT clock_timestamp(),
  updated_at    timestamptz NOT NULL DEFAULT clock_timestamp()
);

CREATE TABLE shopper_tokens (
  token_hash text PRIMARY KEY,
  shopper_id text NOT NULL REFERENCES shoppers (id) ON DELETE CASCADE,
  created_at timestamptz NOT NULL DEFAULT clock_timestamp()
);
CREATE INDEX shopper_tokens_shopper_idx ON shopper_tokens (shopper_id);

ALTER TABLE conversations ADD COLUMN shopper_id text REFERENCES shoppers (id) ON DELETE CASCADE;
CREATE INDEX conversations_shopper_idx ON conversations (shopper_id);
CREATE INDEX feedback_conversation_idx ON feedback (conversation_id);
