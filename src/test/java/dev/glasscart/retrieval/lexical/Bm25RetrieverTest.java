package dev.glasscart.retrieval.lexical;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.glasscart.catalog.Catalog;
import dev.glasscart.catalog.Product;
import dev.glasscart.retrieval.Candidate;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

final class Bm25RetrieverTest {
  private static LexicalIndex index;

  static Product product(String id, String title, String description, String brand, String category,
      List<String> tags, Map<String, String> attributes) {
    return new Product(id, title, description, brand, category, 10, "USD", 4, 3, tags, attributes, 5, List.of(), null);
  }

  static Catalog catalog() {
    return new Catalog(List.of(
        product("jacket", "Trail Jacket", "Warm and windproof.", "Peak", "Outerwear", List.of("hiking"),
            Map.of("colour", "green")),
        product("coat", "Warm Coat", "A long coat for trail walks in winter.", "Nordwind", "Outerwear",
            List.of(), Map.of("colour", "black")),
        product("runner", "Running Shoes", "Light shoes for the road.", "Nike", "Footwear",
            List.of("sneakers"), Map.of("colour", "red", "size", "42")),
        product("mug", "Café Mug", "A ceramic mug for the men's coffee break.", "Brew", "Kitchen",
            List.of("gift"), Map.of("material", "ceramic"))));
  }

  @BeforeAll
  static void buildIndex() {
    index = LexicalIndex.inMemory(catalog(), ProductAnalyzer.standard());
  }

  @AfterAll
  static void closeIndex() throws Exception {
    index.close();
  }

  static List<String> ids(List<Candidate> candidates) {
    return candidates.stream().map(Candidate::productId).toList();
  }

  @Test
  void should_follow_field_boosts() {
    // Given "trail" in the jacket's title and in the coat's description
    Bm25Retriever titleHeavy = new Bm25Retriever(index, new FieldBoosts(3, 0, 0, 0, 0, 0.5));
    Bm25Retriever descriptionHeavy = new Bm25Retriever(index, new FieldBoosts(0.1, 0, 0, 0, 0, 5));
    // When each searches for it
    // Then the boosted field decides the order
    assertEquals(List.of("jacket", "coat"), ids(titleHeavy.retrieve("trail", 10)));
    assertEquals(List.of("coat", "jacket"), ids(descriptionHeavy.retrieve("trail", 10)));
  }

  @Test
  void should_report_matched_terms_and_per_field_signals() {
    // Given a query hitting the runner's brand, title and colour attribute
    Bm25Retriever bm25 = new Bm25Retriever(index, FieldBoosts.defaults());
    // When retrieved
    Candidate runner = bm25.retrieve("red Nike shoes", 10).get(0);
    // Then terms are reported in analyzed form per field, with matching non-zero signals
    assertEquals("runner", runner.productId());
    assertEquals(Set.of("nike"), runner.matchedTerms().get("brand"));
    assertEquals(Set.of("shoe"), runner.matchedTerms().get("title"));
    assertEquals(Set.of("red"), runner.matchedTerms().get("attributes"));
    assertTrue(runner.signal("bm25_brand") > 0 && runner.signal("bm25_title") > 0 && runner.signal("bm25_attributes") > 0);
    assertEquals(0.0, runner.signal("bm25_category"));
  }

  @Test
  void should_add_per_field_signals_up_to_the_total() {
    Bm25Retriever bm25 = new Bm25Retriever(index, FieldBoosts.defaults());
    List<Candidate> hits = bm25.retrieve("warm trail coat outerwear green", 10);
    assertTrue(hits.size() >= 2);
    for (Candidate c : hits) {
      double sum = c.signal("bm25_title") + c.signal("bm25_brand") + c.signal("bm25_category")
          + c.signal("bm25_attributes") + c.signal("bm25_description");
      assertEquals(c.signal("bm25"), sum, 1e-9);
      assertEquals(c.score(), c.signal("bm25"), 1e-12);
    }
    for (int i = 1; i < hits.size(); i++) assertTrue(hits.get(i - 1).score() >= hits.get(i).score());
  }

  @Test
  void should_count_tags_as_category() {
    Candidate runner = new Bm25Retriever(index, FieldBoosts.defaults()).retrieve("sneakers", 5).get(0);
    assertEquals("runner", runner.productId());
    assertEquals(Set.of("sneaker"), runner.matchedTerms().get("tags"));
    assertEquals(runner.signal("bm25"), runner.signal("bm25_category"), 1e-9);
  }

  @Test
  void should_fold_accents_and_strip_possessives() {
    Bm25Retriever bm25 = new Bm25Retriever(index, FieldBoosts.defaults());
    assertEquals(List.of("men", "cafe"), bm25.queryTerms("Men's CAFÉ"));
    Candidate mug = bm25.retrieve("cafe for men", 5).get(0);
    assertEquals("mug", mug.productId());
    assertEquals(Set.of("cafe"), mug.matchedTerms().get("title"));
  }

  @Test
  void should_return_nothing_for_empty_queries() {
    Bm25Retriever bm25 = new Bm25Retriever(index, FieldBoosts.defaults());
    assertEquals(List.of(), bm25.retrieve("", 10));
    assertEquals(List.of(), bm25.retrieve("  !!! ", 10));
    assertEquals(List.of(), bm25.retrieve("zebra", 10));
    var e = assertThrows(IllegalArgumentException.class, () -> bm25.retrieve("mug", 0));
    assertEquals("illegal k: 0, must be between 1 and 10000", e.getMessage());
  }

  @Test
  void should_build_the_same_index_on_disk() throws Exception {
    Path dir = Files.createDirectories(Path.of(System.getProperty("java.io.tmpdir"), "bm25-index-test"));
    try (LexicalIndex onDisk = LexicalIndex.onDisk(catalog(), ProductAnalyzer.standard(), dir)) {
      List<Candidate> fromDisk = new Bm25Retriever(onDisk, FieldBoosts.defaults()).retrieve("warm coat", 10);
      List<Candidate> fromMemory = new Bm25Retriever(index, FieldBoosts.defaults()).retrieve("warm coat", 10);
      assertEquals(ids(fromMemory), ids(fromDisk));
      assertEquals(4, onDisk.size());
    }
  }

  @Test
  void should_reuse_an_index_on_disk_only_when_built_from_the_same_catalog_and_unchanged_since() throws Exception {
    // Given an index built on disk from a catalog with digest "A"
    Path dir = Files.createTempDirectory(Files.createDirectories(Path.of(System.getProperty("java.io.tmpdir"))), "bm25-reuse");
    List<String> expected;
    try (LexicalIndex built = LexicalIndex.onDisk(catalog(), ProductAnalyzer.standard(), dir, "A")) {
      assertEquals(false, built.reused());
      expected = ids(new Bm25Retriever(built, FieldBoosts.defaults()).retrieve("warm coat", 10));
    }
    // When it is opened again for the same catalog, it is reused and answers the same, ids included
    try (LexicalIndex again = LexicalIndex.onDisk(catalog(), ProductAnalyzer.standard(), dir, "A")) {
      assertEquals(true, again.reused());
      assertEquals(expected, ids(new Bm25Retriever(again, FieldBoosts.defaults()).retrieve("warm coat", 10)));
      assertEquals(4, again.size());
      // and a live change since makes it a build of no catalog file
      again.apply(List.of(), List.of("mug"));
    }
    try (LexicalIndex changed = LexicalIndex.onDisk(catalog(), ProductAnalyzer.standard(), dir, "A")) {
      assertEquals(false, changed.reused(), "changed live since it was built: built again");
      assertEquals(4, changed.size());
    }
    // Then another catalog's digest, or none, builds afresh
    try (LexicalIndex other = LexicalIndex.onDisk(catalog(), ProductAnalyzer.standard(), dir, "B")) {
      assertEquals(false, other.reused());
    }
    try (LexicalIndex none = LexicalIndex.onDisk(catalog(), ProductAnalyzer.standard(), dir, null)) {
      assertEquals(false, none.reused());
    }
    try (LexicalIndex b = LexicalIndex.onDisk(catalog(), ProductAnalyzer.standard(), dir, "B")) {
      assertEquals(false, b.reused(), "a build without a digest marks nothing");
    }
  }

  @Test
  void should_build_while_the_digest_is_made_and_wait_for_it_only_to_reuse_or_commit() throws Exception {
    Path dir = Files.createTempDirectory(Files.createDirectories(Path.of(System.getProperty("java.io.tmpdir"))), "bm25-digesting");
    // Given nothing on disk: the digest is first asked for once the documents are written, at the commit
    List<String> filesWhenAsked = new java.util.ArrayList<>();
    try (LexicalIndex built = LexicalIndex.onDiskDigesting(catalog(), ProductAnalyzer.standard(), dir, () -> {
      try (var files = Files.list(dir)) {
        files.map(f -> f.getFileName().toString()).filter(n -> !n.equals("write.lock")).forEach(filesWhenAsked::add);
      } catch (java.io.IOException e) {
        throw new java.io.UncheckedIOException(e);
      }
      return "A";
    })) {
      assertEquals(false, built.reused());
      assertTrue(filesWhenAsked.stream().anyMatch(n -> n.endsWith(".si")),
          "the segment was written before the digest was asked for: " + filesWhenAsked);
      assertTrue(filesWhenAsked.stream().noneMatch(n -> n.startsWith("segments_")), "nothing committed yet: " + filesWhenAsked);
    }
    // Then the digest made meanwhile is recorded: the same catalog reuses the build, asking for it before anything else
    java.util.concurrent.atomic.AtomicInteger asked = new java.util.concurrent.atomic.AtomicInteger();
    try (LexicalIndex again = LexicalIndex.onDiskDigesting(catalog(), ProductAnalyzer.standard(), dir, () -> {
      asked.incrementAndGet();
      return "A";
    })) {
      assertEquals(true, again.reused());
      assertEquals(1, asked.get());
      assertEquals(4, again.size());
    }
    try (LexicalIndex other = LexicalIndex.onDisk(catalog(), ProductAnalyzer.standard(), dir, "B")) {
      assertEquals(false, other.reused(), "another catalog's digest builds afresh");
    }
  }

  @Test
  void should_give_the_same_results_from_concurrent_callers() throws Exception {
    // Given one retriever and the sequential answers to a few queries
    Bm25Retriever bm25 = new Bm25Retriever(index, FieldBoosts.defaults());
    List<String> queries = List.of("warm coat", "red shoes", "ceramic mug", "trail jacket green", "sneakers");
    Map<String, List<Candidate>> expected = new java.util.HashMap<>();
    for (String q : queries) expected.put(q, bm25.retrieve(q, 10));
    // When 8 threads ask them 50 times each
    try (var pool = java.util.concurrent.Executors.newFixedThreadPool(8)) {
      List<java.util.concurrent.Future<Boolean>> results = new java.util.ArrayList<>();
      for (int t = 0; t < 8; t++) {
        results.add(pool.submit(() -> {
          for (int i = 0; i < 50; i++) {
            String q = queries.get(i % queries.size());
            if (!bm25.retrieve(q, 10).equals(expected.get(q))) return false;
          }
          return true;
        }));
      }
      // Then every answer equals the sequential one
      for (var r : results) assertTrue(r.get());
    }
  }

  @Test
  void should_reject_bad_boosts_naming_the_value() {
    var e = assertThrows(IllegalArgumentException.class, () -> new FieldBoosts(-1, 0, 0, 0, 0, 1));
    assertEquals("illegal title boost: -1.0, must be between 0 and 100", e.getMessage());
    assertThrows(IllegalArgumentException.class, () -> new FieldBoosts(0, 0, 0, 0, 0, 0));
  }

  @Test
  void should_search_a_query_of_more_terms_than_lucene_takes_clauses_by_its_longest_terms() {
    // Given a query of 1,500 distinct short words (6 fields x 1,500 terms is far over Lucene's
    // 1,024 clauses) and one long word that matches, repeated
    StringBuilder q = new StringBuilder("windproof");
    for (int i = 0; i < 1_500; i++) q.append(" q").append(Integer.toString(i, 36)).append(i % 3 == 0 ? " windproof" : "");
    Bm25Retriever bm25 = new Bm25Retriever(index, FieldBoosts.defaults());
    // When it is searched
    List<String> terms = bm25.queryTerms(q.toString());
    // Then the 64 longest distinct terms are searched, the long word among them once, and it finds its product
    assertEquals(Bm25Retriever.MAX_QUERY_TERMS, terms.size());
    assertEquals(terms.size(), Set.copyOf(terms).size());
    assertEquals("windproof", terms.getFirst());
    assertTrue(terms.stream().skip(1).allMatch(t -> t.length() == 4), terms.toString()); // "q" + 3 base-36 digits
    assertEquals(List.of("jacket"), ids(bm25.retrieve(q.toString(), 10)));
  }

  @Test
  void should_keep_the_longest_terms_in_query_order_and_the_earlier_of_equal_length() {
    assertEquals(List.of("bb", "ccc", "dd"), Bm25Retriever.longest(List.of("a", "bb", "ccc", "dd", "ee"), 3));
    List<String> few = List.of("x", "y");
    assertEquals(few, Bm25Retriever.longest(few, 3));
  }

  @Test
  void should_retrieve_among_the_allowed_products_only_with_the_same_signals() {
    // Given a query two products match, with only the lower-scoring one allowed
    Bm25Retriever bm25 = new Bm25Retriever(index, FieldBoosts.defaults());
    List<Candidate> all = bm25.retrieve("warm trail", 10);
    assertEquals(Set.of("jacket", "coat"), Set.copyOf(ids(all)));
    String lower = all.get(1).productId();

    // When retrieving among the allowed
    List<Candidate> among = bm25.retrieveAmong("warm trail", 10, Set.of(lower, "mug"));

    // Then only the allowed match comes back, scored as in the unrestricted retrieval
    assertEquals(List.of(all.get(1)), among);
    assertEquals(List.of(), bm25.retrieveAmong("warm trail", 10, Set.of()));
  }

  @Test
  void should_see_live_upserts_and_deletes_in_the_next_search() throws Exception {
    // Given a separate index over the test catalog
    try (LexicalIndex live = LexicalIndex.inMemory(catalog(), ProductAnalyzer.standard())) {
      Bm25Retriever bm25 = new Bm25Retriever(live, FieldBoosts.defaults());
      int before = live.size();
      Product added = new Product("z1", "Quillback canoe paddle", "Carbon blade.", "Quillback", "paddles", 90, "USD", 0, 0,
          List.of(), Map.of(), 1, List.of(), null);

      // When one product is added and then deleted
      live.apply(List.of(added), List.of());
      List<Candidate> found = bm25.retrieve("quillback paddle", 5);
      live.apply(List.of(), List.of("z1"));

      // Then the next search after each change sees it, then no longer
      assertEquals("z1", found.get(0).productId());
      assertEquals(before, live.size());
      assertTrue(bm25.retrieve("quillback paddle", 5).isEmpty());
    }
  }

  @Test
  void should_map_every_hit_to_its_product_across_upserts_deletes_reopens_and_a_full_reindex() throws Exception {
    // Given a separate index over the test catalog
    try (LexicalIndex live = LexicalIndex.inMemory(catalog(), ProductAnalyzer.standard())) {
      Bm25Retriever bm25 = new Bm25Retriever(live, FieldBoosts.defaults());
      Product renamed = product("jacket", "Quillback Shell", "Windproof.", "Peak", "Outerwear", List.of(), Map.of());
      Product added = product("paddle", "Quillback Paddle", "Carbon blade.", "Peak", "Paddles", List.of(), Map.of());

      // When a product is upserted under a new title (its document moves) and one is added, while
      // a searcher taken before the change is still held
      String heldHit = live.search(held -> {
        live.apply(List.of(renamed, added), List.of());
        assertIdsMatchStoredFields(live, held);
        var top = held.search(new org.apache.lucene.search.TermQuery(
            new org.apache.lucene.index.Term(dev.glasscart.retrieval.Signals.ID, "mug")), 1);
        return live.productId(held, top.scoreDocs[0].doc);
      });
      // Then the held searcher still maps its documents right, and the new one maps the moved and the new product
      assertEquals("mug", heldHit);
      assertEquals(Set.of("jacket", "paddle"), Set.copyOf(ids(bm25.retrieve("quillback", 5))));
      live.search(s -> assertIdsMatchStoredFields(live, s));

      // When one is deleted, then the whole catalog is re-indexed
      live.apply(List.of(), List.of("paddle"));
      assertEquals(Set.of("jacket"), Set.copyOf(ids(bm25.retrieve("quillback", 5))));
      live.search(s -> assertIdsMatchStoredFields(live, s));
      live.replaceAll(catalog());

      // Then each search after it maps to the products as they are now
      assertEquals(Set.of("jacket"), Set.copyOf(ids(bm25.retrieve("trail jacket", 1))));
      assertTrue(bm25.retrieve("quillback", 5).isEmpty());
      live.search(s -> assertIdsMatchStoredFields(live, s));
    }
  }

  /** Every live document of {@code searcher} maps to the id its stored fields hold. */
  private static Void assertIdsMatchStoredFields(LexicalIndex index, org.apache.lucene.search.IndexSearcher searcher)
      throws java.io.IOException {
    var stored = searcher.storedFields();
    for (var leaf : searcher.getIndexReader().leaves()) {
      var liveDocs = leaf.reader().getLiveDocs();
      for (int doc = 0; doc < leaf.reader().maxDoc(); doc++) {
        if (liveDocs != null && !liveDocs.get(doc)) continue;
        int top = leaf.docBase + doc;
        assertEquals(stored.document(top).get(dev.glasscart.retrieval.Signals.ID), index.productId(searcher, top));
      }
    }
    return null;
  }
}
