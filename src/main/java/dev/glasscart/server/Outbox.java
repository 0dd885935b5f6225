package dev.glasscart.server;

import io.vertx.core.http.ServerWebSocket;
import io.vertx.core.json.JsonObject;
import java.util.ArrayDeque;

/**
 * Writes JSON events to one WebSocket without letting a slow reader stall anything: when the
 * socket's write queue is full, events wait here (in order) and go out from the drain handler.
 * A reader so slow that more than {@link #MAX_PENDING_BYTES} pile up is disconnected.
 *
 * <p>Event-loop confined: call only on the socket's context.
 */
final class Outbox {
  static final int MAX_PENDING_BYTES = 4 * 1024 * 1024;

  private final ServerWebSocket ws;
  private final ArrayDeque<String> pending = new ArrayDeque<>();
  private long pendingBytes;
  private boolean closed;

  Outbox(ServerWebSocket ws) {
    this.ws = ws;
    ws.drainHandler(v -> flush());
  }

  void send(JsonObject event) {
    if (closed) return;
    String text = event.encode();
    if (pending.isEmpty() && !ws.writeQueueFull()) {
      ws.writeTextMessage(text);
      return;
    }
    pending.add(text);
    pendingBytes += text.length();
    if (pendingBytes > MAX_PENDING_BYTES) {
      closed = true;
      pending.clear();
      ws.close((short) 1008, "client too slow");
    }
  }

  private void flush() {
    while (!pending.isEmpty() && !ws.writeQueueFull()) {
      String text = pending.poll();
      pendingBytes -= text.length();
      ws.writeTextMessage(text);
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
