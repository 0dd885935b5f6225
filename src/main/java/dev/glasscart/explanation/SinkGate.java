package dev.glasscart.explanation;

import java.util.Objects;

/**
 * Guards a {@link TokenSink} for one generation: calls are serialised, nothing is passed on after
 * {@link #close()} (cancel) or after the generation ended, and a throwing sink cannot break the
 * producer. Thread-safe.
 */
final class SinkGate {
  private TokenSink sink;
  private boolean closed;

  SinkGate(TokenSink sink) {
    this.sink = Objects.requireNonNull(sink, "sink");
  }

  /** Sends every later call to {@code to} instead, e.g. a guard wrapped around the original sink. */
  synchronized void route(TokenSink to) {
    sink = Objects.requireNonNull(to, "to");
  }

  /** Passes a token on; false when the generation was cancelled or already ended. */
  synchronized boolean token(String text) {
    if (closed) return false;
    try {
      sink.token(text);
    } catch (RuntimeException e) {
      // sinks must not throw; a broken sink ends the generation rather than the producer thread
      closed = true;
      return false;
    }
    return true;
  }

  synchronized boolean complete(Outcome outcome) {
    if (closed) return false;
    closed = true;
    try {
      sink.complete(outcome);
    } catch (RuntimeException ignored) {
      // the sink's own fault; nothing more to deliver
    }
    return true;
  }

  synchronized boolean error(Throwable failure) {
    if (closed) return false;
    closed = true;
    try {
      sink.error(failure);
    } catch (RuntimeException ignored) {
      // the sink's own fault; nothing more to deliver
    }
    return true;
  }

  /** Stops all further calls; idempotent. After it returns the sink sees nothing more. */
  synchronized void close() {
    closed = true;
  }
}
