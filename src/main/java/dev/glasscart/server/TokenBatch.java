package dev.glasscart.server;

import java.util.Objects;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Consumer;

/**
 * Hands an explainer's tokens from its own thread to the socket's event loop, joining the ones
 * that arrive before the loop takes them: one hop to the loop and one {@code token} event for what
 * a fast explainer produced at once, instead of one of each per word. The joined text keeps the
 * tokens' order (one producer at a time, as {@link dev.glasscart.explanation.TokenSink} promises),
 * so the events, concatenated, are the whole answer.
 *
 * <p>Lock-free: {@link #add} (any thread) queues the token and, unless a drain is already on its
 * way, asks {@code schedule} for one; {@link #drain} (the loop) clears that flag first and then
 * takes everything queued, so a token added at any moment is taken by a drain that is queued or
 * still to come.
 */
final class TokenBatch {
  private final ConcurrentLinkedQueue<String> arrived = new ConcurrentLinkedQueue<>();
  private final AtomicBoolean drainQueued = new AtomicBoolean();
  private final Consumer<Runnable> schedule;

  /** {@code schedule} runs a task on the loop later (e.g. {@code context::runOnContext}, adapted). */
  TokenBatch(Consumer<Runnable> schedule) {
    this.schedule = Objects.requireNonNull(schedule, "schedule");
  }

  /** Queues {@code token}; {@code onLoop} receives the joined tokens from a drain on the loop. */
  void add(String token, Consumer<String> onLoop) {
    arrived.add(token);
    if (drainQueued.compareAndSet(false, true)) {
      schedule.accept(() -> {
        String chunk = drain();
        if (chunk != null) onLoop.accept(chunk);
      });
    }
  }

  /** The tokens queued so far, joined in order, or null when there are none. Call on the loop. */
  String drain() {
    drainQueued.set(false); // a token added from now on queues a drain of its own
    String first = arrived.poll();
    if (first == null) return null;
    String next = arrived.poll();
    if (next == null) return first;
    StringBuilder joined = new StringBuilder(first);
    for (; next != null; next = arrived.poll()) joined.append(next);
    return joined.toString();
  }
}
