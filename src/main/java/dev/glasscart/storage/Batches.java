package dev.glasscart.storage;

import io.vertx.core.Future;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.SqlConnection;
import io.vertx.sqlclient.Tuple;
import java.util.List;
import java.util.function.Function;

/** Replacing a whole table's rows in one transaction, inserted in batches. Non-blocking. */
final class Batches {
  /** Rows per INSERT batch, to keep single messages to the server moderate. */
  static final int SIZE = 500;

  private Batches() {}

  /** Runs {@code delete}, then {@code insert} for every row in batches of {@link #SIZE}, all in one transaction. */
  static Future<Void> replaceAll(Pool pool, String delete, String insert, List<Tuple> rows) {
    return replaceAll(pool, delete, insert, rows, conn -> Future.succeededFuture());
  }

  /** {@link #replaceAll(Pool, String, String, List)}, then {@code then} in the same transaction. */
  static Future<Void> replaceAll(Pool pool, String delete, String insert, List<Tuple> rows,
      Function<SqlConnection, Future<?>> then) {
    return pool.withTransaction(conn -> {
      Future<?> chain = conn.query(delete).execute();
      for (int from = 0; from < rows.size(); from += SIZE) {
        List<Tuple> batch = rows.subList(from, Math.min(rows.size(), from + SIZE));
        chain = chain.compose(v -> conn.preparedQuery(insert).executeBatch(batch));
      }
      return chain.compose(v -> then.apply(conn)).<Void>mapEmpty();
    });
  }
}
