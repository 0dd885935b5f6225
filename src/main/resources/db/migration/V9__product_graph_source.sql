-- Glasscart schema, version 8: what the stored product graph (product_relations) was built from, so a
-- start whose graph would come out the same reads it back instead of building it again. One row (id 1),
-- written in the transaction that replaces the edges (GraphBuilder.Source): catalog_key covers the
-- products, the complement rules and the liked-together pairs; fingerprint covers those and the title
-- vectors and the rules' meanings too.
CREATE TABLE product_graph_source (
  id          integer PRIMARY KEY CHECK (id = 1),
  catalog_key text NOT NULL,
  fingerprint text NOT NULL,
  edges       integer NOT NULL,
  stored_at   timestamptz NOT NULL DEFAULT now()
);
