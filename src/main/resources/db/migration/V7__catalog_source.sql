-- Glasscart schema, version 7: what the products table holds, so a start with an unchanged catalog
-- file skips re-storing it. One row (id 1): the digest of the stored products (PgCatalogRepository.digest)
-- as a full replacement stored them; a live upsert or delete removes the row in its own transaction.
CREATE TABLE catalog_source (
  id        integer PRIMARY KEY CHECK (id = 1),
  digest    text NOT NULL,
  products  integer NOT NULL,
  stored_at timestamptz NOT NULL DEFAULT now()
);
