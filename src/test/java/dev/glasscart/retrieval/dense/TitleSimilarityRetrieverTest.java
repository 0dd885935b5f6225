package dev.glasscart.retrieval.dense;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.glasscart.catalog.Catalog;
import dev.glasscart.catalog.Product;
import dev.glasscart.retrieval.Candidate;
import dev.glasscart.retrieval.Retriever;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

final class TitleSimilarityRetrieverTest {
  private static Product product(String id, String title, String description) {
    return new Product(id, title, description, "Acme", "", 10, "USD", 4.5, 3, List.of(), Map.of(), 5, List.of(), null);
  }

  private static final Catalog CATALOG = new Catalog(List.of(
      product("boots", "Waterproof hiking boots", "Sturdy footwear."),
      product("socks", "Wool socks", "Warm socks to wear with waterproof hiking boots on long trails.")));

  /** A fixed candidate list in catalog order, with its own signal and matched terms. */
  private static final Retriever FIXED = (query, k) -> List.of(
      new Candidate("socks", 2.0, Map.of("dense", 0.7), Map.of("description", Set.of("boots"))),
      new Candidate("boots", 1.0, Map.of("dense", 0.6), Map.of()),
      new Candidate("gone", 0.5, Map.of(), Map.of()));

  @Test
  void should_add_the_title_cosine_without_changing_candidates(@TempDir Path dir) {
    // Given title similarity over a fixed candidate list, titles cached in a directory of their own
    OnnxEmbedder embedder = SharedEncoder.get();
    TitleSimilarityRetriever r = new TitleSimilarityRetriever(FIXED, CATALOG, embedder, new EmbeddingCache(dir));

    // When retrieving
    List<Candidate> got = r.retrieve("waterproof hiking boots", 10);

    // Then order, scores, other signals and matched terms are kept, and the signal is the query-title cosine
    assertEquals(List.of("socks", "boots", "gone"), got.stream().map(Candidate::productId).toList());
    assertEquals(2.0, got.get(0).score());
    assertEquals(0.7, got.get(0).signal("dense"));
    assertEquals(Set.of("boots"), got.get(0).matchedTerms().get("description"));
    float[][] v = embedder.embed(List.of("waterproof hiking boots", "Waterproof hiking boots", "Wool socks"));
    assertEquals(SharedEncoder.cosine(v[0], v[1]), got.get(1).signal(TitleSimilarityRetriever.SIGNAL), 0.02);
    assertEquals(SharedEncoder.cosine(v[0], v[2]), got.get(0).signal(TitleSimilarityRetriever.SIGNAL), 0.02);
    assertTrue(got.get(1).signal(TitleSimilarityRetriever.SIGNAL) > got.get(0).signal(TitleSimilarityRetriever.SIGNAL) + 0.2,
        "the matching title is much closer than a description that mentions it");
    assertEquals(false, got.get(2).signals().containsKey(TitleSimilarityRetriever.SIGNAL), "unknown product: no signal");
    assertTrue(Files.exists(new EmbeddingCache(dir).file(embedder.name())), "title vectors are cached");
  }

  @Test
  void should_reuse_the_title_vectors_over_another_retriever() {
    // Given title similarity built once without a cache
    TitleSimilarityRetriever r = new TitleSimilarityRetriever(FIXED, CATALOG, SharedEncoder.get(), null);
    Retriever onlyBoots = (query, k) -> List.of(new Candidate("boots", 1.0, Map.of(), Map.of()));

    // When the same vectors serve another candidate source
    double first = r.retrieve("hiking boots", 10).get(1).signal(TitleSimilarityRetriever.SIGNAL);
    List<Candidate> got = r.over(onlyBoots).retrieve("hiking boots", 10);

    // Then that source's candidates get the same similarity
    assertEquals(1, got.size());
    assertEquals(first, got.get(0).signal(TitleSimilarityRetriever.SIGNAL), 1e-6);
  }
}
