package dev.glasscart.server;

import dev.glasscart.testing.TestApp;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.glasscart.AppConfig;
import dev.glasscart.Glasscart;
import dev.glasscart.catalog.RowError;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

/** {@code serve --catalog FILE}: good rows replace the demo catalog, bad rows are reported and skipped. */
final class CatalogAtStartTest {

  @Test
  void should_import_the_good_rows_report_the_bad_ones_and_keep_them_across_restarts() throws Exception {
    Path dataDir = TestApp.freshDataDir("catalog");
    Path file = dataDir.resolve("shop.jsonl");
    Files.writeString(file, String.join("\n",
        "{\"id\":\"k1\",\"title\":\"Copper Kettle\",\"brand\":\"Hearth\",\"category\":\"kettles\",\"price\":49.5,\"rating\":4.4,\"reviewCount\":12}",
        "{\"id\":\"k2\",\"title\":\"Glass Kettle\",\"brand\":\"Clearly\",\"category\":\"kettles\",\"price\":-3}",
        "{\"id\":\"k3\",\"title\":\"Steel Kettle\",\"brand\":\"Hearth\",\"category\":\"kettles\",\"price\":39,\"rating\":4.1,\"reviewCount\":40}",
        "{not json",
        "{\"id\":\"m1\",\"title\":\"Stoneware Mug\",\"brand\":\"Hearth\",\"category\":\"mugs\",\"price\":12,\"rating\":4.8,\"reviewCount\":3}"));
    AppConfig config = TestApp.config(dataDir).toBuilder().catalogFile(file).build();
    Vertx vertx = Vertx.vertx();
    try {
      try (Glasscart app = TestApp.start(config); ChatClient chat = new ChatClient(vertx, app.port())) {
        assertEquals(3, app.catalogSize(), "only the three valid rows, not the demo catalog");
        assertEquals(List.of("line 2", "line 4"), app.importErrors().stream().map(RowError::location).toList());
        chat.message("a kettle under $45");
        chat.expect("conversation");
        chat.expect("understanding");
        var items = chat.expect("results").getJsonArray("items");
        assertEquals(1, items.size());
        assertEquals("k3", items.getJsonObject(0).getString("productId"));
        chat.untilDone();
      }
      // a restart without --catalog keeps the imported catalog
      try (Glasscart again = TestApp.start(TestApp.config(dataDir))) {
        assertEquals(3, again.catalogSize());
        JsonObject health = ChatSocketTestSupport.agentGet(vertx, again.port(), "/health");
        assertEquals(3, health.getInteger("products"));
      }
      // a file without one valid row is refused and changes nothing
      Path empty = dataDir.resolve("broken.jsonl");
      Files.writeString(empty, "{oops\n{\"id\":\"x\"}\n");
      IllegalStateException e = org.junit.jupiter.api.Assertions.assertThrows(IllegalStateException.class,
          () -> TestApp.start(TestApp.config(dataDir).toBuilder().catalogFile(empty).build()));
      assertTrue(e.getMessage().contains("no valid products"), e.getMessage());
      try (Glasscart after = TestApp.start(TestApp.config(dataDir))) {
        assertEquals(3, after.catalogSize());
      }
    } finally {
      vertx.close().await();
    }
  }
}
