package dev.glasscart.server;

import dev.glasscart.conversation.ConversationSession;
import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import java.util.function.Function;

/**
 * A conversation in memory, owned by one event-loop context: the one that opened it. Its
 * {@link ConversationSession} (turn counter, dialogue state) is touched only there, so no lock is
 * ever taken, and its turns are prepared one after another through a chain of futures: a turn
 * queued from another socket (on another event loop or the same one) waits for the earlier ones
 * without blocking any thread, and a worker only ever sees a turn's own
 * {@link ConversationSession.Draft}.
 *
 * <p>Every method may be called from any event-loop context; results arrive on the caller's.
 */
final class LiveConversation {
  private final ConversationSession session;
  private final Context owner;
  /** The last queued step; owner-confined. */
  private Future<?> tail = Future.succeededFuture();

  LiveConversation(ConversationSession session, Context owner) {
    this.session = session;
    this.owner = owner;
  }

  String id() {
    return session.id();
  }

  /** The number of the last turn started, read on the owner. */
  Future<Integer> lastTurn() {
    return onOwner(s -> Future.succeededFuture(s.lastTurn()));
  }

  /** Runs {@code step} on the owner at once (not behind queued turns). */
  <T> Future<T> onOwner(Function<ConversationSession, Future<T>> step) {
    Context caller = Vertx.currentContext();
    Promise<T> result = Promise.promise();
    owner.runOnContext(v -> run(step).onComplete(ar -> deliver(caller, result, ar.succeeded() ? ar.result() : null, ar.cause())));
    return result.future();
  }

  /**
   * Runs {@code step} on the owner once every step queued before it has finished (succeeded or
   * failed); the next one waits for the future it returns.
   */
  <T> Future<T> serially(Function<ConversationSession, Future<T>> step) {
    Context caller = Vertx.currentContext();
    Promise<T> result = Promise.promise();
    owner.runOnContext(v -> {
      Future<T> mine = tail.transform(ignored -> onOwnerThread(step));
      tail = mine;
      mine.onComplete(ar -> deliver(caller, result, ar.succeeded() ? ar.result() : null, ar.cause()));
    });
    return result.future();
  }

  /** {@link #run} on the owner: at once when already there, else after a hop. */
  private <T> Future<T> onOwnerThread(Function<ConversationSession, Future<T>> step) {
    if (Vertx.currentContext() == owner) return run(step);
    Promise<T> p = Promise.promise();
    owner.runOnContext(v -> run(step).onComplete(p));
    return p.future();
  }

  private <T> Future<T> run(Function<ConversationSession, Future<T>> step) {
    try {
      return step.apply(session);
    } catch (RuntimeException e) {
      return Future.failedFuture(e);
    }
  }

  /** Completes {@code result} on the caller's context (or here, when it has none). */
  private static <T> void deliver(Context caller, Promise<T> result, T value, Throwable failure) {
    Runnable complete = () -> {
      if (failure == null) result.complete(value);
      else result.fail(failure);
    };
    if (caller == null) complete.run();
    else caller.runOnContext(v -> complete.run());
  }
}
