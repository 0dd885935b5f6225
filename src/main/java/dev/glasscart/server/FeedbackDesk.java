package dev.glasscart.server;

import dev.glasscart.conversation.ConversationRepository;
import dev.glasscart.conversation.Feedback;
import dev.glasscart.conversation.FeedbackStore;
import io.vertx.core.Future;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;

/**
 * Stores a shopper's verdict on a turn together with what was judged: the judged product's
 * ranking features as shown in that turn (rank, score, contributions), or the whole turn's
 * results when no product is named, and the explainer that spoke.
 */
final class FeedbackDesk {
  private final ConversationRepository history;
  private final FeedbackStore feedback;
  private final StorageRetry storage;

  FeedbackDesk(ConversationRepository history, FeedbackStore feedback, StorageRetry storage) {
    this.history = history;
    this.feedback = feedback;
    this.storage = storage;
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
