package dev.glasscart.storage;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vertx.core.Vertx;
import io.vertx.junit5.VertxExtension;
import io.vertx.sqlclient.Row;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

@ExtendWith(VertxExtension.class)
final class MigrationsTest {

  @Test
  void should_apply_each_migration_once_and_record_it(Vertx vertx) {
    // Given an empty database
    Database db = TestDatabase.create(vertx);
    try {
      int available = new Migrations().migrations().size();

      // When migrating twice
      int first = db.migrate().await();
      int second = db.migrate().await();

      // Then the first run applies everything, the second nothing, and each version is recorded once
      assertEquals(available, first);
      assertEquals(0, second);
      List<Integer> versions = new ArrayList<>();
      for (Row r : db.pool().query("SELECT version FROM schema_version ORDER BY version").execute().await()) {
        versions.add(r.getInteger(0));
      }
      assertEquals(new Migrations().migrations().stream().map(Migrations.Migration::version).toList(), versions);
      List<String> tables = new ArrayList<>();
      for (Row r : db.pool().query("""
          SELECT table_name FROM information_schema.tables WHERE table_schema = 'public' ORDER BY table_name""")
          .execute().await()) {
        tables.add(r.getString(0));
      }
      assertEquals(List.of("catalog_changes", "catalog_source", "catalog_version", "conversations", "feedback",
          "product_graph_source", "product_relations", "products", "schema_version", "shopper_tokens", "shoppers", "turns"), tables);
    } finally {
      db.close().await();
    }
  }

  @Test
  void should_roll_back_a_failing_migration_and_name_it(Vertx vertx) {
    // Given a migration list whose second file is broken
    Database db = TestDatabase.create(vertx);
    try {
      Migrations broken = new Migrations(List.of(
          new Migrations.Migration(1, "ok", "CREATE TABLE a (x int)"),
          new Migrations.Migration(2, "broken", "CREATE TABLE b (x int); SELECT * FROM no_such_table")));

      // When applying it
      Throwable failure = assertThrows(IllegalStateException.class, () -> broken.apply(db.pool()).await());

      // Then V2 is named, nothing of V2 is left behind, and V1 stays applied
      assertTrue(failure.getMessage().contains("V2__broken"), failure.getMessage());
      long bTables = db.pool().query("SELECT count(*) FROM information_schema.tables WHERE table_name = 'b'")
          .execute().await().iterator().next().getLong(0);
      assertEquals(0, bTables);
      long recorded = db.pool().query("SELECT count(*) FROM schema_version").execute().await().iterator().next().getLong(0);
      assertEquals(1, recorded);
    } finally {
      db.close().await();
    }
  }

  @Test
  void should_let_concurrent_starters_apply_each_migration_once(Vertx vertx) {
    // Given two pools on the same empty database
    String url = TestDatabase.freshDatabaseUrl();
    Database a = Database.external(vertx, url);
    Database b = Database.external(vertx, url);
    try {
      // When both migrate at the same time
      var fa = a.migrate();
      var fb = b.migrate();
      int applied = fa.await() + fb.await();

      // Then every migration ran exactly once in total
      assertEquals(new Migrations().migrations().size(), applied);
      long recorded = a.pool().query("SELECT count(*) FROM schema_version").execute().await().iterator().next().getLong(0);
      assertEquals(applied, recorded);
    } finally {
      a.close().await();
      b.close().await();
    }
  }
}
