package dev.glasscart.replay;

import io.vertx.core.Vertx;
import io.vertx.core.http.WebSocket;
import io.vertx.core.http.WebSocketClient;
import io.vertx.core.http.WebSocketClientOptions;
import io.vertx.core.http.WebSocketConnectOptions;
import io.vertx.core.json.DecodeException;
import io.vertx.core.json.JsonObject;
import java.net.URI;
import java.time.Duration;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * One WebSocket connection to {@code /ws/chat}, hence one conversation. Handlers run on a Vert.x
 * event loop and only enqueue; {@link #send} and {@link #next} block the calling thread, which must
 * not be an event loop. Not thread-safe: one caller at a time.
 */
public final class ChatConnection implements AutoCloseable {
  /** Synthetic event type queued when the server closes the socket. */
  static final String CLOSED = "_closed";

  private final WebSocketClient client;
  private final WebSocket socket;
  private final LinkedBlockingQueue<JsonObject> events = new LinkedBlockingQueue<>();

  private ChatConnection(WebSocketClient client, WebSocket socket) {
    this.client = client;
    this.socket = socket;
    socket.textMessageHandler(this::onText);
    socket.closeHandler(v -> events.add(new JsonObject().put("type", CLOSED).put("message", "the server closed the connection")));
    socket.exceptionHandler(e -> events.add(new JsonObject().put("type", CLOSED).put("message", "connection failed: " + e.getMessage())));
  }

  /** Opens a connection to {@code url} ({@code ws://} or {@code wss://}); blocks until open. */
  public static ChatConnection open(Vertx vertx, URI url, Duration timeout) {
    boolean tls = "wss".equals(url.getScheme());
    int port = url.getPort() > 0 ? url.getPort() : tls ? 443 : 80;
    String path = (url.getRawPath() == null || url.getRawPath().isEmpty() ? "/" : url.getRawPath())
        + (url.getRawQuery() == null ? "" : "?" + url.getRawQuery());
    WebSocketClient client = vertx.createWebSocketClient(new WebSocketClientOptions()
        .setMaxFrameSize(1024 * 1024).setMaxMessageSize(4 * 1024 * 1024));
    try {
      WebSocket ws = client.connect(new WebSocketConnectOptions().setHost(url.getHost()).setPort(port)
          .setURI(path).setSsl(tls).setConnectTimeout(timeout.toMillis())).await();
      return new ChatConnection(client, ws);
    } catch (Exception e) { // await() rethrows the failure as is, checked ones (ConnectException) included
      client.close();
      throw new IllegalStateException("could not connect to " + url + ": " + e.getMessage(), e);
    }
  }

  private void onText(String text) {
    try {
      events.add(new JsonObject(text));
    } catch (DecodeException | ClassCastException e) {
      events.add(new JsonObject().put("type", "error").put("code", "bad_server_frame")
          .put("message", "the server sent a frame that is not a JSON object: " + abbreviate(text)));
    }
  }

  /** Sends one JSON frame; blocks until written. */
  public void send(JsonObject frame) {
    socket.writeTextMessage(frame.encode()).await();
  }

  /** The next event, or null when none arrives within {@code timeout}. */
  public JsonObject next(Duration timeout) {
    try {
      return events.poll(Math.max(0, timeout.toMillis()), TimeUnit.MILLISECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while waiting for a server event", e);
    }
  }

  private static String abbreviate(String s) {
    return s.length() <= 80 ? s : s.substring(0, 80) + "...";
  }

  @Override
  public void close() {
    try {
      if (!socket.isClosed()) socket.close().await();
    } catch (RuntimeException e) {
      // already gone: nothing to release but the client
    } finally {
      client.close();
    }
  }
}
