package dev.glasscart.server;

import io.vertx.core.http.ServerWebSocket;
import io.vertx.core.json.JsonObject;
import java.util.ArrayDeque;

/**
 * Writes JSON events to one WebSocket without letting a slow reader stall anything: when the
 * socket's write queue is full, events wait here (in order) and go out from the drain handler.
 * A reader so slow that more than {@code maxPendingBytes} pile up is disconnected, and so is one
 * that stopped reading: events waiting for {@link #STALL_MS} with no drain in between. A socket
 * with nothing to deliver is never timed out (idle shoppers cost a socket, not a thread).
 *
 * <p>Event-loop confined: call only on the socket's context.
 */
final class Outbox {
  static final int MAX_PENDING_BYTES = 4 * 1024 * 1024;
  /** How long events may wait for a reader that takes nothing before it is disconnected. */
  static final long STALL_MS = 30_000;

  /** The few things the outbox needs from a socket (a seam for tests). */
  interface Wire {
    boolean writeQueueFull();

    void write(String text);

    void onDrain(Runnable drained);

    void close(String reason);

    /** Runs {@code task} on the socket's context after {@code delayMs}; returns an id for {@link #cancel}. */
    long timer(long delayMs, Runnable task);

    void cancel(long timerId);

    static Wire of(ServerWebSocket ws) {
      io.vertx.core.Vertx vertx = io.vertx.core.Vertx.currentContext().owner(); // built on the socket's event loop
      return new Wire() {
        @Override
        public long timer(long delayMs, Runnable task) {
          return vertx.setTimer(delayMs, id -> task.run());
        }

        @Override
        public void cancel(long timerId) {
          vertx.cancelTimer(timerId);
        }

        @Override
        public boolean writeQueueFull() {
          return ws.writeQueueFull();
        }

        @Override
        public void write(String text) {
          ws.writeTextMessage(text);
        }

        @Override
        public void onDrain(Runnable drained) {
          ws.drainHandler(v -> drained.run());
        }

        @Override
        public void close(String reason) {
          ws.close((short) 1008, reason);
        }
      };
    }
  }

  private final Wire wire;
  private final long maxPendingBytes;
  private final long stallMs;
  /** The stall timer while events wait, else -1. */
  private long stallTimer = -1;
  private final ArrayDeque<String> pending = new ArrayDeque<>();
  private long pendingBytes;
  private boolean closed;
  /** Told why a slow reader was disconnected: {@code too_slow} or {@code stopped_reading}. */
  private final java.util.function.Consumer<String> onDisconnect;

  Outbox(ServerWebSocket ws, java.util.function.Consumer<String> onDisconnect) {
    this(Wire.of(ws), MAX_PENDING_BYTES, STALL_MS, onDisconnect);
  }

  Outbox(Wire wire, long maxPendingBytes, long stallMs) {
    this(wire, maxPendingBytes, stallMs, reason -> {});
  }

  Outbox(Wire wire, long maxPendingBytes, long stallMs, java.util.function.Consumer<String> onDisconnect) {
    this.onDisconnect = onDisconnect;
    this.wire = wire;
    this.maxPendingBytes = maxPendingBytes;
    this.stallMs = stallMs;
    wire.onDrain(this::flush);
  }

  void send(JsonObject event) {
    if (closed) return;
    send(event.encode());
  }

  /** Sends an event already encoded ({@code text} must be one JSON object, as {@link #send(JsonObject)} writes). */
  void send(String text) {
    if (closed) return;
    if (pending.isEmpty() && !wire.writeQueueFull()) {
      wire.write(text);
      return;
    }
    pending.add(text);
    pendingBytes += text.length();
    if (pendingBytes > maxPendingBytes) {
      disconnect("client too slow", "too_slow");
    } else if (stallTimer < 0) {
      stallTimer = wire.timer(stallMs, this::stalled);
    }
  }

  /** The stall timer fired: events still wait and nothing drained since it started. */
  private void stalled() {
    stallTimer = -1;
    if (!closed && !pending.isEmpty()) disconnect("client stopped reading", "stopped_reading");
  }

  private void disconnect(String reason, String code) {
    closed = true;
    pending.clear();
    cancelStallTimer();
    wire.close(reason);
    onDisconnect.accept(code);
  }

  private void cancelStallTimer() {
    if (stallTimer >= 0) wire.cancel(stallTimer);
    stallTimer = -1;
  }

  private void flush() {
    while (!pending.isEmpty() && !wire.writeQueueFull()) {
      String text = pending.poll();
      pendingBytes -= text.length();
      wire.write(text);
    }
    // the reader is reading: a new stall is measured from now
    cancelStallTimer();
    if (!pending.isEmpty() && !closed) stallTimer = wire.timer(stallMs, this::stalled);
  }

  void markClosed() {
    closed = true;
    pending.clear();
    cancelStallTimer();
  }

  boolean isClosed() {
    return closed;
  }
}
