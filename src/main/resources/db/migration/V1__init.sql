-- Glasscart schema, version 1: catalog, conversations and their turns, shopper feedback.

CREATE TABLE products (
  id         text PRIMARY KEY,
  position   integer NOT NULL,
  data       jsonb NOT NULL,
  updated_at timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX products_position_idx ON products (position);

CREATE TABLE conversations (
  id         text PRIMARY KEY,
  started_at timestamptz NOT NULL DEFAULT clock_timestamp(),
  updated_at timestamptz NOT NULL DEFAULT clock_timestamp()
);
CREATE INDEX conversations_updated_idx ON conversations (updated_at DESC);

CREATE TABLE turns (
  conversation_id text NOT NULL REFERENCES conversations (id) ON DELETE CASCADE,
  turn            integer NOT NULL,
  user_text       text NOT NULL,
  understanding   jsonb,
  results         jsonb,
  explanation     text,
  explainer       text,
  timings         jsonb,
  details         jsonb NOT NULL DEFAULT '{}'::jsonb,
  created_at      timestamptz NOT NULL DEFAULT clock_timestamp(),
  PRIMARY KEY (conversation_id, turn)
);

CREATE TABLE feedback (
  id              serial PRIMARY KEY,
  conversation_id text NOT NULL,
  turn            integer NOT NULL,
  product_id      text,
  helpful         boolean NOT NULL,
  reason          text,
  created_at      timestamptz NOT NULL DEFAULT clock_timestamp(),
  features        jsonb
);
CREATE INDEX feedback_turn_idx ON feedback (conversation_id, turn);
