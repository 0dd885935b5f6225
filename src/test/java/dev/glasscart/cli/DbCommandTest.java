package dev.glasscart.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.glasscart.storage.Database;
import dev.glasscart.testing.ChildProcesses;
import dev.glasscart.testing.TestApp;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.List;
import org.junit.jupiter.api.Test;

/** {@code glasscart db} as a real process: its first line, a connection to it, a durable server, a clean SIGTERM. */
final class DbCommandTest {

  @Test
  void should_print_the_url_first_serve_durably_and_stop_cleanly_on_sigterm() throws Exception {
    // Given glasscart db on a fresh data dir, in its own JVM
    Path dir = TestApp.freshDataDir("db-command");
    ChildProcesses.Db db = ChildProcesses.db(dir.resolve("pg"));
    int port;
    try {
      // When a client connects with the URL from its first line of output
      port = Database.connectOptions(db.url()).getPort();
      try (Connection c = db.connect(); Statement s = c.createStatement()) {
        // Then it is a durable PostgreSQL with the glasscart database, taking writes
        for (String setting : List.of("fsync", "synchronous_commit", "full_page_writes")) {
          try (ResultSet rs = s.executeQuery("SHOW " + setting)) {
            assertTrue(rs.next());
            assertEquals("on", rs.getString(1), setting);
          }
        }
        try (ResultSet rs = s.executeQuery("SELECT current_database()")) {
          assertTrue(rs.next());
          assertEquals("glasscart", rs.getString(1));
        }
        s.execute("CREATE TABLE probe (n int)");
        s.execute("INSERT INTO probe VALUES (1)");
      }
      assertTrue(Files.readAllLines(db.stdout()).get(1).contains("fsync=on synchronous_commit=on full_page_writes=on"));
    } catch (RuntimeException | AssertionError e) {
      db.close();
      throw e;
    }

    // When it gets SIGTERM
    int status = db.child().stop();

    // Then it exits 0, said so, and nothing listens on its port any more
    assertEquals(0, status, db.child().logText());
    assertTrue(Files.readString(db.stdout()).contains("PostgreSQL stopped"));
    assertThrows(IOException.class, () -> {
      try (Socket socket = new Socket()) {
        socket.connect(new InetSocketAddress("localhost", port), 1000);
      }
    }, "port " + port + " is closed");
    assertFalse(Files.exists(dir.resolve("pg").resolve("postgres").resolve("postmaster.pid")), "postmaster.pid removed");
  }
}
