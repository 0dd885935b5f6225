package dev.glasscart.retrieval.dense;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.glasscart.catalog.Catalog;
import dev.glasscart.catalog.Product;
import dev.glasscart.retrieval.Candidate;
import dev.glasscart.retrieval.Retriever;
import dev.glasscart.retrieval.Signals;
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
    assertEquals(SharedEncoder.cosine(v[0], v[1]), got.get(1).signal(Signals.DENSE_TITLE), 0.02);
    assertEquals(SharedEncoder.cosine(v[0], v[2]), got.get(0).signal(Signals.DENSE_TITLE), 0.02);
    assertTrue(got.get(1).signal(Signals.DENSE_TITLE) > got.get(0).signal(Signals.DENSE_TITLE) + 0.2,
        "the matching title is much closer than a description that mentions it");
    assertEquals(false, got.get(2).signals().containsKey(Signals.DENSE_TITLE), "unknown product: no signal");
    assertTrue(Files.exists(new EmbeddingCache(dir).file(embedder.name())), "title vectors are cached");
  }

  @Test
  void should_reuse_the_title_vectors_over_another_retriever() {
    // Given title similarity built once without a cache
    TitleSimilarityRetriever r = new TitleSimilarityRetriever(FIXED, CATALOG, SharedEncoder.get(), null);
    Retriever onlyBoots = (query, k) -> List.of(new Candidate("boots", 1.0, Map.of(), Map.of()));

    // When the same vectors serve another candidate source
    double first = r.retrieve("hiking boots", 10).get(1).signal(Signals.DENSE_TITLE);
    List<Candidate> got = r.over(onlyBoots).retrieve("hiking boots", 10);

    // Then that source's candidates get the same similarity
    assertEquals(1, got.size());
    assertEquals(first, got.get(0).signal(Signals.DENSE_TITLE), 1e-6);
  }

  @Test
  void should_compare_each_title_with_the_other_top_titles() {
    // Given eleven candidates: ten peers (nine boots and one pair of socks) and one more boot after them
    List<Product> products = new java.util.ArrayList<>();
    for (int i = 0; i < 11; i++) {
      products.add(i == 3 ? product("p3", "Wool socks", "") : product("p" + i, (i % 2 == 0 ? "Leather" : "Waterproof")
          + " hiking boots size " + (38 + i), ""));
    }
    Catalog catalog = new Catalog(products);
    List<Candidate> list = products.stream().map(p -> new Candidate(p.id(), 1, Map.of(), Map.of())).toList();
    OnnxEmbedder embedder = SharedEncoder.get();
    TitleSimilarityRetriever r = new TitleSimilarityRetriever((q, k) -> list, catalog, embedder, null);

    // When retrieving
    List<Candidate> got = r.retrieve("hiking boots", 20);

    // Then a peer is compared with the mean of the nine other peers, the eleventh with all ten
    float[][] v = embedder.embed(products.stream().map(Product::title).toList());
    assertEquals(cosineWithMean(v[3], v, 0, 10, 3), got.get(3).signal(Signals.DENSE_TITLE_PEERS), 1e-5);
    assertEquals(cosineWithMean(v[0], v, 0, 10, 0), got.get(0).signal(Signals.DENSE_TITLE_PEERS), 1e-5);
    assertEquals(cosineWithMean(v[10], v, 0, 10, -1), got.get(10).signal(Signals.DENSE_TITLE_PEERS), 1e-5);
    // and the odd one out scores lowest
    for (int i = 0; i < 11; i++) {
      if (i != 3) assertTrue(got.get(i).signal(Signals.DENSE_TITLE_PEERS)
          > got.get(3).signal(Signals.DENSE_TITLE_PEERS) + 0.1, "boot " + i + " vs socks");
    }
  }

  @Test
  void should_give_no_peer_signal_to_a_lone_candidate() {
    TitleSimilarityRetriever r = new TitleSimilarityRetriever(FIXED, CATALOG, SharedEncoder.get(), null);
    Retriever onlyBoots = (query, k) -> List.of(new Candidate("boots", 1.0, Map.of(), Map.of()));

    List<Candidate> got = r.over(onlyBoots).retrieve("hiking boots", 10);

    assertTrue(got.get(0).signals().containsKey(Signals.DENSE_TITLE));
    assertEquals(false, got.get(0).signals().containsKey(Signals.DENSE_TITLE_PEERS), "no other top match to compare with");
  }

  /** Cosine of {@code x} with the sum of rows {@code from..to-1} of {@code v}, row {@code skip} left out. */
  private static double cosineWithMean(float[] x, float[][] v, int from, int to, int skip) {
    double[] sum = new double[x.length];
    for (int i = from; i < to; i++) {
      if (i != skip) for (int j = 0; j < x.length; j++) sum[j] += v[i][j];
    }
    double dot = 0;
    double norm = 0;
    for (int j = 0; j < x.length; j++) {
      dot += sum[j] * x[j];
      norm += sum[j] * sum[j];
    }
    return dot / Math.sqrt(norm);
  }
}
