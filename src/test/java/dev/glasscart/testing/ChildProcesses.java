package dev.glasscart.testing;

import dev.glasscart.cli.FaultBench;
import dev.glasscart.storage.Database;
import io.vertx.pgclient.PgConnectOptions;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Glasscart commands in child JVMs of their own (the project's classes, the launcher's flags), for
 * tests that need real separate processes: {@code glasscart db} and several {@code serve} on it.
 * Each child's standard output and error go to a log file under the test's directory.
 */
public final class ChildProcesses {
  private static final Duration START_TIMEOUT = Duration.ofSeconds(240);
  private static final Pattern RUNNING = Pattern.compile("Glasscart is running: http://localhost:(\\d+)/");

  private ChildProcesses() {}

  /** A child JVM and its log. */
  public record Child(Process process, Path log) implements AutoCloseable {
    /** SIGTERM, then up to 30 s for it to exit (then kill -9); the exit status. */
    public int stop() throws InterruptedException {
      process.destroy();
      if (!process.waitFor(30, TimeUnit.SECONDS)) {
        process.destroyForcibly();
        process.waitFor(10, TimeUnit.SECONDS);
      }
      return process.exitValue();
    }

    public String logText() {
      try {
        return Files.exists(log) ? Files.readString(log, StandardCharsets.UTF_8) : "";
      } catch (IOException e) {
        return "(log unreadable: " + e + ")";
      }
    }

    @Override
    public void close() throws InterruptedException {
      if (process.isAlive()) stop();
    }
  }

  /** {@code glasscart db} and the URL its first line of output gave. */
  public record Db(Child child, Path stdout, String url) implements AutoCloseable {
    /** A JDBC connection to it. */
    public Connection connect() throws SQLException {
      PgConnectOptions o = Database.connectOptions(url);
      Properties login = new Properties();
      login.setProperty("user", o.getUser());
      login.setProperty("password", o.getPassword());
      return DriverManager.getConnection("jdbc:postgresql://" + o.getHost() + ":" + o.getPort() + "/" + o.getDatabase(), login);
    }

    @Override
    public void close() throws InterruptedException {
      child.close();
    }
  }

  /** A {@code serve} process and the port it listens on. */
  public record Node(Child child, int port) implements AutoCloseable {
    @Override
    public void close() throws InterruptedException {
      child.close();
    }
  }

  /** Starts {@code glasscart db --data-dir dataDir --port 0} and waits for its first line of output. */
  public static Db db(Path dataDir) throws Exception {
    Files.createDirectories(dataDir);
    Path stdout = dataDir.resolveSibling(dataDir.getFileName() + ".out");
    Path log = dataDir.resolveSibling(dataDir.getFileName() + ".log");
    List<String> cmd = new ArrayList<>(FaultBench.defaultJavaCommand());
    cmd.addAll(List.of("db", "--data-dir", dataDir.toString(), "--port", "0"));
    Process p = new ProcessBuilder(cmd).redirectOutput(stdout.toFile()).redirectError(log.toFile()).start();
    Child child = new Child(p, log);
    long deadline = System.nanoTime() + START_TIMEOUT.toNanos();
    while (System.nanoTime() < deadline) {
      List<String> lines = Files.exists(stdout) ? Files.readAllLines(stdout, StandardCharsets.UTF_8) : List.of();
      if (!lines.isEmpty() && lines.size() >= 2) {
        String first = lines.getFirst();
        if (!first.startsWith("DATABASE_URL=")) {
          child.close();
          throw new IllegalStateException("glasscart db's first line is not DATABASE_URL=...: " + first);
        }
        return new Db(child, stdout, first.substring("DATABASE_URL=".length()));
      }
      if (!p.isAlive()) throw new IllegalStateException("glasscart db exited with " + p.exitValue() + ": " + child.logText());
      Thread.sleep(50);
    }
    child.close();
    throw new IllegalStateException("glasscart db printed no URL within " + START_TIMEOUT.toSeconds() + " s: " + child.logText());
  }

  /** Starts {@code glasscart serve} on {@code databaseUrl} with its own data dir, and waits until it answers. */
  public static Node serve(Path dataDir, String databaseUrl, String... extra) throws Exception {
    Files.createDirectories(dataDir);
    Path log = dataDir.resolveSibling(dataDir.getFileName() + ".log");
    List<String> cmd = new ArrayList<>(FaultBench.defaultJavaCommand());
    cmd.addAll(List.of("serve", "--port", "0", "--host", "127.0.0.1", "--data-dir", dataDir.toString(),
        "--database-url", databaseUrl));
    cmd.addAll(List.of(extra));
    ProcessBuilder pb = new ProcessBuilder(cmd).redirectErrorStream(true).redirectOutput(log.toFile());
    pb.environment().put("GLASSCART_AGENT_TOKEN", TestApp.AGENT_TOKEN);
    pb.environment().remove("OLLAMA_BASE_URL");
    pb.environment().remove("DATABASE_URL");
    Process p = pb.start();
    Child child = new Child(p, log);
    long deadline = System.nanoTime() + START_TIMEOUT.toNanos();
    while (System.nanoTime() < deadline) {
      Matcher m = RUNNING.matcher(child.logText());
      if (m.find()) return new Node(child, Integer.parseInt(m.group(1)));
      if (!p.isAlive()) throw new IllegalStateException("serve exited with " + p.exitValue() + ": " + child.logText());
      Thread.sleep(100);
    }
    child.close();
    throw new IllegalStateException("serve did not start within " + START_TIMEOUT.toSeconds() + " s: " + child.logText());
  }
}
