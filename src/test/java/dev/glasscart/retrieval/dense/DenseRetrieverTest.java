package dev.glasscart.retrieval.dense;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.glasscart.catalog.Catalog;
import dev.glasscart.catalog.Product;
import dev.glasscart.retrieval.Candidate;
import dev.glasscart.retrieval.Signals;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

final class DenseRetrieverTest {
  private static Product product(String id, String title, String category, String description, Map<String, String> attrs) {
    return new Product(id, title, description, "Acme", category, 10, "USD", 4.5, 3, List.of(), attrs, 5, List.of(), null);
  }

  private static final Catalog CATALOG = new Catalog(List.of(
      product("shoe", "Trail runner 2", "Footwear", "Lightweight sneakers for jogging and running on trails.", Map.of("colour", "blue")),
      product("coffee", "BrewMaster 12", "Kitchen", "Programmable drip coffee machine with a glass carafe.", Map.of()),
      product("bottle", "HydroFlask", "Outdoor", "Insulated stainless steel water bottle.", Map.of("material", "steel")),
      product("jacket", "Stormshell", "Apparel", "Waterproof rain jacket with a hood.", Map.of("colour", "yellow")),
      product("mouse", "Glide", "Electronics", "Wireless computer mouse with silent clicks.", Map.of())));

  @Test
  void should_rank_the_semantically_matching_product_first_with_a_dense_signal(@TempDir Path dir) {
    // Given a dense retriever over a small catalog
    try (DenseRetriever r = new DenseRetriever(CATALOG, SharedEncoder.get(), VectorIndexFactory.cpu(), new EmbeddingCache(dir))) {
      // When searching in words the catalog does not use
      List<Candidate> got = r.retrieve("shoes for a morning run", 3);
      // Then the running shoe comes first, scores are cosines and descend
      assertEquals("shoe", got.get(0).productId());
      assertEquals(3, got.size());
      for (Candidate c : got) {
        assertEquals(c.score(), c.signal(Signals.DENSE), 1e-9);
        assertTrue(c.score() <= 1.0001 && c.score() >= -1.0001);
      }
      assertTrue(got.get(0).score() > got.get(1).score());
      assertEquals("coffee", r.retrieve("something to make espresso", 1).get(0).productId());
      assertTrue(r.retrieve("  ", 5).isEmpty());
      assertEquals(5, r.retrieve("anything", 50).size());
    }
  }

  @Test
  void should_build_product_text_from_identifying_fields_first() {
    Product p = new Product("x", "Trail runner 2", "Light.", "Acme", "Footwear", 10, "USD", 4, 1,
        List.of("running", "shoes"), Map.of("size", "42", "colour", "blue"), 1, List.of("great"), null);
    assertEquals("Trail runner 2. Acme. Footwear. running, shoes. colour blue, size 42. Light.", DenseRetriever.productText(p));
  }

  @Test
  void should_apply_live_changes_on_the_cpu_and_the_onnx_index(@TempDir Path dir) {
    VectorIndexFactory onnx = (ids, matrix, d) -> new GpuVectorIndex(ids, matrix, d, ExecutionDevice.CPU);
    for (VectorIndexFactory factory : List.of(VectorIndexFactory.cpu(), onnx)) {
      // Given a dense retriever over the small catalog
      try (DenseRetriever r = new DenseRetriever(CATALOG, SharedEncoder.get(), factory, new EmbeddingCache(dir))) {
        Product kayak = product("kayak", "Fjord touring kayak", "Water sports", "A sea kayak to paddle on lakes and coasts.", Map.of());
        Product kettle = product("coffee", "Whistling kettle", "Kitchen", "Stovetop kettle that boils water for tea.", Map.of());

        // When a product is added, one changed in place and one deleted
        r.apply(List.of(kayak, kettle), java.util.Set.of("mouse"));

        // Then searches see the new vectors at once and never the deleted product
        assertEquals(5, r.size());
        assertEquals("kayak", r.retrieve("paddle across a lake", 1).get(0).productId());
        assertEquals("coffee", r.retrieve("boil water for tea", 1).get(0).productId());
        assertTrue(r.retrieve("wireless computer mouse", 5).stream().noneMatch(c -> c.productId().equals("mouse")));
        assertEquals(List.of("kayak"), r.retrieveAmong("boat", 3, java.util.Set.of("kayak", "mouse")).stream()
            .map(Candidate::productId).toList());
        // And a product the catalog had all along keeps its vector
        assertEquals("shoe", r.retrieve("shoes for a morning run", 1).get(0).productId());
      }
    }
  }
}
