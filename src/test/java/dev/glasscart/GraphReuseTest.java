package dev.glasscart;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.glasscart.catalog.graph.Edge;
import dev.glasscart.catalog.graph.ProductGraph;
import dev.glasscart.storage.Database;
import dev.glasscart.testing.TestApp;
import io.vertx.core.Vertx;
import io.vertx.sqlclient.Row;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * The product graph is built once per set of inputs: a restart with the same catalog, rules,
 * feedback and (cached) title vectors reads the stored graph back instead of building it again,
 * and a catalog changed live is built anew at the next start. Real servers, real PostgreSQL.
 */
final class GraphReuseTest {
  private static final Duration WAIT = Duration.ofMinutes(3);

  private static String row(String id, String title, String brand, String category, double price) {
    return "{\"id\":\"" + id + "\",\"title\":\"" + title + "\",\"brand\":\"" + brand + "\",\"category\":\"" + category
        + "\",\"price\":" + price + ",\"rating\":4.2,\"reviewCount\":7,\"attributes\":{\"material\":\"steel\"}}";
  }

  /** The stored graph's source row as {@code catalog_key|fingerprint|edges|stored_at}, read with the server stopped. */
  private static String source(Path dataDir) {
    Vertx vertx = Vertx.vertx();
    Database db = Database.embedded(vertx, dataDir, false);
    try {
      for (Row r : db.pool().query("SELECT catalog_key, fingerprint, edges, stored_at::text FROM product_graph_source")
          .execute().await()) {
        return r.getString(0) + "|" + r.getString(1) + "|" + r.getInteger(2) + "|" + r.getString(3);
      }
      return "";
    } finally {
      db.close().await();
      vertx.close().await();
    }
  }

  private static Set<Edge> edges(ProductGraph graph) {
    return new HashSet<>(graph.edges());
  }

  /** Starts, waits for the embeddings and the graph, returns the graph in use; stops. */
  private static Set<Edge> run(Path dataDir, Path file) throws Exception {
    var config = TestApp.config(dataDir).toBuilder();
    if (file != null) config.catalogFile(file);
    try (Glasscart app = Glasscart.start(config.build())) {
      assertTrue(app.awaitIndexed(WAIT), "embeddings");
      assertTrue(app.awaitGraph(WAIT), "graph");
      return edges(app.graph());
    }
  }

  @Test
  void should_read_the_stored_graph_back_on_an_unchanged_restart_and_build_it_after_a_live_change() throws Exception {
    // Given a server that built the graph of a catalog file (embeddings computed, then cached)
    Path dataDir = TestApp.freshDataDir("graph-reuse");
    Path file = dataDir.resolve("shop.jsonl");
    Files.writeString(file, String.join("\n",
        row("k1", "Copper Kettle", "Hearth", "kettles", 49.5), row("k2", "Steel Kettle", "Hearth", "kettles", 39),
        row("k3", "Glass Kettle", "Brio", "kettles", 29), row("m1", "Ceramic Mug", "Hearth", "mugs", 9),
        row("m2", "Steel Mug", "Brio", "mugs", 12)));
    Set<Edge> built = run(dataDir, file);
    assertFalse(built.isEmpty());
    String first = source(dataDir);
    assertFalse(first.isEmpty(), "the graph is stored with what it was built from");
    assertEquals(built.size(), Integer.parseInt(first.split("\\|")[2]));

    // When it restarts with the same file (the embeddings now all from the cache)
    Set<Edge> again = run(dataDir, file);

    // Then the same graph is in use and the stored one was not rebuilt (same row, same time)
    assertEquals(built, again);
    assertEquals(first, source(dataDir));

    // When a product is deleted live, and the server restarts on the stored (changed) catalog
    var config = TestApp.config(dataDir).toBuilder().catalogFile(file).build();
    try (Glasscart app = Glasscart.start(config)) {
      assertTrue(app.awaitIndexed(WAIT));
      HttpResponse<String> r = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
              URI.create("http://localhost:" + app.port() + "/api/catalog/products/k2"))
          .header("Authorization", "Bearer " + TestApp.AGENT_TOKEN).DELETE().build(), HttpResponse.BodyHandlers.ofString());
      assertTrue(r.statusCode() / 100 == 2, r.statusCode() + " " + r.body());
      assertTrue(app.awaitGraph(WAIT));
    }
    Set<Edge> afterChange = run(dataDir, null);

    // Then its graph was built again, of the products there are now
    String changed = source(dataDir);
    assertNotEquals(first.split("\\|")[0], changed.split("\\|")[0], "another catalog, another key");
    assertFalse(afterChange.isEmpty());
    assertTrue(afterChange.stream().noneMatch(e -> e.from().equals("k2") || e.to().equals("k2")), afterChange.toString());

    // And a restart with the file again (stored whole again) builds the file's graph again
    Set<Edge> fileAgain = run(dataDir, file);
    String restored = source(dataDir);
    assertEquals(first.split("\\|")[0], restored.split("\\|")[0], "the file's catalog again");
    assertNotEquals(changed, restored, "built and stored again: the stored graph was another catalog's");
    assertTrue(fileAgain.stream().anyMatch(e -> e.from().equals("k2")), fileAgain.toString());
  }

  @Test
  void should_keep_the_fingerprint_of_its_inputs() {
    // Given a builder's source for a catalog
    var products = dev.glasscart.catalog.DemoCatalog.generate();
    var rules = dev.glasscart.catalog.graph.ComplementRules.defaults();
    var base = new dev.glasscart.catalog.graph.GraphBuilder(products, rules).source("digest-a");
    // Then the same inputs give the same source
    assertEquals(base, new dev.glasscart.catalog.graph.GraphBuilder(products, rules).source("digest-a"));
    // And each input changes what it covers
    var otherCatalog = new dev.glasscart.catalog.graph.GraphBuilder(products, rules).source("digest-b");
    assertNotEquals(base.catalogKey(), otherCatalog.catalogKey());
    var liked = new dev.glasscart.catalog.graph.GraphBuilder(products, rules)
        .likedTogether(List.of(new dev.glasscart.catalog.graph.GraphBuilder.LikedPair(products.get(0).id(), products.get(1).id(), 2)))
        .source("digest-a");
    assertNotEquals(base.catalogKey(), liked.catalogKey());
    float[] v = {0.6f, 0.8f};
    var vectors = new dev.glasscart.catalog.graph.GraphBuilder(products, rules).titleVectors(id -> v).source("digest-a");
    assertEquals(base.catalogKey(), vectors.catalogKey(), "vectors are not the catalog");
    assertNotEquals(base.fingerprint(), vectors.fingerprint());
    float[] w = {0.8f, 0.6f};
    assertNotEquals(vectors.fingerprint(),
        new dev.glasscart.catalog.graph.GraphBuilder(products, rules).titleVectors(id -> w).source("digest-a").fingerprint());
    var meanings = new dev.glasscart.catalog.graph.GraphBuilder(products, rules).meanings(phrase -> Set.of("kettles"))
        .source("digest-a");
    assertEquals(base.catalogKey(), meanings.catalogKey());
    assertNotEquals(base.fingerprint(), meanings.fingerprint());
  }
}
