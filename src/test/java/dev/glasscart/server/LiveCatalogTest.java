package dev.glasscart.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.glasscart.Glasscart;
import dev.glasscart.testing.TestApp;
import io.modelcontextprotocol.client.McpClient;
import io.modelcontextprotocol.client.McpSyncClient;
import io.modelcontextprotocol.client.transport.HttpClientStreamableHttpTransport;
import io.modelcontextprotocol.spec.McpSchema;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpClient;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.RequestOptions;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

/**
 * Live catalog changes through the agent API against the whole application (embedded PostgreSQL,
 * Lucene, ONNX embeddings, real HTTP and WebSocket): an upsert is found by the very next search,
 * a delete is gone from it (over MCP too), a conversation that refers to a deleted product is told so, the
 * vocabulary learns a new brand, and a full feed import reports its progress and survives a
 * restart.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
final class LiveCatalogTest {
  private static Path dataDir;
  private static Glasscart app;
  private static Vertx vertx;

  @BeforeAll
  static void start() {
    dataDir = TestApp.freshDataDir("live");
    app = TestApp.start(TestApp.config(dataDir));
    vertx = Vertx.vertx();
  }

  @AfterAll
  static void stop() {
    if (app != null) app.close();
    if (vertx != null) vertx.close().await();
  }

  private record Reply(int status, Buffer body) {
    JsonObject json() {
      return body.toJsonObject();
    }
  }

  private static Reply call(HttpMethod method, String path, String contentType, String body, boolean token) {
    HttpClient http = vertx.createHttpClient();
    try {
      RequestOptions o = new RequestOptions().setMethod(method).setHost("localhost").setPort(app.port()).setURI(path);
      if (token) o.putHeader("Authorization", "Bearer " + TestApp.AGENT_TOKEN);
      if (contentType != null) o.putHeader("Content-Type", contentType);
      return http.request(o).compose(req -> body == null ? req.send() : req.send(body))
          .compose(resp -> resp.body().map(b -> new Reply(resp.statusCode(), b))).await();
    } finally {
      http.close();
    }
  }

  private static List<String> searchIds(String query) {
    Reply r = call(HttpMethod.POST, "/api/search", "application/json", new JsonObject().put("query", query).put("limit", 10).encode(), false);
    assertEquals(200, r.status(), r.body().toString());
    return r.json().getJsonArray("items").stream().map(i -> ((JsonObject) i).getString("productId")).toList();
  }

  private static JsonObject product(String id, String title, String brand, String category, double price) {
    return new JsonObject().put("id", id).put("title", title).put("brand", brand).put("category", category)
        .put("price", price).put("description", title + ", made to last.").put("stock", 3).put("rating", 4.2).put("reviewCount", 7)
        .put("attributes", new JsonObject().put("colour", "teal"));
  }

  private static String text(List<JsonObject> events) {
    return events.stream().filter(e -> "token".equals(e.getString("type"))).map(e -> e.getString("text")).collect(Collectors.joining());
  }

  @Test
  @Order(1)
  void should_refuse_changes_without_the_agent_token() {
    Reply upsert = call(HttpMethod.POST, "/api/catalog/products", "application/json", product("x1", "Nope", "Nope", "tents", 1).encode(), false);
    Reply delete = call(HttpMethod.DELETE, "/api/catalog/products/x1", null, null, false);
    assertEquals(401, upsert.status());
    assertEquals(401, delete.status());
  }

  @Test
  @Order(2)
  void should_find_an_upsert_in_the_very_next_search_and_not_a_deleted_product() {
    // Given a product the demo catalog does not have, with a brand of its own
    String before = String.valueOf(call(HttpMethod.GET, "/health", null, null, false).json().getInteger("products"));
    JsonObject kayak = product("live-kayak-1", "Quillfjord touring kayak", "Quillfjord", "kayaks", 849);
    JsonArray body = new JsonArray().add(kayak).add(new JsonObject().put("id", "live-bad").put("title", "No price"));

    // When an agent upserts it (with a broken row beside it)
    Reply r = call(HttpMethod.POST, "/api/catalog/products", "application/json", body.encode(), true);

    // Then it is stored, the broken row is reported, and the very next search finds it
    assertEquals(200, r.status(), r.body().toString());
    assertEquals(1, r.json().getInteger("upserted"));
    assertTrue(r.json().getBoolean("saved"));
    JsonObject rejected = r.json().getJsonArray("errors").getJsonObject(0);
    assertEquals(List.of("index 1", "price"), List.of(rejected.getString("location"), rejected.getString("field")));
    assertEquals(Integer.parseInt(before) + 1, r.json().getInteger("products"));
    assertEquals("live-kayak-1", searchIds("quillfjord kayak").get(0));
    assertEquals("Quillfjord touring kayak", call(HttpMethod.GET, "/api/products/live-kayak-1", null, null, false).json().getString("title"));

    // And over the WebSocket the new brand is a word the shop knows: it becomes a brand constraint
    try (ChatClient chat = new ChatClient(vertx, app.port())) {
      chat.message("anything from quillfjord?");
      chat.expect("conversation");
      JsonObject understanding = chat.expect("understanding");
      assertTrue(understanding.getJsonArray("constraints").stream().map(c -> (JsonObject) c)
          .anyMatch(c -> c.getString("kind").equals("brand") && c.getString("value").equals("Quillfjord")), understanding.encode());
      JsonArray items = chat.expect("results").getJsonArray("items");
      assertEquals("live-kayak-1", items.getJsonObject(0).getString("productId"));
      chat.untilDone();
    }

    // When it is changed in place, then the next search sees the new version
    Reply changed = call(HttpMethod.POST, "/api/catalog/products", "application/json",
        product("live-kayak-1", "Quillfjord expedition kayak", "Quillfjord", "kayaks", 799).encode(), true);
    assertEquals(200, changed.status(), changed.body().toString());
    assertEquals(Integer.parseInt(before) + 1, changed.json().getInteger("products"), "replaced, not added");
    assertEquals("live-kayak-1", searchIds("expedition kayak").get(0));

    // And agents over MCP read the catalog as it is now, not as it was at start
    McpSyncClient mcp = McpClient.sync(HttpClientStreamableHttpTransport.builder("http://localhost:" + app.port())
        .endpoint("/mcp").build()).requestTimeout(Duration.ofSeconds(60)).build();
    try {
      mcp.initialize();
      McpSchema.CallToolResult found = mcp.callTool(new McpSchema.CallToolRequest("get_product", Map.of("id", "live-kayak-1")));
      assertFalse(Boolean.TRUE.equals(found.isError()), () -> found.content().toString());
      assertTrue(((McpSchema.TextContent) found.content().getFirst()).text().contains("Quillfjord expedition kayak"), found.content().toString());
      McpSchema.CallToolResult searched = mcp.callTool(new McpSchema.CallToolRequest("search_products", Map.of("query", "quillfjord kayak")));
      assertTrue(((McpSchema.TextContent) searched.content().getFirst()).text().contains("live-kayak-1"), searched.content().toString());

    // When it is deleted, then it is gone from the next search and from the product API
    Reply deleted = call(HttpMethod.DELETE, "/api/catalog/products/live-kayak-1", null, null, true);
    assertEquals(200, deleted.status(), deleted.body().toString());
    assertFalse(searchIds("quillfjord kayak").contains("live-kayak-1"));
    assertEquals(404, call(HttpMethod.GET, "/api/products/live-kayak-1", null, null, false).status());
    assertEquals(404, call(HttpMethod.DELETE, "/api/catalog/products/live-kayak-1", null, null, true).status());
      McpSchema.CallToolResult gone = mcp.callTool(new McpSchema.CallToolRequest("get_product", Map.of("id", "live-kayak-1")));
      assertEquals(Boolean.TRUE, gone.isError(), () -> gone.content().toString());
      assertTrue(((McpSchema.TextContent) gone.content().getFirst()).text().contains("no product with id 'live-kayak-1'"), gone.content().toString());
    } finally {
      mcp.closeGracefully();
    }
    assertEquals(Integer.parseInt(before), call(HttpMethod.GET, "/health", null, null, false).json().getInteger("products"));
  }

  @Test
  @Order(3)
  void should_tell_a_conversation_in_progress_that_a_shown_product_was_deleted() {
    try (ChatClient chat = new ChatClient(vertx, app.port())) {
      // Given a conversation that was shown some tents
      chat.message("tents");
      chat.expect("conversation");
      chat.expect("understanding");
      JsonArray items = chat.expect("results").getJsonArray("items");
      assertTrue(items.size() >= 2, items.encode());
      chat.untilDone();
      JsonObject second = items.getJsonObject(1);

      // When an agent deletes the second one while the shopper reads
      Reply deleted = call(HttpMethod.DELETE, "/api/catalog/products/" + second.getString("productId"), null, null, true);
      assertEquals(200, deleted.status(), deleted.body().toString());

      // Then asking about it says it is gone, by the title the shopper saw, and the socket goes on
      chat.message("why the second one?");
      assertEquals("why", chat.expect("understanding").getString("intent"));
      assertTrue(chat.expect("results").getJsonArray("items").isEmpty());
      String answer = text(chat.untilDone());
      assertTrue(answer.contains(second.getString("title")) && answer.contains("no longer in the catalog"), answer);

      // And the first one can still be explained, and a new search no longer offers the deleted one
      chat.message("why the first one?");
      chat.expect("understanding");
      JsonArray first = chat.expect("results").getJsonArray("items");
      assertEquals(items.getJsonObject(0).getString("productId"), first.getJsonObject(0).getString("productId"));
      chat.untilDone();
      chat.message("show me tents again");
      chat.expect("understanding");
      JsonArray again = chat.expect("results").getJsonArray("items");
      assertTrue(again.stream().noneMatch(i -> ((JsonObject) i).getString("productId").equals(second.getString("productId"))));
      chat.untilDone();
    }
  }

  private static String fixture(String name) throws IOException {
    try (InputStream in = LiveCatalogTest.class.getResourceAsStream("/feeds/" + name)) {
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    }
  }

  @Test
  @Order(4)
  void should_upsert_a_merchant_xml_feed_body_by_its_content_type() throws IOException {
    Reply r = call(HttpMethod.POST, "/api/catalog/products", "application/rss+xml", fixture("merchant.xml"), true);
    assertEquals(200, r.status(), r.body().toString());
    assertEquals(2, r.json().getInteger("upserted"));
    assertEquals(4, r.json().getInteger("rejected"));
    assertEquals("TENT-2P", searchIds("cirrus two-person tent").get(0));
  }

  @Test
  @Order(5)
  void should_import_a_whole_feed_in_the_background_and_report_its_progress() throws Exception {
    // When an agent posts a Merchant Center TSV feed as a full import
    Reply started = call(HttpMethod.POST, "/api/catalog/imports?name=feed.tsv", "text/tab-separated-values", fixture("merchant.tsv"), true);

    // Then a job is accepted and its progress can be followed to the end
    assertEquals(202, started.status(), started.body().toString());
    String job = started.json().getString("jobId");
    JsonObject status = started.json();
    long until = System.nanoTime() + 120_000_000_000L;
    while (!List.of("done", "failed").contains(status.getString("state")) && System.nanoTime() < until) {
      Thread.sleep(100);
      Reply polled = call(HttpMethod.GET, "/api/catalog/imports/" + job, null, null, true);
      assertEquals(200, polled.status());
      status = polled.json();
    }
    assertEquals("done", status.getString("state"), status.encode());
    assertEquals(3, status.getInteger("products"));
    assertEquals(4, status.getInteger("rejected"));
    assertEquals(List.of("line 4", "line 5", "line 6", "line 7"), status.getJsonArray("errors").stream()
        .map(e -> ((JsonObject) e).getString("location")).toList());
    assertEquals(6, status.getJsonObject("embedded").getInteger("total"), "product texts and titles");
    assertEquals(6, status.getJsonObject("embedded").getInteger("done"));

    // And the catalog is the feed's: the next search finds its products and not the demo's
    assertEquals(3, call(HttpMethod.GET, "/health", null, null, false).json().getInteger("products"));
    assertEquals("TR-100-RED-10", searchIds("red trail runner").get(0));
    assertTrue(searchIds("tents").stream().allMatch(id -> id.startsWith("TR-") || id.startsWith("MG-")));
    assertEquals(404, call(HttpMethod.GET, "/api/catalog/imports/no-such-job", null, null, true).status());

    // And it was stored durably: a restart serves the same catalog
    app.close();
    app = TestApp.start(TestApp.config(dataDir));
    assertEquals(3, app.catalogSize());
    assertEquals("TR-100-RED-10", searchIds("red trail runner").get(0));
  }
}
