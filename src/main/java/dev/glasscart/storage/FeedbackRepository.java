package dev.glasscart.storage;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;

import io.vertx.core.Future;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.Tuple;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/** Shopper feedback in the {@code feedback} table, and its helpful rate. Non-blocking; thread-safe. */
public final class FeedbackRepository {

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

  /** Stores the feedback; completes with its id. */
  public Future<Integer> save(Feedback f) {
    return pool.preparedQuery("""
            INSERT INTO feedback (conversation_id, turn, product_id, helpful, reason, features)
            VALUES ($1, $2, $3, $4, $5, $6) RETURNING id""")
        .execute(Tuple.tuple().addString(f.conversationId()).addInteger(f.turn()).addString(f.productId())
            .addBoolean(f.helpful()).addString(f.reason()).addValue(f.features()))
        .map(rows -> rows.iterator().next().getInteger(0));
  }

  /** Helpful rate grouped by explainer, prompt version and day, newest day first. */
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

  /** Every feedback row of one conversation, oldest first, as JSON for the agent console. */
  public Future<JsonArray> forConversation(String conversationId) {
    return pool.preparedQuery("""
            SELECT turn, product_id, helpful, reason, features, created_at FROM feedback
            WHERE conversation_id = $1 ORDER BY id""")
        .execute(Tuple.of(conversationId)).map(rows -> {
          JsonArray out = new JsonArray();
          for (Row r : rows) {
            out.add(new JsonObject().put("turn", r.getInteger("turn")).put("productId", r.getString("product_id"))
                .put("helpful", r.getBoolean("helpful")).put("reason", r.getString("reason"))
                .put("features", r.getJsonObject("features"))
                .put("createdAt", r.getOffsetDateTime("created_at").toInstant().toString()));
          }
          return out;
        });
  }
}
