package dev.glasscart.replay;

import dev.glasscart.config.Flags;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import java.io.IOException;
import java.io.PrintStream;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * {@code glasscart replay --url ws://HOST:PORT/ws/chat FILE_OR_DIR... [--junit OUT.xml]
 * [--timeout SECONDS] [--verbose]}: replays transcripts and prints a verdict per turn, then
 * {@code N passed, M failed}. Exit code 0 when every turn passed, 1 when any failed, 2 for usage
 * errors (bad flags, unreadable or invalid transcripts). Blocks; run it from {@code main}.
 */
public final class ReplayCommand {
  static final String USAGE = "usage: glasscart replay --url ws://HOST:PORT/ws/chat FILE_OR_DIR... [--junit OUT.xml] [--timeout SECONDS] [--verbose]";

  private ReplayCommand() {}

  public static int run(String[] args) {
    return run(args, System.out, System.err);
  }

  /** As {@link #run(String[])}, printing to the given streams (for tests). */
  public static int run(String[] args, PrintStream out, PrintStream err) {
    Options options;
    List<Transcript> transcripts = new ArrayList<>();
    try {
      options = Options.parse(args);
      for (Path file : TranscriptParser.expand(options.paths)) transcripts.add(TranscriptParser.read(file));
    } catch (IllegalArgumentException e) {
      err.println("glasscart replay: " + e.getMessage());
      if (!(e instanceof TranscriptException)) err.println(USAGE);
      return 2;
    }
    awaitIndexed(options.url, err);
    long start = System.nanoTime();
    List<TurnVerdict> verdicts = new ArrayList<>();
    Vertx vertx = Vertx.vertx();
    try {
      Replayer replayer = new Replayer(vertx, options.url, options.timeout);
      for (Transcript t : transcripts) {
        verdicts.addAll(replayer.run(t, v -> {
          out.println(v.line());
          if (options.verbose) printDetails(out, v.events());
        }));
      }
    } finally {
      vertx.close().await();
    }
    long failed = verdicts.stream().filter(v -> !v.passed()).count();
    if (options.verbose) out.printf("replayed %d transcripts in %d ms%n", transcripts.size(), (System.nanoTime() - start) / 1_000_000);
    out.printf("%d passed, %d failed%n", verdicts.size() - failed, failed);
    if (options.junit != null) {
      try {
        JunitReport.write(options.junit, verdicts);
      } catch (IOException e) {
        err.println("glasscart replay: cannot write " + options.junit + ": " + e.getMessage());
        return 2;
      }
    }
    return failed == 0 ? 0 : 1;
  }

  /** Longest wait for a server still embedding its catalog. */
  static final Duration INDEX_WAIT = Duration.ofSeconds(300);

  /**
   * Waits until the server's {@code /health} (same host and port as the chat URL) no longer reports
   * {@code indexing}: transcripts judge the whole system, dense retrieval and the meaning mapping
   * included, not the BM25-only start. Returns at once when the server has no such endpoint or
   * cannot be reached (the replay then reports each turn's error); gives up after {@link #INDEX_WAIT}.
   */
  static void awaitIndexed(URI chatUrl, PrintStream err) {
    String scheme = "wss".equals(chatUrl.getScheme()) ? "https" : "http";
    URI health = URI.create(scheme + "://" + chatUrl.getHost() + ":" + chatUrl.getPort() + "/health");
    long deadline = System.nanoTime() + INDEX_WAIT.toNanos();
    boolean said = false;
    try (java.net.http.HttpClient http = java.net.http.HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build()) {
      while (System.nanoTime() < deadline) {
        java.net.http.HttpResponse<String> r = http.send(java.net.http.HttpRequest.newBuilder(health).timeout(Duration.ofSeconds(10)).build(),
            java.net.http.HttpResponse.BodyHandlers.ofString());
        if (r.statusCode() == 404) return;
        JsonObject body = r.statusCode() == 200 ? new JsonObject(r.body()) : null;
        if (body != null && (!body.containsKey("indexing") || body.getJsonObject("indexing").containsKey("failure"))) return;
        if (!said) err.println("glasscart replay: waiting for the server to finish indexing (" + health + ")");
        said = true;
        Thread.sleep(500);
      }
      err.println("glasscart replay: still indexing after " + INDEX_WAIT.toSeconds() + " s; replaying anyway");
    } catch (IOException | RuntimeException e) {
      // no health endpoint to read: replay and let each turn say what went wrong
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  /** For authors of transcripts: what the server answered (constraints, results, text). */
  private static void printDetails(PrintStream out, TurnEvents e) {
    out.println("    constraints: " + e.constraints().stream().map(c -> c.getString("kind") + "=" + c.getValue("value")).toList());
    if (!e.note().isEmpty()) out.println("    note: " + e.note());
    for (JsonObject item : e.items()) {
      out.printf("    #%s %s %s | %s | %s | %s | rating %s (%s)%n", item.getValue("rank"), item.getString("productId"),
          item.getString("title"), item.getValue("price"), item.getString("brand"), item.getString("category"),
          item.getValue("rating"), item.getValue("reviewCount"));
    }
    out.println("    text: " + e.text());
    e.done().ifPresent(d -> out.println("    done: " + d.encode()));
  }

  private record Options(URI url, List<Path> paths, Path junit, Duration timeout, boolean verbose) {
    static Options parse(String[] args) {
      Flags f = Flags.parse(args, Set.of("--url", "--junit", "--timeout"), Set.of("--verbose", "-v"), true);
      URI url = f.has("--url") ? uri(f.string("--url", null)) : null;
      Path junit = f.path("--junit", null);
      Duration timeout = Duration.ofSeconds(f.integer("--timeout", 60, 1, 3600));
      boolean verbose = f.has("--verbose") || f.has("-v");
      List<Path> paths = f.positionals().stream().map(Path::of).toList();
      if (url == null) throw new IllegalArgumentException("option --url is required");
      if (paths.isEmpty()) throw new IllegalArgumentException("no transcript files or directories given");
      return new Options(url, paths, junit, timeout, verbose);
    }

    private static URI uri(String s) {
      try {
        return Replayer.checkUrl(new URI(s), "--url");
      } catch (URISyntaxException e) {
        throw new IllegalArgumentException("illegal --url " + s + ": " + e.getReason(), e);
      }
    }
  }
}
