package dev.glasscart.cli;

import dev.glasscart.config.Flags;
import dev.glasscart.storage.Database;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Set;
import java.util.concurrent.CountDownLatch;

/**
 * {@code glasscart db [--data-dir DIR] [--port P]}: the embedded PostgreSQL alone (durable:
 * fsync, synchronous_commit and full_page_writes on; supervised, restarted should it exit), for
 * several {@code serve} processes that share it through {@code --database-url}. Its first line of
 * output is {@code DATABASE_URL=<url>} (the generated password included, so keep that line to
 * yourself); the second gives the durability settings the server reports. SIGTERM or SIGINT stop
 * the postmaster (a fast shutdown: connections closed, everything committed is on disk) and the
 * command exits with status 0.
 */
public final class DbCommand {
  /** The default port: PostgreSQL's own. */
  static final int DEFAULT_PORT = 5432;

  private DbCommand() {}

  public static int run(String[] args) throws Exception {
    Flags flags = Flags.parse(args, Set.of("--data-dir", "--port"), Set.of(), false);
    Path dataDir = flags.path("--data-dir", Path.of("data"));
    int port = flags.integer("--port", DEFAULT_PORT, 0, 65535);
    Files.createDirectories(dataDir);
    Database.Standalone db = Database.standalone(dataDir, port);
    System.out.println("DATABASE_URL=" + db.url());
    Database.Durability d = db.durability();
    System.out.println("durability: fsync=" + d.fsync() + " synchronous_commit=" + d.synchronousCommit()
        + " full_page_writes=" + d.fullPageWrites() + "; data in " + db.server().dataDirectory() + "; stop with SIGTERM or Ctrl+C");
    System.out.flush();
    CountDownLatch forever = new CountDownLatch(1);
    Runtime.getRuntime().addShutdownHook(new Thread(() -> {
      db.close();
      System.out.println("PostgreSQL stopped");
      System.out.flush();
      // a stop asked for by a signal is this command's normal end: status 0, not the signal's 128 + n
      Runtime.getRuntime().halt(0);
    }, "glasscart-db-stop"));
    forever.await();
    return 0;
  }
}
