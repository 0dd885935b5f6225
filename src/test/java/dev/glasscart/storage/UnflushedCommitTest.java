package dev.glasscart.storage;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vertx.core.Vertx;
import io.vertx.sqlclient.SqlConnection;
import io.vertx.sqlclient.Tuple;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * {@link UnflushedCommit} in real PostgreSQL: a statement selecting from it commits without its
 * backend writing the WAL out (PostgreSQL 18's per-backend I/O statistics count the WAL writes a
 * synchronous commit makes), and the connection it ran on stays synchronous for what follows.
 */
final class UnflushedCommitTest {
  private static Vertx vertx;
  private static Database db;

  @BeforeAll
  static void setUp() {
    vertx = Vertx.vertx();
    db = TestDatabase.createMigrated(vertx);
  }

  @AfterAll
  static void tearDown() {
    db.close().await();
    vertx.close().await();
  }

  /** The WAL writes this connection's backend made so far, its pending statistics flushed first. */
  private static long walWrites(SqlConnection conn) {
    conn.query("SELECT pg_stat_force_next_flush()").execute().await();
    return conn.query("SELECT coalesce(sum(writes), 0)::bigint FROM pg_stat_get_backend_io(pg_backend_pid()) WHERE object = 'wal'")
        .execute().await().iterator().next().getLong(0);
  }

  private static String synchronousCommit(SqlConnection conn) {
    return conn.query("SELECT current_setting('synchronous_commit')").execute().await().iterator().next().getString(0);
  }

  @Test
  void should_commit_without_writing_the_wal_and_leave_the_connection_synchronous() {
    SqlConnection conn = db.pool().getConnection().await();
    try {
      // the test server runs with synchronous_commit off; this connection asks for the durable default
      conn.query("SET synchronous_commit = on").execute().await();
      int n = 20;
      long start = walWrites(conn);
      for (int i = 0; i < n; i++) {
        conn.preparedQuery("INSERT INTO conversations (id) SELECT $1::text " + UnflushedCommit.FROM)
            .execute(Tuple.of("unflushed-" + i)).await();
        assertEquals("on", synchronousCommit(conn), "the setting lasts only for its statement's transaction");
      }
      long unflushed = walWrites(conn) - start;
      long before = walWrites(conn);
      for (int i = 0; i < n; i++) {
        conn.preparedQuery("INSERT INTO conversations (id) VALUES ($1)").execute(Tuple.of("flushed-" + i)).await();
      }
      long flushed = walWrites(conn) - before;

      assertTrue(flushed >= n, "a synchronous commit writes the WAL out itself: " + flushed + " writes for " + n);
      assertTrue(unflushed <= 2, "the unflushed commits left the WAL to the WAL writer: " + unflushed + " writes for " + n);
      assertEquals(2L * n, conn.query("SELECT count(*) FROM conversations WHERE id LIKE 'unflushed-%' OR id LIKE 'flushed-%'")
          .execute().await().iterator().next().getLong(0));
    } finally {
      conn.close().await();
    }
  }
}
