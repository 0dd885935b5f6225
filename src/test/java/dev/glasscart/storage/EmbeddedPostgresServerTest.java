package dev.glasscart.storage;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vertx.core.Vertx;
import io.vertx.junit5.VertxExtension;
import io.zonky.test.db.postgres.util.LinuxUtils;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.logging.Handler;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** The embedded server is durable, survives a postmaster crash, and never fails a first start on a leftover. */
@ExtendWith(VertxExtension.class)
final class EmbeddedPostgresServerTest {

  private static Path freshDataDir(String name) throws IOException {
    Path tmp = Files.createDirectories(Path.of(System.getProperty("java.io.tmpdir")));
    return Files.createTempDirectory(tmp, name);
  }

  @Test
  void should_refuse_connections_without_the_generated_password(Vertx vertx) throws Exception {
    // Given the embedded database as serve opens it
    Path dataDir = freshDataDir("auth");
    Database db = Database.start(vertx, dataDir, null).await();
    try {
      Path secret = EmbeddedPostgresServer.secretFile(dataDir.resolve("postgres"));
      // Then its secret is readable by this user only
      assertEquals("rw-------", java.nio.file.attribute.PosixFilePermissions.toString(Files.getPosixFilePermissions(secret)));
      int port = Integer.parseInt(db.pool().query("SHOW port").execute().await().iterator().next().getString(0));
      // and a local client without it, or with a wrong one, is refused while the server's own pool works
      for (String password : new String[] {null, "guess"}) {
        java.util.Properties login = new java.util.Properties();
        login.setProperty("user", "postgres");
        if (password != null) login.setProperty("password", password);
        java.sql.SQLException refused = org.junit.jupiter.api.Assertions.assertThrows(java.sql.SQLException.class,
            () -> java.sql.DriverManager.getConnection("jdbc:postgresql://localhost:" + port + "/postgres", login).close());
        assertTrue(refused.getMessage().contains("password"), refused.getMessage());
      }
      assertEquals(1, db.pool().query("SELECT 1").execute().await().iterator().next().getInteger(0));
    } finally {
      db.close().await();
    }
  }

  @Test
  void should_run_the_production_server_with_fsync_and_synchronous_commit_on(Vertx vertx) throws IOException {
    // Given the embedded database as serve opens it
    Database db = Database.start(vertx, freshDataDir("durable"), null).await();
    try {
      // Then every setting a committed turn's survival depends on is on, as the server reports it
      Database.Durability d = db.durability().orElseThrow();
      assertEquals(new Database.Durability("on", "on", "on"), d);
      assertEquals(List.of(), d.problems());
      String live = db.pool().query("SHOW fsync").execute().await().iterator().next().getString(0)
          + "/" + db.pool().query("SHOW synchronous_commit").execute().await().iterator().next().getString(0);
      assertEquals("on/on", live);
    } finally {
      db.close().await();
    }
  }

  @Test
  void should_warn_at_start_when_an_external_server_is_not_durable(Vertx vertx) {
    // Given an external server running with fsync and synchronous_commit off (the shared test server)
    List<String> warnings = new ArrayList<>();
    Handler capture = new Handler() {
      @Override public void publish(LogRecord r) {
        warnings.add(r.getMessage());
      }
      @Override public void flush() {}
      @Override public void close() {}
    };
    Logger log = Logger.getLogger(Database.class.getName());
    log.addHandler(capture);
    Database db = Database.external(vertx, TestDatabase.freshDatabaseUrl());
    try {
      // When its durability is checked at start
      Database.Durability d = db.checkDurability().await();

      // Then each setting that is off is named, and a warning says what it risks
      assertEquals(List.of("fsync=off", "synchronous_commit=off", "full_page_writes=off"), d.problems());
      assertEquals(1, warnings.size(), warnings.toString());
      assertTrue(warnings.get(0).contains("runs with fsync=off, synchronous_commit=off, full_page_writes=off"), warnings.get(0));
      assertTrue(warnings.get(0).contains("acknowledged as saved can be lost"), warnings.get(0));
    } finally {
      log.removeHandler(capture);
      db.close().await();
    }
  }

  @Test
  void should_restart_a_killed_postmaster_and_report_it_unavailable_meanwhile(Vertx vertx) throws Exception {
    // Given a running embedded database with a row in it
    Database db = Database.embedded(vertx, freshDataDir("crash"), true);
    try {
      db.pool().query("CREATE TABLE t (v int)").execute().await();
      db.pool().query("INSERT INTO t VALUES (42)").execute().await();
      EmbeddedPostgresServer pg = db.embeddedServer().orElseThrow();
      long pid = pg.pid().orElseThrow();
      assertTrue(db.health().await().ok());

      // When the postmaster is killed with SIGKILL
      long killed = System.nanoTime();
      ProcessHandle postmaster = ProcessHandle.of(pid).orElseThrow();
      postmaster.destroyForcibly();
      postmaster.onExit().get(10, java.util.concurrent.TimeUnit.SECONDS);

      // Then health says why it is unavailable until it is back, without a server restart
      String reason = null;
      Database.Health h;
      while (!(h = db.health().await()).ok() || pg.restarts() == 0) {
        if (!h.ok()) reason = h.reason();
        assertTrue(System.nanoTime() - killed < 10_000_000_000L, "not back within 10 s: " + reason);
        Thread.sleep(20);
      }
      long recoveredMs = (System.nanoTime() - killed) / 1_000_000;
      assertTrue(reason != null && reason.contains("PostgreSQL"), "reason while down: " + reason);
      // And the committed row is there, on a new postmaster
      assertEquals(42, db.pool().query("SELECT v FROM t").execute().await().iterator().next().getInteger(0));
      assertEquals(1, pg.restarts());
      assertFalse(pg.pid().orElseThrow() == pid);
      System.out.println("postmaster SIGKILL to healthy again: " + recoveredMs + " ms");
    } finally {
      db.close().await();
    }
  }

  @Test
  void should_stop_a_postmaster_left_running_on_the_data_dir_and_start_on_the_first_try(Vertx vertx) throws Exception {
    // Given a data dir whose postmaster outlived its server (started here without supervision, as a killed server leaves it)
    Path dataDir = freshDataDir("leftover");
    Database.embedded(vertx, dataDir, true).close().await();
    Path pgData = dataDir.resolve("postgres");
    List<String> command = new ArrayList<>();
    if (LinuxUtils.isUnshareAvailable()) command.addAll(List.of("unshare", "-U"));
    command.addAll(List.of(PostgresBinaries.directory().resolve("bin/postgres").toString(), "-D", pgData.toString(), "-p", "54329",
        "-c", "listen_addresses="));
    Process leftover = new ProcessBuilder(command).redirectErrorStream(true)
        .redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
    try {
      long deadline = System.nanoTime() + 20_000_000_000L;
      Path pidFile = pgData.resolve("postmaster.pid");
      while (!Files.exists(pidFile) || !Files.readString(pidFile).contains("ready")
          || !Files.readString(pidFile).startsWith(leftover.pid() + "\n")) {
        assertTrue(leftover.isAlive() && System.nanoTime() < deadline, "the leftover postmaster did not start");
        Thread.sleep(50);
      }

      // When a server starts on that data dir
      Database db = Database.start(vertx, dataDir, null).await();
      try {
        // Then it started on the first try, after stopping the leftover
        assertFalse(leftover.isAlive());
        assertTrue(db.health().await().ok());
        assertTrue(db.embeddedServer().orElseThrow().pid().orElseThrow() != leftover.pid());
      } finally {
        db.close().await();
      }
    } finally {
      leftover.destroyForcibly();
    }
  }

  @Test
  void should_refuse_a_second_server_on_a_data_dir_in_use(Vertx vertx) throws IOException {
    // Given a running embedded database
    Path dataDir = freshDataDir("twice");
    Database db = Database.embedded(vertx, dataDir, false);
    try {
      // When a second one is started on the same data dir
      IllegalStateException e = org.junit.jupiter.api.Assertions.assertThrows(IllegalStateException.class,
          () -> EmbeddedPostgresServer.start(dataDir.resolve("postgres"), false, 0));

      // Then it is refused clearly, and the first keeps working
      assertTrue(e.getMessage().contains("in use by another running server"), e.getMessage());
      assertTrue(db.health().await().ok());
    } finally {
      db.close().await();
    }
  }
}
