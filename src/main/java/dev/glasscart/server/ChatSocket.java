package dev.glasscart.server;

import dev.glasscart.conversation.ConversationRepository;
import dev.glasscart.conversation.ConversationSession;
import dev.glasscart.conversation.PreparedTurn;
import dev.glasscart.conversation.TurnRecord;
import dev.glasscart.explanation.Explainer;
import dev.glasscart.explanation.Outcome;
import dev.glasscart.explanation.TokenSink;
import dev.glasscart.query.Constraint;
import dev.glasscart.query.Intent;
import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.WorkerExecutor;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.ServerWebSocket;
import io.vertx.core.http.WebSocketFrame;
import io.vertx.core.json.DecodeException;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.time.Instant;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * One shopper connection on {@code /ws/chat}: parses frames, runs turns, streams events.
 *
 * <p>Threads: everything here runs on the socket's event-loop context except
 * {@code ConversationService.prepare} (understanding, Lucene, ONNX, ranking), which runs on the
 * shared {@code retrieval} worker pool, and the explainer, which produces tokens on its own threads;
 * tokens hop back to the context before they are written. Writes go through an {@link Outbox} so a
 * slow reader never blocks anyone.
 */
final class ChatSocket {
  private static final Logger LOG = Logger.getLogger(ChatSocket.class.getName());

  private final ServerWebSocket ws;
  private final Context context;
  private final WorkerExecutor workers;
  private final ChatBackend service;
  private final Outbox out;

  private Buffer partial = Buffer.buffer();
  private boolean partialTooLarge;
  private boolean partialBinary;
  /** True while a conversation is being opened or a turn is being prepared or streamed. */
  private boolean busy;
  /** A cancel that arrived while the conversation was opening: the next turn starts cancelled. */
  private boolean cancelPending;
  private ConversationSession session;
  private TurnRun running;

  ChatSocket(ServerWebSocket ws, Context context, WorkerExecutor workers, ChatBackend service) {
    this.ws = ws;
    this.context = context;
    this.workers = workers;
    this.service = service;
    this.out = new Outbox(ws);
    ws.frameHandler(this::onFrame);
    ws.closeHandler(v -> onClose());
    ws.exceptionHandler(e -> LOG.log(Level.FINE, "websocket error", e));
  }

  // ---- framing: reassemble fragments, refuse big or binary messages without buffering them ----

  private void onFrame(WebSocketFrame frame) {
    if (!frame.isText() && !frame.isBinary() && !frame.isContinuation()) return; // ping, pong, close
    if (frame.binaryData().length() > GlasscartServer.MAX_WIRE_FRAME_BYTES) {
      ws.close((short) 1009, "frames are limited to " + GlasscartServer.MAX_WIRE_FRAME_BYTES + " bytes");
      return;
    }
    if (!frame.isContinuation()) {
      partialBinary = frame.isBinary();
    }
    if (partialBinary) {
      if (frame.isFinal()) {
        partialBinary = false;
        out.send(Protocol.error("binary_not_supported", "send JSON text frames"));
      }
      return;
    }
    if (!partialTooLarge) {
      if (partial.length() + frame.binaryData().length() > Protocol.MAX_FRAME_BYTES) {
        partialTooLarge = true;
        partial = Buffer.buffer(); // drop what we held: nothing more of this message is kept
      } else {
        partial.appendBuffer(frame.binaryData());
      }
    }
    if (!frame.isFinal()) return;
    if (partialTooLarge) {
      partialTooLarge = false;
      out.send(Protocol.error("frame_too_large", "messages are limited to " + Protocol.MAX_FRAME_BYTES + " bytes"));
      return;
    }
    String text = partial.toString(java.nio.charset.StandardCharsets.UTF_8);
    partial = Buffer.buffer();
    onText(text);
  }

  private void onText(String text) {
    JsonObject msg;
    try {
      Object parsed = io.vertx.core.json.Json.decodeValue(text);
      if (!(parsed instanceof JsonObject o)) {
        out.send(Protocol.error("bad_json", "a frame must be one JSON object"));
        return;
      }
      msg = o;
    } catch (DecodeException e) {
      out.send(Protocol.error("bad_json", "the frame is not valid JSON"));
      return;
    }
    Object type = msg.getValue("type");
    switch (type instanceof String s ? s : "") {
      case "message" -> onMessage(msg);
      case "cancel" -> onCancel();
      case "remove_constraint" -> onRemoveConstraint(msg);
      case "feedback" -> onFeedback(msg);
      default -> out.send(Protocol.error("unknown_type",
          "unknown message type " + (type == null ? "(missing)" : "'" + type + "'")
              + "; expected message, cancel, remove_constraint or feedback"));
    }
  }

  // ---- message types ----

  private void onMessage(JsonObject msg) {
    Object t = msg.getValue("text");
    if (!(t instanceof String text) || text.isBlank()) {
      out.send(Protocol.error("empty_text", "'text' must be a non-empty string"));
      return;
    }
    if (text.length() > Protocol.MAX_TEXT_CHARS) {
      out.send(Protocol.error("text_too_long", "'text' has " + text.length() + " characters; the limit is " + Protocol.MAX_TEXT_CHARS));
      return;
    }
    if (refusedForControlCharacters("text", text)) return;
    Object cid = msg.getValue("conversationId");
    if (cid != null && !(cid instanceof String)) {
      out.send(Protocol.error("unknown_conversation", "'conversationId' must be a string"));
      return;
    }
    if (refusedAsBusy()) return;
    busy = true;
    conversationOf((String) cid, resumeToken(msg))
        .onSuccess(s -> startTurn(s, text, null))
        .onFailure(e -> {
          busy = false;
          cancelPending = false;
          openFailed(e);
        });
  }

  private static String resumeToken(JsonObject msg) {
    return msg.getValue("resumeToken") instanceof String t ? t : null;
  }

  /** Tells the client a turn is still running, if one is; true when the frame is refused. */
  private boolean refusedAsBusy() {
    if (!busy) return false;
    out.send(Protocol.error("busy", "a turn is still in progress; send cancel first"));
    return true;
  }

  /** Tells the client why a named conversation could not be opened. */
  private void openFailed(Throwable e) {
    if (e instanceof ChatBackend.UnknownConversationException) {
      out.send(Protocol.error("unknown_conversation", e.getMessage()));
    } else if (e instanceof ChatBackend.NotYourConversationException) {
      out.send(Protocol.error("not_your_conversation", e.getMessage()));
    } else if (e instanceof ChatBackend.StorageUnavailableException) {
      LOG.warning("cannot open a conversation: " + e.getMessage());
      out.send(Protocol.error("unavailable", "the conversation store is unavailable right now; try again in a few seconds"));
    } else {
      LOG.log(Level.WARNING, "cannot open conversation", e);
      out.send(Protocol.error("internal", "could not open the conversation"));
    }
  }

  /**
   * The conversation this socket is bound to. An unbound socket binds to a new conversation
   * ({@code conversationId} null) or to the one it resumes, which needs that conversation's
   * {@code resumeToken}; a bound socket never changes conversation: naming another one fails
   * with NotYourConversationException.
   */
  private Future<ConversationSession> conversationOf(String conversationId, String resumeToken) {
    if (session != null) {
      if (conversationId == null || conversationId.equals(session.id())) return Future.succeededFuture(session);
      return Future.failedFuture(new ChatBackend.NotYourConversationException(
          "this connection belongs to another conversation; resume that one on a new connection"));
    }
    Future<ConversationSession> opened = conversationId == null
        ? service.start().map(started -> {
          bind(started.session());
          out.send(Protocol.event("conversation").put("conversationId", started.session().id()).put("resumed", false)
              .put("resumeToken", started.resumeToken()));
          return started.session();
        })
        : service.resume(conversationId, resumeToken).map(s -> {
          bind(s);
          out.send(Protocol.event("conversation").put("conversationId", s.id()).put("resumed", true));
          return s;
        });
    return opened.compose(s -> s == session ? Future.succeededFuture(s)
        : Future.failedFuture(new ChatBackend.NotYourConversationException("this connection belongs to another conversation")));
  }

  /** Binds the socket to {@code s} unless another frame bound it first. */
  private void bind(ConversationSession s) {
    if (session == null) session = s;
  }

  private void onRemoveConstraint(JsonObject msg) {
    Constraint c = Protocol.parseConstraint(msg.getValue("constraint"));
    if (c == null) {
      out.send(Protocol.error("bad_constraint", "'constraint' must be {kind, field, value} as shown in understanding"));
      return;
    }
    if (refusedForControlCharacters("constraint.field", c.field()) || refusedForControlCharacters("constraint.value", c.value())) {
      return;
    }
    if (refusedAsBusy()) return;
    busy = true;
    conversationFor(msg, "nothing to rerun yet: send a message first").onComplete(ar -> {
      if (ar.failed() || ar.result().lastTurn() == 0) {
        busy = false;
        if (ar.succeeded()) out.send(Protocol.error("no_conversation", "nothing to rerun yet: send a message first"));
        return;
      }
      startTurn(ar.result(), null, c);
    });
  }

  /**
   * The conversation a {@code feedback} or {@code remove_constraint} frame is about: this socket's.
   * A {@code conversationId} naming another one is refused ({@code not_your_conversation}); on a
   * socket with no conversation yet, a {@code conversationId} with its {@code resumeToken} resumes
   * it (so a client can act on an earlier turn right after a reconnect). Fails, after telling the
   * client, when there is none.
   */
  private Future<ConversationSession> conversationFor(JsonObject msg, String noneMessage) {
    Object cid = msg.getValue("conversationId");
    if (cid instanceof String id) {
      return conversationOf(id, resumeToken(msg)).onFailure(this::openFailed);
    }
    if (session == null) {
      out.send(Protocol.error("no_conversation", noneMessage));
      return Future.failedFuture(noneMessage);
    }
    return Future.succeededFuture(session);
  }

  private void onCancel() {
    if (running != null) {
      running.cancel();
    } else if (busy) {
      cancelPending = true; // the conversation is still opening: the turn starts cancelled
    } else {
      out.send(Protocol.error("nothing_to_cancel", "no turn is streaming"));
    }
  }

  private void onFeedback(JsonObject msg) {
    conversationFor(msg, "feedback needs a conversation: send a message first").onSuccess(s -> {
      Object turn = msg.getValue("turn");
      Object helpful = msg.getValue("helpful");
      if (!(turn instanceof Number n) || n.intValue() < 1 || n.intValue() > s.lastTurn() || !(helpful instanceof Boolean h)) {
        out.send(Protocol.error("bad_feedback", "feedback needs 'turn' (a turn of this conversation) and 'helpful' (true or false)"));
        return;
      }
      String productId = msg.getValue("productId") instanceof String p ? p : null;
      String reason = msg.getValue("reason") instanceof String r ? r.substring(0, Math.min(r.length(), 500)) : null;
      if (reason != null && refusedForControlCharacters("reason", reason)) return;
      service.feedback(s.id(), n.intValue(), productId, h, reason)
          .onSuccess(v -> out.send(Protocol.event("feedback_saved").put("turn", n.intValue())))
          .onFailure(e -> {
            LOG.warning("feedback was not saved: " + e.getMessage());
            out.send(Protocol.error("not_saved", "the feedback could not be saved; try again in a few seconds"));
          });
    });
  }

  /** Refuses shopper text holding a control character (see {@link Protocol#controlCharacter}). */
  private boolean refusedForControlCharacters(String field, String text) {
    int at = Protocol.controlCharacter(text);
    if (at < 0) return false;
    out.send(Protocol.controlCharacterError(field, text, at));
    return true;
  }

  // ---- a turn ----

  private void startTurn(ConversationSession s, String text, Constraint removed) {
    long started = System.nanoTime();
    int turn = s.nextTurn();
    TurnRun run = new TurnRun(s, turn, started, text);
    running = run;
    if (cancelPending) {
      cancelPending = false;
      run.cancelled = true; // shown results still arrive, then done with cancelled: true
    }
    Future<PreparedTurn> prepared = workers.executeBlocking(
        () -> removed == null ? service.conversations().prepare(s, text, turn) : service.conversations().rerunWithout(s, removed, turn), false);
    prepared.onComplete(ar -> {
      if (ar.failed()) {
        LOG.log(Level.WARNING, "turn " + turn + " failed", ar.cause());
        s.abandonTurn(turn);
        running = null;
        busy = false;
        out.send(Protocol.error("internal", "could not answer: " + ar.cause().getMessage()).put("turn", turn));
        return;
      }
      PreparedTurn p = ar.result();
      run.prepared = p;
      if (run.text == null) run.text = p.evidence().userText();
      // built once: streamed now, stored with the turn in finish
      run.understanding = Protocol.understanding(p.understanding(), service.conversations().currency(),
          dev.glasscart.query.Language.detect(p.evidence().userText()));
      run.items = Protocol.items(p.shown());
      out.send(Protocol.event("understanding").put("turn", turn).mergeIn(run.understanding));
      out.send(Protocol.event("results").put("turn", turn)
          .put("items", run.items).put("total", p.total()).put("note", p.note()));
      if (p.understanding().intent() == Intent.COMPARE && p.shown().size() >= 2) {
        run.comparison = Protocol.comparison(p.shown());
        out.send(Protocol.event("comparison").put("turn", turn).mergeIn(run.comparison));
      }
      run.resultsMs = elapsedMs(started);
      if (run.cancelled || out.isClosed()) {
        finish(run);
        return;
      }
      run.generation = service.explainer().explain(p.evidence(), new SocketSink(run));
    });
  }

  private final class SocketSink implements TokenSink {
    private final TurnRun run;

    SocketSink(TurnRun run) {
      this.run = run;
    }

    @Override
    public void token(String text) {
      context.runOnContext(v -> {
        if (run.finished || run.cancelled) return;
        if (run.firstTokenMs < 0) run.firstTokenMs = elapsedMs(run.started);
        run.explanation.append(text);
        out.send(Protocol.event("token").put("turn", run.turn).put("text", text));
      });
    }

    @Override
    public void complete() {
      context.runOnContext(v -> finish(run));
    }

    @Override
    public void complete(Outcome outcome) {
      context.runOnContext(v -> {
        run.outcome = outcome;
        finish(run);
      });
    }

    @Override
    public void error(Throwable failure) {
      context.runOnContext(v -> {
        LOG.log(Level.WARNING, "explanation failed in turn " + run.turn, failure);
        run.explainerError = String.valueOf(failure.getMessage());
        finish(run);
      });
    }
  }

  /** Persists the turn, then sends done. Idempotent. */
  private void finish(TurnRun run) {
    if (run.finished) return;
    run.finished = true;
    long totalMs = elapsedMs(run.started);
    PreparedTurn p = run.prepared;
    JsonObject timings = new JsonObject().put("resultsMs", run.resultsMs)
        .put("firstTokenMs", run.firstTokenMs < 0 ? null : run.firstTokenMs).put("totalMs", totalMs);
    Outcome outcome = run.outcome != null ? run.outcome
        : run.generation == null ? null : run.generation.progress().orElse(null);
    JsonObject details = ChatBackend.describe(outcome, service.explainer().name()).put("cancelled", run.cancelled);
    if (run.explainerError != null) details.put("explainerError", run.explainerError);
    if (!p.note().isEmpty()) details.put("note", p.note());
    if (run.comparison != null) details.put("comparison", run.comparison);
    String explainer = details.getString("explainer", service.explainer().name());
    TurnRecord record = new TurnRecord(run.session.id(), run.turn, run.text, run.understanding, run.items,
        run.explanation.toString(), explainer, timings, details, Instant.now());
    service.save(record).onComplete(ar -> {
      if (running == run) {
        running = null;
        busy = false;
      }
      if (ar.failed()) {
        LOG.log(Level.SEVERE, "turn " + run.turn + " of " + ConversationRepository.logId(run.session.id()) + " was not saved", ar.cause());
        out.send(Protocol.error("not_saved", "this turn could not be saved (the database is unavailable); try again in a few seconds")
            .put("turn", run.turn));
      }
      JsonObject done = Protocol.event("done").put("turn", run.turn).put("explainer", explainer)
          .put("cancelled", run.cancelled).put("saved", ar.succeeded()).put("timings", timings);
      if (details.containsKey("fallback")) done.put("fallback", Protocol.publicFallback(details.getString("fallback")));
      if (details.containsKey("grounding")) done.put("grounding", details.getValue("grounding"));
      out.send(done);
    });
  }

  private void onClose() {
    out.markClosed();
    TurnRun run = running;
    if (run != null && run.prepared != null) {
      run.cancel(); // stops generation upstream; the turn is still saved with what was shown
    }
  }

  private static long elapsedMs(long startNanos) {
    return (System.nanoTime() - startNanos) / 1_000_000;
  }

  /** State of the turn in flight. Event-loop confined. */
  private final class TurnRun {
    /** The conversation the turn belongs to (the socket's, which never changes once bound). */
    final ConversationSession session;
    final int turn;
    final long started;
    String text;
    PreparedTurn prepared;
    /** The understanding and results events' payloads, as sent; saved with the turn. */
    JsonObject understanding;
    JsonArray items;
    Explainer.Generation generation;
    final StringBuilder explanation = new StringBuilder();
    long resultsMs = -1;
    long firstTokenMs = -1;
    boolean cancelled;
    boolean finished;
    String explainerError;
    Outcome outcome;
    JsonObject comparison;

    TurnRun(ConversationSession session, int turn, long started, String text) {
      this.session = session;
      this.turn = turn;
      this.started = started;
      this.text = text;
    }

    void cancel() {
      if (cancelled || finished) return;
      cancelled = true;
      if (generation != null) generation.cancel();
      if (prepared != null) finish(this);
    }
  }
}
