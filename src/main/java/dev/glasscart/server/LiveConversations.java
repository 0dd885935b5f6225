package dev.glasscart.server;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;

import dev.glasscart.conversation.ConversationRepository;
import dev.glasscart.conversation.ConversationService;
import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.WorkerExecutor;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.HexFormat;
import java.util.UUID;
import java.util.concurrent.ConcurrentMap;

/**
 * The conversations in memory: opens new ones (with the resume token only their shopper learns),
 * resumes live ones, restores stored ones from the database, and keeps at most
 * {@link #MAX_LIVE_SESSIONS} (a Caffeine cache: no caller waits on a lock, so event loops may use it). Database calls go through {@link StorageRetry}. A conversation is
 * owned by the event-loop context that opened it ({@link LiveConversation}); call from event loops.
 */
final class LiveConversations {
  /**
   * Most conversations kept in memory; beyond it the least useful (Caffeine's size policy) are dropped and, if a
   * shopper comes back, restored from the database like after a restart.
   */
  static final int MAX_LIVE_SESSIONS = 10_000;
  private static final SecureRandom RANDOM = new SecureRandom();
  /** Resume tokens are 192 random bits. */
  private static final int RESUME_TOKEN_BYTES = 24;

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
  record Started(LiveConversation conversation, String resumeToken) {}

  private final WorkerExecutor workers;
  private final ConversationService conversations;
  private final ConversationRepository repository;
  private final StorageRetry storage;
  /** Bounded, most recently used kept; Caffeine's reads and writes take no lock a caller waits on. */
  private final Cache<String, LiveConversation> cache = Caffeine.newBuilder()
      .maximumSize(MAX_LIVE_SESSIONS).build();
  private final ConcurrentMap<String, LiveConversation> live = cache.asMap();

  LiveConversations(WorkerExecutor workers, ConversationService conversations, ConversationRepository repository,
      StorageRetry storage) {
    this.workers = workers;
    this.conversations = conversations;
    this.repository = repository;
    this.storage = storage;
  }

  /**
   * A new conversation and its resume token: the token goes to the shopper once, only its
   * SHA-256 is stored.
   */
  Future<Started> start() {
    Context owner = Vertx.currentContext();
    String fresh = UUID.randomUUID().toString();
    String token = newResumeToken();
    return storage.retrying("starting a conversation", () -> repository.ensureConversation(fresh, resumeTokenHash(token))).map(v -> {
      LiveConversation c = new LiveConversation(conversations.newSession(fresh), owner);
      live.put(fresh, c);
      return new Started(c, token);
    });
  }

  /**
   * The live or stored conversation {@code id}, when {@code resumeToken} is the one it was started
   * with; fails with UnknownConversationException or NotYourConversationException.
   */
  Future<LiveConversation> resume(String id, String resumeToken) {
    Context owner = Vertx.currentContext();
    return storage.retrying("reading the conversation", () -> repository.resumeTokenHash(id)).compose(stored -> {
      if (stored.isEmpty()) return Future.failedFuture(new UnknownConversationException(id));
      if (resumeToken == null || stored.get().isEmpty() || !MessageDigest.isEqual(
          stored.get().getBytes(StandardCharsets.US_ASCII), resumeTokenHash(resumeToken).getBytes(StandardCharsets.US_ASCII))) {
        return Future.failedFuture(new NotYourConversationException(
            "resuming a conversation needs the resumeToken its conversation event carried"));
      }
      LiveConversation c = live.get(id);
      if (c != null) return Future.succeededFuture(c);
      return storage.retrying("reading the conversation", () -> repository.turns(id))
          // replaying understanding is CPU work: keep it off the event loop
          .compose(turns -> workers.executeBlocking(() -> conversations.restore(id, turns), false))
          // built on a worker, handed over through the future: from here on the owner's alone
          .map(restored -> live.computeIfAbsent(id, k -> new LiveConversation(restored, owner)));
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
}
