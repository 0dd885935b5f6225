package dev.glasscart.testing;

import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.http.HttpServerResponse;
import io.vertx.core.json.JsonObject;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;

/**
 * A real HTTP server speaking Ollama's streaming {@code POST /api/chat}: NDJSON lines
 * {@code {"model","created_at","message":{"role":"assistant","content"},"done":false}} and a final
 * {@code done:true} line with eval counts. It streams a script of tokens, then finishes, stalls or
 * drops the connection, and records requests and when the client closed the connection.
 */
public final class FakeOllama implements AutoCloseable {
  /** How the stream ends after the script. */
  public enum Ending { FINISH, STALL, DROP }

  private final Vertx vertx = Vertx.vertx();
  private final HttpServer server;
  /** Streaming chat requests (explanations). */
  public final List<JsonObject> requests = new CopyOnWriteArrayList<>();
  /** Non-streaming chat requests (constraint proposals), answered at once with {@link #proposal}. */
  public final List<JsonObject> proposalRequests = new CopyOnWriteArrayList<>();
  /** The content a non-streaming request gets back. */
  public volatile String proposal = "{\"constraints\": []}";
  /** How long a (non-streamed) proposal answer waits before it is sent: a slow model. */
  public volatile long proposalDelayMs;
  public final List<Long> sentNanos = new CopyOnWriteArrayList<>();
  public final CompletableFuture<Long> clientClosedNanos = new CompletableFuture<>();
  private volatile CompletableFuture<Long> nextClose = new CompletableFuture<>();
  private volatile List<String> script = List.of();
  private volatile Ending ending = Ending.FINISH;
  private volatile long delayMs = 10;
  private volatile CompletableFuture<Void> beforeLast = CompletableFuture.completedFuture(null);
  private volatile Function<JsonObject, List<String>> responder;

  public FakeOllama() throws Exception {
    server = vertx.createHttpServer().requestHandler(this::handle).listen(0)
        .toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
  }

  /** Completes when a client connection closes after this call (clientClosedNanos is the first ever). */
  public CompletableFuture<Long> nextClientClose() {
    nextClose = new CompletableFuture<>();
    return nextClose;
  }

  public String url() {
    return "http://127.0.0.1:" + server.actualPort();
  }

  public FakeOllama script(List<String> tokens, Ending ending, long delayMs) {
    this.script = List.copyOf(tokens);
    this.ending = ending;
    this.delayMs = delayMs;
    return this;
  }

  /**
   * Answers each streaming request with the tokens {@code reply} makes from that request (a model
   * that reads its prompt, e.g. one that obeys instructions found in it), ending as {@code ending}.
   */
  public FakeOllama respond(Function<JsonObject, List<String>> reply, Ending ending, long delayMs) {
    this.responder = reply;
    this.ending = ending;
    this.delayMs = delayMs;
    return this;
  }

  /**
   * Answers streaming requests with an HTTP error page instead of a stream: what a proxy in front
   * of Ollama sends when the model is down ({@code status} 0 turns it off again).
   */
  public FakeOllama failWith(int status, String contentType, String body) {
    this.failStatus = status;
    this.failType = contentType;
    this.failBody = body;
    return this;
  }

  private volatile int failStatus;
  private volatile String failType = "text/html";
  private volatile String failBody = "";

  /** Holds the script's last token back until {@code release} completes. */
  public FakeOllama holdLastUntil(CompletableFuture<Void> release) {
    this.beforeLast = release;
    return this;
  }

  private void handle(HttpServerRequest req) {
    req.connection().closeHandler(v -> {
      long now = System.nanoTime();
      clientClosedNanos.complete(now);
      nextClose.complete(now);
    });
    req.body().onSuccess(body -> {
      JsonObject json = body.toJsonObject();
      if (req.path().equals("/api/chat") && Boolean.FALSE.equals(json.getBoolean("stream"))) {
        proposalRequests.add(json);
        String answer = line(proposal, true).put("done_reason", "stop").put("eval_count", 12).encode();
        if (proposalDelayMs > 0) {
          vertx.setTimer(proposalDelayMs, t -> {
            if (!req.response().closed()) req.response().putHeader("content-type", "application/json").end(answer);
          });
        } else {
          req.response().putHeader("content-type", "application/json").end(answer);
        }
        return;
      }
      requests.add(json);
      if (!req.path().equals("/api/chat")) {
        req.response().setStatusCode(404).end();
        return;
      }
      if (failStatus != 0) {
        req.response().setStatusCode(failStatus).putHeader("content-type", failType).end(failBody);
        return;
      }
      HttpServerResponse resp = req.response().setChunked(true).putHeader("content-type", "application/x-ndjson");
      Function<JsonObject, List<String>> reply = responder;
      List<String> tokens = reply == null ? script : List.copyOf(reply.apply(json));
      if (tokens.isEmpty() && ending == Ending.STALL) return; // no headers, nothing: a model that hangs
      send(req, resp, tokens, 0);
    });
  }

  private void send(HttpServerRequest req, HttpServerResponse resp, List<String> script, int i) {
    if (resp.closed()) return;
    if (i == script.size() - 1 && !beforeLast.isDone()) {
      beforeLast.whenComplete((v, e) -> vertx.runOnContext(x -> send(req, resp, script, i)));
      return;
    }
    if (i < script.size()) {
      resp.write(line(script.get(i), false).encode() + "\n");
      sentNanos.add(System.nanoTime());
      // a zero delay sends the next line at once (a Vert.x timer needs at least 1 ms)
      if (delayMs < 1) vertx.runOnContext(v -> send(req, resp, script, i + 1));
      else vertx.setTimer(delayMs, id -> send(req, resp, script, i + 1));
      return;
    }
    switch (ending) {
      case FINISH -> resp.end(line("", true).put("done_reason", "stop").put("total_duration", 4883583458L)
          .put("load_duration", 1334875).put("prompt_eval_count", 26).put("prompt_eval_duration", 342546000)
          .put("eval_count", script.size()).put("eval_duration", 4535599000L).encode() + "\n");
      case STALL -> { }
      case DROP -> req.connection().close();
    }
  }

  private static JsonObject line(String content, boolean done) {
    return new JsonObject().put("model", "m").put("created_at", "2026-11-22T05:52:19.385406455Z")
        .put("message", new JsonObject().put("role", "assistant").put("content", content)).put("done", done);
  }

  @Override
  public void close() throws Exception {
    vertx.close().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
  }
}
