package dev.glasscart.cli;

import dev.glasscart.eval.EvalCommand;
import dev.glasscart.ranking.AdditiveRanker;
import dev.glasscart.ranking.Ranker;
import dev.glasscart.ranking.train.TrainCommand;
import dev.glasscart.replay.ReplayCommand;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.logging.Level;
import java.util.logging.Logger;

/** Command-line entry: {@code serve | import | eval | train | replay | bench | db}. */
public final class Main {
  private Main() {}

  /**
   * The shipped ranker for {@code eval --mode rerank} (read only in that mode); defaults (with a
   * warning) when the file is missing or bad.
   */
  private static Ranker rerankerForEval() {
    var loaded = AdditiveRanker.load(Path.of("models", "ranker.json"));
    loaded.warning().ifPresent(w -> System.err.println("glasscart eval: " + w));
    return loaded.ranker();
  }

  /** One line per record; PostgreSQL's own chatter (relayed by zonky at INFO) only when it warns. */
  static void configureLogging() {
    if (System.getProperty("java.util.logging.SimpleFormatter.format") == null) {
      System.setProperty("java.util.logging.SimpleFormatter.format", "%1$tT %4$-7s %3$s: %5$s%6$s%n");
    }
    QUIET.add(Logger.getLogger("io.zonky"));
    QUIET.add(Logger.getLogger("java.util.Iterator"));
    QUIET.forEach(l -> l.setLevel(Level.WARNING));
  }

  /** Strong references: LogManager keeps loggers weakly, and a collected logger forgets its level. */
  private static final List<Logger> QUIET = new ArrayList<>();

  public static void main(String[] args) {
    configureLogging();
    if (args.length == 0) {
      System.err.println("usage: glasscart serve|eval|train|replay|bench|import|db [options]");
      System.exit(2);
    }
    String[] rest = Arrays.copyOfRange(args, 1, args.length);
    int code;
    try {
      code = switch (args[0]) {
        case "serve" -> ServeCommand.run(rest);
        case "eval" -> EvalCommand.run(rest, Main::rerankerForEval);
        case "train" -> TrainCommand.run(rest);
        case "import" -> ImportCommand.run(rest);
        case "bench" -> BenchCommand.run(rest);
        case "replay" -> ReplayCommand.run(rest);
        case "db" -> DbCommand.run(rest);
        default -> {
          System.err.println("glasscart: unknown command '" + args[0] + "'");
          yield 2;
        }
      };
    } catch (IllegalArgumentException e) {
      System.err.println("glasscart " + args[0] + ": " + e.getMessage());
      code = 2;
    } catch (Exception e) {
      System.err.println("glasscart " + args[0] + ": failed: " + e);
      code = 1;
    }
    if (code != 0 || !args[0].equals("serve")) System.exit(code);
  }
}
