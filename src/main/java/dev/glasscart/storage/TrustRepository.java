package dev.glasscart.storage;

import dev.glasscart.conversation.TrustStore;
import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.Tuple;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * Reads what the trust measures need from {@code turns} and {@code feedback} (the newest
 * {@link #MAX_TURNS} turns of the last {@code days} days, and their feedback) and computes them
 * with {@link TrustMeasures}. Non-blocking reads; the computation is a few milliseconds of CPU per
 * thousand turns, done by the caller. Thread-safe.
 */
public final class TrustRepository implements TrustStore {
  /** Most turns read per computation: the measures describe the recent past. */
  public static final int MAX_TURNS = 20_000;

  private static final String TURNS = """
      SELECT conversation_id, turn, (created_at AT TIME ZONE 'UTC')::date AS day, coalesce(explainer, 'unknown') AS explainer,
        coalesce(details->>'promptVersion', 'none') AS prompt_version, understanding->>'intent' AS intent,
        understanding->>'chat' AS chat, details->'grounding' AS grounding, details->>'fallback' AS fallback,
        (details->'prompt' IS NOT NULL) AS prompt_asked, details->'safety' AS safety, details->'exposure' AS exposure, results
      FROM turns WHERE created_at >= now() - make_interval(days => $1)
      ORDER BY created_at DESC LIMIT $2""";

  private static final String FEEDBACK = """
      SELECT (f.created_at AT TIME ZONE 'UTC')::date AS day, coalesce(t.explainer, 'unknown') AS explainer,
        coalesce(t.details->>'promptVersion', 'none') AS prompt_version, f.product_id, f.helpful, f.reason, f.features
      FROM feedback f LEFT JOIN turns t ON t.conversation_id = f.conversation_id AND t.turn = f.turn
      WHERE f.created_at >= now() - make_interval(days => $1)
      ORDER BY f.id""";

  private final Pool pool;

  public TrustRepository(Pool pool) {
    this.pool = Objects.requireNonNull(pool, "pool");
  }

  /** What was read for one computation. */
  public record Rows(int days, List<TrustMeasures.TurnRow> turns, List<TrustMeasures.FeedbackRow> feedback) implements Window {
    /** The measures with the window they cover: CPU work, keep it off the event loop for large windows. */
    public JsonObject measures() {
      return TrustMeasures.compute(turns, feedback).put("window", new JsonObject().put("days", days).put("turns", turns.size())
          .put("feedback", feedback.size()).put("maxTurns", MAX_TURNS));
    }

    @Override
    public String json() {
      return measures().encode();
    }

    @Override
    public String csv(String measure) {
      return TrustMeasures.csv(measure, measures());
    }
  }

  /** The turns and feedback of the last {@code days} days (1 to 3650). */
  @Override
  public Future<Window> load(int days) {
    return rows(days).map(r -> r);
  }

  /** {@link #load} with the rows' type. */
  public Future<Rows> rows(int days) {
    if (days < 1 || days > 3650) return Future.failedFuture(new IllegalArgumentException("illegal days " + days + ", must be 1 to 3650"));
    Future<List<TrustMeasures.TurnRow>> turns = pool.preparedQuery(TURNS).execute(Tuple.of(days, MAX_TURNS)).map(rows -> {
      List<TrustMeasures.TurnRow> out = new ArrayList<>(rows.size());
      for (Row r : rows) {
        out.add(new TrustMeasures.TurnRow(r.getString("conversation_id"), r.getInteger("turn"), r.getLocalDate("day"),
            r.getString("explainer"), r.getString("prompt_version"), r.getString("intent"), r.getString("chat"),
            json(r, "grounding"), r.getString("fallback"), Boolean.TRUE.equals(r.getBoolean("prompt_asked")),
            json(r, "safety"), json(r, "exposure"), r.getJsonArray("results")));
      }
      return out;
    });
    Future<List<TrustMeasures.FeedbackRow>> feedback = pool.preparedQuery(FEEDBACK).execute(Tuple.of(days)).map(rows -> {
      List<TrustMeasures.FeedbackRow> out = new ArrayList<>(rows.size());
      for (Row r : rows) {
        out.add(new TrustMeasures.FeedbackRow(r.getLocalDate("day"), r.getString("explainer"), r.getString("prompt_version"),
            r.getString("product_id"), r.getBoolean("helpful"), r.getString("reason"), r.getJsonObject("features")));
      }
      return out;
    });
    return Future.all(turns, feedback).map(v -> new Rows(days, turns.result(), feedback.result()));
  }

  private static JsonObject json(Row r, String column) {
    Object v = r.getValue(column);
    return v instanceof JsonObject o ? o : null;
  }
}
