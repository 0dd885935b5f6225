package dev.glasscart.server;

import dev.glasscart.conversation.ConversationRepository;
import dev.glasscart.observability.ChatMetrics;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Retries a database call so that a restarting database loses no turn: each attempt is bounded by
 * {@link #ATTEMPT_TIMEOUT_MS} (a stalled database must not hang a shopper), attempts are spaced by
 * {@link #RETRY_MS}, and none starts after {@link #STORAGE_DEADLINE_MS}; then the call fails with
 * {@link StorageUnavailableException}. Timers only: nothing blocks the event loop. Each retry and
 * each give-up is reported to the {@link ChatMetrics}.
 */
final class StorageRetry {
  private static final Logger LOG = Logger.getLogger(StorageRetry.class.getName());
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

  private final Vertx vertx;
  private final ChatMetrics metrics;

  StorageRetry(Vertx vertx, ChatMetrics metrics) {
    this.vertx = vertx;
    this.metrics = metrics;
  }

  /**
   * {@code attempt} until it succeeds, each try bounded by {@link #ATTEMPT_TIMEOUT_MS}, retried
   * after {@link #RETRY_MS} until {@link #STORAGE_DEADLINE_MS} has passed; then fails with
   * {@link StorageUnavailableException}. {@code what} names the call in logs and in that failure.
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
      if (ar.cause() instanceof ConversationRepository.TurnTakenException) {
        promise.fail(ar.cause()); // the database answered: another writer holds that turn, a retry cannot change it
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
}
