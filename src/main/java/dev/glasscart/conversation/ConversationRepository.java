package dev.glasscart.conversation;

import io.vertx.core.Future;
import java.util.List;
import java.util.Optional;

/** Durable conversation history. Implementations never block the calling event loop. */
public interface ConversationRepository {

  /**
   * Whether servers other than this one may store turns of these conversations (several servers
   * on one database). When none can (a database this process alone runs), what this server holds
   * in memory is the latest, and a turn need not first ask the database whether another server
   * went further.
   */
  default boolean othersMayStore() {
    return true;
  }

  /**
   * How a conversation id appears in logs: a conversation id lets its holder read and continue the
   * conversation, so logs carry a short SHA-256 prefix instead ({@code c-} and 12 hex digits), the
   * same for the same id, enough to follow one conversation through a log.
   */
  static String logId(String conversationId) {
    if (conversationId == null) return "c-none";
    try {
      byte[] d = java.security.MessageDigest.getInstance("SHA-256")
          .digest(conversationId.getBytes(java.nio.charset.StandardCharsets.UTF_8));
      return "c-" + java.util.HexFormat.of().formatHex(d, 0, 6);
    } catch (java.security.NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }

  /**
   * The id of turn {@code turn} in logs, metrics' log records and the agent console: the
   * conversation's {@link #logId}, a dot and the turn number ({@code c-3f9a1b2c4d5e.2}), so a
   * turn an agent looks at can be found in the logs and a turn in the logs in the console.
   */
  static String turnId(String conversationId, int turn) {
    return logId(conversationId) + "." + turn;
  }

  /** Creates the conversation if it does not exist yet (with no resume token). */
  default Future<Void> ensureConversation(String conversationId) {
    return ensureConversation(conversationId, null);
  }

  /**
   * Creates the conversation if it does not exist yet, storing {@code resumeTokenHash} (the hash
   * of the secret that lets its shopper resume it from another connection; may be null).
   */
  default Future<Void> ensureConversation(String conversationId, String resumeTokenHash) {
    return ensureConversation(conversationId, resumeTokenHash, null);
  }

  /**
   * As {@link #ensureConversation(String, String)}, the new conversation tied to the stored
   * shopper {@code shopperId} (null: none) in the same commit. The commit need not wait for the
   * disk: the conversation must be durable at the latest when its first turn's {@link #saveTurn}
   * completes (a crash before then may lose a conversation with no saved turn).
   */
  Future<Void> ensureConversation(String conversationId, String resumeTokenHash, String shopperId);

  /**
   * The stored resume token hash of a conversation: empty when the conversation is unknown, an
   * empty string when it has none (it predates resume tokens).
   */
  Future<Optional<String>> resumeTokenHash(String conversationId);

  /**
   * Another record holds that (conversation, turn): another node (or another socket) stored the
   * conversation's turn first. Nothing of this turn was stored; retrying cannot succeed.
   */
  final class TurnTakenException extends RuntimeException {
    public TurnTakenException(String conversationId, int turn) {
      super("turn " + turn + " of conversation " + logId(conversationId) + " is already stored by another writer");
    }
  }

  /**
   * Stores one turn; fails with {@link TurnTakenException} if another record holds that
   * (conversation, turn) (a retry of this very record after an attempt that timed out but did
   * commit succeeds).
   */
  default Future<Void> saveTurn(TurnRecord turn) {
    return saveTurn(turn, null);
  }

  /**
   * A shopper's profile to store in the same commit as a turn: the shopper's id and the profile as
   * JSON text ({@code profile.ShopperProfile#toMap}'s form).
   */
  record ProfileWrite(String shopperId, String profile) {
    public ProfileWrite {
      java.util.Objects.requireNonNull(shopperId, "shopperId");
      java.util.Objects.requireNonNull(profile, "profile");
    }
  }

  /**
   * Stores one turn as {@link #saveTurn(TurnRecord)} does and, when {@code profile} is not null, that
   * shopper's profile in the same commit: both or neither (a turn another writer holds stores no
   * profile either; a retry of this very record after an attempt that committed finds both stored).
   */
  Future<Void> saveTurn(TurnRecord turn, ProfileWrite profile);

  /**
   * The last stored turn of a conversation when its number is above {@code turn} (another node
   * advanced the conversation past what the caller holds), else empty.
   */
  default Future<Optional<TurnRecord>> latestAfter(String conversationId, int turn) {
    return turns(conversationId).map(ts -> ts.isEmpty() || ts.get(ts.size() - 1).turn() <= turn
        ? Optional.<TurnRecord>empty() : Optional.of(ts.get(ts.size() - 1)));
  }

  /** Every stored turn of a conversation, in turn order; empty if unknown. */
  Future<List<TurnRecord>> turns(String conversationId);

  /** One stored turn of a conversation; empty if that conversation or turn is not stored. */
  default Future<Optional<TurnRecord>> turn(String conversationId, int turn) {
    return turns(conversationId).map(ts -> ts.stream().filter(t -> t.turn() == turn).findFirst());
  }

  /** Conversations, most recently updated first. {@code search} (may be null) filters on shopper text. */
  Future<List<ConversationSummary>> list(String search, int limit, int offset);

  /** Whether the conversation exists. */
  Future<Boolean> exists(String conversationId);

  /** Turn number of the last stored turn, 0 when none. */
  default Future<Integer> lastTurn(String conversationId) {
    return turns(conversationId).map(t -> t.isEmpty() ? 0 : t.get(t.size() - 1).turn());
  }

  /** Convenience for the transcript endpoint. */
  default Future<Optional<List<TurnRecord>>> transcript(String conversationId) {
    return exists(conversationId).compose(e -> e ? turns(conversationId).map(Optional::of) : Future.succeededFuture(Optional.empty()));
  }
}
