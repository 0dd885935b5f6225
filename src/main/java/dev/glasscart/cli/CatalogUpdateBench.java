package dev.glasscart.cli;

import dev.glasscart.AppConfig;
import dev.glasscart.Glasscart;
import dev.glasscart.catalog.CatalogExporter;
import dev.glasscart.catalog.DemoCatalog;
import dev.glasscart.catalog.Product;
import dev.glasscart.config.Flags;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpClient;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.RequestOptions;
import io.vertx.core.json.JsonObject;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * {@code glasscart bench catalog-updates [--products N] [--rounds R] [--batch B] [--data-dir DIR]}:
 * how long a live catalog change takes to become searchable. Starts the server on loopback over a
 * demo catalog generated for N products (default 10,000; the report gives the real count), waits for its embeddings, then R times: upserts B
 * new products with one {@code POST /api/catalog/products} (timed until its 200, when the change
 * is stored, indexed, embedded and in the vocabulary), checks that the very next {@code
 * /api/search} finds the first of them, then deletes one (timed likewise) and checks it is gone.
 * Prints the medians and the 90th percentiles; the first round is a warm-up and not counted.
 */
final class CatalogUpdateBench {
  private static final String TOKEN = "catalog-update-bench-token-0123";

  private CatalogUpdateBench() {}

  public static void main(String[] args) throws Exception {
    Flags f = Flags.parse(args, Set.of("--products", "--rounds", "--batch", "--data-dir"), Set.of(), false);
    int n = f.integer("--products", 10_000, 1, 1_000_000);
    int rounds = f.integer("--rounds", 20, 2, 10_000);
    int batch = f.integer("--batch", 1, 1, 10_000);
    Path dataDir = f.path("--data-dir", Path.of("target", "catalog-update-bench")).toAbsolutePath();
    Files.createDirectories(dataDir);
    List<Product> products = DemoCatalog.generate(n);
    Path file = dataDir.resolve("demo-" + products.size() + ".jsonl");
    if (!Files.exists(file)) CatalogExporter.write(products, file);
    AppConfig config = AppConfig.builder(dataDir).port(0).catalogFile(file).host("127.0.0.1").agentToken(TOKEN).build();
    Vertx vertx = Vertx.vertx();
    try (Glasscart app = Glasscart.start(config)) {
      if (!app.awaitIndexed(Duration.ofHours(1))) throw new IllegalStateException("embeddings not built within an hour");
      HttpClient http = vertx.createHttpClient();
      List<Double> upserts = new ArrayList<>();
      List<Double> deletes = new ArrayList<>();
      for (int round = 0; round < rounds; round++) {
        List<Product> fresh = new ArrayList<>();
        StringBuilder body = new StringBuilder("[");
        for (int i = 0; i < batch; i++) {
          String word = "zorvik" + round + "x" + i; // a word no demo product has
          Product p = new Product("bench-" + round + "-" + i, "Trail lantern " + word, "A bright lantern.", "Lumo", "lanterns",
              20 + i, "USD", 4, 2, List.of(), java.util.Map.of("colour", "orange"), 5, List.of(), null);
          fresh.add(p);
          body.append(i == 0 ? "" : ",").append(JsonObject.mapFrom(p).encode());
        }
        body.append(']');
        long t0 = System.nanoTime();
        int status = call(http, app.port(), HttpMethod.POST, "/api/catalog/products", body.toString());
        double up = (System.nanoTime() - t0) / 1e6;
        if (status != 200) throw new IllegalStateException("upsert answered " + status);
        String first = fresh.get(0).id();
        if (!top(http, app.port(), "zorvik" + round + "x0").equals(first)) throw new IllegalStateException("upsert not found by the next search");
        long t1 = System.nanoTime();
        status = call(http, app.port(), HttpMethod.DELETE, "/api/catalog/products/" + first, null);
        double del = (System.nanoTime() - t1) / 1e6;
        if (status != 200) throw new IllegalStateException("delete answered " + status);
        if (top(http, app.port(), "zorvik" + round + "x0").equals(first)) throw new IllegalStateException("deleted product still found");
        if (round > 0) {
          upserts.add(up);
          deletes.add(del);
        }
      }
      System.out.printf(Locale.ROOT, "bench catalog-updates: %d products, %d rounds of %d upserted + 1 deleted (first round not counted)%n",
          products.size(), rounds - 1, batch);
      System.out.printf(Locale.ROOT, "  upsert until searchable: median %.0f ms, p90 %.0f ms%n", quantile(upserts, 0.5), quantile(upserts, 0.9));
      System.out.printf(Locale.ROOT, "  delete until gone:       median %.0f ms, p90 %.0f ms%n", quantile(deletes, 0.5), quantile(deletes, 0.9));
      http.close().await();
    } finally {
      vertx.close().await();
    }
  }

  private static int call(HttpClient http, int port, HttpMethod method, String path, String body) {
    RequestOptions o = new RequestOptions().setMethod(method).setHost("127.0.0.1").setPort(port).setURI(path)
        .putHeader("Authorization", "Bearer " + TOKEN).putHeader("Content-Type", "application/json");
    return http.request(o).compose(req -> body == null ? req.send() : req.send(body))
        .compose(resp -> resp.body().map(b -> resp.statusCode())).await();
  }

  private static String top(HttpClient http, int port, String query) {
    RequestOptions o = new RequestOptions().setMethod(HttpMethod.POST).setHost("127.0.0.1").setPort(port).setURI("/api/search")
        .putHeader("Content-Type", "application/json");
    JsonObject r = http.request(o).compose(req -> req.send(new JsonObject().put("query", query).put("limit", 1).encode()))
        .compose(resp -> resp.body()).await().toJsonObject();
    return r.getJsonArray("items").isEmpty() ? "" : r.getJsonArray("items").getJsonObject(0).getString("productId");
  }

  private static double quantile(List<Double> values, double q) {
    List<Double> sorted = new ArrayList<>(values);
    sorted.sort(null);
    return sorted.get((int) Math.min(sorted.size() - 1, Math.floor(q * sorted.size())));
  }
}
