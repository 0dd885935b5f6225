package dev.glasscart.server;

import dev.glasscart.conversation.ConversationRepository;
import dev.glasscart.conversation.ConversationService;
import dev.glasscart.conversation.Feedback;
import dev.glasscart.conversation.FeedbackStore;
import io.vertx.core.Future;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;

/**
 * Stores a shopper's verdict on a turn together with what was judged: the judged product's
 * ranking features as shown in that turn (rank, score, contributions), or the whole turn's
 * results when no product is named, and the explainer that spoke. A verdict on a product, and a
 * "Why this?" opened on one, also teach the shopper's profile, which is then stored.
 */
final class FeedbackDesk {
  private final ConversationRepository history;
  private final FeedbackStore feedback;
  private final StorageRetry storage;
  private final ConversationService conversations;
  private final LiveConversations live;

  FeedbackDesk(ConversationRepository history, FeedbackStore feedback, StorageRetry storage,
      ConversationService conversations, LiveConversations live) {
    this.conversations = conversations;
    this.live = live;
    this.history = history;
    this.feedback = feedback;
    this.storage = storage;
  }

  /** {@link #record(String, int, String, boolean, String)} on a live conversation, teaching its shopper's profile. */
  Future<Void> record(LiveConversation c, int turn, String productId, boolean helpful, String reason) {
    if (c.erased()) return Future.failedFuture(new LiveConversations.ErasedException());
    if (productId != null) conversations.rated(c.profile(), productId, helpful);
    return record(c.id(), turn, productId, helpful, reason).compose(v -> live.saveProfile(c));
  }

  /** "Why this?" opened on a shown product: a small sign of interest for the shopper's profile. */
  Future<Void> opened(LiveConversation c, String productId) {
    if (c.erased()) return Future.failedFuture(new LiveConversations.ErasedException());
    conversations.opened(c.profile(), productId);
    return live.saveProfile(c);
  }

  Future<Void> record(String conversationId, int turn, String productId, boolean helpful, String reason) {
    return storage.retrying("reading turn " + turn, () -> history.turn(conversationId, turn)).compose(stored -> {
      JsonObject features = new JsonObject();
      stored.ifPresent(t -> {
        features.put("explainer", t.explainer());
        JsonArray results = t.results() == null ? new JsonArray() : new JsonArray(t.results());
        for (int i = 0; i < results.size(); i++) {
          JsonObject item = results.getJsonObject(i);
          if (productId == null || productId.equals(item.getString("productId"))) {
            features.put(item.getString("productId"), new JsonObject()
                .put("rank", item.getValue("rank")).put("score", item.getValue("score"))
                .put("contributions", item.getValue("contributions")));
          }
        }
      });
      Feedback verdict = new Feedback(conversationId, turn, productId, helpful, reason, features.encode());
      return storage.retrying("saving feedback", () -> feedback.save(verdict));
    }).mapEmpty();
  }
}
