-- Glasscart schema, version 5: the product knowledge graph (docs/graph.md), rebuilt from the
-- catalog at every start and again when the embeddings join. One row per directed edge.
CREATE TABLE product_relations (
  relation text NOT NULL,
  from_id  text NOT NULL,
  to_id    text NOT NULL,
  reason   text NOT NULL,
  weight   double precision NOT NULL,
  PRIMARY KEY (from_id, relation, to_id)
);
