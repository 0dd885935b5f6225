package dev.glasscart.conversation;

import io.vertx.core.Future;
import java.util.List;
import java.util.Optional;

/** Durable conversation history. Implementations never block the calling event loop. */
public interface ConversationRepository {

  /** Creates the conversation if it does not exist yet. */
  Future<Void> ensureConversation(String conversationId);

  /** Stores one turn; fails if that (conversation, turn) already exists. */
  Future<Void> saveTurn(TurnRecord turn);

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
