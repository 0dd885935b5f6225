package dev.glasscart.storage;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.DirectoryNotEmptyException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.nio.channels.FileChannel;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import java.util.logging.Logger;
import java.util.stream.Stream;

/**
 * A prepared PostgreSQL cluster: {@code initdb} (and the creation of the application's database)
 * run once per binaries, initdb options and databases, kept under the user's cache directory
 * ({@code $XDG_CACHE_HOME/glasscart/postgres-templates/<key>}, else {@code ~/.cache/...}), and
 * copied for every fresh data directory. A fresh cluster then costs a file copy, one
 * {@code syncfs} and a single-user backend that gives the copy its own password, instead of
 * initdb's bootstrap and its file-by-file fsync (docs/performance.md).
 *
 * <p><b>Same cluster, same durability.</b> The template is what {@code initdb} with the same
 * options makes; the copy is flushed to disk ({@code initdb --sync-only --sync-method=syncfs},
 * PostgreSQL's own tool for it, file by file when that fails) before it is renamed into place.
 * The template's {@code postgres} password is random and never stored; each copy gets its data
 * dir's own secret in single-user mode (no listening socket, statements not logged), so a copy
 * is as closed to other users as a cluster initdb made.
 *
 * <p><b>Never half a template.</b> A template is built in a staging sibling, flushed, marked
 * complete (a file holding its key, written last) and renamed into place; one without the mark
 * is rebuilt. Concurrent starters each build their own and the first rename wins.
 *
 * <p>Blocking (processes, file copies); thread-safe.
 */
final class PostgresTemplate {
  private static final Logger LOG = Logger.getLogger(PostgresTemplate.class.getName());
  /** System property: the directory templates are kept in, or {@code off} for a plain initdb per data dir. */
  static final String ROOT_PROPERTY = "glasscart.postgres.templates";
  /** Written last into a finished template: its key. */
  static final String MARK = "glasscart-template";
  /** Bumped when what a template holds changes in a way its key does not show. */
  private static final String FORMAT = "1";
  private static final long PROCESS_WAIT_S = 120;

  private final Path binaries;
  private final Path root;
  private final Function<List<String>, List<String>> asPostgresUser;

  /**
   * @param binaries the PostgreSQL installation ({@code bin/initdb}, {@code bin/postgres})
   * @param root where templates are kept
   * @param asPostgresUser wraps a command so PostgreSQL may run it (as root: in a user namespace)
   */
  PostgresTemplate(Path binaries, Path root, Function<List<String>, List<String>> asPostgresUser) {
    this.binaries = binaries;
    this.root = root;
    this.asPostgresUser = asPostgresUser;
  }

  /** The templates' directory: {@value #ROOT_PROPERTY} when set, else the user's cache dir; empty when turned off. */
  static Optional<Path> defaultRoot() {
    String p = System.getProperty(ROOT_PROPERTY);
    if (p != null && !p.isBlank()) return p.strip().equals("off") ? Optional.empty() : Optional.of(Path.of(p.strip()));
    String xdg = System.getenv("XDG_CACHE_HOME");
    Path cache = xdg != null && !xdg.isBlank() ? Path.of(xdg) : Path.of(System.getProperty("user.home"), ".cache");
    return Optional.of(cache.resolve("glasscart").resolve("postgres-templates"));
  }

  /**
   * Makes {@code target} (which must not exist) a fresh cluster as {@code initdb initdbArgs} would,
   * with {@code databases} created and the {@code postgres} password read from {@code passwordFile}:
   * from the template, built first when missing. {@code log} gets the tools' output.
   */
  void createCluster(Path target, List<String> initdbArgs, List<String> databases, Path passwordFile, Path log)
      throws IOException {
    Path template = template(initdbArgs, databases, log);
    Path staging = target.resolveSibling(target.getFileName() + ".copy");
    deleteTree(staging);
    try {
      copyTree(template, staging);
      Files.delete(staging.resolve(MARK));
      String password = Files.readString(passwordFile).strip();
      if (!password.matches("[0-9A-Za-z]+")) throw new IllegalStateException("the database secret " + passwordFile + " is not plain hex");
      singleUser(staging, "ALTER ROLE postgres PASSWORD '" + password + "'", log);
      sync(staging, log);
      Files.move(staging, target, StandardCopyOption.ATOMIC_MOVE);
      syncDirectory(target.getParent());
    } finally {
      deleteTree(staging);
    }
  }

  /** The finished template for these options, built when missing. */
  Path template(List<String> initdbArgs, List<String> databases, Path log) throws IOException {
    String key = key(initdbArgs, databases);
    Path dir = root.resolve(key);
    if (complete(dir, key)) return dir;
    Files.createDirectories(root);
    if (Files.exists(dir)) {
      LOG.warning("rebuilding the incomplete PostgreSQL template " + dir);
      deleteTree(dir);
    }
    long t0 = System.nanoTime();
    Path staging = Files.createTempDirectory(root, key + "-building-");
    Path pgData = staging.resolve("data");
    Path pwfile = staging.resolve("pw");
    try {
      SecretFile.write(pwfile); // a random password, deleted with the staging dir: each copy gets its own
      List<String> args = new ArrayList<>(List.of(binaries.resolve("bin").resolve("initdb").toString()));
      args.addAll(initdbArgs);
      args.addAll(List.of("--pwfile=" + pwfile, "-D", pgData.toString(), "--sync-method=syncfs"));
      run(args, null, log, "initdb");
      for (String db : databases) {
        if (!db.matches("[a-z_][a-z0-9_]*")) throw new IllegalArgumentException("illegal database name " + db);
        singleUser(pgData, "CREATE DATABASE " + db, log);
      }
      sync(pgData, log);
      Files.writeString(pgData.resolve(MARK), key + "\n");
      syncFile(pgData.resolve(MARK));
      try {
        Files.move(pgData, dir, StandardCopyOption.ATOMIC_MOVE);
        syncDirectory(root);
        LOG.info("prepared the PostgreSQL template " + dir + " (" + (System.nanoTime() - t0) / 1_000_000 + " ms)");
      } catch (FileAlreadyExistsException | DirectoryNotEmptyException | AtomicMoveNotSupportedException e) {
        if (!complete(dir, key)) throw e; // else another starter finished first: use its template
      }
      return dir;
    } finally {
      deleteTree(staging);
    }
  }

  /** The template's name: binaries, options, databases and format, hashed. */
  String key(List<String> initdbArgs, List<String> databases) {
    try {
      MessageDigest md = MessageDigest.getInstance("SHA-256");
      md.update(binaries.toAbsolutePath().normalize().toString().getBytes(StandardCharsets.UTF_8));
      for (String a : initdbArgs) md.update(("\0a" + a).getBytes(StandardCharsets.UTF_8));
      for (String d : databases) md.update(("\0d" + d).getBytes(StandardCharsets.UTF_8));
      md.update(("\0f" + FORMAT).getBytes(StandardCharsets.UTF_8));
      return "pg-" + binaries.getFileName() + "-" + HexFormat.of().formatHex(md.digest()).substring(0, 16);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }

  private static boolean complete(Path dir, String key) {
    try {
      return Files.isRegularFile(dir.resolve("PG_VERSION")) && Files.readString(dir.resolve(MARK)).strip().equals(key);
    } catch (IOException e) {
      return false;
    }
  }

  /**
   * Runs {@code sql} (one statement) in a single-user backend on {@code pgData}: no socket, and
   * with no statement text in the log (it may hold a password). Fails when the backend reports an error.
   */
  private void singleUser(Path pgData, String sql, Path log) throws IOException {
    List<String> args = List.of(binaries.resolve("bin").resolve("postgres").toString(), "--single", "-D", pgData.toString(),
        "-c", "log_min_error_statement=panic", "-c", "log_statement=none", "postgres");
    String out = run(args, sql + "\n", log, "the single-user backend");
    if (out.contains("ERROR:") || out.contains("FATAL:")) {
      throw new IllegalStateException("the single-user PostgreSQL backend on " + pgData + " failed: "
          + out.lines().filter(l -> l.contains("ERROR:") || l.contains("FATAL:")).findFirst().orElse(out));
    }
  }

  /** Flushes every file of {@code pgData} to disk: one syncfs through initdb, else file by file. */
  private void sync(Path pgData, Path log) throws IOException {
    try {
      run(List.of(binaries.resolve("bin").resolve("initdb").toString(), "--sync-only", "--sync-method=syncfs", "-D",
          pgData.toString()), null, log, "initdb --sync-only");
    } catch (IllegalStateException e) {
      LOG.warning("syncfs failed (" + e.getMessage() + "); flushing " + pgData + " file by file");
      try (Stream<Path> walk = Files.walk(pgData)) {
        for (Path p : walk.toList()) {
          if (Files.isDirectory(p, LinkOption.NOFOLLOW_LINKS)) syncDirectory(p);
          else if (Files.isRegularFile(p, LinkOption.NOFOLLOW_LINKS)) syncFile(p);
        }
      }
    }
  }

  /** Runs a PostgreSQL tool, feeding {@code stdin}; returns its output (also appended to {@code log}); fails on a non-zero exit. */
  private String run(List<String> command, String stdin, Path log, String what) throws IOException {
    Process p = new ProcessBuilder(asPostgresUser.apply(command)).redirectErrorStream(true).start();
    if (stdin != null) {
      try (var in = p.getOutputStream()) {
        in.write(stdin.getBytes(StandardCharsets.UTF_8));
      }
    } else {
      p.getOutputStream().close();
    }
    byte[] out;
    try (var o = p.getInputStream()) {
      out = o.readAllBytes(); // ends when the process exits
    }
    try {
      if (!p.waitFor(PROCESS_WAIT_S, TimeUnit.SECONDS)) {
        p.destroyForcibly();
        throw new IllegalStateException(what + " did not finish within " + PROCESS_WAIT_S + " s");
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      p.destroyForcibly();
      throw new IllegalStateException("interrupted while " + what + " ran", e);
    }
    String text = new String(out, StandardCharsets.UTF_8);
    Files.writeString(log, text, StandardOpenOption.CREATE, StandardOpenOption.APPEND);
    if (p.exitValue() != 0) {
      List<String> lines = text.lines().toList();
      throw new IllegalStateException(what + " failed with status " + p.exitValue() + ": "
          + String.join(" | ", lines.subList(Math.max(0, lines.size() - 3), lines.size())));
    }
    return text;
  }

  /** Copies a directory tree, permissions and times included (a data directory must be mode 700). */
  static void copyTree(Path from, Path to) throws IOException {
    Files.walkFileTree(from, new SimpleFileVisitor<>() {
      @Override
      public FileVisitResult preVisitDirectory(Path dir, BasicFileAttributes attrs) throws IOException {
        Files.copy(dir, to.resolve(from.relativize(dir).toString()), StandardCopyOption.COPY_ATTRIBUTES, LinkOption.NOFOLLOW_LINKS);
        return FileVisitResult.CONTINUE;
      }

      @Override
      public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) throws IOException {
        Files.copy(file, to.resolve(from.relativize(file).toString()), StandardCopyOption.COPY_ATTRIBUTES, LinkOption.NOFOLLOW_LINKS);
        return FileVisitResult.CONTINUE;
      }
    });
  }

  private static void syncFile(Path file) throws IOException {
    try (FileChannel c = FileChannel.open(file, StandardOpenOption.READ)) {
      c.force(true);
    }
  }

  /** fsync of a directory, so a rename or a new entry in it is on disk. */
  static void syncDirectory(Path dir) throws IOException {
    try (FileChannel c = FileChannel.open(dir, StandardOpenOption.READ)) {
      c.force(true);
    }
  }

  static void deleteTree(Path dir) throws IOException {
    if (!Files.exists(dir, LinkOption.NOFOLLOW_LINKS)) return;
    try (Stream<Path> walk = Files.walk(dir)) {
      for (Path p : walk.sorted(Comparator.reverseOrder()).toList()) Files.delete(p);
    }
  }

  @Override
  public String toString() {
    return "PostgreSQL templates in " + root;
  }
}
