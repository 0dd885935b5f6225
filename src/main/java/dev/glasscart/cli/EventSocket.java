package dev.glasscart.cli;

import io.vertx.core.json.JsonObject;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.time.Duration;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * A chat WebSocket for the benches' shoppers (the JDK's client): every text message arrives as a
 * JSON event in a queue a blocking reader takes from; the socket closing or failing queues
 * {@code {"type":"closed"}}.
 */
final class EventSocket implements AutoCloseable {
  private final WebSocket ws;
  private final LinkedBlockingQueue<JsonObject> events = new LinkedBlockingQueue<>();

  EventSocket(HttpClient http, URI uri) throws Exception {
    StringBuilder partial = new StringBuilder();
    ws = http.newWebSocketBuilder().connectTimeout(Duration.ofSeconds(10)).buildAsync(uri, new WebSocket.Listener() {
      @Override
      public CompletionStage<?> onText(WebSocket w, CharSequence data, boolean last) {
        partial.append(data);
        if (last) {
          events.add(new JsonObject(partial.toString()));
          partial.setLength(0);
        }
        w.request(1);
        return null;
      }

      @Override
      public CompletionStage<?> onClose(WebSocket w, int status, String reason) {
        events.add(new JsonObject().put("type", "closed"));
        return null;
      }

      @Override
      public void onError(WebSocket w, Throwable error) {
        events.add(new JsonObject().put("type", "closed"));
      }
    }).get(10, TimeUnit.SECONDS);
  }

  void send(JsonObject message) throws Exception {
    ws.sendText(message.encode(), true).get(10, TimeUnit.SECONDS);
  }

  /** The next event, or null when none came within {@code millis}. */
  JsonObject poll(long millis) throws InterruptedException {
    return events.poll(Math.max(1, millis), TimeUnit.MILLISECONDS);
  }

  @Override
  public void close() {
    ws.sendClose(WebSocket.NORMAL_CLOSURE, "").orTimeout(2, TimeUnit.SECONDS).exceptionally(e -> null);
    ws.abort();
  }
}
