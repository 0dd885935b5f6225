package dev.glasscart.server;

import dev.glasscart.testing.TestApp;

import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.RequestOptions;
import io.vertx.core.json.JsonObject;

/** Agent-side reads for server tests. */
final class ChatSocketTestSupport {
  private ChatSocketTestSupport() {}

  /** GET an agent endpoint with the test token; fails unless 200. */
  static JsonObject agentGet(Vertx vertx, int port, String path) {
    var http = vertx.createHttpClient();
    try {
      return http.request(new RequestOptions().setMethod(HttpMethod.GET).setHost("localhost").setPort(port).setURI(path)
              .putHeader("Authorization", "Bearer " + TestApp.AGENT_TOKEN))
          .compose(r -> r.send().compose(resp -> {
            if (resp.statusCode() != 200) throw new AssertionError("GET " + path + " answered " + resp.statusCode());
            return resp.body();
          }))
          .map(Buffer::toJsonObject).await();
    } finally {
      http.close();
    }
  }

  static JsonObject transcript(Vertx vertx, int port, String conversationId) {
    return agentGet(vertx, port, "/api/conversations/" + conversationId);
  }
}
