package dev.glasscart.server;

import dev.glasscart.catalog.CatalogImportException;
import dev.glasscart.catalog.CatalogImporter;
import dev.glasscart.catalog.CatalogUpdates;
import dev.glasscart.catalog.CatalogUpdates.ImportJob.Status;
import dev.glasscart.catalog.ImportResult;
import dev.glasscart.catalog.RowError;
import io.vertx.core.Future;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.handler.BodyHandler;
import io.vertx.ext.web.handler.HttpException;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The agent API for live catalog changes (docs/protocol.md, "Catalog updates"), all behind the
 * agent token: {@code POST /api/catalog/products} upserts one product or many (our JSON fields, a
 * JSON array or {@code {"products": [...]}}, or by Content-Type a Merchant Center TSV or XML feed
 * or schema.org JSON-LD), {@code DELETE /api/catalog/products/:id} removes one, {@code POST
 * /api/catalog/imports} replaces the whole catalog with a feed in the background (202 and a job),
 * {@code GET /api/catalog/imports/:id} reports the job's progress. Bodies are parsed on a worker
 * thread; the changes themselves run on the catalog's own thread ({@link CatalogUpdates}); nothing
 * here blocks the event loop.
 */
final class CatalogRoutes {
  /** Largest upsert body: many products at once, not a catalog (that is an import). */
  static final int MAX_UPSERT_BYTES = 16 * 1024 * 1024;
  /** Largest feed a full import takes in one request. */
  static final int MAX_IMPORT_BYTES = 256 * 1024 * 1024;
  /** Rejected rows listed in a reply at most (the count is always whole). */
  static final int ERRORS_LISTED = 200;
  /** File names standing for a body's Content-Type, for format detection. */
  private static final Map<String, String> NAME_BY_TYPE = Map.of(
      "text/tab-separated-values", "body.tsv", "application/xml", "body.xml", "text/xml", "body.xml",
      "application/rss+xml", "body.xml", "application/atom+xml", "body.atom", "application/ld+json", "body.jsonld",
      "text/csv", "body.csv", "application/x-ndjson", "body.jsonl", "application/jsonl", "body.jsonl");

  private final CatalogUpdates updates;

  CatalogRoutes(CatalogUpdates updates) {
    this.updates = updates;
  }

  void mount(Router router, AgentAuth auth) {
    // the token is checked on a route of its own before any body is read: an unauthorized upload is never buffered
    router.route("/api/catalog/*").handler(auth);
    router.post("/api/catalog/products").handler(BodyHandler.create().setBodyLimit(MAX_UPSERT_BYTES)).handler(this::upsert);
    router.delete("/api/catalog/products/:id").respond(this::delete);
    router.post("/api/catalog/imports").handler(BodyHandler.create().setBodyLimit(MAX_IMPORT_BYTES)).handler(this::startImport);
    router.get("/api/catalog/imports/:id").respond(this::job);
  }

  /** The name format detection sees: {@code ?name=}, else one standing for the Content-Type, else null (content decides). */
  private static String nameOf(RoutingContext ctx) {
    String name = ctx.queryParams().get("name");
    if (name != null && !name.isBlank()) return name;
    String type = ctx.request().getHeader("Content-Type");
    if (type == null) return null;
    return NAME_BY_TYPE.get(type.split(";")[0].strip().toLowerCase(Locale.ROOT));
  }

  /**
   * 200 with what was stored and the rejected rows; 400 with the rejected rows when no row was
   * valid (nothing changed).
   */
  private void upsert(RoutingContext ctx) {
    String body = ctx.body().asString();
    if (body == null || body.isBlank()) {
      ctx.fail(new HttpException(400, "the body must hold one product or more"));
      return;
    }
    String name = nameOf(ctx);
    ctx.vertx().executeBlocking(() -> parse(body, name), false).compose(parsed -> {
      if (parsed.products().isEmpty()) {
        return Future.succeededFuture(new Reply(400, rejected(parsed.errors())));
      }
      return Future.fromCompletionStage(updates.upsert(parsed.products()), ctx.vertx().getOrCreateContext())
          .map(applied -> new Reply(200, new JsonObject().put("upserted", applied.upserted())
              .put("rejected", parsed.errors().size()).put("errors", errors(parsed.errors()))
              .put("products", applied.catalogSize()).put("saved", true)));
    }).onSuccess(r -> ctx.response().setStatusCode(r.status()).putHeader("Content-Type", "application/json").end(r.body().encode()))
        .onFailure(e -> ctx.fail(failure(e)));
  }

  private record Reply(int status, JsonObject body) {}

  /** The error when no row was valid: the usual code and message, and the rejected rows beside them. */
  private static JsonObject rejected(List<RowError> errors) {
    JsonObject body = Protocol.httpError(Protocol.ErrorCode.BAD_REQUEST, "no valid product in the body; nothing changed");
    body.getJsonObject("error").put("errors", errors(errors));
    return body;
  }

  /** A change that failed, for the agent: 400 for a bad request, else 500 saying what happened (stored or not). */
  private static HttpException failure(Throwable e) {
    Throwable cause = e instanceof java.util.concurrent.CompletionException && e.getCause() != null ? e.getCause() : e;
    if (cause instanceof HttpException he) return he;
    if (cause instanceof IllegalArgumentException) return new HttpException(400, cause.getMessage());
    return new HttpException(500, "the change failed: " + cause.getMessage());
  }

  /** The body as products: a lone JSON object is one product; anything else is read as a catalog file is. */
  private static ImportResult parse(String body, String name) {
    try {
      return CatalogImporter.parse(body, name);
    } catch (CatalogImportException e) {
      throw new HttpException(400, e.getMessage());
    }
  }

  private Future<JsonObject> delete(RoutingContext ctx) {
    String id = ctx.pathParam("id");
    return Future.fromCompletionStage(updates.delete(id), ctx.vertx().getOrCreateContext())
        .recover(e -> Future.failedFuture(failure(e)))
        .compose(applied -> applied.deleted() == 0
            ? Future.failedFuture(new HttpException(404, "no product with id '" + id + "'"))
            : Future.succeededFuture(new JsonObject().put("deleted", id).put("products", applied.catalogSize()).put("saved", true)));
  }

  private void startImport(RoutingContext ctx) {
    String body = ctx.body().asString();
    if (body == null || body.isBlank()) {
      ctx.fail(new HttpException(400, "the body must be a catalog feed"));
      return;
    }
    Status s = updates.startImport(body, nameOf(ctx));
    ctx.response().setStatusCode(202).putHeader("Content-Type", "application/json")
        .putHeader("Location", "/api/catalog/imports/" + s.id()).end(json(s).encode());
  }

  private Future<JsonObject> job(RoutingContext ctx) {
    String id = ctx.pathParam("id");
    return updates.job(id).map(s -> Future.succeededFuture(json(s)))
        .orElseGet(() -> Future.failedFuture(new HttpException(404, "no import job '" + id + "'")));
  }

  static JsonObject json(Status s) {
    JsonObject o = new JsonObject().put("jobId", s.id()).put("state", s.state().name().toLowerCase(Locale.ROOT))
        .put("products", s.products()).put("rejected", s.errors().size()).put("errors", errors(s.errors()))
        .put("embedded", new JsonObject().put("done", s.done()).put("total", s.total()))
        .put("startedAt", java.time.Instant.ofEpochMilli(s.startedAtMillis()).toString());
    if (s.fileName() != null) o.put("fileName", s.fileName());
    if (s.finishedAtMillis() > 0) o.put("finishedAt", java.time.Instant.ofEpochMilli(s.finishedAtMillis()).toString());
    if (s.failure() != null) o.put("failure", s.failure());
    return o;
  }

  /** The first {@value #ERRORS_LISTED} rejected rows: where, which field, why. */
  static JsonArray errors(List<RowError> errors) {
    JsonArray out = new JsonArray();
    for (RowError e : errors.subList(0, Math.min(ERRORS_LISTED, errors.size()))) {
      JsonObject o = new JsonObject().put("location", e.location()).put("message", e.message());
      if (e.field() != null) o.put("field", e.field());
      out.add(o);
    }
    return out;
  }
}
