package dev.glasscart.server;

import dev.glasscart.catalog.graph.EdgeReasons;
import dev.glasscart.catalog.graph.RelationStore;
import dev.glasscart.conversation.ConversationRepository;
import dev.glasscart.conversation.ConversationService;
import dev.glasscart.conversation.ConversationSummary;
import dev.glasscart.conversation.Feedback;
import dev.glasscart.conversation.FeedbackStore;
import dev.glasscart.conversation.HelpfulRate;
import dev.glasscart.conversation.TrustStore;
import dev.glasscart.conversation.TurnRecord;
import dev.glasscart.retrieval.dense.IndexingProgress;
import io.vertx.core.Future;
import io.vertx.core.WorkerExecutor;
import io.vertx.core.json.DecodeException;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.handler.BodyHandler;
import io.vertx.ext.web.handler.HttpException;
import java.util.List;
import java.util.function.Supplier;

/**
 * The HTTP API of docs/protocol.md. Search runs on the retrieval workers; everything else is
 * non-blocking database or in-memory work on the event loop.
 */
final class ApiRoutes {
  private static final int MAX_SEARCH_LIMIT = 100;

  private final ConversationService conversations;
  private final ConversationRepository history;
  private final FeedbackStore feedback;
  private final WorkerExecutor workers;
  private final String explainerName;
  private final IndexingProgress indexing;
  private final Supplier<Future<GlasscartServer.Health>> databaseHealth;
  private final RelationStore relations;
  private final TrustStore trust;

  ApiRoutes(ConversationService conversations, ConversationRepository history,
      FeedbackStore feedback, WorkerExecutor workers, String explainerName, IndexingProgress indexing,
      Supplier<Future<GlasscartServer.Health>> databaseHealth, RelationStore relations, TrustStore trust) {
    this.relations = relations;
    this.trust = trust;
    this.conversations = conversations;
    this.history = history;
    this.feedback = feedback;
    this.workers = workers;
    this.explainerName = explainerName;
    this.indexing = indexing;
    this.databaseHealth = databaseHealth;
  }

  void mount(Router router, AgentAuth auth) {
    router.get("/health").handler(this::health);
    router.post("/api/search").handler(BodyHandler.create().setBodyLimit(64 * 1024)).respond(this::search);
    router.get("/api/products/:id").respond(this::product);
    router.get("/api/conversations").handler(auth).respond(this::listConversations);
    router.get("/api/conversations/:id").handler(auth).respond(this::conversation);
    router.get("/api/products/:id/related").respond(this::related);
    router.get("/api/metrics/trust").handler(auth).respond(ctx -> {
      int days = intParam(ctx, "days", 30, 1, 3650);
      return feedback.helpfulRates().compose(rows -> {
        JsonArray items = new JsonArray();
        for (HelpfulRate r : rows) {
          items.add(new JsonObject().put("explainer", r.explainer()).put("promptVersion", r.promptVersion())
              .put("day", r.day().toString()).put("total", r.total()).put("helpful", r.helpful()).put("rate", r.rate()));
        }
        return measures(days).map(m -> m.put("items", items));
      });
    });
    router.get("/api/metrics/trust/:file").handler(auth).handler(this::trustCsv);
  }

  /** The trust measures, computed on a worker (CPU over the window's turns). */
  private Future<JsonObject> measures(int days) {
    return trust.load(days).compose(window -> workers.executeBlocking(() -> new JsonObject(window.json()), false));
  }

  /** {@code /api/metrics/trust/<measure>.csv}: one measure's rows over time, as CSV. */
  private void trustCsv(RoutingContext ctx) {
    String file = ctx.pathParam("file");
    String measure = file.endsWith(".csv") ? file.substring(0, file.length() - 4) : "";
    if (!TrustStore.MEASURES.contains(measure)) {
      ctx.fail(new HttpException(404, "no trust export '" + file + "'; one of " + String.join(", ",
          TrustStore.MEASURES.stream().map(m -> m + ".csv").toList())));
      return;
    }
    int days;
    try {
      days = intParam(ctx, "days", 30, 1, 3650);
    } catch (HttpException e) {
      ctx.fail(e);
      return;
    }
    trust.load(days).compose(window -> workers.executeBlocking(() -> window.csv(measure), false))
        .onSuccess(csv -> ctx.response().putHeader("Content-Type", "text/csv; charset=utf-8")
            .putHeader("Content-Disposition", "attachment; filename=\"trust-" + measure + ".csv\"")
            .putHeader("Cache-Control", "no-store").end(csv)).onFailure(ctx::fail);
  }

  /**
   * The product graph's edges from one product: {@code {"edges":[{relation, productId, title, reason}]}};
   * with {@code ?lang=zh} each reason in Chinese, worded from the two products' facts.
   */
  private Future<JsonObject> related(RoutingContext ctx) {
    String id = ctx.pathParam("id");
    var catalog = conversations.catalog();
    var product = catalog.get(id);
    if (product.isEmpty()) return Future.failedFuture(new HttpException(404, "no product with id '" + id + "'"));
    String lang = ctx.queryParams().get("lang");
    boolean chinese = lang != null && lang.toLowerCase(java.util.Locale.ROOT).startsWith("zh");
    // public catalog data, read by the widget from the shop's own page: any origin may read it (no credentials)
    ctx.response().putHeader("Access-Control-Allow-Origin", "*");
    return relations.related(id).map(edges -> {
      if (!chinese) return Protocol.related(id, edges);
      List<RelationStore.Related> worded = new java.util.ArrayList<>(edges.size());
      for (RelationStore.Related e : edges) {
        worded.add(catalog.get(e.productId()).map(to -> new RelationStore.Related(e.relation(), e.productId(), e.title(),
            EdgeReasons.chinese(e.relation(), product.get(), to), e.weight())).orElse(e));
      }
      return Protocol.related(id, worded);
    });
  }

  /**
   * 200 {status: ok} while the database answers, 503 {status: unavailable, reason} while it does
   * not; with the catalog size, the explainer, and while the embeddings build (or after they
   * failed) how far they are.
   */
  private void health(RoutingContext ctx) {
    databaseHealth.get().onComplete(ar -> {
      GlasscartServer.Health h = ar.succeeded() ? ar.result() : new GlasscartServer.Health(false, String.valueOf(ar.cause().getMessage()));
      JsonObject body = new JsonObject().put("status", h.ok() ? "ok" : "unavailable").put("products", conversations.catalog().size())
          .put("explainer", explainerName).put("database", h.ok() ? "ok" : "unavailable");
      if (!h.ok()) body.put("reason", h.reason());
      IndexingProgress.Snapshot s = indexing.snapshot();
      if (!s.finished() || s.failure() != null) {
        JsonObject i = new JsonObject().put("done", s.done()).put("total", s.total()).put("phase", s.phase())
            .put("perSecond", Math.round(s.perSecond())).put("retrieval", "bm25");
        if (Double.isFinite(s.secondsLeft())) i.put("secondsLeft", Math.round(s.secondsLeft()));
        if (s.failure() != null) i.put("failure", s.failure());
        body.put("indexing", i);
      }
      ctx.response().setStatusCode(h.ok() ? 200 : 503).putHeader("Content-Type", "application/json")
          .putHeader("Cache-Control", "no-store").end(body.encode());
    });
  }

  private Future<JsonObject> search(RoutingContext ctx) {
    JsonObject body;
    try {
      body = ctx.body().asJsonObject();
    } catch (DecodeException | ClassCastException e) {
      return Future.failedFuture(new HttpException(400, "the body must be a JSON object {\"query\", \"limit\"}"));
    }
    if (body == null || !(body.getValue("query") instanceof String query) || query.isBlank()) {
      return Future.failedFuture(new HttpException(400, "'query' must be a non-empty string"));
    }
    Object l = body.getValue("limit", 10);
    // compared as a double: intValue() of 4294967297 wraps to 1
    if (!(l instanceof Number n) || n.doubleValue() != Math.rint(n.doubleValue()) || n.doubleValue() < 1
        || n.doubleValue() > MAX_SEARCH_LIMIT) {
      return Future.failedFuture(new HttpException(400, "'limit' must be a whole number between 1 and " + MAX_SEARCH_LIMIT));
    }
    int limit = n.intValue();
    return workers.executeBlocking(() -> conversations.search(query, limit), false)
        .map(ranked -> new JsonObject().put("items", Protocol.items(ranked)));
  }

  private Future<JsonObject> product(RoutingContext ctx) {
    String id = ctx.pathParam("id");
    return conversations.catalog().get(id).map(p -> Future.succeededFuture(Protocol.product(p)))
        .orElseGet(() -> Future.failedFuture(new HttpException(404, "no product with id '" + id + "'")));
  }

  private Future<JsonObject> listConversations(RoutingContext ctx) {
    int limit = intParam(ctx, "limit", 50, 1, 500);
    int offset = intParam(ctx, "offset", 0, 0, Integer.MAX_VALUE);
    String q = ctx.queryParams().get("q");
    if (q != null && q.chars().anyMatch(c -> c < 0x20 && c != '\t' || c == 0x7f)) {
      return Future.failedFuture(new HttpException(400, "'q' must not contain control characters"));
    }
    return history.list(q == null || q.isBlank() ? null : q, limit, offset).map(list -> {
      JsonArray items = new JsonArray();
      for (ConversationSummary s : list) {
        items.add(new JsonObject().put("conversationId", s.conversationId())
            .put("startedAt", s.startedAt().toString()).put("updatedAt", s.updatedAt().toString())
            .put("turns", s.turns()).put("firstMessage", s.firstMessage()).put("lastMessage", s.lastMessage()));
      }
      return new JsonObject().put("items", items);
    });
  }

  private Future<JsonObject> conversation(RoutingContext ctx) {
    String id = ctx.pathParam("id");
    return history.transcript(id).compose(t -> {
      if (t.isEmpty()) return Future.failedFuture(new HttpException(404, "no conversation with id '" + id + "'"));
      JsonArray turns = new JsonArray();
      for (TurnRecord r : t.get()) turns.add(Protocol.turn(r));
      return feedback.forConversation(id).map(verdicts -> {
        JsonArray fb = new JsonArray();
        for (Feedback f : verdicts) fb.add(Protocol.feedback(f));
        return new JsonObject().put("conversationId", id).put("turns", turns).put("feedback", fb);
      });
    });
  }

  private static int intParam(RoutingContext ctx, String name, int dflt, int min, int max) {
    String v = ctx.queryParams().get(name);
    if (v == null) return dflt;
    try {
      int i = Integer.parseInt(v);
      if (i < min || i > max) throw new NumberFormatException();
      return i;
    } catch (NumberFormatException e) {
      throw new HttpException(400, "'" + name + "' must be an integer between " + min + " and " + max);
    }
  }
}
