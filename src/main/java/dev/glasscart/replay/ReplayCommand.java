package dev.glasscart.replay;

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
      URI url = null;
      Path junit = null;
      Duration timeout = Duration.ofSeconds(60);
      boolean verbose = false;
      List<Path> paths = new ArrayList<>();
      for (int i = 0; i < args.length; i++) {
        String a = args[i];
        switch (a) {
          case "--url" -> url = uri(value(args, ++i, a));
          case "--junit" -> junit = Path.of(value(args, ++i, a));
          case "--timeout" -> timeout = Duration.ofSeconds(seconds(value(args, ++i, a)));
          case "--verbose", "-v" -> verbose = true;
          default -> {
            if (a.startsWith("-")) throw new IllegalArgumentException("unknown option " + a);
            paths.add(Path.of(a));
          }
        }
      }
      if (url == null) throw new IllegalArgumentException("--url is required");
      if (paths.isEmpty()) throw new IllegalArgumentException("no transcript files or directories given");
      return new Options(url, paths, junit, timeout, verbose);
    }

    private static String value(String[] args, int i, String flag) {
      if (i >= args.length || args[i].startsWith("--")) throw new IllegalArgumentException(flag + " needs a value");
      return args[i];
    }

    private static URI uri(String s) {
      try {
        URI u = new URI(s);
        if (!("ws".equals(u.getScheme()) || "wss".equals(u.getScheme())) || u.getHost() == null) {
          throw new IllegalArgumentException("illegal --url " + s + ", must look like ws://HOST:PORT/ws/chat");
        }
        return u;
      } catch (URISyntaxException e) {
        throw new IllegalArgumentException("illegal --url " + s + ": " + e.getReason(), e);
      }
    }

    private static long seconds(String s) {
      try {
        long v = Long.parseLong(s);
        if (v >= 1 && v <= 3600) return v;
      } catch (NumberFormatException e) {
        // reported below
      }
      throw new IllegalArgumentException("illegal --timeout " + s + ", must be whole seconds between 1 and 3600");
    }
  }
}
