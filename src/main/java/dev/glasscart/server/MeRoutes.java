package dev.glasscart.server;

import dev.glasscart.profile.ShopperProfile;
import dev.glasscart.profile.ShopperProfile.PriceBand;
import io.vertx.core.Future;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.handler.CorsHandler;
import io.vertx.ext.web.handler.HttpException;
import io.vertx.core.http.HttpMethod;
import java.util.List;
import java.util.Set;
import java.time.Instant;
import java.util.Locale;

/**
 * The shopper's own data, each request authorised by {@code Authorization: Bearer
 * <shopperToken>} (the token the {@code conversation} event issued): {@code GET /api/me} (the
 * profile, in words and as stored, and the conversation list), {@code GET /api/me/export} (every
 * stored row about the shopper, as a JSON download), {@code DELETE /api/me/profile} (forget the
 * preferences) and {@code DELETE /api/me} (delete everything, in the database and in memory).
 * Database work is non-blocking on the event loop.
 */
final class MeRoutes {
  private final LiveConversations conversations;
  private final Shoppers shoppers;
  private final List<String> allowedOrigins;

  /** @param allowedOrigins the shop pages that may call these from their scripts; empty: any */
  MeRoutes(LiveConversations conversations, List<String> allowedOrigins) {
    this.conversations = conversations;
    this.shoppers = conversations.shoppers();
    this.allowedOrigins = allowedOrigins;
  }

  void mount(Router router) {
    // the widget runs on the shop's pages: they call these cross-origin with the bearer token
    // (no cookies), so the same origins that may open the chat socket may call them
    CorsHandler cors = CorsHandler.create().allowedMethods(Set.of(HttpMethod.GET, HttpMethod.DELETE))
        .allowedHeader("Authorization").exposedHeader("Content-Disposition");
    if (allowedOrigins.isEmpty()) cors.addOrigin("*");
    else cors.addOrigins(allowedOrigins);
    router.route("/api/me").handler(cors);
    router.route("/api/me/*").handler(cors);
    router.get("/api/me").respond(ctx -> shopper(ctx).compose(id -> shoppers.repository().summary(id))
        .map(text -> withPreferences(new JsonObject(text))));
    router.get("/api/me/export").handler(ctx -> shopper(ctx)
        .compose(id -> shoppers.repository().export(id)).map(JsonObject::new)
        .onSuccess(export -> ctx.response().putHeader("Content-Type", "application/json")
            .putHeader("Content-Disposition", "attachment; filename=\"glasscart-my-data.json\"")
            .putHeader("Cache-Control", "no-store")
            .end(export.put("exportedAt", Instant.now().toString()).encodePrettily()))
        .onFailure(ctx::fail));
    router.delete("/api/me/profile").respond(ctx -> shopper(ctx).compose(id -> shoppers.clearProfile(id))
        .map(v -> new JsonObject().put("cleared", true)));
    router.delete("/api/me").respond(ctx -> shopper(ctx).compose(conversations::erase)
        .map(ids -> new JsonObject().put("deleted", true).put("conversations", ids.size())));
  }

  /** The shopper id the bearer token authorises; fails with 401 otherwise. */
  private Future<String> shopper(RoutingContext ctx) {
    ctx.response().putHeader("Cache-Control", "no-store");
    String header = ctx.request().getHeader("Authorization");
    String token = header != null && header.regionMatches(true, 0, "Bearer ", 0, 7) ? header.substring(7).trim() : null;
    return shoppers.authorise(token).compose(id -> {
      if (id.isPresent()) return Future.succeededFuture(id.get());
      ctx.response().putHeader("WWW-Authenticate", "Bearer realm=\"glasscart-shopper\"");
      return Future.failedFuture(new HttpException(401,
          "this needs 'Authorization: Bearer <shopperToken>' with the token the conversation event gave"));
    });
  }

  /** The summary with the profile's current entries in words (decayed weights, strongest first). */
  static JsonObject withPreferences(JsonObject summary) {
    JsonObject stored = summary.getJsonObject("profile");
    @SuppressWarnings("unchecked")
    ShopperProfile p = stored == null ? ShopperProfile.EMPTY : ShopperProfile.fromMap(stored.mapTo(java.util.Map.class));
    Instant now = Instant.now();
    JsonArray prefs = new JsonArray();
    for (ShopperProfile.Preference x : p.current(now)) {
      double w = x.weightAt(now);
      prefs.add(new JsonObject().put("kind", x.kind().name().toLowerCase(Locale.ROOT)).put("field", x.field())
          .put("value", x.value()).put("weight", Math.round(w * 1000) / 1000.0).put("liked", w > 0));
    }
    JsonObject out = summary.copy().put("preferences", prefs).put("halfLifeDays", ShopperProfile.HALF_LIFE.toDays());
    p.currentPrice(now).ifPresent((PriceBand b) -> {
      JsonObject band = new JsonObject().put("currency", b.currency());
      if (Double.isFinite(b.low())) band.put("low", Math.round(b.low() * 100) / 100.0);
      if (Double.isFinite(b.high())) band.put("high", Math.round(b.high() * 100) / 100.0);
      out.put("priceBand", band);
    });
    return out;
  }
}
