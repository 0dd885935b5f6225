package dev.glasscart.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.glasscart.storage.Database;
import dev.glasscart.storage.PgCatalogRepository;
import io.vertx.core.Vertx;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

final class ImportCommandTest {

  @Test
  void should_import_valid_rows_report_bad_ones_and_leave_the_catalog_alone_when_nothing_is_valid(@TempDir Path dir) throws Exception {
    Path csv = dir.resolve("shop.csv");
    Files.writeString(csv, """
        id,title,brand,category,price,rating,reviewCount,colour
        a1,Red Scarf,Knitty,scarves,19.99,4.5,10,red
        a2,,Knitty,scarves,9.99,4.0,3,blue
        a3,Grey Scarf,Knitty,scarves,24.00,4.1,8,grey
        """);
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    int code = ImportCommand.run(new String[] {csv.toString(), "--data-dir", dir.toString()},
        new PrintStream(out, true, StandardCharsets.UTF_8), new PrintStream(err, true, StandardCharsets.UTF_8));
    assertEquals(3, code, "some rows were skipped");
    assertTrue(err.toString(StandardCharsets.UTF_8).contains("line 3"), err.toString(StandardCharsets.UTF_8));
    assertTrue(out.toString(StandardCharsets.UTF_8).contains("2 valid products, 1 rejected rows"));

    Path junk = dir.resolve("junk.jsonl");
    Files.writeString(junk, "{nope\n");
    assertEquals(1, ImportCommand.run(new String[] {junk.toString(), "--data-dir", dir.toString()},
        new PrintStream(out, true, StandardCharsets.UTF_8), new PrintStream(err, true, StandardCharsets.UTF_8)));

    Vertx vertx = Vertx.vertx();
    Database db = Database.open(vertx, dir, null);
    try {
      var catalog = new PgCatalogRepository(db.pool()).load().await();
      assertEquals(2, catalog.size());
      assertEquals("red", catalog.get("a1").orElseThrow().attribute("colour"));
    } finally {
      db.close().await();
      vertx.close().await();
    }
  }

  @Test
  void should_store_every_other_row_when_one_holds_u0000_or_an_unclosed_quote(@TempDir Path dir) throws Exception {
    // Given a catalog whose second row holds U+0000 (PostgreSQL text cannot) and whose third opens
    // a quote it never closes, followed by valid rows
    Path csv = dir.resolve("shop.csv");
    Files.writeString(csv, "id,title,price\n"
        + "a1,Red Scarf,19.99\n"
        + "a2,Blue\u0000Scarf,9.99\n"
        + "a3,\"Grey Scarf,24.00\n"
        + "a4,Green Scarf,12.50\n"
        + "a5,\"Pink, soft\",14.00\n");
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    // When importing it into the real database
    int code = ImportCommand.run(new String[] {csv.toString(), "--data-dir", dir.toString()},
        new PrintStream(out, true, StandardCharsets.UTF_8), new PrintStream(err, true, StandardCharsets.UTF_8));
    // Then both bad rows are reported where they are, and every other row is stored
    String errors = err.toString(StandardCharsets.UTF_8);
    assertEquals(3, code, errors);
    assertTrue(errors.contains("line 3: field 'title' contains U+0000"), errors);
    assertTrue(errors.contains("line 4: malformed CSV row: quoted field opened on line 4 "), errors);
    assertTrue(out.toString(StandardCharsets.UTF_8).contains("3 valid products, 2 rejected rows"), out.toString(StandardCharsets.UTF_8));
    Vertx vertx = Vertx.vertx();
    Database db = Database.open(vertx, dir, null);
    try {
      var catalog = new PgCatalogRepository(db.pool()).load().await();
      assertEquals(List.of("a1", "a4", "a5"), catalog.products().stream().map(p -> p.id()).toList());
      assertEquals("Pink, soft", catalog.get("a5").orElseThrow().title());
    } finally {
      db.close().await();
      vertx.close().await();
    }
  }
}
