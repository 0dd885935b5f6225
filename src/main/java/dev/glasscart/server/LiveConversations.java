package dev.glasscart.server;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;

import dev.glasscart.conversation.ConversationRepository;
import dev.glasscart.conversation.ConversationService;
import dev.glasscart.conversation.ConversationSession;
import dev.glasscart.conversation.TurnRecord;
import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.WorkerExecutor;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.Base64;
import java.time.Duration;
import java.util.HexFormat;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.ConcurrentMap;
import java.util.concurrent.TimeUnit;
import java.util.logging.Logger;

/**
 * The conversations in memory: opens new ones (with the resume token only their shopper learns),
 * resumes live ones, restores stored ones from the database, and keeps at most
 * {@link #MAX_LIVE_SESSIONS} (a Caffeine cache: no caller waits on a lock, so event loops may use it). Database calls go through {@link StorageRetry}. A conversation is
 * owned by the event-loop context that opened it ({@link LiveConversation}); call from event loops.
 * Each conversation is bound to its shopper's profile ({@link Shoppers}); deleting a shopper's data
 * or old conversations ({@link #erase}, {@link #retain}) also drops them from memory.
 */
final class LiveConversations {
  private static final Logger LOG = Logger.getLogger(LiveConversations.class.getName());
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

  /** The conversation was deleted (its shopper deleted their data, or retention removed it). */
  static final class ErasedException extends RuntimeException {
    ErasedException() {
      super("this conversation was deleted; start a new one");
    }
  }

  /**
   * A conversation just started, with the resume token that only its shopper learns and, when the
   * server just issued one, the shopper token (else null).
   */
  record Started(LiveConversation conversation, String resumeToken, String shopperToken) {}

  private final WorkerExecutor workers;
  private final ConversationService conversations;
  private final ConversationRepository repository;
  private final StorageRetry storage;
  private final Shoppers shoppers;
  /** Bounded, most recently used kept; Caffeine's reads and writes take no lock a caller waits on. */
  private final Cache<String, LiveConversation> cache = Caffeine.newBuilder()
      .maximumSize(MAX_LIVE_SESSIONS).build();
  private final ConcurrentMap<String, LiveConversation> live = cache.asMap();

  LiveConversations(WorkerExecutor workers, ConversationService conversations, ConversationRepository repository,
      StorageRetry storage, Shoppers shoppers) {
    this.shoppers = shoppers;
    this.workers = workers;
    this.conversations = conversations;
    this.repository = repository;
    this.storage = storage;
  }

  /**
   * A new conversation and its resume token (the token goes to the shopper once, only its
   * SHA-256 is stored), of the shopper {@code shopper}'s token authorises (or the shop's customer
   * it names, or a new anonymous shopper: see {@link Shoppers#identify}), bound to their profile.
   */
  Future<Started> start(ChatRequest.Shopper shopper) {
    Context owner = Vertx.currentContext();
    String fresh = UUID.randomUUID().toString();
    String token = newResumeToken();
    String shopperToken = shopper == null ? null : shopper.token();
    String customerId = shopper == null ? null : shopper.customerId();
    return storage.retrying("identifying the shopper", () -> shoppers.identify(shopperToken, customerId))
        .compose(id -> storage.retrying("starting a conversation",
                () -> repository.ensureConversation(fresh, resumeTokenHash(token), id.profile().shopperId()))
            .map(v -> {
              ConversationSession s = conversations.newSession(fresh);
              s.profile(id.profile());
              LiveConversation c = new LiveConversation(s, owner);
              live.put(fresh, c);
              return new Started(c, token, id.issuedToken());
            }));
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
      // in memory: its next turn first catches up with turns other servers stored since (catchUp); not
      // here, where it would wait behind a turn of this conversation another socket is running
      if (c != null) return Future.succeededFuture(c);
      return storage.retrying("reading the conversation", () -> storedAfter(id, 0))
          .map(found -> found.orElseGet(() -> conversations.newSession(id)))
          .compose(restored -> storage.retrying("reading the shopper", () -> shoppers.ofConversation(id)).map(p -> {
            p.ifPresent(restored::profile);
            return restored;
          }))
          // built on a worker, handed over through the future: from here on the owner's alone
          .map(restored -> live.computeIfAbsent(id, k -> new LiveConversation(restored, owner)));
    });
  }

  /**
   * The conversation as stored, when its last stored turn is past {@code held} (another server, or
   * a restart, advanced it beyond what the caller holds): from the dialogue state that turn
   * keeps, or, for turns stored before states were kept, replayed from all its turns (on a
   * worker: understanding is CPU work); else empty.
   */
  Future<java.util.Optional<ConversationSession>> storedAfter(String id, int held) {
    return repository.latestAfter(id, held).compose(latest -> {
      if (latest.isEmpty()) return Future.succeededFuture(java.util.Optional.empty());
      Future<List<TurnRecord>> turns = latest.get().state() != null
          ? Future.succeededFuture(List.of(latest.get())) : repository.turns(id);
      return turns.compose(ts -> workers.executeBlocking(() -> java.util.Optional.of(conversations.restore(id, ts)), false));
    });
  }

  /**
   * Compares the last stored turn of the session's conversation with {@code held}, the last one it
   * knows to be its own or stored: when another server stored later turns (the shopper's socket moved there and back), the session
   * takes the state the last of them left, and the shopper's profile is read again. One
   * attempt, bounded like a storage attempt: a database that cannot answer now leaves the session
   * as it is (the save's unique key still refuses a turn another server took). Nothing to ask
   * when no other server can store turns ({@link ConversationRepository#othersMayStore}). On the owner.
   */
  Future<Void> catchUp(ConversationSession session, int held) {
    // a database no other server writes: nothing can be stored past what this server holds
    if (!repository.othersMayStore()) return Future.succeededFuture();
    return storedAfter(session.id(), held).timeout(StorageRetry.ATTEMPT_TIMEOUT_MS, TimeUnit.MILLISECONDS)
        .compose(stored -> {
          if (stored.isEmpty()) return Future.<Void>succeededFuture();
          session.adopt(stored.get());
          LOG.info(ConversationRepository.logId(session.id()) + " was advanced by another server past turn " + held
              + " to " + session.lastTurn() + "; continuing from the stored state");
          return shoppers.reload(session.id());
        })
        .otherwise(e -> {
          LOG.warning("could not check " + ConversationRepository.logId(session.id()) + " for turns stored elsewhere ("
              + e.getMessage() + "); continuing from turn " + session.lastTurn());
          return null;
        });
  }

  /**
   * Stores a turn's shopper profile if the turn changed it (retried like a turn); nothing for a
   * conversation deleted meanwhile or a shopper who is not stored.
   */
  Future<Void> saveProfile(LiveConversation c) {
    if (c.erased() || !c.profile().stored()) return Future.succeededFuture();
    return storage.retrying("saving the shopper profile", () -> shoppers.saveIfChanged(c.profile()));
  }

  /** Forgets the conversations {@code ids} in memory (they were deleted from the database). */
  private void forget(List<String> ids) {
    for (String id : ids) {
      LiveConversation c = live.remove(id);
      if (c != null) c.erase();
    }
  }

  /**
   * Deletes everything stored about the shopper: tokens, profile, conversations, turns and
   * feedback in the database, and their conversations and profile in memory.
   */
  Future<List<String>> erase(String shopperId) {
    shoppers.evict(shopperId);
    return storage.retrying("deleting the shopper's data", () -> shoppers.repository().erase(shopperId)).map(ids -> {
      forget(ids);
      shoppers.evict(shopperId); // a profile loaded while the delete ran
      return ids;
    });
  }

  /** Deletes the conversations not updated for {@code days} days, in the database and in memory. */
  Future<List<String>> retain(int days) {
    return storage.retrying("deleting old conversations",
        () -> shoppers.repository().deleteConversationsOlderThan(Duration.ofDays(days))).map(ids -> {
          forget(ids);
          return ids;
        });
  }

  Shoppers shoppers() {
    return shoppers;
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
