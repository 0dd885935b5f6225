package dev.glasscart.storage;

import io.vertx.core.json.JsonObject;
import java.util.Objects;

/**
 * One shopper verdict on a turn's recommendation.
 *
 * @param productId the product judged, or null for the turn as a whole
 * @param reason free text, may be null
 * @param features the ranking features of the judged product at the time, may be null
 */
public record Feedback(String conversationId, int turn, String productId, boolean helpful, String reason,
    JsonObject features) {

  public Feedback {
    Objects.requireNonNull(conversationId, "conversationId");
    if (turn < 1) throw new IllegalArgumentException("illegal turn " + turn + ", must be >= 1");
  }
}
