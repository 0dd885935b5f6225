package dev.glasscart.storage;

import dev.glasscart.conversation.ConversationRepository;
import dev.glasscart.conversation.ConversationRepository.TurnTakenException;
import dev.glasscart.conversation.ConversationSummary;
import dev.glasscart.conversation.TurnRecord;
import io.vertx.core.Future;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.Tuple;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * Conversations and their turns in the {@code conversations} and {@code turns} tables. Saving a
 * turn creates the conversation if needed and bumps its {@code updated_at}, and stores the
 * shopper's profile when the turn changed it, in one statement (so one transaction, one round
 * trip and one WAL flush); the primary key (conversation, turn) makes a second writer
 * of the same turn fail ({@link TurnTakenException}), whichever node it runs on. Each turn keeps
 * the dialogue state it left.
 * Non-blocking; thread-safe.
 */
public final class PgConversationRepository implements ConversationRepository {

  private static final String LIST = """
      SELECT c.id, c.started_at, c.updated_at,
        (SELECT count(*) FROM turns t WHERE t.conversation_id = c.id)::int AS turns,
        (SELECT user_text FROM turns t WHERE t.conversation_id = c.id ORDER BY turn LIMIT 1) AS first_message,
        (SELECT user_text FROM turns t WHERE t.conversation_id = c.id ORDER BY turn DESC LIMIT 1) AS last_message
      FROM conversations c
      WHERE $1::text IS NULL OR EXISTS (
        SELECT 1 FROM turns t WHERE t.conversation_id = c.id AND strpos(lower(t.user_text), lower($1::text)) > 0)
      ORDER BY c.updated_at DESC, c.id
      LIMIT $2 OFFSET $3""";

  private static final String SELECT_TURNS = """
      SELECT conversation_id, turn, user_text, understanding, results, explanation, explainer, timings,
        details, created_at, state FROM turns""";

  private final Pool pool;
  private final boolean othersMayStore;

  /** Over a database other servers may share. */
  public PgConversationRepository(Pool pool) {
    this(pool, true);
  }

  /** @param othersMayStore false only for a database no other server can write (the embedded one this process runs) */
  public PgConversationRepository(Pool pool, boolean othersMayStore) {
    this.pool = Objects.requireNonNull(pool, "pool");
    this.othersMayStore = othersMayStore;
  }

  @Override
  public boolean othersMayStore() {
    return othersMayStore;
  }

  @Override
  public Future<Void> ensureConversation(String conversationId, String resumeTokenHash, String shopperId) {
    // no wait for the disk: the first turn's durable commit carries this row (UnflushedCommit)
    return pool.preparedQuery("INSERT INTO conversations (id, resume_token_hash, shopper_id) SELECT $1::text, $2::text, $3::text "
            + UnflushedCommit.FROM + " ON CONFLICT (id) DO NOTHING")
        .execute(Tuple.of(conversationId, resumeTokenHash, shopperId)).mapEmpty();
  }

  @Override
  public Future<Optional<String>> resumeTokenHash(String conversationId) {
    return pool.preparedQuery("SELECT coalesce(resume_token_hash, '') FROM conversations WHERE id = $1")
        .execute(Tuple.of(conversationId))
        .map(rows -> rows.size() == 0 ? Optional.<String>empty() : Optional.of(rows.iterator().next().getString(0)));
  }

  /**
   * One statement, so one round trip and one commit: the conversation's row is created or bumped
   * by the first data-modifying WITH, the turn inserted by the second, and the shopper's profile
   * ($12, $13; nulls for none) updated by the third only when the turn went in; the turn's
   * foreign key is checked at the end of the statement, when the conversation's row is there.
   * The JSON columns go as the texts the record holds, cast by PostgreSQL (json since schema V8:
   * checked, kept as sent, no jsonb to build), rather than parsed here into objects only for the
   * client to encode again.
   */
  private static final String SAVE_TURN = """
      WITH conversation AS (
        INSERT INTO conversations (id) VALUES ($1)
        ON CONFLICT (id) DO UPDATE SET updated_at = clock_timestamp()),
      turn AS (
        INSERT INTO turns (conversation_id, turn, user_text, understanding, results, explanation, explainer,
          timings, details, created_at, state)
        VALUES ($1, $2, $3, $4::text::json, $5::text::json, $6, $7, $8::text::json, $9::text::json, $10,
          $11::text::json)
        ON CONFLICT (conversation_id, turn) DO NOTHING
        RETURNING 1),
      profile AS (
        UPDATE shoppers SET profile = $13::text::jsonb, updated_at = clock_timestamp()
        WHERE id = $12::text AND EXISTS (SELECT 1 FROM turn))
      SELECT count(*)::int FROM turn""";

  @Override
  public Future<Void> saveTurn(TurnRecord t, ProfileWrite profile) {
    Instant created = t.createdAt() == null ? Instant.now() : t.createdAt();
    Tuple row = Tuple.tuple()
        .addString(t.conversationId()).addInteger(t.turn()).addString(t.userText())
        .addString(t.understanding()).addString(t.results())
        .addString(t.explanation()).addString(t.explainer()).addString(t.timings()).addString(t.details())
        .addOffsetDateTime(OffsetDateTime.ofInstant(created, ZoneOffset.UTC)).addString(t.state())
        .addString(profile == null ? null : profile.shopperId()).addString(profile == null ? null : profile.profile());
    return pool.preparedQuery(SAVE_TURN).execute(row)
        .compose(inserted -> inserted.iterator().next().getInteger(0) == 1
            ? Future.<Void>succeededFuture() : sameTurnStored(pool, t, created))
        .recover(e -> Future.failedFuture(e instanceof TurnTakenException ? e : new IllegalStateException(
            "cannot save turn " + t.turn() + " of conversation " + ConversationRepository.logId(t.conversationId())
                + ": " + e.getMessage(), e)));
  }

  /**
   * Succeeds when the stored (conversation, turn) is this very record: a retry after an attempt
   * that timed out but committed. Fails when another record holds that turn.
   */
  private static Future<Void> sameTurnStored(io.vertx.sqlclient.SqlClient db, TurnRecord t, Instant created) {
    return db.preparedQuery("SELECT user_text, explanation, created_at FROM turns WHERE conversation_id = $1 AND turn = $2")
        .execute(Tuple.of(t.conversationId(), t.turn())).compose(rows -> {
          Row r = rows.iterator().next();
          boolean same = Objects.equals(r.getString("user_text"), t.userText())
              && Objects.equals(r.getString("explanation"), t.explanation())
              && r.getOffsetDateTime("created_at").toInstant().equals(created.truncatedTo(ChronoUnit.MICROS));
          return same ? Future.<Void>succeededFuture()
              : Future.<Void>failedFuture(new TurnTakenException(t.conversationId(), t.turn()));
        });
  }

  @Override
  public Future<List<TurnRecord>> turns(String conversationId) {
    return pool.preparedQuery(SELECT_TURNS + " WHERE conversation_id = $1 ORDER BY turn")
        .execute(Tuple.of(conversationId)).map(rows -> {
          List<TurnRecord> out = new ArrayList<>(rows.size());
          for (Row r : rows) out.add(record(r));
          return out;
        });
  }

  @Override
  public Future<Optional<TurnRecord>> turn(String conversationId, int turn) {
    return pool.preparedQuery(SELECT_TURNS + " WHERE conversation_id = $1 AND turn = $2")
        .execute(Tuple.of(conversationId, turn))
        .map(rows -> rows.size() == 0 ? Optional.<TurnRecord>empty() : Optional.of(record(rows.iterator().next())));
  }

  /** A stored row as the domain's record: the JSON columns as text, the results' product ids read out. */
  private static TurnRecord record(Row r) {
    JsonArray results = r.getJsonArray("results");
    List<String> ids = new ArrayList<>();
    if (results != null) {
      for (Object item : results) {
        if (item instanceof JsonObject o && o.getValue("productId") instanceof String id) ids.add(id);
      }
    }
    return new TurnRecord(r.getString("conversation_id"), r.getInteger("turn"), r.getString("user_text"),
        text(r.getJsonObject("understanding")), results == null ? null : results.encode(), ids, r.getString("explanation"),
        r.getString("explainer"), text(r.getJsonObject("timings")), text(r.getJsonObject("details")),
        r.getOffsetDateTime("created_at").toInstant(), text(r.getJsonObject("state")));
  }

  @Override
  public Future<Optional<TurnRecord>> latestAfter(String conversationId, int turn) {
    return pool.preparedQuery(SELECT_TURNS + " WHERE conversation_id = $1 AND turn > $2 ORDER BY turn DESC LIMIT 1")
        .execute(Tuple.of(conversationId, turn))
        .map(rows -> rows.size() == 0 ? Optional.<TurnRecord>empty() : Optional.of(record(rows.iterator().next())));
  }

  private static String text(JsonObject o) {
    return o == null ? null : o.encode();
  }

  @Override
  public Future<List<ConversationSummary>> list(String search, int limit, int offset) {
    if (limit < 1 || offset < 0) {
      return Future.failedFuture(new IllegalArgumentException(
          "illegal page limit " + limit + " / offset " + offset + ", must be >= 1 / >= 0"));
    }
    String term = search == null || search.isBlank() ? null : search.strip();
    return pool.preparedQuery(LIST).execute(Tuple.of(term, limit, offset)).map(rows -> {
      List<ConversationSummary> out = new ArrayList<>(rows.size());
      for (Row r : rows) {
        out.add(new ConversationSummary(r.getString("id"), r.getOffsetDateTime("started_at").toInstant(),
            r.getOffsetDateTime("updated_at").toInstant(), r.getInteger("turns"),
            r.getString("first_message"), r.getString("last_message")));
      }
      return out;
    });
  }

  @Override
  public Future<Boolean> exists(String conversationId) {
    return pool.preparedQuery("SELECT 1 FROM conversations WHERE id = $1").execute(Tuple.of(conversationId))
        .map(rows -> rows.size() > 0);
  }

  @Override
  public Future<Integer> lastTurn(String conversationId) {
    return pool.preparedQuery("SELECT coalesce(max(turn), 0) FROM turns WHERE conversation_id = $1")
        .execute(Tuple.of(conversationId)).map(rows -> rows.iterator().next().getInteger(0));
  }
}
