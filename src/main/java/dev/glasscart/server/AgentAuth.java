package dev.glasscart.server;

import io.vertx.core.Handler;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.handler.HttpException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;

/** Lets a request through only with {@code Authorization: Bearer <agent token>}; else 401. */
final class AgentAuth implements Handler<RoutingContext> {
  private final byte[] token;

  AgentAuth(String token) {
    if (token == null || token.length() < 16) {
      throw new IllegalArgumentException("agent token must have at least 16 characters");
    }
    this.token = token.getBytes(StandardCharsets.UTF_8);
  }

  @Override
  public void handle(RoutingContext ctx) {
    String header = ctx.request().getHeader("Authorization");
    if (header != null && header.regionMatches(true, 0, "Bearer ", 0, 7)
        && MessageDigest.isEqual(token, header.substring(7).trim().getBytes(StandardCharsets.UTF_8))) {
      ctx.next();
      return;
    }
    ctx.response().putHeader("WWW-Authenticate", "Bearer realm=\"glasscart-agent\"");
    ctx.fail(new HttpException(401, "agent endpoints need 'Authorization: Bearer <token>'"));
  }
}
