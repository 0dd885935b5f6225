package dev.glasscart.server;

import dev.glasscart.testing.TestApp;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.glasscart.Glasscart;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpClient;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.RequestOptions;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.junit5.VertxExtension;
import io.vertx.junit5.VertxTestContext;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** The HTTP API of docs/protocol.md: health, search, products, agent auth, the web UI. */
@ExtendWith(VertxExtension.class)
final class HttpApiTest {
  private static Glasscart app;

  @BeforeAll
  static void start() {
    app = TestApp.start(TestApp.config(TestApp.freshDataDir("http")));
  }

  @AfterAll
  static void stop() {
    if (app != null) app.close();
  }

  private record Reply(int status, Buffer body) {
    JsonObject json() {
      return body.toJsonObject();
    }
  }

  private static Reply call(Vertx vertx, HttpMethod method, String path, String body, String token) {
    HttpClient http = vertx.createHttpClient();
    try {
      RequestOptions o = new RequestOptions().setMethod(method).setHost("localhost").setPort(app.port()).setURI(path);
      if (token != null) o.putHeader("Authorization", "Bearer " + token);
      return http.request(o).compose(req -> body == null ? req.send() : req.send(body))
          .compose(resp -> resp.body().map(b -> new Reply(resp.statusCode(), b))).await();
    } finally {
      http.close();
    }
  }

  @Test
  void should_list_related_products_with_their_reasons(Vertx vertx) throws Exception {
    assertTrue(app.awaitGraph(java.time.Duration.ofMinutes(2)), "the product graph was not built");
    JsonObject laptop = call(vertx, HttpMethod.POST, "/api/search", new JsonObject().put("query", "laptop").put("limit", 1).encode(), null)
        .json().getJsonArray("items").getJsonObject(0);
    assertEquals("laptops", laptop.getString("category"));
    Reply r = call(vertx, HttpMethod.GET, "/api/products/" + laptop.getString("productId") + "/related", null, null);
    assertEquals(200, r.status());
    JsonArray edges = r.json().getJsonArray("edges");
    java.util.Set<String> relations = new java.util.HashSet<>();
    for (Object o : edges) {
      JsonObject e = (JsonObject) o;
      relations.add(e.getString("relation"));
      assertFalse(e.getString("reason").isBlank());
      assertFalse(e.getString("title").isBlank());
      assertFalse(laptop.getString("productId").equals(e.getString("productId")));
      JsonObject other = call(vertx, HttpMethod.GET, "/api/products/" + e.getString("productId"), null, null).json();
      assertEquals(other.getString("title"), e.getString("title"));
      switch (e.getString("relation")) {
        case "same_brand" -> assertEquals("also by " + laptop.getString("brand"), e.getString("reason").split(",")[0]);
        case "similar" -> assertEquals("laptops", other.getString("category"));
        case "cheaper_alternative" -> assertTrue(other.getDouble("price") < laptop.getDouble("price"));
        case "complementary" -> assertTrue(e.getString("reason").contains(" go with laptops"), e.getString("reason"));
        default -> throw new AssertionError("unknown relation " + e);
      }
    }
    assertEquals(java.util.Set.of("similar", "same_brand", "complementary", "cheaper_alternative"), relations, edges.encodePrettily());
    assertEquals(404, call(vertx, HttpMethod.GET, "/api/products/no-such-product/related", null, null).status());

    // the same edges for a Chinese shopper: each reason in Chinese from the two products' facts
    Reply zh = call(vertx, HttpMethod.GET, "/api/products/" + laptop.getString("productId") + "/related?lang=zh", null, null);
    JsonArray zhEdges = zh.json().getJsonArray("edges");
    assertEquals(edges.size(), zhEdges.size());
    for (int i = 0; i < edges.size(); i++) {
      JsonObject en = edges.getJsonObject(i);
      JsonObject e = zhEdges.getJsonObject(i);
      assertEquals(en.getString("productId"), e.getString("productId"));
      assertEquals(en.getString("relation"), e.getString("relation"));
      String reason = e.getString("reason");
      assertTrue(reason.codePoints().anyMatch(dev.glasscart.query.Language::isCjk), reason);
      JsonObject other = call(vertx, HttpMethod.GET, "/api/products/" + e.getString("productId"), null, null).json();
      switch (e.getString("relation")) {
        case "same_brand" -> assertTrue(reason.startsWith("同为" + laptop.getString("brand") + "品牌"), reason);
        case "similar" -> assertTrue(reason.startsWith("同属laptops"), reason);
        case "cheaper_alternative" -> assertTrue(reason.startsWith("便宜" + dev.glasscart.catalog.Money.formatChinese(
            laptop.getDouble("price") - other.getDouble("price"), laptop.getString("currency"))), reason);
        case "complementary" -> assertTrue(reason.startsWith("适合与" + laptop.getString("title") + "一起使用"), reason);
        default -> throw new AssertionError("unknown relation " + e);
      }
    }
  }

  @Test
  void should_serve_the_trust_measures_and_their_csv_to_agents(Vertx vertx) {
    assertEquals(401, call(vertx, HttpMethod.GET, "/api/metrics/trust/usefulness.csv", null, null).status());
    JsonObject m = call(vertx, HttpMethod.GET, "/api/metrics/trust?days=7", null, TestApp.AGENT_TOKEN).json();
    for (String k : java.util.List.of("usefulness", "reliability", "safety", "fairness", "items")) assertTrue(m.containsKey(k), k);
    assertEquals(7, m.getJsonObject("window").getInteger("days"));
    Reply csv = call(vertx, HttpMethod.GET, "/api/metrics/trust/fairness.csv", null, TestApp.AGENT_TOKEN);
    assertEquals(200, csv.status());
    assertTrue(csv.body().toString().startsWith("day,explainer,promptVersion,dimension,value,"));
    assertEquals(404, call(vertx, HttpMethod.GET, "/api/metrics/trust/other.csv", null, TestApp.AGENT_TOKEN).status());
    assertEquals(400, call(vertx, HttpMethod.GET, "/api/metrics/trust?days=0", null, TestApp.AGENT_TOKEN).status());
  }

  @Test
  void should_report_health(Vertx vertx) {
    Reply r = call(vertx, HttpMethod.GET, "/health", null, null);
    assertEquals(200, r.status());
    assertEquals("ok", r.json().getString("status"));
    assertEquals("ok", r.json().getString("database"));
    assertTrue(r.json().getInteger("products") >= 1000);
  }

  @Test
  void should_search_with_exact_contributions(Vertx vertx) {
    Reply r = call(vertx, HttpMethod.POST, "/api/search", new JsonObject().put("query", "espresso machine").put("limit", 4).encode(), null);
    assertEquals(200, r.status());
    JsonArray items = r.json().getJsonArray("items");
    assertEquals(4, items.size());
    for (int i = 0; i < items.size(); i++) {
      JsonObject item = items.getJsonObject(i);
      assertEquals(i + 1, item.getInteger("rank"));
      double sum = item.getJsonArray("contributions").stream().mapToDouble(c -> ((JsonObject) c).getDouble("value")).sum();
      assertEquals(item.getDouble("score"), sum, 1e-6);
      if (i > 0) assertTrue(items.getJsonObject(i - 1).getDouble("score") >= item.getDouble("score"));
    }
    assertTrue(items.getJsonObject(0).getString("category").toLowerCase().contains("coffee"),
        "an espresso machine query finds coffee makers first: " + items.getJsonObject(0).encode());
  }

  @Test
  void should_search_a_query_of_more_than_1024_terms(Vertx vertx) {
    StringBuilder q = new StringBuilder("backpack");
    for (int i = 0; i < 1_500; i++) q.append(" t").append(Integer.toString(i, 36));
    Reply r = call(vertx, HttpMethod.POST, "/api/search", new JsonObject().put("query", q.toString()).put("limit", 3).encode(), null);
    assertEquals(200, r.status(), r.json().encode());
    assertEquals(3, r.json().getJsonArray("items").size());
    assertTrue(r.json().getJsonArray("items").getJsonObject(0).getString("title").toLowerCase().contains("backpack"),
        r.json().encode());
  }

  @Test
  void should_refuse_bad_search_requests_with_clear_errors(Vertx vertx) {
    Reply notJson = call(vertx, HttpMethod.POST, "/api/search", "{oops", null);
    assertEquals(400, notJson.status());
    assertEquals("bad_request", notJson.json().getJsonObject("error").getString("code"));
    assertEquals(400, call(vertx, HttpMethod.POST, "/api/search", "{\"query\":\"\"}", null).status());
    Reply badLimit = call(vertx, HttpMethod.POST, "/api/search", "{\"query\":\"boots\",\"limit\":1000}", null);
    assertEquals(400, badLimit.status());
    assertTrue(badLimit.json().getJsonObject("error").getString("message").contains("limit"));
    // 2^32 + 1 must not wrap to 1, nor a fraction round
    assertEquals(400, call(vertx, HttpMethod.POST, "/api/search", "{\"query\":\"boots\",\"limit\":4294967297}", null).status());
    assertEquals(400, call(vertx, HttpMethod.POST, "/api/search", "{\"query\":\"boots\",\"limit\":2.5}", null).status());
  }

  @Test
  void should_refuse_control_characters_in_the_conversation_search(Vertx vertx) {
    Reply nul = call(vertx, HttpMethod.GET, "/api/conversations?q=%00", null, TestApp.AGENT_TOKEN);
    assertEquals(400, nul.status());
    assertTrue(nul.json().getJsonObject("error").getString("message").contains("control characters"), nul.body().toString());
    assertEquals(200, call(vertx, HttpMethod.GET, "/api/conversations?q=boots", null, TestApp.AGENT_TOKEN).status());
  }

  @Test
  void should_serve_products_and_404_for_unknown_ones(Vertx vertx) {
    Reply search = call(vertx, HttpMethod.POST, "/api/search", "{\"query\":\"backpack\",\"limit\":1}", null);
    String id = search.json().getJsonArray("items").getJsonObject(0).getString("productId");
    Reply product = call(vertx, HttpMethod.GET, "/api/products/" + id, null, null);
    assertEquals(200, product.status());
    assertEquals(id, product.json().getString("id"));
    assertFalse(product.json().getJsonArray("reviews").isEmpty());
    Reply missing = call(vertx, HttpMethod.GET, "/api/products/nope", null, null);
    assertEquals(404, missing.status());
    assertEquals("not_found", missing.json().getJsonObject("error").getString("code"));
  }

  @Test
  void should_guard_agent_endpoints_with_the_token(Vertx vertx) {
    assertEquals(401, call(vertx, HttpMethod.GET, "/api/conversations", null, null).status());
    assertEquals(401, call(vertx, HttpMethod.GET, "/api/conversations", null, "wrong-token-wrong-token").status());
    assertEquals(401, call(vertx, HttpMethod.GET, "/api/metrics/trust", null, null).status());
    Reply ok = call(vertx, HttpMethod.GET, "/api/conversations?limit=5", null, TestApp.AGENT_TOKEN);
    assertEquals(200, ok.status());
    assertTrue(ok.json().containsKey("items"));
    assertEquals(404, call(vertx, HttpMethod.GET, "/api/conversations/unknown", null, TestApp.AGENT_TOKEN).status());
    assertEquals(400, call(vertx, HttpMethod.GET, "/api/conversations?limit=-3", null, TestApp.AGENT_TOKEN).status());
  }

  @Test
  void should_serve_the_web_ui(Vertx vertx, VertxTestContext ctx) {
    Reply page = call(vertx, HttpMethod.GET, "/", null, null);
    assertEquals(200, page.status());
    assertTrue(page.body().toString().contains("<html"), "index.html is served at /");
    Reply console = call(vertx, HttpMethod.GET, "/agent", null, null);
    assertEquals(200, console.status());
    assertTrue(console.body().toString().contains("agent.js"), "agent.html is served at /agent");
    // the browser tests under web-ui/test are not part of the site
    assertEquals(404, call(vertx, HttpMethod.GET, "/test/chat.mjs", null, null).status());
    assertEquals(404, call(vertx, HttpMethod.GET, "/test/package.json", null, null).status());
    ctx.completeNow();
  }
}
