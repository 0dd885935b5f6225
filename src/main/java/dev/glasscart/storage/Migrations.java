package dev.glasscart.storage;

import io.vertx.core.Future;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.SqlConnection;
import io.vertx.sqlclient.Tuple;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Versioned schema migrations: {@code db/migration/V<n>__<name>.sql} on the class path, listed in
 * {@code db/migration/index.txt} (one file name a line, so listing works the same from a jar and a
 * directory). Each pending version runs in its own transaction together with its
 * {@code schema_version} row; a session advisory lock serialises concurrent starters.
 * Running again applies nothing (idempotent).
 *
 * <p>Non-blocking (resource reading aside, done once in the constructor); thread-safe.
 */
public final class Migrations {

  /** One migration file. */
  public record Migration(int version, String name, String sql) {}

  private static final Pattern FILE = Pattern.compile("V(\\d+)__([\\w-]+)\\.sql");
  private static final long LOCK_KEY = 0x6C617373636172L; // "lasscar"

  private final List<Migration> migrations;

  /** Migrations from {@code db/migration/} on this class's class path. */
  public Migrations() {
    this(load("db/migration/"));
  }

  public Migrations(List<Migration> migrations) {
    List<Migration> sorted = new ArrayList<>(migrations);
    sorted.sort(Comparator.comparingInt(Migration::version));
    for (int i = 1; i < sorted.size(); i++) {
      if (sorted.get(i).version() == sorted.get(i - 1).version()) {
        throw new IllegalArgumentException("duplicate migration version: " + sorted.get(i).version());
      }
    }
    this.migrations = List.copyOf(sorted);
  }

  public List<Migration> migrations() {
    return migrations;
  }

  /**
   * Applies the pending migrations in version order on one connection holding a session advisory
   * lock (so concurrent starters wait for each other); completes with how many were applied.
   */
  public Future<Integer> apply(Pool pool) {
    return pool.withConnection(conn -> conn.preparedQuery("SELECT pg_advisory_lock($1)").execute(Tuple.of(LOCK_KEY))
        .compose(locked -> applyAll(conn)
            .eventually(() -> conn.preparedQuery("SELECT pg_advisory_unlock($1)").execute(Tuple.of(LOCK_KEY)))))
        .recover(e -> Future.failedFuture(new IllegalStateException("schema migration failed: " + e.getMessage(), e)));
  }

  private Future<Integer> applyAll(SqlConnection conn) {
    Future<Integer> chain = conn.query("""
        CREATE TABLE IF NOT EXISTS schema_version (
          version integer PRIMARY KEY, name text NOT NULL, applied_at timestamptz NOT NULL DEFAULT now())""")
        .execute().map(0);
    for (Migration m : migrations) {
      chain = chain.compose(applied -> applyOne(conn, m).map(ran -> ran ? applied + 1 : applied));
    }
    return chain;
  }

  /** Runs one migration and records it in a single transaction, unless it is recorded already. */
  private static Future<Boolean> applyOne(SqlConnection conn, Migration m) {
    return conn.begin().compose(tx -> conn.preparedQuery("SELECT 1 FROM schema_version WHERE version = $1")
        .execute(Tuple.of(m.version()))
        .compose(rows -> {
          if (rows.size() > 0) return Future.succeededFuture(false);
          return conn.query(m.sql()).execute()
              .recover(e -> Future.failedFuture(new IllegalStateException(
                  "migration V" + m.version() + "__" + m.name() + " failed: " + e.getMessage(), e)))
              .compose(r -> conn.preparedQuery("INSERT INTO schema_version (version, name) VALUES ($1, $2)")
                  .execute(Tuple.of(m.version(), m.name())))
              .map(true);
        })
        .compose(ran -> tx.commit().map(ran), e -> tx.rollback().transform(r -> Future.failedFuture(e))));
  }

  private static List<Migration> load(String dir) {
    ClassLoader loader = Migrations.class.getClassLoader();
    String index = read(loader, dir + "index.txt");
    List<Migration> out = new ArrayList<>();
    for (String line : index.lines().map(String::strip).filter(l -> !l.isEmpty() && !l.startsWith("#")).toList()) {
      Matcher m = FILE.matcher(line);
      if (!m.matches()) {
        throw new IllegalStateException("bad migration file name in " + dir + "index.txt: '" + line + "', expected V<n>__<name>.sql");
      }
      out.add(new Migration(Integer.parseInt(m.group(1)), m.group(2), read(loader, dir + line)));
    }
    return out;
  }

  private static String read(ClassLoader loader, String resource) {
    try (InputStream in = loader.getResourceAsStream(resource)) {
      Objects.requireNonNull(in, () -> "missing class path resource " + resource);
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read class path resource " + resource, e);
    }
  }
}
