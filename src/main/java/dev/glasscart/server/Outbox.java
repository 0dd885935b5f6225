package dev.glasscart.server;

import io.vertx.core.http.ServerWebSocket;
import io.vertx.core.json.JsonObject;
import java.util.ArrayDeque;

/**
 * Writes JSON events to one WebSocket without letting a slow reader stall anything: when the
 * socket's write queue is full, events wait here (in order) and go out from the drain handler.
 * A reader so slow that more than {@code maxPendingBytes} pile up is disconnected.
 *
 * <p>Event-loop confined: call only on the socket's context.
 */
final class Outbox {
  static final int MAX_PENDING_BYTES = 4 * 1024 * 1024;

  /** The few things the outbox needs from a socket (a seam for tests). */
  interface Wire {
    boolean writeQueueFull();

    void write(String text);

    void onDrain(Runnable drained);

    void close(String reason);

    static Wire of(ServerWebSocket ws) {
      return new Wire() {
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
  private final ArrayDeque<String> pending = new ArrayDeque<>();
  private long pendingBytes;
  private boolean closed;

  Outbox(ServerWebSocket ws) {
    this(Wire.of(ws), MAX_PENDING_BYTES);
  }

  Outbox(Wire wire, long maxPendingBytes) {
    this.wire = wire;
    this.maxPendingBytes = maxPendingBytes;
    wire.onDrain(this::flush);
  }

  void send(JsonObject event) {
    if (closed) return;
    String text = event.encode();
    if (pending.isEmpty() && !wire.writeQueueFull()) {
      wire.write(text);
      return;
    }
    pending.add(text);
    pendingBytes += text.length();
    if (pendingBytes > maxPendingBytes) {
      closed = true;
      pending.clear();
      wire.close("client too slow");
    }
  }

  private void flush() {
    while (!pending.isEmpty() && !wire.writeQueueFull()) {
      String text = pending.poll();
      pendingBytes -= text.length();
      wire.write(text);
    }
  }

  void markClosed() {
    closed = true;
    pending.clear();
  }

  boolean isClosed() {
    return closed;
  }
}
