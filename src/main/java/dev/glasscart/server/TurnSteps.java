package dev.glasscart.server;

import dev.glasscart.conversation.PreparedTurn;
import dev.glasscart.conversation.TurnRecord;
import dev.glasscart.explanation.Evidence;
import dev.glasscart.explanation.Explainer;
import dev.glasscart.explanation.TokenSink;
import dev.glasscart.observability.ChatMetrics;
import dev.glasscart.query.Constraint;
import io.vertx.core.Future;

/**
 * What a {@link Turn} needs from the rest of the application, and nothing more: prepare the
 * turn (off the event loop), explain it, store it. Every future completes on the caller's
 * context.
 */
interface TurnSteps {
  /** What a turn answers: a shopper's message, or the current search without a constraint. */
  sealed interface Input {
    record Ask(String text) implements Input {}

    record Remove(Constraint constraint) implements Input {}
  }

  /** Preparing turn {@link #turn} failed; nothing of it was kept. */
  final class TurnFailed extends RuntimeException {
    final int turn;

    TurnFailed(int turn, Throwable cause) {
      super("turn " + turn + " failed", cause);
      this.turn = turn;
    }
  }

  /**
   * Numbers the next turn of {@code conversation} and understands, retrieves, filters and ranks it
   * on a worker, once the conversation's earlier turns are prepared; fails with {@link TurnFailed}.
   */
  Future<Rendered> prepare(LiveConversation conversation, Input input);

  /** Starts the explanation; tokens and the outcome arrive on {@code sink}, on the explainer's threads. */
  Explainer.Generation explain(Evidence evidence, TokenSink sink);

  /**
   * Stores the turn of {@code conversation} durably, then its shopper's profile if the turn changed
   * it; retried while the database restarts (see {@link StorageRetry}). A conversation deleted
   * meanwhile is not stored again: fails with {@link LiveConversations.ErasedException}.
   */
  Future<Void> save(LiveConversation conversation, TurnRecord record);

  /** The configured explainer's name ({@code builtin}, {@code ollama:<model>}). */
  String explainerName();

  /** Where the turn reports its points (results, first token, done, failed) and its socket slow readers. */
  ChatMetrics metrics();
}
