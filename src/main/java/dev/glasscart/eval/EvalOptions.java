package dev.glasscart.eval;

import dev.glasscart.retrieval.dense.EncoderConfig;
import dev.glasscart.retrieval.dense.ExecutionDevice;
import dev.glasscart.retrieval.hybrid.Fuser;
import dev.glasscart.retrieval.hybrid.HybridRetriever;
import dev.glasscart.retrieval.hybrid.RrfFuser;
import dev.glasscart.retrieval.hybrid.ScoreBlendFuser;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;

/**
 * Parsed {@code glasscart eval} arguments, validated on parse: {@code --dataset DIR} (required),
 * {@code --mode} (default bm25), {@code --run OUT}, {@code --device auto|cpu|cuda} (encoder),
 * {@code --cache DIR} (embedding cache), {@code --fusion rrf|blend} with {@code --weight W}
 * (RRF: the semantic weight, lexical 1; blend: the semantic share in [0, 1]), {@code --max-length N}
 * (encoder token limit; 0 = the encoder default).
 */
record EvalOptions(Path dataset, Mode mode, Path run, ExecutionDevice device, Path cache, Fuser fuser, int maxLength) {

  enum Mode { BM25, DENSE, HYBRID, RERANK }

  static EvalOptions parse(String[] args) {
    Path dataset = null;
    Mode mode = Mode.BM25;
    Path run = null;
    Path cache = null;
    ExecutionDevice device = ExecutionDevice.AUTO;
    String fusion = null;
    Double weight = null;
    int maxLength = 0;
    for (int i = 0; i < args.length; i++) {
      String name = args[i];
      if (i + 1 >= args.length) throw new IllegalArgumentException("missing value for " + name);
      String value = args[++i];
      switch (name) {
        case "--dataset" -> dataset = Path.of(value);
        case "--run" -> run = Path.of(value);
        case "--cache" -> cache = Path.of(value);
        case "--device" -> device = ExecutionDevice.parse(value);
        case "--fusion" -> fusion = value.toLowerCase(Locale.ROOT);
        case "--weight" -> weight = parseWeight(value);
        case "--mode" -> mode = parseMode(value);
        case "--max-length" -> maxLength = parseMaxLength(value);
        default -> throw new IllegalArgumentException("unknown option: " + name);
      }
    }
    if (dataset == null) throw new IllegalArgumentException("--dataset is required");
    for (String f : new String[] {"corpus.jsonl", "queries.tsv", "qrels.tsv"}) {
      if (!Files.isRegularFile(dataset.resolve(f))) {
        throw new IllegalArgumentException("dataset " + dataset + " lacks " + f);
      }
    }
    return new EvalOptions(dataset, mode, run, device, cache, fuser(fusion, weight), maxLength);
  }

  private static Mode parseMode(String value) {
    try {
      return Mode.valueOf(value.toUpperCase(Locale.ROOT));
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException("unknown mode: " + value + ", must be one of bm25, dense, hybrid, rerank");
    }
  }

  private static int parseMaxLength(String value) {
    try {
      int n = Integer.parseInt(value);
      EncoderConfig.defaults().withMaxLength(n); // validates: 2..8192
      return n;
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException("illegal --max-length: " + value + ", must be an integer between 2 and 8192");
    }
  }

  /** The encoder settings: the defaults, with {@code --max-length} when given. */
  EncoderConfig encoderConfig() {
    return maxLength == 0 ? EncoderConfig.defaults() : EncoderConfig.defaults().withMaxLength(maxLength);
  }

  private static double parseWeight(String value) {
    try {
      return Double.parseDouble(value);
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException("illegal --weight: " + value + ", must be a number");
    }
  }

  private static Fuser fuser(String fusion, Double weight) {
    if (fusion == null) {
      if (weight != null) throw new IllegalArgumentException("--weight needs --fusion rrf|blend");
      return HybridRetriever.defaultFuser();
    }
    return switch (fusion) {
      case "rrf" -> new RrfFuser(60, 1, weight == null ? 1 : weight);
      case "blend" -> new ScoreBlendFuser(weight == null ? 0.5 : weight);
      default -> throw new IllegalArgumentException("unknown fusion: " + fusion + ", must be rrf or blend");
    };
  }
}
