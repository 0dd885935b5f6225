package dev.glasscart.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.glasscart.AppConfig;
import dev.glasscart.Glasscart;
import dev.glasscart.testing.TestApp;
import io.modelcontextprotocol.client.McpClient;
import io.modelcontextprotocol.client.McpSyncClient;
import io.modelcontextprotocol.client.transport.HttpClientStreamableHttpTransport;
import io.modelcontextprotocol.spec.McpError;
import io.modelcontextprotocol.spec.McpSchema;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashSet;
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
 * The MCP server at /mcp against the whole application (embedded PostgreSQL, Lucene, ONNX), with
 * the official Java MCP SDK's streamable HTTP client as the agent, and raw HTTP for the transport's
 * edges; last, the same data dir restarted with {@code --mcp off}.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
final class McpServerTest {
  private static final String SHOP = "http://shop.example";
  private static Path dataDir;
  private static Glasscart app;
  private static McpSyncClient client;
  private static final HttpClient HTTP = HttpClient.newHttpClient();

  @BeforeAll
  static void start() {
    dataDir = TestApp.freshDataDir("mcp");
    app = TestApp.start(TestApp.config(dataDir).toBuilder().allowedOrigins(List.of(SHOP)).build());
    client = McpClient.sync(HttpClientStreamableHttpTransport.builder("http://localhost:" + app.port()).endpoint("/mcp").build())
        .requestTimeout(Duration.ofSeconds(60)).build();
    McpSchema.InitializeResult init = client.initialize();
    assertEquals("2025-11-25", init.protocolVersion());
    assertEquals("glasscart", init.serverInfo().name());
    assertNotNull(init.capabilities().tools());
  }

  @AfterAll
  static void stop() {
    if (client != null) client.closeGracefully();
    if (app != null) app.close();
  }

  private static JsonObject call(String tool, Map<String, Object> args) {
    McpSchema.CallToolResult r = client.callTool(new McpSchema.CallToolRequest(tool, args));
    assertFalse(Boolean.TRUE.equals(r.isError()), () -> tool + " failed: " + r.content());
    JsonObject fromText = new JsonObject(((McpSchema.TextContent) r.content().getFirst()).text());
    assertEquals(fromText, new JsonObject(io.vertx.core.json.Json.encode(r.structuredContent())),
        "the text block holds the structured result");
    return fromText;
  }

  private static String toolError(String tool, Map<String, Object> args) {
    McpSchema.CallToolResult r = client.callTool(new McpSchema.CallToolRequest(tool, args));
    assertEquals(Boolean.TRUE, r.isError(), () -> tool + " should fail: " + r.content());
    return ((McpSchema.TextContent) r.content().getFirst()).text();
  }

  private static void assertContributionsAddUp(JsonObject item) {
    double sum = 0;
    JsonArray contributions = item.getJsonArray("contributions");
    assertFalse(contributions.isEmpty(), item.encode());
    for (int i = 0; i < contributions.size(); i++) {
      JsonObject c = contributions.getJsonObject(i);
      assertFalse(c.getString("feature").isBlank());
      assertFalse(c.getString("label").isBlank(), c.encode());
      sum += c.getDouble("value");
    }
    assertEquals(item.getDouble("score"), sum, 1e-9, item.encode());
  }

  private record Reply(int status, Map<String, List<String>> headers, String body) {
    JsonObject json() {
      return new JsonObject(body);
    }

    String header(String name) {
      return headers.entrySet().stream().filter(e -> e.getKey().equalsIgnoreCase(name)).map(e -> e.getValue().getFirst())
          .findFirst().orElse(null);
    }
  }

  private static Reply http(String method, String path, String body, String... headers) throws Exception {
    HttpRequest.Builder b = HttpRequest.newBuilder(URI.create("http://localhost:" + app.port() + path))
        .method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body))
        .timeout(Duration.ofSeconds(60));
    for (int i = 0; i < headers.length; i += 2) b.header(headers[i], headers[i + 1]);
    HttpResponse<String> r = HTTP.send(b.build(), HttpResponse.BodyHandlers.ofString());
    return new Reply(r.statusCode(), r.headers().map(), r.body());
  }

  private static Reply mcp(String body, String session, String... more) throws Exception {
    List<String> h = new java.util.ArrayList<>(List.of("Content-Type", "application/json", "Accept", "application/json, text/event-stream"));
    if (session != null) h.addAll(List.of("Mcp-Session-Id", session));
    h.addAll(List.of(more));
    return http("POST", "/mcp", body, h.toArray(String[]::new));
  }

  private static String rpc(Object id, String method, JsonObject params) {
    JsonObject m = new JsonObject().put("jsonrpc", "2.0").put("method", method);
    if (id != null) m.put("id", id);
    if (params != null) m.put("params", params);
    return m.encode();
  }

  /** A session opened by hand: its id. */
  private static String initialize(String version) throws Exception {
    Reply r = mcp(rpc(1, "initialize", new JsonObject().put("protocolVersion", version).put("capabilities", new JsonObject())
        .put("clientInfo", new JsonObject().put("name", "raw").put("version", "1"))), null);
    assertEquals(200, r.status(), r.body());
    String session = r.header("Mcp-Session-Id");
    assertNotNull(session);
    assertTrue(session.chars().allMatch(c -> c >= 0x21 && c <= 0x7e), session);
    assertEquals(202, mcp(rpc(null, "notifications/initialized", null), session).status());
    return session;
  }

  @Test
  @Order(1)
  void should_list_four_read_only_tools_with_input_schemas() {
    List<McpSchema.Tool> tools = client.listTools().tools();
    Set<String> names = new HashSet<>();
    for (McpSchema.Tool t : tools) {
      names.add(t.name());
      assertEquals("object", t.inputSchema().type(), t.name());
      assertFalse(t.inputSchema().properties().isEmpty(), t.name());
      assertFalse(t.inputSchema().required().isEmpty(), t.name());
      assertEquals(Boolean.FALSE, t.inputSchema().additionalProperties(), t.name());
      assertTrue(t.inputSchema().properties().keySet().containsAll(t.inputSchema().required()), t.name());
      assertEquals(Boolean.TRUE, t.annotations().readOnlyHint(), t.name());
      assertFalse(t.description().isBlank());
    }
    assertEquals(Set.of("search_products", "get_product", "compare_products", "explain_ranking"), names);
  }

  @Test
  @Order(2)
  void should_search_with_the_same_ranked_items_as_the_http_api() throws Exception {
    JsonObject result = call("search_products", Map.of("query", "espresso machine", "limit", 6));
    JsonArray items = result.getJsonArray("items");
    assertEquals(6, items.size());
    for (int i = 0; i < items.size(); i++) {
      assertEquals(i + 1, items.getJsonObject(i).getInteger("rank"));
      assertContributionsAddUp(items.getJsonObject(i));
      if (i > 0) assertTrue(items.getJsonObject(i - 1).getDouble("score") >= items.getJsonObject(i).getDouble("score"));
    }
    Reply api = http("POST", "/api/search", new JsonObject().put("query", "espresso machine").put("limit", 6).encode(),
        "Content-Type", "application/json");
    assertEquals(200, api.status());
    assertEquals(api.json().getJsonArray("items"), items, "MCP and /api/search rank alike, to the last contribution");
  }

  @Test
  @Order(3)
  void should_keep_only_products_meeting_the_filters() {
    JsonArray unfiltered = call("search_products", Map.of("query", "coffee", "limit", 20)).getJsonArray("items");
    String brand = unfiltered.getJsonObject(0).getString("brand");
    double price = unfiltered.getJsonObject(0).getDouble("price");
    JsonObject result = call("search_products", Map.of("query", "coffee", "limit", 10,
        "filters", Map.of("brand", brand.toUpperCase(), "maxPrice", price + 0.01)));
    JsonArray items = result.getJsonArray("items");
    assertFalse(items.isEmpty());
    for (int i = 0; i < items.size(); i++) {
      JsonObject item = items.getJsonObject(i);
      assertTrue(item.getString("brand").equalsIgnoreCase(brand), item.encode());
      assertTrue(item.getDouble("price") <= price + 0.01, item.encode());
      assertContributionsAddUp(item);
    }
    assertEquals(2, result.getJsonArray("filters").size());
    assertTrue(result.getJsonArray("notes").isEmpty(), result.encode());

    JsonObject none = call("search_products", Map.of("query", "coffee", "filters", Map.of("brand", "No Such Brand Anywhere")));
    assertTrue(none.getJsonArray("items").isEmpty());
    assertTrue(none.getJsonArray("notes").encode().contains("No Such Brand Anywhere"), none.encode());
  }

  @Test
  @Order(4)
  void should_get_the_catalog_record_the_http_api_serves() throws Exception {
    String id = call("search_products", Map.of("query", "backpack", "limit", 1)).getJsonArray("items").getJsonObject(0).getString("productId");
    JsonObject product = call("get_product", Map.of("id", id));
    Reply api = http("GET", "/api/products/" + id, null);
    assertEquals(api.json(), product);
    assertTrue(toolError("get_product", Map.of("id", "no-such-product")).contains("no-such-product"));
  }

  @Test
  @Order(5)
  void should_compare_products_side_by_side() {
    JsonArray top = call("search_products", Map.of("query", "espresso machine", "limit", 3)).getJsonArray("items");
    List<String> ids = List.of(top.getJsonObject(2).getString("productId"), top.getJsonObject(0).getString("productId"));
    JsonObject cmp = call("compare_products", Map.of("ids", ids, "query", "espresso machine"));
    JsonArray products = cmp.getJsonArray("products");
    assertEquals(ids, List.of(products.getJsonObject(0).getString("productId"), products.getJsonObject(1).getString("productId")));
    JsonObject priceRow = null;
    for (int i = 0; i < cmp.getJsonArray("rows").size(); i++) {
      JsonObject row = cmp.getJsonArray("rows").getJsonObject(i);
      assertEquals(2, row.getJsonArray("values").size(), row.encode());
      assertFalse(row.getString("label").isBlank());
      if (row.getString("field").equals("price")) priceRow = row;
    }
    assertNotNull(priceRow);
    for (int i = 0; i < 2; i++) {
      JsonObject product = call("get_product", Map.of("id", ids.get(i)));
      assertEquals(product.getDouble("price"), priceRow.getJsonArray("values").getDouble(i));
      assertContributionsAddUp(cmp.getJsonArray("items").getJsonObject(i));
    }
    // ranked against the query, the one shown third scores below the one shown first
    assertTrue(cmp.getJsonArray("items").getJsonObject(0).getDouble("score") <= cmp.getJsonArray("items").getJsonObject(1).getDouble("score"));
    assertTrue(toolError("compare_products", Map.of("ids", List.of(ids.getFirst()))).contains("2 to"));
  }

  @Test
  @Order(6)
  void should_explain_a_shown_product_with_the_search_s_own_numbers() {
    JsonArray items = call("search_products", Map.of("query", "espresso machine", "limit", 20)).getJsonArray("items");
    JsonObject third = items.getJsonObject(2);
    JsonObject why = call("explain_ranking", Map.of("query", "espresso machine", "productId", third.getString("productId")));
    assertEquals("shown", why.getString("status"));
    assertEquals(3, why.getInteger("rank"));
    assertEquals(third.getDouble("score"), why.getDouble("score"));
    assertEquals(third.getJsonArray("contributions"), why.getJsonArray("contributions"));
    assertContributionsAddUp(why);
    JsonArray explanation = why.getJsonArray("explanation");
    assertFalse(explanation.isEmpty());
    for (int i = 0; i < explanation.size(); i++) {
      assertFalse(explanation.getJsonObject(i).getString("sentence").isBlank());
      assertFalse(explanation.getJsonObject(i).getJsonArray("basis").isEmpty(), explanation.getJsonObject(i).encode());
    }

    JsonObject fifteenth = items.getJsonObject(14);
    JsonObject below = call("explain_ranking", Map.of("query", "espresso machine", "productId", fifteenth.getString("productId"), "limit", 10));
    assertEquals("below_limit", below.getString("status"));
    assertFalse(below.getBoolean("shown"));
    assertEquals(15, below.getInteger("rank"));
    assertEquals(fifteenth.getDouble("score"), below.getDouble("score"));
    assertTrue(below.getJsonArray("reasons").getString(0).contains("#15"), below.encode());
  }

  @Test
  @Order(7)
  void should_say_why_a_product_is_not_shown() {
    JsonObject first = call("search_products", Map.of("query", "espresso machine", "limit", 1)).getJsonArray("items").getJsonObject(0);
    double price = first.getDouble("price");
    JsonObject filtered = call("explain_ranking", Map.of("query", "espresso machine", "productId", first.getString("productId"),
        "filters", Map.of("maxPrice", Math.floor(price / 2))));
    assertEquals("filtered_out", filtered.getString("status"));
    assertNull(filtered.getValue("rank"));
    assertEquals(1, filtered.getJsonArray("unmetFilters").size());
    assertEquals("price_max", filtered.getJsonArray("unmetFilters").getJsonObject(0).getString("kind"));
    assertContributionsAddUp(filtered);
    assertFalse(filtered.getJsonArray("explanation").isEmpty());

    // a product retrieval does not find for the query at all: one of another query's that is not in its whole list
    Set<String> espresso = new HashSet<>();
    JsonArray all = call("search_products", Map.of("query", "espresso machine", "limit", 50)).getJsonArray("items");
    for (int i = 0; i < all.size(); i++) espresso.add(all.getJsonObject(i).getString("productId"));
    JsonArray others = call("search_products", Map.of("query", "backpack", "limit", 10)).getJsonArray("items");
    String stranger = null;
    for (int i = 0; i < others.size() && stranger == null; i++) {
      if (!espresso.contains(others.getJsonObject(i).getString("productId"))) stranger = others.getJsonObject(i).getString("productId");
    }
    assertNotNull(stranger);
    JsonObject missing = call("explain_ranking", Map.of("query", "espresso machine", "productId", stranger));
    assertEquals("not_retrieved", missing.getString("status"));
    assertFalse(missing.getBoolean("retrieved"));
    assertNull(missing.getValue("rank"));
    assertTrue(missing.getInteger("wouldRank") >= 1);
    assertContributionsAddUp(missing);
    assertTrue(missing.getDouble("score") < missing.getJsonObject("shownScores").getDouble("last"), missing.encode());
  }

  @Test
  @Order(8)
  void should_report_bad_calls_as_errors_the_agent_can_read() {
    assertTrue(toolError("search_products", Map.of("query", "boots", "limit", 0)).contains("'limit'"));
    assertTrue(toolError("search_products", Map.of("query", "boots", "filters", Map.of("colour", "red"))).contains("unknown filter 'colour'"));
    assertTrue(toolError("search_products", Map.of("query", "boots", "filters", Map.of("minPrice", 50, "maxPrice", 10))).contains("above"));
    assertTrue(toolError("search_products", Map.of("query", "")).contains("no filters"));
    assertTrue(toolError("search_products", Map.of("query", "boots\u0000")).contains("control character U+0000"));
    assertTrue(toolError("search_products", Map.of("query", "boots", "sort", "cheapest")).contains("unknown argument 'sort'"));
    assertTrue(toolError("explain_ranking", Map.of("query", "boots", "productId", "nope")).contains("'nope'"));
    McpError unknown = assertThrows(McpError.class, () -> client.callTool(new McpSchema.CallToolRequest("delete_everything", Map.of())));
    assertTrue(unknown.getMessage().contains("unknown tool"), unknown.getMessage());
    assertNotNull(client.ping());
  }

  @Test
  @Order(9)
  void should_follow_the_streamable_http_transport() throws Exception {
    // version negotiation: an older version gets the newest; a known one is kept
    Reply old = mcp(rpc(1, "initialize", new JsonObject().put("protocolVersion", "2024-11-05")), null);
    assertEquals("2025-11-25", old.json().getJsonObject("result").getString("protocolVersion"));
    String session = initialize("2025-06-18");

    Reply parse = mcp("{\"jsonrpc\": \"2.0\", \"id\": 1, \"method\": ", session);
    assertEquals(400, parse.status());
    assertEquals(-32700, parse.json().getJsonObject("error").getInteger("code"));
    assertEquals(400, mcp("[" + rpc(1, "ping", null) + "]", session).status());
    assertEquals(-32600, mcp("{\"id\":1,\"method\":\"ping\"}", session).json().getJsonObject("error").getInteger("code"));
    assertEquals(-32601, mcp(rpc(7, "resources/list", null), session).json().getJsonObject("error").getInteger("code"));

    assertEquals(400, mcp(rpc(2, "tools/list", null), null).status(), "no session header");
    assertEquals(404, mcp(rpc(2, "tools/list", null), "not-a-session").status());
    assertEquals(400, mcp(rpc(2, "tools/list", null), session, "MCP-Protocol-Version", "1999-01-01").status());
    Reply list = mcp(rpc("a", "tools/list", null), session, "MCP-Protocol-Version", "2025-06-18");
    assertEquals(200, list.status());
    assertEquals("a", list.json().getString("id"));
    assertEquals(4, list.json().getJsonObject("result").getJsonArray("tools").size());

    // a tool call streams as SSE to a client taking it, as JSON to one that takes JSON only
    String search = rpc(3, "tools/call", new JsonObject().put("name", "search_products")
        .put("arguments", new JsonObject().put("query", "backpack").put("limit", 2)));
    Reply sse = mcp(search, session);
    assertEquals(200, sse.status());
    assertTrue(sse.header("Content-Type").startsWith("text/event-stream"), sse.header("Content-Type"));
    assertTrue(sse.body().startsWith("event: message\ndata: "), sse.body());
    JsonObject streamed = new JsonObject(sse.body().substring(sse.body().indexOf("data: ") + 6).strip());
    Reply json = http("POST", "/mcp", search, "Content-Type", "application/json", "Accept", "application/json", "Mcp-Session-Id", session);
    assertTrue(json.header("Content-Type").startsWith("application/json"));
    assertEquals(streamed, json.json());
    assertEquals(2, json.json().getJsonObject("result").getJsonObject("structuredContent").getJsonArray("items").size());
    assertEquals(406, http("POST", "/mcp", search, "Accept", "text/html", "Mcp-Session-Id", session).status());
    Reply noAccept = http("POST", "/mcp", search, "Content-Type", "application/json", "Mcp-Session-Id", session);
    assertEquals(streamed, noAccept.json());
    Reply sseOnly = http("POST", "/mcp", rpc(5, "tools/list", null), "Accept", "text/event-stream", "Mcp-Session-Id", session);
    assertTrue(sseOnly.header("Content-Type").startsWith("text/event-stream"), sseOnly.header("Content-Type"));
    assertTrue(sseOnly.body().contains("\"search_products\""), sseOnly.body());

    // no server-sent stream: GET is 405; DELETE ends the session
    assertEquals(405, http("GET", "/mcp", null, "Accept", "text/event-stream", "Mcp-Session-Id", session).status());
    assertEquals(204, http("DELETE", "/mcp", null, "Mcp-Session-Id", session).status());
    assertEquals(404, mcp(rpc(4, "ping", null), session).status());
    assertEquals(404, http("DELETE", "/mcp", null, "Mcp-Session-Id", session).status());
  }

  @Test
  @Order(10)
  void should_refuse_pages_outside_the_allowlist() throws Exception {
    String init = rpc(1, "initialize", new JsonObject().put("protocolVersion", "2025-11-25"));
    assertEquals(403, mcp(init, null, "Origin", "http://evil.example").status());
    assertEquals(200, mcp(init, null, "Origin", SHOP).status());
  }

  @Test
  @Order(11)
  void should_be_off_when_the_operator_says_so() throws Exception {
    assertFalse(AppConfig.parse(new String[] {"--mcp", "off"}, Map.of()).server().mcp());
    assertFalse(AppConfig.parse(new String[0], Map.of("GLASSCART_MCP", "off")).server().mcp());
    assertTrue(AppConfig.parse(new String[0], Map.of()).server().mcp());
    IllegalArgumentException bad = assertThrows(IllegalArgumentException.class, () -> AppConfig.parse(new String[] {"--mcp", "maybe"}, Map.of()));
    assertTrue(bad.getMessage().contains("--mcp"), bad.getMessage());

    client.closeGracefully();
    client = null;
    app.close();
    app = TestApp.start(TestApp.config(dataDir).toBuilder().mcp(false).build());
    assertEquals(404, mcp(rpc(1, "initialize", new JsonObject().put("protocolVersion", "2025-11-25")), null).status());
    assertEquals(200, http("POST", "/api/search", "{\"query\":\"backpack\",\"limit\":1}", "Content-Type", "application/json").status());
  }
}
