package dev.glasscart.server;

import dev.glasscart.conversation.ConversationRepository;
import dev.glasscart.conversation.ConversationService;
import dev.glasscart.conversation.ConversationSession;
import dev.glasscart.conversation.TurnRecord;
import dev.glasscart.explanation.Explainer;
import dev.glasscart.explanation.GroundingReport;
import dev.glasscart.explanation.Outcome;
import dev.glasscart.observability.ChatMetrics;
import dev.glasscart.storage.Feedback;
import dev.glasscart.storage.FeedbackRepository;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.WorkerExecutor;
import io.vertx.core.json.JsonObject;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.Collections;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * The asynchronous edge of a conversation: opens sessions (new, live or restored from the
 * database), saves turns and stores feedback. Every database call is retried for up to
 * {@link #STORAGE_DEADLINE_MS} (a restarting database must not lose a turn), each attempt bounded
 * by {@link #ATTEMPT_TIMEOUT_MS} (a stalled one must not hang a shopper); when that runs out it
 * fails with {@link StorageUnavailableException}. The synchronous work is {@link ConversationService}'s.
 */
final class ChatBackend {
  private static final Logger LOG = Logger.getLogger(ChatBackend.class.getName());
  /** Delays between attempts (the last repeats); they ride out a database restart of a few seconds. */
  private static final long[] RETRY_MS = {250, 500, 1000, 2000};
  /** No new attempt starts after this long: then the shopper is told (not_saved, unavailable). */
  static final long STORAGE_DEADLINE_MS = 8000;
  /** Longest wait for one attempt: a stopped database answers nothing at all. */
  static final long ATTEMPT_TIMEOUT_MS = 3000;

  /** The database could not be used within {@link #STORAGE_DEADLINE_MS}. */
  static final class StorageUnavailableException extends RuntimeException {
    StorageUnavailableException(String what, Throwable cause) {
      super(what + ": the database is unavailable (" + cause.getMessage() + ")", cause);
    }
  }

  /** A conversation id that is not stored. */
  static final class UnknownConversationException extends RuntimeException {
    UnknownConversationException(String id) {
      super("unknown conversation '" + id + "'");
    }
  }

  /** A frame named a conversation this connection may not act on (another one, or no or a wrong resume token). */
  static final class NotYourConversationException extends RuntimeException {
    NotYourConversationException(String message) {
      super(message);
    }
  }

  /** A conversation just started, with the resume token that only its shopper learns. */
  record Started(ConversationSession session, String resumeToken) {}

  private static final SecureRandom RANDOM = new SecureRandom();
  /** Resume tokens are 192 random bits. */
  private static final int RESUME_TOKEN_BYTES = 24;

  private final Vertx vertx;
  private final WorkerExecutor workers;
  private final ConversationService conversations;
  private final ConversationRepository repository;
  private final FeedbackRepository feedback;
  private final Explainer explainer;
  private final ChatMetrics metrics;
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
      ConversationRepository repository, FeedbackRepository feedback, Explainer explainer, ChatMetrics metrics) {
    this.vertx = vertx;
    this.metrics = metrics;
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

  /** Where the chat path reports turns, slow readers and retries. */
  ChatMetrics metrics() {
    return metrics;
  }

  /**
   * A new conversation and its resume token: the token goes to the shopper once, only its
   * SHA-256 is stored.
   */
  Future<Started> start() {
    String fresh = UUID.randomUUID().toString();
    String token = newResumeToken();
    return retrying("starting a conversation", () -> repository.ensureConversation(fresh, resumeTokenHash(token))).map(v -> {
      ConversationSession s = conversations.newSession(fresh);
      live.put(fresh, s);
      return new Started(s, token);
    });
  }

  /**
   * The live or stored conversation {@code id}, when {@code resumeToken} is the one it was started
   * with; fails with UnknownConversationException or NotYourConversationException.
   */
  Future<ConversationSession> resume(String id, String resumeToken) {
    return retrying("reading the conversation", () -> repository.resumeTokenHash(id)).compose(stored -> {
      if (stored.isEmpty()) return Future.failedFuture(new UnknownConversationException(id));
      if (resumeToken == null || stored.get().isEmpty() || !MessageDigest.isEqual(
          stored.get().getBytes(StandardCharsets.US_ASCII), resumeTokenHash(resumeToken).getBytes(StandardCharsets.US_ASCII))) {
        return Future.failedFuture(new NotYourConversationException(
            "resuming a conversation needs the resumeToken its conversation event carried"));
      }
      ConversationSession s = live.get(id);
      if (s != null) return Future.succeededFuture(s);
      return retrying("reading the conversation", () -> repository.turns(id))
          // replaying understanding is CPU work: keep it off the event loop
          .compose(turns -> workers.executeBlocking(() -> conversations.restore(id, turns), false))
          .map(restored -> {
            ConversationSession existing = live.putIfAbsent(id, restored);
            return existing != null ? existing : restored;
          });
    });
  }

  static String newResumeToken() {
    byte[] b = new byte[RESUME_TOKEN_BYTES];
    RANDOM.nextBytes(b);
    return Base64.getUrlEncoder().withoutPadding().encodeToString(b);
  }

  /** What is stored of a resume token: its SHA-256, hex. */
  static String resumeTokenHash(String token) {
    try {
      return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(token.getBytes(StandardCharsets.UTF_8)));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }

  /** Stores a turn; retried, and a retry after an attempt that timed out but did commit counts as saved. */
  Future<Void> save(TurnRecord record) {
    return retrying("saving turn " + record.turn(), () -> repository.saveTurn(record));
  }

  /**
   * {@code attempt} until it succeeds, each try bounded by {@link #ATTEMPT_TIMEOUT_MS}, retried
   * after {@link #RETRY_MS} until {@link #STORAGE_DEADLINE_MS} has passed; then fails with
   * {@link StorageUnavailableException}.
   */
  <T> Future<T> retrying(String what, Supplier<Future<T>> attempt) {
    Promise<T> promise = Promise.promise();
    attempt(what, attempt, 0, System.nanoTime(), promise);
    return promise.future();
  }

  private <T> void attempt(String what, Supplier<Future<T>> attempt, int tries, long started, Promise<T> promise) {
    attempt.get().timeout(ATTEMPT_TIMEOUT_MS, TimeUnit.MILLISECONDS).onComplete(ar -> {
      if (ar.succeeded()) {
        promise.complete(ar.result());
        return;
      }
      long delay = RETRY_MS[Math.min(tries, RETRY_MS.length - 1)];
      long elapsedMs = (System.nanoTime() - started) / 1_000_000;
      if (elapsedMs + delay > STORAGE_DEADLINE_MS) {
        metrics.storageGaveUp();
        promise.fail(new StorageUnavailableException(what, ar.cause()));
        return;
      }
      LOG.log(Level.WARNING, what + " failed (attempt " + (tries + 1) + "), retrying: " + ar.cause().getMessage());
      metrics.storageRetried();
      vertx.setTimer(delay, t -> attempt(what, attempt, tries + 1, started, promise));
    });
  }

  /**
   * Stores a shopper's verdict with the judged product's ranking features as shown in that turn
   * (its score and contributions), or the whole turn's results when no product is named.
   */
  Future<Void> feedback(String conversationId, int turn, String productId, boolean helpful, String reason) {
    return retrying("reading turn " + turn, () -> repository.turn(conversationId, turn)).compose(stored -> {
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
      Feedback verdict = new Feedback(conversationId, turn, productId, helpful, reason, features);
      return retrying("saving feedback", () -> feedback.save(verdict));
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
