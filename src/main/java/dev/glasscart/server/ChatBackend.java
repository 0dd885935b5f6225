package dev.glasscart.server;

import dev.glasscart.conversation.ConversationRepository;
import dev.glasscart.conversation.ConversationService;
import dev.glasscart.conversation.ConversationSession;
import dev.glasscart.conversation.TurnRecord;
import dev.glasscart.explanation.Explainer;
import dev.glasscart.explanation.GroundingReport;
import dev.glasscart.explanation.Outcome;
import dev.glasscart.storage.Feedback;
import dev.glasscart.storage.FeedbackRepository;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.WorkerExecutor;
import io.vertx.core.json.JsonObject;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * The asynchronous edge of a conversation: opens sessions (new, live or restored from the
 * database), saves turns with retries (a restarting database must not lose a turn) and stores
 * feedback. The synchronous work is {@link ConversationService}'s.
 */
final class ChatBackend {
  private static final Logger LOG = Logger.getLogger(ChatBackend.class.getName());
  /** Delays between save attempts; together they ride out a database restart of a few seconds. */
  private static final long[] SAVE_RETRY_MS = {250, 500, 1000, 2000, 4000};

  /** A conversation id that is not stored. */
  static final class UnknownConversationException extends RuntimeException {
    UnknownConversationException(String id) {
      super("unknown conversation '" + id + "'");
    }
  }

  private final Vertx vertx;
  private final WorkerExecutor workers;
  private final ConversationService conversations;
  private final ConversationRepository repository;
  private final FeedbackRepository feedback;
  private final Explainer explainer;
  /**
   * Most conversations kept in memory; the least recently used beyond it are dropped and, if a
   * shopper comes back, restored from the database like after a restart.
   */
  static final int MAX_LIVE_SESSIONS = 10_000;
  private final Map<String, ConversationSession> live = Collections.synchronizedMap(
      new LinkedHashMap<>(256, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<String, ConversationSession> eldest) {
          return size() > MAX_LIVE_SESSIONS;
        }
      });

  ChatBackend(Vertx vertx, WorkerExecutor workers, ConversationService conversations,
      ConversationRepository repository, FeedbackRepository feedback, Explainer explainer) {
    this.vertx = vertx;
    this.workers = workers;
    this.conversations = conversations;
    this.repository = repository;
    this.feedback = feedback;
    this.explainer = explainer;
  }

  ConversationService conversations() {
    return conversations;
  }

  Explainer explainer() {
    return explainer;
  }

  /** A new conversation when {@code id} is null; else the live or stored one, or fails with UnknownConversationException. */
  Future<ConversationSession> open(String id) {
    if (id == null) {
      String fresh = UUID.randomUUID().toString();
      return repository.ensureConversation(fresh).map(v -> {
        ConversationSession s = conversations.newSession(fresh);
        live.put(fresh, s);
        return s;
      });
    }
    ConversationSession s = live.get(id);
    if (s != null) return Future.succeededFuture(s);
    return repository.transcript(id).compose(turns -> {
      if (turns.isEmpty()) return Future.failedFuture(new UnknownConversationException(id));
      // replaying understanding is CPU work: keep it off the event loop
      return workers.executeBlocking(() -> conversations.restore(id, turns.get()), false);
    }).map(restored -> {
      ConversationSession existing = live.putIfAbsent(id, restored);
      return existing != null ? existing : restored;
    });
  }

  Future<Void> save(TurnRecord record) {
    Promise<Void> promise = Promise.promise();
    attemptSave(record, 0, promise);
    return promise.future();
  }

  private void attemptSave(TurnRecord record, int attempt, Promise<Void> promise) {
    repository.saveTurn(record).onComplete(ar -> {
      if (ar.succeeded()) {
        promise.complete();
      } else if (attempt < SAVE_RETRY_MS.length) {
        LOG.log(Level.WARNING, "saving turn " + record.turn() + " failed (attempt " + (attempt + 1) + "), retrying: " + ar.cause().getMessage());
        vertx.setTimer(SAVE_RETRY_MS[attempt], t -> attemptSave(record, attempt + 1, promise));
      } else {
        promise.fail(ar.cause());
      }
    });
  }

  /**
   * Stores a shopper's verdict with the judged product's ranking features as shown in that turn
   * (its score and contributions), or the whole turn's results when no product is named.
   */
  Future<Void> feedback(String conversationId, int turn, String productId, boolean helpful, String reason) {
    return repository.turn(conversationId, turn).compose(stored -> {
      JsonObject features = new JsonObject();
      stored.ifPresent(t -> {
        features.put("explainer", t.explainer());
        for (int i = 0; i < t.results().size(); i++) {
          JsonObject item = t.results().getJsonObject(i);
          if (productId == null || productId.equals(item.getString("productId"))) {
            features.put(item.getString("productId"), new JsonObject()
                .put("rank", item.getValue("rank")).put("score", item.getValue("score"))
                .put("contributions", item.getValue("contributions")));
          }
        }
      });
      return feedback.save(new Feedback(conversationId, turn, productId, helpful, reason, features));
    }).mapEmpty();
  }

  /**
   * What to record about a generation: the effective explainer, why it fell back, the prompt
   * version, the prompt sent, the raw model output and the grounding verdicts. {@code outcome} may be null (a turn
   * cancelled before its explanation started): then only the configured explainer's name.
   */
  static JsonObject describe(Outcome outcome, String configured) {
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
}
