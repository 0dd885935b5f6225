-- Glasscart schema, version 6: app nodes that share nothing but this database (issue 18).
--
-- Every turn keeps the dialogue state it left (constraints, query, shown products, references,
-- page), so any node resumes a conversation from its last turn alone; turns stored before this
-- version have none and are replayed. No two nodes store the same turn: (conversation_id, turn)
-- is the turns table's primary key since version 1, a unique constraint a second writer hits.
ALTER TABLE turns ADD COLUMN state jsonb;

-- The catalog's version: every stored change (upsert, delete, full import) takes the next number
-- under this row's lock, so versions are handed out in commit order and a node that has applied
-- version N has seen every change up to N. Each change is listed in catalog_changes and announced
-- with NOTIFY glasscart_catalog (payload: the version) in the same transaction.
CREATE TABLE catalog_version (
  id      boolean PRIMARY KEY DEFAULT true CHECK (id),
  version bigint NOT NULL
);
INSERT INTO catalog_version (version) VALUES (0);

CREATE TABLE catalog_changes (
  version    bigint PRIMARY KEY,
  origin     text NOT NULL,
  upserted   text[] NOT NULL,
  deleted    text[] NOT NULL,
  full_import boolean NOT NULL,
  created_at timestamptz NOT NULL DEFAULT clock_timestamp()
);
