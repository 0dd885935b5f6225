package dev.glasscart.server;

import dev.glasscart.conversation.ConversationRepository;
import dev.glasscart.conversation.PreparedTurn;
import dev.glasscart.conversation.TurnRecord;
import dev.glasscart.conversation.Understander;
import dev.glasscart.explanation.Explainer;
import dev.glasscart.explanation.GroundingReport;
import dev.glasscart.explanation.Outcome;
import dev.glasscart.explanation.TokenSink;
import dev.glasscart.observability.ChatMetrics;
import dev.glasscart.server.Protocol.ErrorCode;
import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.json.JsonObject;
import java.time.Instant;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * One turn on a chat socket, as one chain of futures: prepare (on a worker) -> the understanding,
 * results and comparison events -> the streamed explanation -> save -> done. Each step hands the
 * next an immutable record of what it did ({@link Shown}, {@link Explained}); the only state that
 * changes is the {@link Phase} and the cancel flag.
 *
 * <p>Event-loop confined: built, run and cancelled on the socket's context; explainer tokens hop
 * back to it before anything is written. Its points (results, first token, done, or failed before
 * results) go to {@link TurnSteps#metrics}, under the turn's log id.
 */
final class Turn {
  private static final Logger LOG = Logger.getLogger(Turn.class.getName());

  /** Where a turn is. */
  enum Phase { PREPARING, STREAMING, SAVING, DONE }

  /** What the shopper was shown before the explanation: the events' payloads, as sent and as stored. */
  record Shown(int turn, PreparedTurn prepared, String text, Rendered rendered, long resultsMs) {}

  /** How the explanation ended. {@code firstTokenMs} is -1 without tokens; {@code outcome} null when none started. */
  record Explained(String explanation, long firstTokenMs, Outcome outcome, String explainerError) {
    static final Explained NONE = new Explained("", -1, null, null);
  }

  private final TurnSteps steps;
  private final Context context;
  private final Outbox out;
  private final LiveConversation conversation;
  /** When the turn's frame arrived ({@link System#nanoTime}): every latency it reports counts from it. */
  private final long started;
  private Phase phase = Phase.PREPARING;
  private boolean cancelled;
  private Streaming streaming;
  /** The turn's id in logs and the agent console ({@link ConversationRepository#turnId}), once it is numbered. */
  private String turnId;

  /**
   * The next turn of {@code conversation}; {@code cancelled}: it starts cancelled (results, then
   * done); {@code arrivedNanos}: when its frame arrived.
   */
  Turn(TurnSteps steps, Context context, Outbox out, LiveConversation conversation, boolean cancelled, long arrivedNanos) {
    this.started = arrivedNanos;
    this.steps = steps;
    this.context = context;
    this.out = out;
    this.conversation = conversation;
    this.cancelled = cancelled;
  }

  /** Runs the turn; completes after its done event (or its error) went out. */
  Future<Void> run(TurnSteps.Input input) {
    return steps.prepare(conversation, input)
        .recover(this::prepareFailed)
        .map(p -> show(p, input))
        .compose(shown -> explain(shown).compose(explained -> save(shown, explained)));
  }

  /**
   * Stops the turn: while preparing, its results still arrive, then done with cancelled; while
   * streaming, generation stops upstream and the turn is saved with what was shown. A turn being
   * saved finishes as it is.
   */
  void cancel() {
    if (cancelled || phase == Phase.SAVING || phase == Phase.DONE) return;
    cancelled = true;
    if (streaming != null) streaming.stop();
  }

  /** The socket closed: a streaming turn stops (and is saved); a turn still preparing saves without explaining. */
  void socketClosed() {
    if (phase == Phase.STREAMING) cancel();
  }

  private Future<Rendered> prepareFailed(Throwable failure) {
    String incident = Protocol.incident();
    Integer turn = failure instanceof TurnSteps.TurnFailed f ? f.turn : null;
    Throwable cause = failure instanceof TurnSteps.TurnFailed && failure.getCause() != null ? failure.getCause() : failure;
    LOG.log(Level.WARNING, "turn " + turn + " of " + ConversationRepository.logId(conversation.id()) + " failed (" + incident + ")", cause);
    phase = Phase.DONE;
    JsonObject error = Protocol.error(ErrorCode.INTERNAL, "could not answer this message because of a fault on our side; "
        + "please try again (reference " + incident + ")");
    out.send(turn == null ? error : error.put("turn", turn));
    String id = ConversationRepository.logId(conversation.id());
    steps.metrics().failed(turn == null ? id : ConversationRepository.turnId(conversation.id(), turn));
    return Future.failedFuture(failure);
  }

  private Shown show(Rendered r, TurnSteps.Input input) {
    PreparedTurn p = r.prepared();
    int turn = p.turn();
    turnId = ConversationRepository.turnId(conversation.id(), turn);
    String text = input instanceof TurnSteps.Input.Ask ask ? ask.text() : p.evidence().userText();
    // built and encoded on the worker: streamed now, stored with the turn as the same text
    out.send(r.understandingEvent(turn));
    out.send(r.resultsEvent(turn));
    String comparison = r.comparisonEvent(turn);
    if (comparison != null) out.send(comparison);
    Shown shown = new Shown(turn, p, text, r, elapsedMs());
    steps.metrics().results(turnId, shown.resultsMs());
    return shown;
  }

  private Future<Explained> explain(Shown shown) {
    if (cancelled || out.isClosed()) return Future.succeededFuture(Explained.NONE);
    phase = Phase.STREAMING;
    streaming = new Streaming(shown.turn());
    streaming.generation = steps.explain(shown.prepared().evidence(), streaming);
    return streaming.result.future();
  }

  /**
   * The explanation as it streams: tokens go out as they come until it ends or the turn is
   * cancelled; tokens that arrive before the loop took the ones before go out together as one
   * {@code token} event ({@link TokenBatch}).
   */
  private final class Streaming implements TokenSink {
    final int turn;
    final Promise<Explained> result = Promise.promise();
    final StringBuilder text = new StringBuilder();
    long firstTokenMs = -1;
    Explainer.Generation generation;
    private final TokenBatch arrived = new TokenBatch(task -> context.runOnContext(v -> task.run()));

    Streaming(int turn) {
      this.turn = turn;
    }

    @Override
    public void token(String token) {
      arrived.add(token, this::send);
    }

    /** On the loop: one token event of {@code chunk} (dropped once the streaming ended). */
    private void send(String chunk) {
      if (result.future().isComplete()) return;
      if (firstTokenMs < 0) {
        firstTokenMs = elapsedMs();
        steps.metrics().firstToken(turnId, firstTokenMs);
      }
      text.append(chunk);
      out.send(Protocol.event("token").put("turn", turn).put("text", chunk));
    }

    /** On the loop, before the streaming ends: what arrived and was not sent yet goes out first. */
    private void flush() {
      String rest = arrived.drain();
      if (rest != null) send(rest);
    }

    @Override
    public void complete() {
      context.runOnContext(v -> {
        flush();
        end(null, null);
      });
    }

    @Override
    public void complete(Outcome outcome) {
      context.runOnContext(v -> {
        flush();
        end(outcome, null);
      });
    }

    @Override
    public void error(Throwable failure) {
      context.runOnContext(v -> {
        flush();
        LOG.log(Level.WARNING, "explanation failed in turn " + turn, failure);
        end(null, String.valueOf(failure.getMessage()));
      });
    }

    /** Cancelled: generation stops upstream, the turn goes on to be saved with what was shown. */
    void stop() {
      if (generation != null) generation.cancel();
      end(null, null);
    }

    private void end(Outcome outcome, String error) {
      if (result.future().isComplete()) return;
      Outcome o = outcome != null ? outcome : generation == null ? null : generation.progress().orElse(null);
      result.complete(new Explained(text.toString(), firstTokenMs, o, error));
    }
  }

  /** Persists the turn, then sends done ({@code saved: false} after a {@code not_saved} error). */
  private Future<Void> save(Shown shown, Explained explained) {
    phase = Phase.SAVING;
    int turn = shown.turn();
    PreparedTurn p = shown.prepared();
    JsonObject timings = new JsonObject().put("resultsMs", shown.resultsMs())
        .put("firstTokenMs", explained.firstTokenMs() < 0 ? null : explained.firstTokenMs()).put("totalMs", elapsedMs());
    JsonObject details = details(explained.outcome(), steps.explainerName()).put("cancelled", cancelled);
    if (explained.explainerError() != null) details.put("explainerError", explained.explainerError());
    if (!p.note().isEmpty()) details.put("note", p.note());
    if (shown.rendered().comparison() != null) details.put("comparison", shown.rendered().comparison());
    // what the trust measures read back (docs/trust.md): instructions set aside, who the candidates were
    details.put("safety", new JsonObject().put("instructionsSetAside", Understander.givesInstructions(shown.text())));
    if (shown.rendered().exposure() != null) details.put("exposure", shown.rendered().exposure());
    String explainer = details.getString("explainer", steps.explainerName());
    TurnRecord record = new TurnRecord(conversation.id(), turn, shown.text(), shown.rendered().understanding(),
        shown.rendered().items(), p.shown().stream().map(r -> r.product().id()).toList(),
        explained.explanation(), explainer, timings.encode(), details.encode(), Instant.now(), p.state());
    return steps.save(conversation, record).transform(ar -> {
      phase = Phase.DONE;
      if (ar.failed() && ar.cause() instanceof LiveConversations.ErasedException) {
        out.send(Protocol.error(ErrorCode.DELETED, ar.cause().getMessage()).put("turn", turn));
      } else if (ar.failed() && ar.cause() instanceof ConversationRepository.TurnTakenException) {
        LOG.warning("turn " + turn + " of " + ConversationRepository.logId(conversation.id())
            + " was stored first by another server; this one is not stored and the conversation is reloaded");
        out.send(Protocol.error(ErrorCode.TURN_TAKEN, "another connection to this conversation answered turn " + turn
            + " first, so this answer was not saved; the conversation now continues from the saved turns: send your message again")
            .put("turn", turn));
      } else if (ar.failed()) {
        LOG.log(Level.SEVERE, "turn " + turn + " of " + ConversationRepository.logId(conversation.id()) + " was not saved", ar.cause());
        out.send(Protocol.error(ErrorCode.NOT_SAVED, "this turn could not be saved (the database is unavailable); try again in a few seconds")
            .put("turn", turn));
      }
      JsonObject done = Protocol.event("done").put("turn", turn).put("explainer", explainer)
          .put("cancelled", cancelled).put("saved", ar.succeeded()).put("timings", timings);
      if (details.containsKey("fallback")) done.put("fallback", Protocol.publicFallback(details.getString("fallback")));
      if (details.containsKey("grounding")) done.put("grounding", details.getValue("grounding"));
      out.send(done);
      Outcome o = explained.outcome();
      steps.metrics().done(new ChatMetrics.TurnDone(turnId, p.understanding().intent().name().toLowerCase(java.util.Locale.ROOT),
          explainer, shown.resultsMs(), explained.firstTokenMs(), timings.getLong("totalMs"), cancelled, ar.succeeded(),
          Protocol.publicFallback(details.getString("fallback")), o == null ? GroundingReport.NONE : o.grounding()));
      return Future.succeededFuture();
    });
  }

  /**
   * What to record about a generation: the effective explainer, why it fell back, the prompt
   * version, the prompt sent, the raw model output and the grounding verdicts. {@code outcome} may be null (a turn
   * cancelled before its explanation started): then only the configured explainer's name.
   */
  static JsonObject details(Outcome outcome, String configured) {
    JsonObject d = new JsonObject();
    if (outcome == null) return d.put("explainer", configured);
    d.put("explainer", outcome.explainer());
    if (outcome.fellBack()) d.put("fallback", outcome.fallbackReason());
    if (!outcome.promptVersion().isEmpty()) d.put("promptVersion", outcome.promptVersion());
    if (!outcome.rawModelOutput().isEmpty()) d.put("rawModelOutput", outcome.rawModelOutput());
    if (outcome.grounding() != GroundingReport.NONE) d.put("grounding", JsonObject.mapFrom(outcome.grounding()));
    if (outcome.prompt() != null) d.put("prompt", new JsonObject(outcome.promptDetails()));
    return d;
  }

  private long elapsedMs() {
    return (System.nanoTime() - started) / 1_000_000;
  }
}
