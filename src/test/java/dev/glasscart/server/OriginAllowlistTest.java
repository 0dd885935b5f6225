package dev.glasscart.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.glasscart.Glasscart;
import dev.glasscart.testing.TestApp;
import io.vertx.core.Vertx;
import io.vertx.core.http.UpgradeRejectedException;
import io.vertx.core.http.WebSocket;
import io.vertx.core.http.WebSocketClient;
import io.vertx.core.http.WebSocketConnectOptions;
import java.util.List;
import org.junit.jupiter.api.Test;

/** With --allowed-origins, only those pages may open the chat socket (default: any, tested everywhere else). */
final class OriginAllowlistTest {

  @Test
  void should_accept_the_allowed_origin_and_refuse_other_pages() {
    Vertx vertx = Vertx.vertx();
    try (Glasscart app = TestApp.start(TestApp.config(TestApp.freshDataDir("origin"))
        .toBuilder().allowedOrigins(List.of("https://shop.example")).build())) {
      WebSocketClient client = vertx.createWebSocketClient();
      // Given the allowlist, When the shop's page connects, Then it is accepted
      WebSocket ok = client.connect(options(app.port(), "https://shop.example")).await();
      assertTrue(!ok.isClosed());
      ok.close().await();

      // When another site, or a client without an Origin, connects, Then the handshake is refused with 403
      UpgradeRejectedException other = assertThrows(UpgradeRejectedException.class,
          () -> client.connect(options(app.port(), "https://evil.example")).await());
      assertEquals(403, other.getStatus());
      UpgradeRejectedException none = assertThrows(UpgradeRejectedException.class,
          () -> client.connect(options(app.port(), null)).await());
      assertEquals(403, none.getStatus());
    } finally {
      vertx.close().await();
    }
  }

  private static WebSocketConnectOptions options(int port, String origin) {
    WebSocketConnectOptions o = new WebSocketConnectOptions().setHost("localhost").setPort(port).setURI("/ws/chat");
    if (origin != null) o.addHeader("Origin", origin);
    else o.setAllowOriginHeader(false); // Vert.x would send its own
    return o;
  }
}
