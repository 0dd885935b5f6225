package dev.glasscart.eval;

import dev.glasscart.config.Flags;
import dev.glasscart.config.Settings;
import dev.glasscart.retrieval.dense.EncoderConfig;
import dev.glasscart.retrieval.dense.ExecutionDevice;
import dev.glasscart.retrieval.engine.SearchEngine;
import dev.glasscart.retrieval.hybrid.Fuser;
import dev.glasscart.retrieval.hybrid.HybridRetriever;
import dev.glasscart.retrieval.hybrid.RrfFuser;
import dev.glasscart.retrieval.hybrid.ScoreBlendFuser;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * Parsed {@code glasscart eval} arguments, validated on parse: {@code --dataset DIR} (required),
 * {@code --mode} (default bm25), {@code --run OUT}, {@code --device auto|cpu|cuda} (encoder),
 * {@code --cache DIR} (embedding cache), {@code --fusion rrf|blend} with {@code --weight W}
 * (RRF: the semantic weight, lexical 1; blend: the semantic share in [0, 1]), {@code --max-length N}
 * (encoder token limit; without it the encoder default), and where search runs: {@code
 * --search-engine lucene|solr} with {@code --engine-url URL} (the settings {@code serve} has,
 * environment variables included).
 *
 * @param encoderConfig the encoder settings: the defaults, with {@code --max-length} when given
 */
record EvalOptions(Path dataset, Mode mode, Path run, ExecutionDevice device, Path cache, Fuser fuser,
    EncoderConfig encoderConfig, SearchEngine engine) {

  enum Mode { BM25, DENSE, HYBRID, RERANK }

  static EvalOptions parse(String[] args) {
    return parse(args, System.getenv());
  }

  static EvalOptions parse(String[] args, Map<String, String> env) {
    Settings settings = Settings.parse(args, env, SearchEngine.SETTINGS, FLAGS);
    Flags f = settings.flags();
    Path dataset = f.path("--dataset", null);
    Mode mode = parseMode(f.string("--mode", "bm25"));
    Path run = f.path("--run", null);
    Path cache = f.path("--cache", null);
    ExecutionDevice device = ExecutionDevice.parse(f.string("--device", "auto"));
    String fusion = f.has("--fusion") ? f.string("--fusion", null).toLowerCase(Locale.ROOT) : null;
    Double weight = f.has("--weight") ? f.decimal("--weight", 0) : null;
    EncoderConfig encoder = f.has("--max-length")
        ? EncoderConfig.defaults().withMaxLength(f.integer("--max-length", 0)) // validates: 2..8192
        : EncoderConfig.defaults();
    if (dataset == null) throw new IllegalArgumentException("option --dataset is required");
    Dataset.requireFiles(dataset);
    return new EvalOptions(dataset, mode, run, device, cache, fuser(fusion, weight), encoder, SearchEngine.read(settings));
  }

  private static final Set<String> FLAGS = Set.of("--dataset", "--mode", "--run", "--cache", "--device", "--fusion",
      "--weight", "--max-length");

  private static Mode parseMode(String value) {
    try {
      return Mode.valueOf(value.toUpperCase(Locale.ROOT));
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException("unknown mode: " + value + ", must be one of bm25, dense, hybrid, rerank");
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
