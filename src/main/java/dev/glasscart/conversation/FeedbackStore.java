package dev.glasscart.conversation;

import io.vertx.core.Future;
import java.util.List;

/** Durable shopper feedback and its helpful rate. Implementations never block the calling event loop. */
public interface FeedbackStore {
  /** Stores the verdict; completes with its id. */
  Future<Integer> save(Feedback f);

  /** Helpful rate grouped by explainer, prompt version and day, newest day first. */
  Future<List<HelpfulRate>> helpfulRates();

  /** Every verdict on one conversation, oldest first, with {@code createdAt}. */
  Future<List<Feedback>> forConversation(String conversationId);
}
