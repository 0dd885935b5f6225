package dev.glasscart.storage;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import java.util.Optional;
import java.util.Properties;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * Fresh clusters copied from the prepared template work as initdb's do: the application's
 * database is there, each copy has its own password, settings are durable, a committed row
 * survives a killed postmaster; an incomplete template is rebuilt, an unusable one falls back to initdb.
 */
final class PostgresTemplateTest {
  private static final List<String> DATABASES = List.of(Database.EMBEDDED_DATABASE);

  private static Path fresh(String name) throws IOException {
    return Files.createTempDirectory(Files.createDirectories(Path.of(System.getProperty("java.io.tmpdir"))), name);
  }

  private static Connection connect(EmbeddedPostgresServer pg, String database, String password) throws SQLException {
    Properties login = new Properties();
    login.setProperty("user", "postgres");
    login.setProperty("password", password);
    return DriverManager.getConnection("jdbc:postgresql://localhost:" + pg.port() + "/" + database, login);
  }

  private static String one(Connection c, String sql) throws SQLException {
    try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery(sql)) {
      assertTrue(rs.next(), sql);
      return rs.getString(1);
    }
  }

  private static List<Path> templates(Path root) throws IOException {
    try (Stream<Path> l = Files.list(root)) {
      return l.toList();
    }
  }

  @Test
  void should_make_each_fresh_data_dir_a_durable_cluster_of_its_own_from_one_template() throws Exception {
    // Given an empty template directory and two fresh data dirs
    Path root = fresh("templates");
    Path first = fresh("copy-a").resolve("postgres");
    Path second = fresh("copy-b").resolve("postgres");

    // When a durable server starts on each
    try (EmbeddedPostgresServer a = EmbeddedPostgresServer.start(first, true, 0, DATABASES, Optional.of(root));
        EmbeddedPostgresServer b = EmbeddedPostgresServer.start(second, true, 0, DATABASES, Optional.of(root))) {
      // Then one template was prepared, finished, and used for both
      List<Path> made = templates(root);
      assertEquals(1, made.size(), made.toString());
      assertTrue(Files.isRegularFile(made.get(0).resolve(PostgresTemplate.MARK)));
      assertFalse(Files.exists(first.resolve(PostgresTemplate.MARK)), "the copy is a plain cluster");
      String pa = a.password().orElseThrow();
      String pb = b.password().orElseThrow();
      assertNotEquals(pa, pb);
      // each copy holds the application's database, answers its own password only, and is durable
      try (Connection c = connect(a, Database.EMBEDDED_DATABASE, pa)) {
        assertEquals("on", one(c, "SHOW fsync"));
        assertEquals("on", one(c, "SHOW synchronous_commit"));
        assertEquals("UTF8", one(c, "SHOW server_encoding"));
        assertEquals("scram-sha-256", one(c, "SELECT string_agg(DISTINCT auth_method, ',') FROM pg_hba_file_rules"));
        try (Statement s = c.createStatement()) {
          s.execute("CREATE TABLE t (v int)");
          s.execute("INSERT INTO t VALUES (42)");
        }
      }
      SQLException refused = assertThrows(SQLException.class, () -> connect(b, Database.EMBEDDED_DATABASE, pa).close());
      assertTrue(refused.getMessage().contains("password"), refused.getMessage());
      try (Connection c = connect(b, Database.EMBEDDED_DATABASE, pb)) {
        assertEquals("0", one(c, "SELECT count(*) FROM pg_tables WHERE tablename = 't'"), "copies share nothing");
      }

      // And a row committed on a copy survives SIGKILL of its postmaster (crash recovery on the copied files)
      ProcessHandle postmaster = ProcessHandle.of(a.pid().orElseThrow()).orElseThrow();
      postmaster.destroyForcibly();
      postmaster.onExit().get(10, java.util.concurrent.TimeUnit.SECONDS);
      long deadline = System.nanoTime() + 20_000_000_000L;
      while (a.restarts() == 0 || a.unavailable().isPresent()) {
        assertTrue(System.nanoTime() < deadline, "not restarted within 20 s");
        Thread.sleep(20);
      }
      try (Connection c = connect(a, Database.EMBEDDED_DATABASE, pa)) {
        assertEquals("42", one(c, "SELECT v FROM t"));
      }
    }
  }

  @Test
  void should_rebuild_a_template_that_was_never_finished() throws Exception {
    // Given a template whose completion mark is missing (a crash while it was prepared, or a cleaned cache)
    Path root = fresh("templates");
    try (EmbeddedPostgresServer pg = EmbeddedPostgresServer.start(fresh("t1").resolve("postgres"), false, 0, DATABASES,
        Optional.of(root))) {
      assertTrue(pg.password().isPresent());
    }
    Path template = templates(root).get(0);
    Files.delete(template.resolve(PostgresTemplate.MARK));

    // When a fresh data dir is made from it
    Path pgData = fresh("t2").resolve("postgres");
    try (EmbeddedPostgresServer pg = EmbeddedPostgresServer.start(pgData, false, 0, DATABASES, Optional.of(root));
        Connection c = connect(pg, Database.EMBEDDED_DATABASE, pg.password().orElseThrow())) {
      // Then the template was prepared again, finished, and the copy works
      assertEquals(List.of(template), templates(root));
      assertTrue(Files.isRegularFile(template.resolve(PostgresTemplate.MARK)));
      assertEquals("1", one(c, "SELECT 1"));
    }
  }

  @Test
  void should_fall_back_to_initdb_when_no_template_can_be_kept() throws Exception {
    // Given a template directory that cannot be created (a file is in the way)
    Path blocked = Files.createFile(fresh("blocked").resolve("not-a-directory"));

    // When a fresh data dir is started with it
    Path pgData = fresh("fallback").resolve("postgres");
    try (EmbeddedPostgresServer pg = EmbeddedPostgresServer.start(pgData, false, 0, DATABASES, Optional.of(blocked));
        Connection c = connect(pg, "postgres", pg.password().orElseThrow())) {
      // Then initdb made the cluster and it works with its own password
      assertEquals("1", one(c, "SELECT 1"));
      assertTrue(Files.isRegularFile(pgData.resolve("PG_VERSION")));
      assertFalse(Files.exists(pgData.resolveSibling("postgres.copy")), "no staging copy left");
    }
  }
}
