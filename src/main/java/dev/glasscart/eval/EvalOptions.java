package dev.glasscart.eval;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;

/** Parsed {@code glasscart eval} arguments; validated on parse. */
record EvalOptions(Path dataset, Mode mode, Path run) {

  enum Mode { BM25, DENSE, HYBRID, RERANK }

  static EvalOptions parse(String[] args) {
    Path dataset = null;
    Mode mode = Mode.BM25;
    Path run = null;
    for (int i = 0; i < args.length; i++) {
      String name = args[i];
      if (i + 1 >= args.length) throw new IllegalArgumentException("missing value for " + name);
      String value = args[++i];
      switch (name) {
        case "--dataset" -> dataset = Path.of(value);
        case "--run" -> run = Path.of(value);
        case "--mode" -> {
          try {
            mode = Mode.valueOf(value.toUpperCase(Locale.ROOT));
          } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("unknown mode: " + value + ", must be one of bm25, dense, hybrid, rerank");
          }
        }
        default -> throw new IllegalArgumentException("unknown option: " + name);
      }
    }
    if (dataset == null) throw new IllegalArgumentException("--dataset is required");
    for (String f : new String[] {"corpus.jsonl", "queries.tsv", "qrels.tsv"}) {
      if (!Files.isRegularFile(dataset.resolve(f))) {
        throw new IllegalArgumentException("dataset " + dataset + " lacks " + f);
      }
    }
    return new EvalOptions(dataset, mode, run);
  }
}
