package dev.glasscart.conversation;

import java.time.Instant;
import java.util.Objects;

/**
 * One shopper verdict on a turn's recommendation.
 *
 * @param productId the product judged, or null for the turn as a whole
 * @param reason free text, may be null
 * @param features the ranking features of the judged product at the time, as JSON text (an
 *     object), may be null
 * @param createdAt when it was stored; null before
 */
public record Feedback(String conversationId, int turn, String productId, boolean helpful, String reason,
    String features, Instant createdAt) {

  public Feedback {
    Objects.requireNonNull(conversationId, "conversationId");
    if (turn < 1) throw new IllegalArgumentException("illegal turn " + turn + ", must be >= 1");
  }

  /** A verdict not stored yet. */
  public Feedback(String conversationId, int turn, String productId, boolean helpful, String reason, String features) {
    this(conversationId, turn, productId, helpful, reason, features, null);
  }
}
