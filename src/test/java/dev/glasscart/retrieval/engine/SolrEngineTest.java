package dev.glasscart.retrieval.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.glasscart.catalog.Catalog;
import dev.glasscart.catalog.DemoCatalog;
import dev.glasscart.catalog.Product;
import dev.glasscart.retrieval.Candidate;
import dev.glasscart.retrieval.Retriever;
import dev.glasscart.retrieval.Signals;
import dev.glasscart.retrieval.dense.DenseRetriever;
import dev.glasscart.retrieval.dense.Embedder;
import dev.glasscart.retrieval.dense.ExecutionDevice;
import dev.glasscart.retrieval.dense.OnnxEmbedder;
import dev.glasscart.retrieval.lexical.LexicalIndex;
import dev.glasscart.retrieval.lexical.ProductAnalyzer;
import dev.glasscart.retrieval.stack.RetrievalStack;
import dev.glasscart.testing.EngineProcess;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

/**
 * The search engine path against a real SolrCloud cluster (engine/'s launcher, its own JVM, two
 * nodes, two shards of two copies each), beside the in-process indexes over the same catalog and
 * the same embeddings: BM25 gives the same products in the same order with the same scores,
 * per-field signals and matched terms; k-NN the same neighbours and cosines; hybrid the same
 * fusion; restricted retrieval the same allowed products. Then a re-index swaps the alias, a live
 * change is searchable, and with a node stopped the queries still answer, from the replicas.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
final class SolrEngineTest {
  private static final int PRODUCTS = 240;
  private static EngineProcess engine;
  private static Catalog catalog;
  private static LexicalIndex lexical;
  private static OnnxEmbedder encoder;
  private static Embedder queries;
  private static DenseRetriever dense;
  private static SolrCatalogIndex index;
  private static List<String> testQueries;
  private static Path dataDir;

  @BeforeAll
  static void start() throws Exception {
    Path tmp = Files.createDirectories(Path.of(System.getProperty("java.io.tmpdir")));
    dataDir = Files.createTempDirectory(tmp, "engine-test");
    engine = EngineProcess.start("test", dataDir, 2, 2, 1);
    catalog = new Catalog(DemoCatalog.generate(PRODUCTS));
    lexical = LexicalIndex.inMemory(catalog, ProductAnalyzer.standard());
    encoder = OnnxEmbedder.createDefault(ExecutionDevice.CPU, Path.of("target", "ort-native").toAbsolutePath());
    queries = RetrievalStack.queryEmbedder(encoder);
    dense = RetrievalStack.dense(catalog, encoder, queries, null, null);
    index = RetrievalStack.engineIndex(new SearchEngine(SearchEngine.Kind.SOLR, engine.urls()), "glasscart_test");
    index.index(catalog, RetrievalStack.vectorsOf(dense));
    // queries from the catalog's own words: titles, brand and category, a description's opening words
    testQueries = new ArrayList<>();
    for (int i = 0; i < PRODUCTS; i += 37) {
      Product p = catalog.products().get(i);
      testQueries.add(p.title());
      testQueries.add(p.brand() + " " + p.category());
      String[] words = p.description().split("\\s+");
      testQueries.add(String.join(" ", List.of(words).subList(0, Math.min(4, words.length))));
    }
  }

  @AfterAll
  static void stop() throws Exception {
    if (encoder != null) encoder.close();
    if (lexical != null) lexical.close();
    if (engine != null) {
      engine.close();
      assertEquals(143, engine.exitCode(), "SIGTERM ends the engine through its shutdown hook");
    }
    if (dataDir != null) {
      try (var paths = Files.walk(dataDir)) {
        for (Path p : paths.sorted(java.util.Comparator.reverseOrder()).toList()) Files.delete(p);
      }
    }
  }

  @Test
  @Order(1)
  void collectionsAreShardedAndReplicated() {
    var state = index.nodes().get("admin/collections", Map.of("action", "CLUSTERSTATUS", "collection", index.collection()))
        .path("cluster").path("collections").path(index.collection()).path("shards");
    assertEquals(2, state.size(), state.toString());
    Set<String> nodes = new HashSet<>();
    state.forEach(shard -> {
      assertEquals(2, shard.path("replicas").size(), shard.toString());
      shard.path("replicas").forEach(r -> nodes.add(r.path("node_name").asText()));
    });
    assertEquals(2, nodes.size(), "the copies are spread over both nodes");
    assertEquals(2, index.nodes().nodes().size(), "both nodes known: " + index.nodes().nodes());
  }

  @Test
  @Order(2)
  void bm25EqualsTheInProcessIndex() {
    Retriever engineBm25 = RetrievalStack.bm25(index);
    Retriever local = RetrievalStack.bm25(lexical);
    for (String q : testQueries) {
      assertSameCandidates(local.retrieve(q, PRODUCTS), engineBm25.retrieve(q, PRODUCTS), q, 1e-5);
      // a shallow retrieval is the top of the deep one (equal scores may come in another order)
      List<Candidate> all = local.retrieve(q, PRODUCTS);
      assertFalse(all.isEmpty(), q);
      assertSameCandidates(all.subList(0, Math.min(5, all.size())), engineBm25.retrieve(q, 5), q, 1e-5);
    }
  }

  @Test
  @Order(3)
  void knnFindsTheSameNeighbours() {
    Retriever engineDense = RetrievalStack.dense(index, queries);
    for (String q : testQueries) {
      // HNSW is approximate: the nearest ten are those of the exact search here, not necessarily all 240 in order
      assertSameCandidates(dense.retrieve(q, 10), engineDense.retrieve(q, 10), q, 1e-5);
    }
  }

  @Test
  @Order(4)
  void hybridAndRestrictedRetrievalEqualTheInProcessOnes() {
    // the served fusion, depth 100 of each side
    Retriever engineHybrid = RetrievalStack.hybrid(RetrievalStack.bm25(index), RetrievalStack.dense(index, queries));
    Retriever localHybrid = RetrievalStack.hybrid(RetrievalStack.bm25(lexical), dense);
    Set<String> allowed = new LinkedHashSet<>();
    for (int i = 0; i < PRODUCTS; i += 3) allowed.add(catalog.products().get(i).id());
    for (String q : testQueries) {
      assertSameCandidates(localHybrid.retrieve(q, 20), engineHybrid.retrieve(q, 20), q, 1e-5);
      // restricted to 80 products: the same fusion of the allowed ones
      List<Candidate> among = engineHybrid.retrieveAmong(q, 20, allowed);
      assertEquals(20, among.size(), q);
      assertTrue(allowed.containsAll(ids(among)), q);
      assertSameCandidates(localHybrid.retrieveAmong(q, 20, allowed), among, q, 1e-5);
    }
  }

  @Test
  @Order(5)
  void aReindexSwapsTheAliasAndALiveChangeIsSearchable() {
    String before = index.collection();
    index.index(catalog, RetrievalStack.vectorsOf(dense));
    assertEquals(before, index.collection(), "the same catalog is not indexed again");

    List<Product> changed = new ArrayList<>(catalog.products());
    Product gone = changed.remove(0);
    index.replaceAll(new Catalog(changed));
    assertNotEquals(before, index.collection(), "a new collection behind the alias");
    var collections = index.nodes().get("admin/collections", Map.of("action", "LIST")).path("collections");
    List<String> names = new ArrayList<>();
    collections.forEach(c -> names.add(c.asText()));
    assertFalse(names.contains(before), "the old collection is deleted: " + names);
    Retriever bm25 = RetrievalStack.bm25(index);
    assertFalse(ids(bm25.retrieve(gone.title(), 50)).contains(gone.id()), "the new catalog lacks it");

    index.apply(List.of(gone), List.of());
    assertEquals(gone.id(), bm25.retrieve(gone.title(), 5).get(0).productId(), "upserted, searchable at once");
    index.apply(List.of(), List.of(gone.id()));
    assertFalse(ids(bm25.retrieve(gone.title(), 50)).contains(gone.id()), "deleted");
    index.apply(List.of(gone), List.of());
  }

  @Test
  @Order(6)
  void withANodeStoppedQueriesAnswerFromTheReplicas() throws Exception {
    Retriever engineHybrid = RetrievalStack.hybrid(RetrievalStack.bm25(index), RetrievalStack.dense(index, queries));
    Map<String, List<Candidate>> before = new java.util.LinkedHashMap<>();
    for (String q : testQueries) before.put(q, engineHybrid.retrieve(q, 20));
    URI stopped = engine.stopNode(0);
    assertEquals(engine.urls().get(0), stopped, "the first node, the one requests went to");
    for (String q : testQueries) assertSameCandidates(before.get(q), engineHybrid.retrieve(q, 20), q, 1e-5);
  }

  private static List<String> ids(List<Candidate> cs) {
    return cs.stream().map(Candidate::productId).toList();
  }

  /**
   * The same products with the same scores (within {@code tolerance}), signals and matched terms,
   * and {@code actual} in score order: the same order but for products of equal score, which two
   * indexes may list either way.
   */
  private static void assertSameCandidates(List<Candidate> expected, List<Candidate> actual, String query, double tolerance) {
    assertEquals(expected.size(), actual.size(), query);
    Map<String, Candidate> byId = new java.util.HashMap<>();
    for (Candidate a : actual) byId.put(a.productId(), a);
    for (int i = 1; i < actual.size(); i++) {
      assertTrue(actual.get(i - 1).score() >= actual.get(i).score(), query + ": sorted by score");
      // position i holds a product whose score is the expected one there
      int at = i;
      assertEquals(expected.get(i).score(), actual.get(i).score(), tolerance * Math.max(1, Math.abs(expected.get(i).score())),
          () -> query + " at " + at + "\nexpected " + expected + "\nactual   " + actual);
    }
    for (Candidate e : expected) {
      Candidate a = byId.get(e.productId());
      if (a == null) {
        // only a product tied with the last one kept may be swapped for another
        double last = expected.get(expected.size() - 1).score();
        assertEquals(last, e.score(), tolerance * Math.max(1, Math.abs(last)), query + ": " + e.productId() + " missing");
        continue;
      }
      assertEquals(e.score(), a.score(), tolerance * Math.max(1, Math.abs(e.score())), query + ": " + e.productId());
      assertEquals(e.signals().keySet(), a.signals().keySet(), query + ": " + e.productId());
      for (String s : e.signals().keySet()) {
        assertEquals(e.signal(s), a.signal(s), tolerance * Math.max(1, Math.abs(e.signal(s))), query + ": " + s);
      }
      assertEquals(e.matchedTerms(), a.matchedTerms(), query + ": " + e.productId());
    }
  }
}
