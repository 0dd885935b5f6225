package dev.glasscart.catalog.graph;

import io.vertx.core.Future;
import java.util.List;
import java.util.Objects;

/**
 * The stored product graph as the server reads it: a product's edges with each related product's
 * title. Implemented by storage; implementations never block the calling event loop.
 */
public interface RelationStore {

  /** One edge from a product: the related product, its title (null when unknown), the edge's reason and weight. */
  record Related(Relation relation, String productId, String title, String reason, double weight) {
    public Related {
      Objects.requireNonNull(relation, "relation");
      Objects.requireNonNull(productId, "productId");
      Objects.requireNonNull(reason, "reason");
    }
  }

  /**
   * The stored edges from {@code productId}: per relation (similar, same_brand, complementary,
   * cheaper_alternative) heaviest first; relations this version does not know are left out.
   */
  Future<List<Related>> related(String productId);
}
