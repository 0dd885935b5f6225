package dev.glasscart.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.fail;

import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.WebSocket;
import io.vertx.core.http.WebSocketClient;
import io.vertx.core.http.WebSocketClientOptions;
import io.vertx.core.http.WebSocketFrame;
import io.vertx.core.json.JsonObject;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * A real WebSocket client for tests: sends frames and lets the test thread wait for events in
 * order. Blocking by design; never use it on an event loop.
 */
final class ChatClient implements AutoCloseable {
  private static final long WAIT_SECONDS = 30;

  private final WebSocketClient client;
  private final WebSocket ws;
  private final LinkedBlockingQueue<JsonObject> events = new LinkedBlockingQueue<>();
  private volatile boolean closed;

  ChatClient(Vertx vertx, int port) {
    this.client = vertx.createWebSocketClient(new WebSocketClientOptions().setMaxFrameSize(4 * 1024 * 1024).setMaxMessageSize(4 * 1024 * 1024));
    this.ws = client.connect(port, "localhost", "/ws/chat").await();
    ws.textMessageHandler(t -> events.add(new JsonObject(t)));
    ws.closeHandler(v -> closed = true);
  }

  void send(JsonObject msg) {
    ws.writeTextMessage(msg.encode()).await();
  }

  void sendRaw(String text) {
    ws.writeTextMessage(text).await();
  }

  /** The close code the server sent, once closed (null before). */
  Short closeStatus() {
    return ws.closeStatusCode();
  }

  void sendFrame(WebSocketFrame frame) {
    ws.writeFrame(frame).await();
  }

  void sendBinary(byte[] bytes) {
    ws.writeBinaryMessage(Buffer.buffer(bytes)).await();
  }

  void message(String text) {
    send(new JsonObject().put("type", "message").put("text", text));
  }

  /** The next event, whatever its type. */
  JsonObject next() {
    try {
      JsonObject e = events.poll(WAIT_SECONDS, TimeUnit.SECONDS);
      assertNotNull(e, "no event within " + WAIT_SECONDS + " s");
      return e;
    } catch (InterruptedException ex) {
      Thread.currentThread().interrupt();
      throw new AssertionError("interrupted", ex);
    }
  }

  /** The next event, which must be of {@code type}. */
  JsonObject expect(String type) {
    JsonObject e = next();
    assertEquals(type, e.getString("type"), () -> "expected " + type + " but got " + e.encode());
    return e;
  }

  /** Events up to and including the next {@code done}. */
  List<JsonObject> untilDone() {
    List<JsonObject> seen = new ArrayList<>();
    while (true) {
      JsonObject e = next();
      seen.add(e);
      if ("done".equals(e.getString("type"))) return seen;
      if ("error".equals(e.getString("type")) && !"not_saved".equals(e.getString("code"))) {
        fail("unexpected error event: " + e.encode());
      }
    }
  }

  /** Events received within {@code millis} (for asserting that nothing else came). */
  List<JsonObject> drain(long millis) throws InterruptedException {
    List<JsonObject> seen = new ArrayList<>();
    long end = System.currentTimeMillis() + millis;
    while (System.currentTimeMillis() < end) {
      JsonObject e = events.poll(end - System.currentTimeMillis(), TimeUnit.MILLISECONDS);
      if (e != null) seen.add(e);
    }
    return seen;
  }

  /** Stops reading from the socket (TCP backpressure builds up on the server side). */
  void pauseReading() {
    ws.pause();
  }

  void resumeReading() {
    ws.resume();
  }

  boolean isClosed() {
    return closed;
  }

  void closeAbruptly() {
    ws.close().await();
  }

  @Override
  public void close() {
    if (!closed) ws.close();
    client.close();
  }
}
