package dev.glasscart.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.networknt.schema.Error;
import com.networknt.schema.Schema;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.SpecificationVersion;
import dev.glasscart.Glasscart;
import dev.glasscart.catalog.CatalogExporter;
import dev.glasscart.catalog.DemoCatalog;
import dev.glasscart.testing.TestApp;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectMapper;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * The OpenAPI document at {@code /openapi.json} against the running server: it names exactly the
 * routes the server mounts, and real responses of every endpoint, for every status it documents,
 * validate against its schemas with a JSON Schema 2020-12 validator (networknt), content types
 * included. A conversation is made over the WebSocket first so the agent endpoints have turns and
 * feedback to show; the catalog routes change the catalog and then import it back as it was.
 */
final class OpenApiTest {
  private static final ObjectMapper JSON = JsonMapper.builder().build();
  private static final SchemaRegistry SCHEMAS = SchemaRegistry.withDefaultDialect(SpecificationVersion.DRAFT_2020_12);

  private static Glasscart app;
  private static Vertx vertx;
  private static HttpClient http;
  private static JsonNode document;
  /** {@code METHOD /path/{param} status} of every response checked so far. */
  private static final Set<String> checked = new TreeSet<>();

  @BeforeAll
  static void start() throws Exception {
    app = TestApp.start(TestApp.config(TestApp.freshDataDir("openapi")));
    vertx = Vertx.vertx();
    http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();
    HttpResponse<String> doc = get("/openapi.json", null);
    assertEquals(200, doc.statusCode());
    document = JSON.readTree(doc.body());
  }

  @AfterAll
  static void stop() throws Exception {
    if (vertx != null) vertx.close().await();
    if (app != null) app.close();
  }

  @Test
  void every_endpoint_answers_as_the_document_describes() throws Exception {
    String conversationId;
    String productId;
    String shopperToken;
    try (ChatClient chat = new ChatClient(vertx, app.port())) {
      chat.message("a rain jacket");
      JsonObject conversation = chat.expect("conversation");
      conversationId = conversation.getString("conversationId");
      shopperToken = conversation.getString("shopperToken");
      assertNotNull(shopperToken, "a new shopper gets a token");
      List<JsonObject> first = chat.untilDone();
      String shown = first.stream().filter(e -> "results".equals(e.getString("type"))).findFirst().orElseThrow()
          .getJsonArray("items").getJsonObject(0).getString("productId");
      chat.message("why the first one?");
      chat.untilDone();
      chat.send(new JsonObject().put("type", "feedback").put("turn", 1).put("helpful", true));
      chat.expect("feedback_saved");
      // a thumbs up on a product: the profile (and the export) then hold preferences
      chat.send(new JsonObject().put("type", "feedback").put("turn", 1).put("productId", shown).put("helpful", true)
          .put("reason", "mail me at someone@example.com"));
      chat.expect("feedback_saved");
    }

    check("GET", "/health", "/health", get("/health", null));

    HttpResponse<String> search = post("/api/search", "{\"query\":\"jacket\",\"limit\":3}");
    check("POST", "/api/search", "/api/search", search);
    JsonNode items = JSON.readTree(search.body()).get("items");
    assertTrue(items.size() > 0, "search finds something: " + search.body());
    productId = items.get(0).get("productId").asString();
    check("POST", "/api/search", "/api/search", post("/api/search", "{\"query\":\"\"}"));

    check("GET", "/api/products/{id}", "/api/products/" + productId, get("/api/products/" + productId, null));
    check("GET", "/api/products/{id}", "/api/products/no-such-product", get("/api/products/no-such-product", null));

    assertTrue(app.awaitGraph(Duration.ofMinutes(2)), "the product graph was built");
    HttpResponse<String> related = get("/api/products/" + productId + "/related", null);
    check("GET", "/api/products/{id}/related", "/api/products/" + productId + "/related", related);
    assertTrue(JSON.readTree(related.body()).get("edges").size() > 0, "the product has edges: " + related.body());
    check("GET", "/api/products/{id}/related", "/api/products/no-such-product/related", get("/api/products/no-such-product/related", null));

    String token = TestApp.AGENT_TOKEN;
    HttpResponse<String> list = get("/api/conversations", token);
    check("GET", "/api/conversations", "/api/conversations", list);
    assertTrue(list.body().contains(conversationId), "the conversation is listed");
    check("GET", "/api/conversations", "/api/conversations?limit=0", get("/api/conversations?limit=0", token));
    check("GET", "/api/conversations", "/api/conversations", get("/api/conversations", null));

    HttpResponse<String> transcript = get("/api/conversations/" + conversationId, token);
    check("GET", "/api/conversations/{id}", "/api/conversations/" + conversationId, transcript);
    JsonNode turns = JSON.readTree(transcript.body()).get("turns");
    assertEquals(2, turns.size(), "both turns are stored");
    check("GET", "/api/conversations/{id}", "/api/conversations/unknown", get("/api/conversations/unknown", token));
    check("GET", "/api/conversations/{id}", "/api/conversations/" + conversationId, get("/api/conversations/" + conversationId, "wrong-token-0123456789"));

    HttpResponse<String> trust = get("/api/metrics/trust", token);
    check("GET", "/api/metrics/trust", "/api/metrics/trust", trust);
    assertTrue(JSON.readTree(trust.body()).get("items").size() > 0, "the feedback counts: " + trust.body());
    check("GET", "/api/metrics/trust", "/api/metrics/trust", get("/api/metrics/trust", null));
    HttpResponse<String> week = get("/api/metrics/trust?days=7", token);
    check("GET", "/api/metrics/trust", "/api/metrics/trust?days=7", week);
    JsonNode measures = JSON.readTree(week.body());
    assertEquals(2, measures.at("/window/turns").asInt(), "both turns are measured: " + abbreviate(week.body()));
    assertEquals(2, measures.at("/reliability/series/0/turns").asInt(), "a series row per day, explainer and prompt version");
    check("GET", "/api/metrics/trust", "/api/metrics/trust?days=0", get("/api/metrics/trust?days=0", token));
    for (String measure : List.of("usefulness", "reliability", "safety", "fairness")) {
      HttpResponse<String> csv = get("/api/metrics/trust/" + measure + ".csv", token);
      check("GET", "/api/metrics/trust/{file}", "/api/metrics/trust/" + measure + ".csv", csv);
      assertTrue(csv.body().split("\r\n").length > 1, measure + " has rows: " + csv.body());
    }
    check("GET", "/api/metrics/trust/{file}", "/api/metrics/trust/usefulness.csv?days=x",
        get("/api/metrics/trust/usefulness.csv?days=x", token));
    check("GET", "/api/metrics/trust/{file}", "/api/metrics/trust/usefulness.csv", get("/api/metrics/trust/usefulness.csv", null));
    check("GET", "/api/metrics/trust/{file}", "/api/metrics/trust/other.csv", get("/api/metrics/trust/other.csv", token));

    catalogRoutes(token);

    check("GET", "/metrics", "/metrics", get("/metrics", null));
    check("GET", "/openapi.json", "/openapi.json", get("/openapi.json", null));
    check("GET", "/agent", "/agent", get("/agent", null));

    // the shopper's own data, with the token the conversation event issued
    HttpResponse<String> me = get("/api/me", shopperToken);
    check("GET", "/api/me", "/api/me", me);
    assertTrue(JSON.readTree(me.body()).get("preferences").size() > 0, "the thumbs up taught the profile: " + me.body());
    check("GET", "/api/me", "/api/me", get("/api/me", null));
    HttpResponse<String> export = get("/api/me/export", shopperToken);
    check("GET", "/api/me/export", "/api/me/export", export);
    assertTrue(export.body().contains(conversationId) && !export.body().contains("someone@example.com"),
        "the export holds the conversation, the e-mail address masked");
    check("GET", "/api/me/export", "/api/me/export", get("/api/me/export", "wrong-token-0123456789"));
    check("DELETE", "/api/me/profile", "/api/me/profile", delete("/api/me/profile", shopperToken));
    check("DELETE", "/api/me/profile", "/api/me/profile", delete("/api/me/profile", null));
    check("DELETE", "/api/me", "/api/me", delete("/api/me", null));
    HttpResponse<String> deleted = delete("/api/me", shopperToken);
    check("DELETE", "/api/me", "/api/me", deleted);
    assertEquals(1, JSON.readTree(deleted.body()).get("conversations").asInt(), deleted.body());

    // every documented response but the 503 of /health (a stopped database; FaultSuiteTest covers it)
    Set<String> documented = new TreeSet<>();
    for (Iterator<Map.Entry<String, JsonNode>> paths = document.get("paths").properties().iterator(); paths.hasNext(); ) {
      Map.Entry<String, JsonNode> path = paths.next();
      for (Map.Entry<String, JsonNode> op : path.getValue().properties()) {
        for (Map.Entry<String, JsonNode> status : op.getValue().get("responses").properties()) {
          documented.add(op.getKey().toUpperCase() + " " + path.getKey() + " " + status.getKey());
        }
      }
    }
    documented.remove("GET /health 503");
    assertEquals(documented, checked, "every documented response was checked against a real one");
  }

  /**
   * The catalog routes: an upsert with a rejected row beside it, one with no valid row, a delete of
   * that product and of none, and a full import of the same demo catalog followed to its end (so
   * the other checks see the catalog they started with).
   */
  private static void catalogRoutes(String token) throws Exception {
    String lantern = new JsonObject().put("id", "openapi-lantern").put("title", "Storm lantern").put("brand", "Lumo")
        .put("category", "lanterns").put("price", 24.5).put("description", "A bright lantern.").encode();
    String broken = new JsonObject().put("id", "openapi-broken").put("title", "No price").encode();
    HttpResponse<String> upsert = send("POST", "/api/catalog/products", token, "application/json", "[" + lantern + "," + broken + "]");
    check("POST", "/api/catalog/products", "/api/catalog/products", upsert);
    assertEquals(1, JSON.readTree(upsert.body()).get("rejected").asInt(), upsert.body());
    HttpResponse<String> none = send("POST", "/api/catalog/products", token, "application/json", "[" + broken + "]");
    check("POST", "/api/catalog/products", "/api/catalog/products", none);
    assertEquals(1, JSON.readTree(none.body()).at("/error/errors").size(), none.body());
    check("POST", "/api/catalog/products", "/api/catalog/products", send("POST", "/api/catalog/products", null, "application/json", lantern));

    check("DELETE", "/api/catalog/products/{id}", "/api/catalog/products/openapi-lantern",
        send("DELETE", "/api/catalog/products/openapi-lantern", token, null, null));
    check("DELETE", "/api/catalog/products/{id}", "/api/catalog/products/openapi-lantern",
        send("DELETE", "/api/catalog/products/openapi-lantern", token, null, null));
    check("DELETE", "/api/catalog/products/{id}", "/api/catalog/products/openapi-lantern",
        send("DELETE", "/api/catalog/products/openapi-lantern", null, null, null));

    String feed = CatalogExporter.toJsonLines(DemoCatalog.generate());
    HttpResponse<String> started = send("POST", "/api/catalog/imports?name=demo.jsonl", token, "application/x-ndjson", feed);
    check("POST", "/api/catalog/imports", "/api/catalog/imports", started);
    String job = JSON.readTree(started.body()).get("jobId").asString();
    check("POST", "/api/catalog/imports", "/api/catalog/imports", send("POST", "/api/catalog/imports", token, "application/x-ndjson", " "));
    check("POST", "/api/catalog/imports", "/api/catalog/imports", send("POST", "/api/catalog/imports", null, "application/x-ndjson", lantern));
    HttpResponse<String> status = get("/api/catalog/imports/" + job, token);
    long until = System.nanoTime() + Duration.ofMinutes(2).toNanos();
    while (!Set.of("done", "failed").contains(JSON.readTree(status.body()).get("state").asString()) && System.nanoTime() < until) {
      Thread.sleep(100);
      status = get("/api/catalog/imports/" + job, token);
    }
    assertEquals("done", JSON.readTree(status.body()).get("state").asString(), status.body());
    check("GET", "/api/catalog/imports/{id}", "/api/catalog/imports/" + job, status);
    check("GET", "/api/catalog/imports/{id}", "/api/catalog/imports/no-such-job", get("/api/catalog/imports/no-such-job", token));
    check("GET", "/api/catalog/imports/{id}", "/api/catalog/imports/" + job, get("/api/catalog/imports/" + job, null));
  }

  @Test
  void the_document_names_exactly_the_routes_the_server_mounts() {
    Set<String> mounted = new TreeSet<>();
    // /mcp speaks JSON-RPC under the Model Context Protocol's own specification (docs/protocol.md), not REST
    for (String route : app.routes()) if (!route.endsWith(" /mcp")) mounted.add(route.replaceAll(":(\\w+)", "{$1}"));
    Set<String> described = new TreeSet<>();
    for (Map.Entry<String, JsonNode> path : document.get("paths").properties()) {
      for (Map.Entry<String, JsonNode> op : path.getValue().properties()) described.add(op.getKey().toUpperCase() + " " + path.getKey());
    }
    assertEquals(mounted, described);
    assertTrue(document.get("openapi").asString().startsWith("3.1."), "OpenAPI 3.1");
  }

  @Test
  void the_error_codes_documented_are_those_an_http_error_can_carry() {
    // the server's failure handler writes Protocol.httpError(ErrorCode.forStatus(status), ...)
    Set<String> codes = new TreeSet<>();
    for (int status = 100; status < 600; status++) codes.add(Protocol.ErrorCode.forStatus(status).wire());
    Set<String> documented = new TreeSet<>();
    document.at("/components/schemas/Error/properties/error/properties/code/enum").forEach(c -> documented.add(c.asString()));
    assertEquals(codes, documented);
  }

  @Test
  void the_validator_rejects_a_response_that_breaks_the_document() {
    // the checks above mean something: a product without its id, or with a field the document lacks, fails
    Schema product = responseSchema("GET", "/api/products/{id}", "200", "application/json");
    ObjectNode broken = (ObjectNode) JSON.readTree(get("/api/products/" + firstProductId(), null).body());
    assertTrue(product.validate(broken).isEmpty());
    broken.remove("id");
    broken.put("secret", "x");
    List<Error> errors = product.validate(broken);
    assertEquals(2, errors.size(), errors.toString());
    // the trust measures: a figure the document lacks in a series row, a count that is not one, a rate above 1
    Schema trust = responseSchema("GET", "/api/metrics/trust", "200", "application/json");
    ObjectNode measures = (ObjectNode) JSON.readTree(get("/api/metrics/trust", TestApp.AGENT_TOKEN).body());
    assertTrue(trust.validate(measures).isEmpty());
    ObjectNode reliability = (ObjectNode) measures.get("reliability");
    reliability.put("turns", -1);
    reliability.put("supportedRate", 1.5);
    reliability.withArray("series").addObject().put("day", "2026-01-01").put("explainer", "x").put("promptVersion", "v")
        .put("secret", 1);
    assertTrue(trust.validate(measures).size() >= 3, trust.validate(measures).toString());
  }

  private static String firstProductId() {
    HttpResponse<String> search = post("/api/search", "{\"query\":\"jacket\",\"limit\":1}");
    return JSON.readTree(search.body()).get("items").get(0).get("productId").asString();
  }

  /** Validates {@code response} against the document's schema for its path, method, status and content type. */
  private static void check(String method, String template, String path, HttpResponse<String> response) {
    String status = Integer.toString(response.statusCode());
    String type = response.headers().firstValue("Content-Type").orElse("").split(";")[0].strip();
    Schema schema = responseSchema(method, template, status, type);
    JsonNode body = type.equals("application/json") ? JSON.readTree(response.body()) : JSON.valueToTree(response.body());
    List<Error> errors = schema.validate(body);
    assertTrue(errors.isEmpty(), method + " " + path + " " + status + " does not match the document: " + errors
        + "\n" + abbreviate(response.body()));
    checked.add(method + " " + template + " " + status);
  }

  /**
   * The schema of one documented response, as a schema document of its own that carries the
   * OpenAPI document's {@code components}, so its {@code #/components/schemas/...} references resolve.
   */
  private static Schema responseSchema(String method, String template, String status, String contentType) {
    JsonNode op = document.path("paths").path(template).path(method.toLowerCase());
    assertTrue(op.isObject(), "documented: " + method + " " + template);
    JsonNode response = op.path("responses").path(status);
    assertTrue(response.isObject(), method + " " + template + " documents status " + status);
    if (response.has("$ref")) response = pointer(response.get("$ref").asString());
    JsonNode content = response.path("content").path(contentType);
    assertTrue(content.isObject(), method + " " + template + " " + status + " documents content type '" + contentType + "'");
    ObjectNode schema = ((ObjectNode) content.get("schema")).deepCopy();
    schema.put("$schema", "https://json-schema.org/draft/2020-12/schema");
    schema.set("components", document.get("components"));
    return SCHEMAS.getSchema(schema);
  }

  private static JsonNode pointer(String ref) {
    assertTrue(ref.startsWith("#/"), ref);
    JsonNode n = document.at(ref.substring(1));
    assertNotNull(n);
    assertTrue(n.isObject(), "the reference " + ref + " resolves");
    return n;
  }

  private static String abbreviate(String s) {
    return s.length() > 2000 ? s.substring(0, 2000) + "..." : s;
  }

  private static HttpResponse<String> get(String path, String token) {
    HttpRequest.Builder b = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + app.port() + path)).timeout(Duration.ofSeconds(30));
    if (token != null) b.header("Authorization", "Bearer " + token);
    return send(b.GET().build());
  }

  private static HttpResponse<String> delete(String path, String token) {
    HttpRequest.Builder b = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + app.port() + path)).timeout(Duration.ofSeconds(30));
    if (token != null) b.header("Authorization", "Bearer " + token);
    return send(b.DELETE().build());
  }

  private static HttpResponse<String> post(String path, String body) {
    return send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + app.port() + path)).timeout(Duration.ofSeconds(30))
        .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(body)).build());
  }

  private static HttpResponse<String> send(String method, String path, String token, String contentType, String body) {
    HttpRequest.Builder b = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + app.port() + path)).timeout(Duration.ofSeconds(60));
    if (token != null) b.header("Authorization", "Bearer " + token);
    if (contentType != null) b.header("Content-Type", contentType);
    return send(b.method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body)).build());
  }

  private static HttpResponse<String> send(HttpRequest request) {
    try {
      return http.send(request, HttpResponse.BodyHandlers.ofString());
    } catch (Exception e) {
      throw new AssertionError(request.uri() + ": " + e, e);
    }
  }
}
