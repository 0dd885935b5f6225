package dev.glasscart.server;

import dev.glasscart.conversation.ConversationRepository;
import dev.glasscart.conversation.ConversationService;
import dev.glasscart.conversation.ConversationSession;
import dev.glasscart.conversation.TurnRecord;
import dev.glasscart.explanation.Explainer;
import dev.glasscart.storage.FeedbackRepository;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.WorkerExecutor;
import io.vertx.core.json.JsonObject;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
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
  private final Map<String, ConversationSession> live = new ConcurrentHashMap<>();

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

  Future<Void> feedback(String conversationId, int turn, String productId, boolean helpful, String reason) {
    return feedback.save(conversationId, turn, productId, helpful, reason);
  }

  /** What to record about a finished generation: effective explainer, fallback, grounding, prompt. */
  JsonObject describeExplainer(Explainer.Generation generation) {
    return new JsonObject().put("explainer", explainer.name());
  }
}
