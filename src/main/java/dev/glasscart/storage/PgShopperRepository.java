package dev.glasscart.storage;

import dev.glasscart.profile.ShopperProfile;
import dev.glasscart.profile.ShopperRepository;
import io.vertx.core.Future;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.RowSet;
import io.vertx.sqlclient.SqlConnection;
import io.vertx.sqlclient.Tuple;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;

/**
 * Shoppers in the {@code shoppers} and {@code shopper_tokens} tables (schema V4), with their
 * conversations ({@code conversations.shopper_id}), turns and feedback. Non-blocking; thread-safe.
 */
public final class PgShopperRepository implements ShopperRepository {

  private final Pool pool;

  public PgShopperRepository(Pool pool) {
    this.pool = Objects.requireNonNull(pool, "pool");
  }

  @Override
  public Future<Optional<Shopper>> byToken(String tokenHash) {
    return shopper("shopper_tokens t JOIN shoppers s ON s.id = t.shopper_id WHERE t.token_hash = $1", tokenHash);
  }

  /** The shopper (id, profile) that {@code fromWhere} (aliasing shoppers as {@code s}) finds for {@code key}. */
  private Future<Optional<Shopper>> shopper(String fromWhere, String key) {
    return pool.preparedQuery("SELECT s.id, s.profile FROM " + fromWhere).execute(Tuple.of(key)).map(PgShopperRepository::first);
  }

  @Override
  public Future<Shopper> forCustomer(String customerHash, String tokenHash) {
    // no wait for the disk at the commit: the conversation's first turn's durable commit carries it (UnflushedCommit)
    return pool.withTransaction(conn -> conn.preparedQuery("INSERT INTO shoppers (id, customer_hash) SELECT $1::text, $2::text "
            + UnflushedCommit.FROM + " ON CONFLICT (customer_hash) DO UPDATE SET updated_at = clock_timestamp()"
            + " RETURNING id, profile").execute(Tuple.of(UUID.randomUUID().toString(), customerHash))
        .compose(rows -> {
          Shopper s = first(rows).orElseThrow();
          return addToken(conn, s.id(), tokenHash).map(s);
        }));
  }

  @Override
  public Future<Shopper> create(String tokenHash) {
    String id = UUID.randomUUID().toString();
    // one statement, so one round trip and one commit (no BEGIN and COMMIT of their own): the
    // token's foreign key is checked at its end, when the shopper's row is there; the commit does
    // not wait for the disk: the first turn's durable commit carries it (UnflushedCommit)
    return pool.preparedQuery("WITH shopper AS (INSERT INTO shoppers (id) SELECT $1::text " + UnflushedCommit.FROM + ")"
            + " INSERT INTO shopper_tokens (token_hash, shopper_id) VALUES ($2, $1)").execute(Tuple.of(id, tokenHash))
        .map(v -> new Shopper(id, ShopperProfile.EMPTY));
  }

  private static Future<Void> addToken(SqlConnection conn, String shopperId, String tokenHash) {
    return conn.preparedQuery("INSERT INTO shopper_tokens (token_hash, shopper_id) VALUES ($1, $2)")
        .execute(Tuple.of(tokenHash, shopperId)).mapEmpty();
  }

  private static Optional<Shopper> first(RowSet<Row> rows) {
    if (rows.size() == 0) return Optional.empty();
    Row r = rows.iterator().next();
    return Optional.of(new Shopper(r.getString("id"), profile(r.getJsonObject("profile"))));
  }

  @Override
  public Future<Void> saveProfile(String shopperId, ShopperProfile profile) {
    return pool.preparedQuery("UPDATE shoppers SET profile = $2, updated_at = clock_timestamp() WHERE id = $1")
        .execute(Tuple.of(shopperId, new JsonObject(profile.toMap()))).mapEmpty();
  }

  /** A stored profile column read back (null: the empty profile). */
  @SuppressWarnings("unchecked")
  static ShopperProfile profile(JsonObject stored) {
    return stored == null ? ShopperProfile.EMPTY : ShopperProfile.fromMap(stored.mapTo(Map.class));
  }

  @Override
  public Future<Optional<Shopper>> ofConversation(String conversationId) {
    return shopper("conversations c JOIN shoppers s ON s.id = c.shopper_id WHERE c.id = $1", conversationId);
  }

  @Override
  public Future<Void> assign(String conversationId, String shopperId) {
    return pool.preparedQuery("UPDATE conversations SET shopper_id = $2 WHERE id = $1")
        .execute(Tuple.of(conversationId, shopperId)).mapEmpty();
  }

  @Override
  public Future<String> summary(String shopperId) {
    return pool.preparedQuery("SELECT profile, created_at FROM shoppers WHERE id = $1").execute(Tuple.of(shopperId))
        .compose(shopper -> {
          if (shopper.size() == 0) return Future.failedFuture(new IllegalStateException("no such shopper"));
          Row s = shopper.iterator().next();
          return pool.preparedQuery("""
                  SELECT c.id, c.started_at, c.updated_at,
                    (SELECT count(*) FROM turns t WHERE t.conversation_id = c.id)::int AS turns,
                    (SELECT user_text FROM turns t WHERE t.conversation_id = c.id ORDER BY turn LIMIT 1) AS first_message
                  FROM conversations c WHERE c.shopper_id = $1 ORDER BY c.updated_at DESC, c.id""")
              .execute(Tuple.of(shopperId)).map(rows -> {
                JsonArray list = new JsonArray();
                for (Row r : rows) {
                  list.add(new JsonObject().put("conversationId", r.getString("id"))
                      .put("startedAt", time(r, "started_at")).put("updatedAt", time(r, "updated_at"))
                      .put("turns", r.getInteger("turns")).put("firstMessage", r.getString("first_message")));
                }
                return new JsonObject().put("since", time(s, "created_at"))
                    .put("profile", s.getJsonObject("profile")).put("conversations", list).encode();
              });
        });
  }

  @Override
  public Future<String> export(String shopperId) {
    JsonObject out = new JsonObject();
    return pool.withTransaction(conn -> conn.preparedQuery("""
            SELECT id, customer_hash, profile, created_at, updated_at FROM shoppers WHERE id = $1""")
        .execute(Tuple.of(shopperId)).compose(rows -> {
          if (rows.size() == 0) return Future.failedFuture(new IllegalStateException("no such shopper"));
          Row r = rows.iterator().next();
          out.put("shopper", new JsonObject().put("id", r.getString("id")).put("customerHash", r.getString("customer_hash"))
              .put("createdAt", time(r, "created_at")).put("updatedAt", time(r, "updated_at")));
          out.put("profile", r.getJsonObject("profile"));
          return conn.preparedQuery("SELECT token_hash, created_at FROM shopper_tokens WHERE shopper_id = $1 ORDER BY created_at")
              .execute(Tuple.of(shopperId));
        }).compose(rows -> {
          JsonArray tokens = new JsonArray();
          for (Row r : rows) tokens.add(new JsonObject().put("tokenHash", r.getString("token_hash")).put("createdAt", time(r, "created_at")));
          out.put("tokens", tokens);
          return conn.preparedQuery("""
                  SELECT id, started_at, updated_at, resume_token_hash FROM conversations WHERE shopper_id = $1
                  ORDER BY started_at, id""").execute(Tuple.of(shopperId));
        }).compose(rows -> {
          JsonArray conversations = new JsonArray();
          for (Row r : rows) {
            conversations.add(new JsonObject().put("conversationId", r.getString("id")).put("startedAt", time(r, "started_at"))
                .put("updatedAt", time(r, "updated_at")).put("resumeTokenHash", r.getString("resume_token_hash"))
                .put("turns", new JsonArray()).put("feedback", new JsonArray()));
          }
          out.put("conversations", conversations);
          return conn.preparedQuery("""
                  SELECT t.conversation_id, t.turn, t.user_text, t.understanding, t.results, t.explanation, t.explainer,
                    t.timings, t.details, t.created_at
                  FROM turns t JOIN conversations c ON c.id = t.conversation_id WHERE c.shopper_id = $1
                  ORDER BY t.conversation_id, t.turn""").execute(Tuple.of(shopperId));
        }).compose(rows -> {
          for (Row r : rows) {
            conversation(out, r.getString("conversation_id")).getJsonArray("turns").add(new JsonObject()
                .put("turn", r.getInteger("turn")).put("userText", r.getString("user_text"))
                .put("understanding", r.getJsonObject("understanding")).put("results", r.getJsonArray("results"))
                .put("explanation", r.getString("explanation")).put("explainer", r.getString("explainer"))
                .put("timings", r.getJsonObject("timings")).put("details", r.getJsonObject("details"))
                .put("createdAt", time(r, "created_at")));
          }
          return conn.preparedQuery("""
                  SELECT f.id, f.conversation_id, f.turn, f.product_id, f.helpful, f.reason, f.features, f.created_at
                  FROM feedback f JOIN conversations c ON c.id = f.conversation_id WHERE c.shopper_id = $1
                  ORDER BY f.id""").execute(Tuple.of(shopperId));
        }).map(rows -> {
          for (Row r : rows) {
            conversation(out, r.getString("conversation_id")).getJsonArray("feedback").add(new JsonObject()
                .put("id", r.getInteger("id")).put("turn", r.getInteger("turn")).put("productId", r.getString("product_id"))
                .put("helpful", r.getBoolean("helpful")).put("reason", r.getString("reason"))
                .put("features", r.getJsonObject("features")).put("createdAt", time(r, "created_at")));
          }
          return out.encode();
        }));
  }

  private static JsonObject conversation(JsonObject export, String id) {
    JsonArray list = export.getJsonArray("conversations");
    for (int i = 0; i < list.size(); i++) {
      if (list.getJsonObject(i).getString("conversationId").equals(id)) return list.getJsonObject(i);
    }
    throw new IllegalStateException("row of an unlisted conversation");
  }

  @Override
  public Future<List<String>> erase(String shopperId) {
    return pool.withTransaction(conn -> conn.preparedQuery("""
            DELETE FROM feedback WHERE conversation_id IN (SELECT id FROM conversations WHERE shopper_id = $1)""")
        .execute(Tuple.of(shopperId))
        .compose(v -> conn.preparedQuery("DELETE FROM conversations WHERE shopper_id = $1 RETURNING id").execute(Tuple.of(shopperId)))
        .compose(deleted -> conn.preparedQuery("DELETE FROM shoppers WHERE id = $1").execute(Tuple.of(shopperId))
            .map(v -> ids(deleted))));
  }

  @Override
  public Future<List<String>> deleteConversationsOlderThan(Duration age) {
    if (age.isNegative() || age.isZero()) return Future.failedFuture(new IllegalArgumentException("illegal age " + age));
    OffsetDateTime cutoff = OffsetDateTime.now(java.time.ZoneOffset.UTC).minus(age);
    return pool.withTransaction(conn -> conn.preparedQuery("""
            DELETE FROM feedback WHERE conversation_id IN (SELECT id FROM conversations WHERE updated_at < $1)""")
        .execute(Tuple.of(cutoff))
        .compose(v -> conn.preparedQuery("DELETE FROM conversations WHERE updated_at < $1 RETURNING id").execute(Tuple.of(cutoff)))
        .map(PgShopperRepository::ids));
  }

  private static List<String> ids(RowSet<Row> rows) {
    List<String> out = new ArrayList<>(rows.size());
    for (Row r : rows) out.add(r.getString("id"));
    return out;
  }

  private static String time(Row r, String column) {
    OffsetDateTime t = r.getOffsetDateTime(column);
    return t == null ? null : t.toInstant().toString();
  }
}
