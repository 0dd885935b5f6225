package dev.glasscart.server;

import io.vertx.core.Future;
import io.vertx.core.WorkerExecutor;
import io.vertx.core.http.HttpServerResponse;
import io.vertx.core.json.DecodeException;
import io.vertx.core.json.Json;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.handler.BodyHandler;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * The Model Context Protocol server at {@code /mcp}, over the streamable HTTP transport
 * (protocol versions {@link #VERSIONS}): JSON-RPC 2.0 messages POSTed one per request;
 * {@code initialize} negotiates the version and opens a session named by the
 * {@code Mcp-Session-Id} header, which every later request carries; {@code DELETE} ends it.
 * Responses are {@code application/json}, except a {@code tools/call} whose request's Accept
 * lists {@code text/event-stream}, answered as an SSE stream holding the one response (the call
 * runs on the retrieval workers); a client accepting only SSE gets every answer that way. The server sends no requests or notifications of its own, so
 * {@code GET} (a stream for those) answers 405. docs/protocol.md, "MCP", is the contract.
 *
 * <p>Everything here runs on the event loop without blocking; tool calls go to the workers.
 * Sessions live in memory (a restart ends them; clients then initialize again, as the transport
 * says), at most {@link #MAX_SESSIONS}, each dropped after {@link #SESSION_IDLE_MS} unused.
 */
final class McpEndpoint {
  private static final Logger LOG = Logger.getLogger(McpEndpoint.class.getName());
  /** The protocol versions spoken, newest first; a client asking for another gets the newest. */
  static final List<String> VERSIONS = List.of("2025-11-25", "2025-06-18");
  static final String SESSION_HEADER = "Mcp-Session-Id";
  static final String VERSION_HEADER = "MCP-Protocol-Version";
  static final int MAX_SESSIONS = 10_000;
  static final long SESSION_IDLE_MS = 60 * 60 * 1000L;
  /** Largest message accepted: tool arguments are short. */
  static final int MAX_BODY_BYTES = 64 * 1024;

  // JSON-RPC 2.0 error codes
  static final int PARSE_ERROR = -32700;
  static final int INVALID_REQUEST = -32600;
  static final int METHOD_NOT_FOUND = -32601;
  static final int INVALID_PARAMS = -32602;
  static final int INTERNAL_ERROR = -32603;

  private static final SecureRandom RANDOM = new SecureRandom();

  private static final class Session {
    final String version;
    volatile long lastUsed = System.currentTimeMillis();
    volatile boolean initialized;

    Session(String version) {
      this.version = version;
    }
  }

  private final McpTools tools;
  private final WorkerExecutor workers;
  private final List<String> allowedOrigins;
  private final Map<String, Session> sessions = new ConcurrentHashMap<>();

  McpEndpoint(McpTools tools, WorkerExecutor workers, List<String> allowedOrigins) {
    this.tools = tools;
    this.workers = workers;
    this.allowedOrigins = allowedOrigins;
  }

  void mount(Router router) {
    router.route("/mcp").handler(this::checkOrigin);
    router.post("/mcp").handler(BodyHandler.create().setBodyLimit(MAX_BODY_BYTES)).handler(this::post);
    router.delete("/mcp").handler(this::delete);
    router.route("/mcp").handler(ctx -> ctx.response().setStatusCode(405).putHeader("Allow", "POST, DELETE")
        .putHeader("Content-Type", "application/json")
        .end(new JsonObject().put("error", new JsonObject().put("code", "method_not_allowed").put("message",
            "this MCP server sends no messages of its own, so it offers no GET stream; POST JSON-RPC messages,"
                + " DELETE to end a session")).encode()));
  }

  /**
   * A browser page may use the endpoint only from an allowed origin (DNS rebinding): with an
   * allowlist, a request whose Origin is not on it gets 403. Agents send no Origin and pass.
   */
  private void checkOrigin(RoutingContext ctx) {
    String origin = ctx.request().getHeader("Origin");
    if (origin == null || GlasscartServer.originAllowed(allowedOrigins, origin)) {
      ctx.next();
      return;
    }
    reply(ctx, 403, null, error(null, INVALID_REQUEST, "origin '" + origin + "' may not use this MCP server"));
  }

  private void post(RoutingContext ctx) {
    boolean acceptsJson = accepts(ctx, "application/json");
    if (!acceptsJson && !accepts(ctx, "text/event-stream")) {
      reply(ctx, 406, null, error(null, INVALID_REQUEST, "the Accept header must list application/json and text/event-stream"));
      return;
    }
    // a client taking only SSE gets every answer as a stream; one listing it, its tool calls
    boolean sseOnly = !acceptsJson;
    boolean sseCalls = sseOnly || lists(ctx, "text/event-stream");
    Object parsed;
    try {
      parsed = Json.decodeValue(ctx.body().buffer() == null ? "" : ctx.body().asString());
    } catch (DecodeException e) {
      reply(ctx, 400, null, error(null, PARSE_ERROR, "parse error: the body is not valid JSON"));
      return;
    }
    if (parsed instanceof JsonArray) {
      reply(ctx, 400, null, error(null, INVALID_REQUEST, "batches are not part of MCP " + String.join(" or ", VERSIONS)
          + ": send one JSON-RPC message per request"));
      return;
    }
    if (!(parsed instanceof JsonObject msg) || !"2.0".equals(msg.getValue("jsonrpc"))) {
      reply(ctx, 400, null, error(null, INVALID_REQUEST, "a message must be a JSON-RPC 2.0 object with \"jsonrpc\": \"2.0\""));
      return;
    }
    Object id = msg.getValue("id");
    boolean hasId = msg.containsKey("id");
    if (hasId && !(id instanceof String || id instanceof Number)) {
      reply(ctx, 400, null, error(null, INVALID_REQUEST, "'id' must be a string or a number"));
      return;
    }
    if (!(msg.getValue("method") instanceof String method)) {
      if (!hasId || !(msg.containsKey("result") || msg.containsKey("error"))) {
        reply(ctx, 400, null, error(hasId ? id : null, INVALID_REQUEST, "a request needs a 'method' string"));
        return;
      }
      // a response to a request of ours: none are sent, so it is taken and dropped
      accepted(ctx);
      return;
    }
    Object params = msg.getValue("params");
    if (params != null && !(params instanceof JsonObject)) {
      reply(ctx, 400, null, error(hasId ? id : null, INVALID_REQUEST, "'params' must be an object"));
      return;
    }
    JsonObject p = params == null ? new JsonObject() : (JsonObject) params;
    if (method.equals("initialize")) {
      if (!hasId) {
        reply(ctx, 400, null, error(null, INVALID_REQUEST, "initialize is a request: it needs an 'id'"));
        return;
      }
      initialize(ctx, id, p, sseOnly);
      return;
    }
    String sessionId = ctx.request().getHeader(SESSION_HEADER);
    if (sessionId == null) {
      reply(ctx, 400, null, error(hasId ? id : null, INVALID_REQUEST, "missing the " + SESSION_HEADER + " header: send initialize first"));
      return;
    }
    Session session = session(sessionId);
    if (session == null) {
      reply(ctx, 404, null, error(hasId ? id : null, INVALID_REQUEST, "unknown or ended session: send initialize again"));
      return;
    }
    String version = ctx.request().getHeader(VERSION_HEADER);
    if (version != null && !VERSIONS.contains(version)) {
      reply(ctx, 400, null, error(hasId ? id : null, INVALID_REQUEST, "unsupported " + VERSION_HEADER + " '" + version
          + "' (supported: " + String.join(", ", VERSIONS) + ")"));
      return;
    }
    if (!hasId) {
      // notifications: initialized marks the session ready; cancellations and others need nothing
      if (method.equals("notifications/initialized")) session.initialized = true;
      accepted(ctx);
      return;
    }
    switch (method) {
      case "ping" -> answer(ctx, null, result(id, new JsonObject()), sseOnly);
      case "tools/list" -> answer(ctx, null, result(id, new JsonObject().put("tools", tools.definitions())), sseOnly);
      case "tools/call" -> call(ctx, id, p, sseCalls);
      default -> answer(ctx, null, error(id, METHOD_NOT_FOUND, "method not found: '" + method
          + "' (this server offers initialize, ping, tools/list, tools/call)"), sseOnly);
    }
  }

  private void initialize(RoutingContext ctx, Object id, JsonObject params, boolean sse) {
    if (!(params.getValue("protocolVersion") instanceof String asked)) {
      answer(ctx, null, error(id, INVALID_PARAMS, "initialize needs params.protocolVersion (a string)"), sse);
      return;
    }
    String version = VERSIONS.contains(asked) ? asked : VERSIONS.getFirst();
    String sessionId = newSessionId();
    makeRoom();
    sessions.put(sessionId, new Session(version));
    JsonObject result = new JsonObject()
        .put("protocolVersion", version)
        .put("capabilities", new JsonObject().put("tools", new JsonObject().put("listChanged", false)))
        .put("serverInfo", new JsonObject().put("name", "glasscart").put("title", "Glasscart catalog and ranking")
            .put("version", serverVersion()))
        .put("instructions", "Read-only tools over this shop's catalog and its ranking. search_products ranks products"
            + " for a request (with optional filters); every score is the exact sum of its contributions. get_product gives"
            + " a product's catalog facts, compare_products a side-by-side comparison, explain_ranking why a product"
            + " ranks where it does for a request, or why it is not shown. State only what these results say.");
    answer(ctx, sessionId, result(id, result), sse);
  }

  private void call(RoutingContext ctx, Object id, JsonObject params, boolean sse) {
    if (!(params.getValue("name") instanceof String name)) {
      answer(ctx, null, error(id, INVALID_PARAMS, "tools/call needs params.name (a string)"), sse);
      return;
    }
    if (!tools.exists(name)) {
      answer(ctx, null, error(id, INVALID_PARAMS, "unknown tool: '" + name
          + "' (tools: search_products, get_product, compare_products, explain_ranking)"), sse);
      return;
    }
    Object a = params.getValue("arguments");
    if (a != null && !(a instanceof JsonObject)) {
      answer(ctx, null, error(id, INVALID_PARAMS, "params.arguments must be an object"), sse);
      return;
    }
    JsonObject args = a == null ? new JsonObject() : (JsonObject) a;
    Future<JsonObject> done = workers.executeBlocking(() -> tools.call(name, args), false);
    done.onComplete(ar -> {
      JsonObject toolResult;
      if (ar.succeeded()) {
        toolResult = new JsonObject()
            .put("content", new JsonArray().add(new JsonObject().put("type", "text").put("text", ar.result().encode())))
            .put("structuredContent", ar.result()).put("isError", false);
      } else if (ar.cause() instanceof McpTools.ToolException e) {
        toolResult = toolError(e.getMessage());
      } else {
        LOG.log(Level.WARNING, "MCP tool " + name + " failed", ar.cause());
        toolResult = toolError("the tool failed on the server (internal error); try again");
      }
      answer(ctx, null, result(id, toolResult), sse);
    });
  }

  private static JsonObject toolError(String message) {
    return new JsonObject().put("content", new JsonArray().add(new JsonObject().put("type", "text").put("text", message)))
        .put("isError", true);
  }

  private void delete(RoutingContext ctx) {
    String sessionId = ctx.request().getHeader(SESSION_HEADER);
    if (sessionId == null) {
      reply(ctx, 400, null, error(null, INVALID_REQUEST, "DELETE needs the " + SESSION_HEADER + " header of the session to end"));
      return;
    }
    if (sessions.remove(sessionId) == null) {
      reply(ctx, 404, null, error(null, INVALID_REQUEST, "unknown or ended session"));
      return;
    }
    ctx.response().setStatusCode(204).end();
  }

  /** The live session {@code id}, touched; null when unknown, ended or idle too long. */
  private Session session(String id) {
    Session s = sessions.get(id);
    if (s == null) return null;
    long now = System.currentTimeMillis();
    if (now - s.lastUsed > SESSION_IDLE_MS) {
      sessions.remove(id, s);
      return null;
    }
    s.lastUsed = now;
    return s;
  }

  /** Before a new session: drops the idle ones and, when still full, the least recently used. */
  private void makeRoom() {
    if (sessions.size() < MAX_SESSIONS) return;
    long now = System.currentTimeMillis();
    sessions.entrySet().removeIf(e -> now - e.getValue().lastUsed > SESSION_IDLE_MS);
    while (sessions.size() >= MAX_SESSIONS) {
      sessions.entrySet().stream().min((x, y) -> Long.compare(x.getValue().lastUsed, y.getValue().lastUsed))
          .ifPresent(e -> sessions.remove(e.getKey(), e.getValue()));
    }
  }

  /** How many sessions are open (tests). */
  int openSessions() {
    return sessions.size();
  }

  private static String newSessionId() {
    byte[] b = new byte[24];
    RANDOM.nextBytes(b);
    return Base64.getUrlEncoder().withoutPadding().encodeToString(b);
  }

  private static String serverVersion() {
    String v = McpEndpoint.class.getPackage().getImplementationVersion();
    return v == null ? "dev" : v;
  }

  /** Whether the request's Accept header names {@code type} itself (not through a wildcard). */
  private static boolean lists(RoutingContext ctx, String type) {
    String accept = ctx.request().getHeader("Accept");
    if (accept == null) return false;
    for (String part : accept.split(",")) {
      if (part.split(";", 2)[0].strip().equalsIgnoreCase(type)) return true;
    }
    return false;
  }

  /** Whether the request's Accept header takes {@code type} (no header takes anything). */
  private static boolean accepts(RoutingContext ctx, String type) {
    String accept = ctx.request().getHeader("Accept");
    if (accept == null || accept.isBlank()) return true;
    String family = type.substring(0, type.indexOf('/')) + "/*";
    for (String part : accept.split(",")) {
      String t = part.split(";", 2)[0].strip().toLowerCase(Locale.ROOT);
      if (t.equals(type) || t.equals(family) || t.equals("*/*")) return true;
    }
    return false;
  }

  private static JsonObject result(Object id, JsonObject result) {
    return new JsonObject().put("jsonrpc", "2.0").put("id", id).put("result", result);
  }

  private static JsonObject error(Object id, int code, String message) {
    return new JsonObject().put("jsonrpc", "2.0").put("id", id).put("error", new JsonObject().put("code", code).put("message", message));
  }

  private static void accepted(RoutingContext ctx) {
    ctx.response().setStatusCode(202).end();
  }

  private static void reply(RoutingContext ctx, int status, String sessionId, JsonObject body) {
    HttpServerResponse r = ctx.response();
    if (r.ended() || r.closed()) return;
    if (sessionId != null) r.putHeader(SESSION_HEADER, sessionId);
    r.setStatusCode(status).putHeader("Content-Type", "application/json").putHeader("Cache-Control", "no-store").end(body.encode());
  }

  /** A JSON-RPC response (HTTP 200): as JSON, or with {@code sse} as an SSE stream of one {@code message} event. */
  private static void answer(RoutingContext ctx, String sessionId, JsonObject response, boolean sse) {
    if (!sse) {
      reply(ctx, 200, sessionId, response);
      return;
    }
    HttpServerResponse r = ctx.response();
    if (r.ended() || r.closed()) return;
    if (sessionId != null) r.putHeader(SESSION_HEADER, sessionId);
    r.setStatusCode(200).putHeader("Content-Type", "text/event-stream").putHeader("Cache-Control", "no-cache")
        .setChunked(true);
    // encode() is one line: a JSON string escapes its line breaks, so one data field holds it
    r.write("event: message\ndata: " + response.encode() + "\n\n");
    r.end();
  }
}
