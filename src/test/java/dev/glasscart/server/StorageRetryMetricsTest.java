package dev.glasscart.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.glasscart.observability.ChatMetrics;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The storage retries of the chat path are reported: each retry, and the give-up after the deadline. */
final class StorageRetryMetricsTest {
  private final Vertx vertx = Vertx.vertx();
  private final AtomicInteger retried = new AtomicInteger();
  private final AtomicInteger gaveUp = new AtomicInteger();
  private final ChatMetrics recorder = new ChatMetrics() {
    @Override
    public void storageRetried() {
      retried.incrementAndGet();
    }

    @Override
    public void storageGaveUp() {
      gaveUp.incrementAndGet();
    }
  };

  @AfterEach
  void close() {
    vertx.close().await();
  }

  @Test
  void two_failed_attempts_then_a_success_are_two_retries() {
    StorageRetry storage = new StorageRetry(vertx, recorder);
    AtomicInteger attempts = new AtomicInteger();
    String result = storage.retrying("test", () -> attempts.incrementAndGet() <= 2
        ? Future.<String>failedFuture("database down") : Future.succeededFuture("stored")).await();
    assertEquals("stored", result);
    assertEquals(3, attempts.get());
    assertEquals(2, retried.get());
    assertEquals(0, gaveUp.get());
  }

  @Test
  void a_database_down_past_the_deadline_is_one_give_up() {
    StorageRetry storage = new StorageRetry(vertx, recorder);
    assertThrows(StorageRetry.StorageUnavailableException.class,
        () -> storage.retrying("test", () -> Future.<String>failedFuture("database down")).await());
    assertEquals(1, gaveUp.get());
    assertTrue(retried.get() >= 3, "retried until the deadline: " + retried.get());
  }
}
