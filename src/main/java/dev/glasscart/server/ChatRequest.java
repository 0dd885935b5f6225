package dev.glasscart.server;

import dev.glasscart.query.Constraint;

/**
 * A shopper's frame once {@link ChatFrames} has read and checked it: each kind of docs/protocol.md
 * as a record, every field of the right type. What needs the conversation (is {@code turn} one
 * of its turns?) is {@link ChatSocket}'s to check.
 */
sealed interface ChatRequest {
  /** The conversation a frame names (null: this socket's) and the token that resumes it (may be null). */
  record Target(String conversationId, String resumeToken) {}

  /** {@code message}: a shopper's text, a new turn. */
  record Message(String text, Target target) implements ChatRequest {}

  /** {@code cancel}: stop the turn in progress. */
  record Cancel() implements ChatRequest {}

  /** {@code remove_constraint}: rerun the current search without {@code constraint}. */
  record RemoveConstraint(Constraint constraint, Target target) implements ChatRequest {}

  /**
   * {@code feedback}: a verdict on turn {@code turn} (or one product of it); {@code turn} and
   * {@code helpful} null when missing or not a number / boolean ({@link ChatFrames#checkFeedback}).
   */
  record Feedback(Integer turn, String productId, Boolean helpful, String reason, Target target) implements ChatRequest {}
}
