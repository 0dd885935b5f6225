package dev.glasscart.storage;

import dev.glasscart.conversation.Feedback;
import dev.glasscart.conversation.FeedbackStore;
import dev.glasscart.conversation.HelpfulRate;
import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.Tuple;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/** Shopper feedback in the {@code feedback} table, and its helpful rate. Non-blocking; thread-safe. */
public final class FeedbackRepository implements FeedbackStore {

  private static final String RATES = """
      SELECT coalesce(t.explainer, 'unknown') AS explainer,
        coalesce(t.details->>'promptVersion', 'none') AS prompt_version,
        (f.created_at AT TIME ZONE 'UTC')::date AS day,
        count(*) AS total, count(*) FILTER (WHERE f.helpful) AS helpful
      FROM feedback f
      LEFT JOIN turns t ON t.conversation_id = f.conversation_id AND t.turn = f.turn
      GROUP BY 1, 2, 3
      ORDER BY day DESC, explainer, prompt_version""";

  private final Pool pool;

  public FeedbackRepository(Pool pool) {
    this.pool = Objects.requireNonNull(pool, "pool");
  }

  @Override
  public Future<Integer> save(Feedback f) {
    return pool.preparedQuery("""
            INSERT INTO feedback (conversation_id, turn, product_id, helpful, reason, features)
            VALUES ($1, $2, $3, $4, $5, $6) RETURNING id""")
        .execute(Tuple.tuple().addString(f.conversationId()).addInteger(f.turn()).addString(f.productId())
            .addBoolean(f.helpful()).addString(f.reason()).addValue(f.features() == null ? null : new JsonObject(f.features())))
        .map(rows -> rows.iterator().next().getInteger(0));
  }

  @Override
  public Future<List<HelpfulRate>> helpfulRates() {
    return pool.query(RATES).execute().map(rows -> {
      List<HelpfulRate> out = new ArrayList<>(rows.size());
      for (Row r : rows) {
        out.add(new HelpfulRate(r.getString("explainer"), r.getString("prompt_version"), r.getLocalDate("day"),
            r.getLong("total"), r.getLong("helpful")));
      }
      return out;
    });
  }

  @Override
  public Future<List<Feedback>> forConversation(String conversationId) {
    return pool.preparedQuery("""
            SELECT conversation_id, turn, product_id, helpful, reason, features, created_at FROM feedback
            WHERE conversation_id = $1 ORDER BY id""")
        .execute(Tuple.of(conversationId)).map(rows -> {
          List<Feedback> out = new ArrayList<>(rows.size());
          for (Row r : rows) {
            JsonObject features = r.getJsonObject("features");
            out.add(new Feedback(r.getString("conversation_id"), r.getInteger("turn"), r.getString("product_id"),
                r.getBoolean("helpful"), r.getString("reason"), features == null ? null : features.encode(),
                r.getOffsetDateTime("created_at").toInstant()));
          }
          return out;
        });
  }
}
