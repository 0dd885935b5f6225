package dev.glasscart.server;

import dev.glasscart.catalog.CatalogUpdates;
import dev.glasscart.catalog.graph.RelationStore;
import dev.glasscart.conversation.ConversationRepository;
import dev.glasscart.conversation.ConversationService;
import dev.glasscart.conversation.FeedbackStore;
import dev.glasscart.conversation.TrustStore;
import dev.glasscart.explanation.Explainer;
import dev.glasscart.observability.AppMetrics;
import dev.glasscart.profile.ShopperRepository;
import dev.glasscart.retrieval.dense.IndexingProgress;
import io.vertx.core.Future;
import io.vertx.core.VerticleBase;
import io.vertx.core.WorkerExecutor;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.HttpServerOptions;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.handler.FileSystemAccess;
import io.vertx.ext.web.handler.HttpException;
import io.vertx.ext.web.handler.StaticHandler;
import java.nio.file.Path;
import java.util.List;
import java.util.function.Supplier;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * The HTTP and WebSocket front door: the chat socket at {@code /ws/chat}, the JSON API, and the
 * web UI as static files ({@code /agent} is the agent console, web-ui/agent.html). See docs/protocol.md.
 */
public final class GlasscartServer extends VerticleBase {
  private static final Logger LOG = Logger.getLogger(GlasscartServer.class.getName());
  /**
   * Largest single WebSocket frame a client may send: a larger one closes the socket with 1009
   * (message too big). Messages between {@link Protocol#MAX_FRAME_BYTES} and this get an error
   * event and the socket stays.
   */
  static final int MAX_WIRE_FRAME_BYTES = 1024 * 1024;
  /**
   * What Netty itself reads of one frame: above {@link #MAX_WIRE_FRAME_BYTES}, so that an
   * oversized frame reaches the socket's handler, which closes with 1009, instead of Netty
   * dropping the connection; beyond this, Netty drops it (bounded memory per socket).
   */
  private static final int NETTY_FRAME_LIMIT = 4 * MAX_WIRE_FRAME_BYTES;

  /** Whether the database answers, and if not why (shown by {@code /health}). */
  public record Health(boolean ok, String reason) {}

  /**
   * What the server needs; built once by the application. The catalog is the conversations' ({@link
   * ConversationService#catalog}), which live changes replace; {@code catalogUpdates} makes them
   * (the catalog routes), or is null for a server whose catalog does not change (no such routes).
   */
  public record Services(
      ConversationService conversations,
      ConversationRepository history,
      FeedbackStore feedback,
      Explainer explainer,
      String agentToken,
      Path webRoot,
      int retrievalThreads,
      IndexingProgress indexing,
      Supplier<Future<Health>> databaseHealth,
      List<String> allowedOrigins,
      boolean mcp,
      AppMetrics metrics,
      RelationStore relations,
      TrustStore trust,
      Privacy privacy,
      CatalogUpdates catalogUpdates) {}

  /**
   * The shopper's own data: where shoppers are stored, the key customer ids are hashed with
   * (HMAC-SHA256), and how many days conversations are kept (0: for ever).
   */
  public record Privacy(ShopperRepository shoppers, byte[] customerIdKey, int retentionDays) {
    public Privacy {
      if (retentionDays < 0) throw new IllegalArgumentException("illegal retention " + retentionDays + " days, must be >= 0");
    }
  }

  /** How often the retention job runs. */
  static final long RETENTION_PERIOD_MS = 24L * 60 * 60 * 1000;

  private final int port;
  private final String host;
  private final Services services;
  /** Shared by every instance of a {@link #deploy}ed group. */
  private final Chat chat;
  /** The group's first instance (or a lone one): it alone runs the retention job. */
  private final boolean first;
  private HttpServer server;
  private Router router;
  private long retentionTimer = -1;

  private GlasscartServer(String host, int port, Services services, Chat chat, boolean first) {
    if (port > 65535) throw new IllegalArgumentException("illegal port " + port + ", must be between 0 and 65535");
    this.host = host;
    this.port = port;
    this.services = services;
    this.chat = chat;
    this.first = first;
  }

  /**
   * What every event loop's server shares: the worker pool, the conversations in memory (a
   * conversation stays owned by the event loop of the socket that opened it), the turn steps, the
   * feedback desk and the MCP sessions. All thread-safe and lock-free for their callers.
   */
  private record Chat(WorkerExecutor workers, StorageRetry storage, Shoppers shoppers, LiveConversations live,
      TurnSteps steps, FeedbackDesk feedback, McpEndpoint mcp) {
    static Chat create(io.vertx.core.Vertx vertx, Services services) {
      WorkerExecutor workers = vertx.createSharedWorkerExecutor("retrieval", services.retrievalThreads());
      StorageRetry storage = new StorageRetry(vertx, services.metrics().chat());
      Shoppers shoppers = new Shoppers(services.privacy().shoppers(), services.privacy().customerIdKey());
      LiveConversations live = new LiveConversations(workers, services.conversations(), services.history(), storage, shoppers);
      TurnSteps steps = new ChatTurns(workers, services.conversations(), services.explainer(), services.history(), storage,
          services.metrics().chat(), live);
      FeedbackDesk feedback = new FeedbackDesk(services.history(), services.feedback(), storage, services.conversations(), live);
      McpEndpoint mcp = services.mcp()
          ? new McpEndpoint(new McpTools(services.conversations()), workers, services.allowedOrigins()) : null;
      return new Chat(workers, storage, shoppers, live, steps, feedback, mcp);
    }
  }

  /**
   * Deploys {@code instances} servers on one port, each on its own event loop and sharing one
   * {@link Chat}: connections are spread over them (Vert.x accepts on one socket and hands each new
   * connection to the next instance), so the sockets' work (frames, JSON, the database client's
   * callbacks) uses more than one core. With {@code port} 0 they share one free port: Vert.x
   * shares a random port among the servers that listen on the same negative port, and each
   * group takes a number of its own. Returns the first; undeploying them all stops the group; the
   * shared worker pool (made here, outside any verticle) is closed with Vert.x.
   */
  public static Future<GlasscartServer> deploy(io.vertx.core.Vertx vertx, String host, int port, Services services,
      int instances) {
    if (port < 0 || port > 65535) throw new IllegalArgumentException("illegal port " + port + ", must be between 0 and 65535");
    if (instances < 1) throw new IllegalArgumentException("illegal instances " + instances + ", must be >= 1");
    Chat chat = Chat.create(vertx, services);
    int listen = port == 0 ? -RANDOM_PORT_GROUPS.incrementAndGet() : port;
    GlasscartServer first = new GlasscartServer(host, listen, services, chat, true);
    return vertx.deployVerticle(first).compose(id -> instances == 1 ? Future.succeededFuture(first)
        : vertx.deployVerticle(() -> new GlasscartServer(host, listen, services, chat, false),
            new io.vertx.core.DeploymentOptions().setInstances(instances - 1)).map(first));
  }

  /** Numbers the groups that share a random port (negative ports, see {@link #deploy}). */
  private static final java.util.concurrent.atomic.AtomicInteger RANDOM_PORT_GROUPS =
      new java.util.concurrent.atomic.AtomicInteger();

  @Override
  public Future<?> start() {
    WorkerExecutor workers = chat.workers();
    LiveConversations live = chat.live();
    TurnSteps steps = chat.steps();
    FeedbackDesk feedback = chat.feedback();
    router = Router.router(vertx);
    // Prometheus scrapes: reading every meter and gauge is CPU work, kept off the event loop
    router.get("/metrics").handler(ctx -> workers.executeBlocking(services.metrics()::scrape, false)
        .onSuccess(text -> ctx.response().putHeader("Content-Type", AppMetrics.CONTENT_TYPE)
            .putHeader("Cache-Control", "no-store").end(text))
        .onFailure(ctx::fail));
    String openApi = OpenApi.document();
    router.get("/openapi.json").handler(ctx -> ctx.response().putHeader("Content-Type", "application/json").end(openApi));
    // before the agent API: the shopper's own data has its own (bearer token) authorisation
    new MeRoutes(live, services.allowedOrigins()).mount(router);
    if (first) scheduleRetention(live, services.privacy().retentionDays()); // once per group
    AgentAuth agentAuth = new AgentAuth(services.agentToken());
    new ApiRoutes(services.conversations(), services.history(), services.feedback(),
        workers, services.explainer().name(), services.indexing(), services.databaseHealth(), services.relations(),
        services.trust()).mount(router, agentAuth);
    if (services.catalogUpdates() != null) new CatalogRoutes(services.catalogUpdates()).mount(router, agentAuth);
    router.route("/api/*").handler(ctx -> ctx.fail(new HttpException(404, "no such endpoint")));
    if (chat.mcp() != null) chat.mcp().mount(router);
    String agentPage = services.webRoot().resolve("agent.html").toAbsolutePath().toString();
    router.get("/agent").handler(ctx -> ctx.response().putHeader("Cache-Control", "no-store").sendFile(agentPage)
        .onFailure(ctx::fail)); // the agent console; its data comes from the token-protected API
    // web-ui/test holds the browser tests and their node_modules: never part of the site
    router.route("/test/*").handler(ctx -> ctx.fail(new HttpException(404, "not found")));
    router.route("/*").handler(StaticHandler.create(FileSystemAccess.ROOT, services.webRoot().toAbsolutePath().toString())
        .setCachingEnabled(false));
    router.route().failureHandler(ctx -> {
      int status = ctx.statusCode() > 0 ? ctx.statusCode() : 500;
      String message;
      if (ctx.failure() instanceof HttpException he) {
        status = he.getStatusCode();
        message = he.getPayload() != null ? he.getPayload() : "request failed";
      } else if (ctx.failure() != null) {
        LOG.log(Level.WARNING, "request failed: " + ctx.request().path(), ctx.failure());
        message = "internal error";
      } else {
        message = status == 404 ? "not found" : "request failed";
      }
      if (ctx.response().ended()) return;
      ctx.response().setStatusCode(status).putHeader("Content-Type", "application/json")
          .end(Protocol.httpError(Protocol.ErrorCode.forStatus(status), message).encode());
    });

    HttpServerOptions options = new HttpServerOptions()
        .setMaxWebSocketFrameSize(NETTY_FRAME_LIMIT)
        .setMaxWebSocketMessageSize(NETTY_FRAME_LIMIT)
        .setCompressionSupported(true);
    List<String> origins = services.allowedOrigins();
    server = vertx.createHttpServer(options)
        .webSocketHandshakeHandler(handshake -> {
          // a browser always sends Origin: with an allowlist, pages elsewhere cannot open the chat
          String origin = handshake.headers().get("Origin");
          if (origins.isEmpty() || origin != null && originAllowed(origins, origin)) {
            handshake.accept();
          } else {
            handshake.reject(403);
          }
        })
        .webSocketHandler(ws -> {
          if (!"/ws/chat".equals(ws.path())) {
            ws.close((short) 1008, "unknown path; use /ws/chat");
            return;
          }
          new ChatSocket(ws, vertx.getOrCreateContext(), live, steps, feedback);
        })
        .requestHandler(router);
    return server.listen(port, host).onSuccess(s -> {
      if (first) LOG.info("listening on http://" + host + ":" + s.actualPort());
    });
  }

  /**
   * With {@code days > 0}, deletes the conversations not updated for that many days now and then
   * daily. The delete runs in PostgreSQL (the timer only sends it), so the event loop never waits.
   */
  private void scheduleRetention(LiveConversations live, int days) {
    if (days <= 0) return;
    Runnable run = () -> live.retain(days)
        .onSuccess(ids -> LOG.info("retention: deleted " + ids.size() + " conversations older than " + days + " days"))
        .onFailure(e -> LOG.warning("retention: could not delete old conversations: " + e.getMessage()));
    retentionTimer = vertx.setPeriodic(1000, RETENTION_PERIOD_MS, id -> run.run());
  }

  /** Whether a page of {@code origin} may use the server: any with an empty allowlist, else the listed ones. */
  static boolean originAllowed(List<String> allowed, String origin) {
    return allowed.isEmpty() || allowed.contains(origin);
  }

  /** The routes mounted, as {@code METHOD path} ({@code GET /api/products/:id}); for tests of the API description. */
  public List<String> routes() {
    List<String> out = new java.util.ArrayList<>();
    for (io.vertx.ext.web.Route r : router.getRoutes()) {
      if (r.getPath() == null || r.methods() == null) continue;
      for (io.vertx.core.http.HttpMethod m : r.methods()) out.add(m.name() + " " + r.getPath());
    }
    return out;
  }

  /** The bound port (useful with port 0). */
  public int actualPort() {
    return server.actualPort();
  }

  @Override
  public Future<?> stop() {
    if (retentionTimer >= 0) vertx.cancelTimer(retentionTimer);
    return server == null ? Future.succeededFuture() : server.close();
  }
}
