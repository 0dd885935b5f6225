package dev.glasscart.cli;

import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * {@code glasscart bench NAME [ARGS]}: the benchmarks behind the figures in README and docs/.
 * Each is a plain main that prints medians and rates with its method; none runs in the tests.
 */
public final class BenchCommand {
  private interface Bench {
    void run(String[] args) throws Exception;
  }

  private static final Map<String, Bench> BENCHES = new LinkedHashMap<>();

  static {
    BENCHES.put("dense", dev.glasscart.eval.DenseBench::main);
    BENCHES.put("embed", CatalogEmbedBench::main);
    BENCHES.put("rerank", dev.glasscart.ranking.RerankBenchmark::main);
    BENCHES.put("grounding", dev.glasscart.explanation.GroundingBench::main);
    BENCHES.put("explain", ExplainBench::main);
    BENCHES.put("understanding", dev.glasscart.conversation.UnderstandingBenchmark::main);
    BENCHES.put("meanings", dev.glasscart.conversation.MeaningCalibration::main);
    BENCHES.put("lexical-sweep", dev.glasscart.eval.LexicalSweep::main);
    BENCHES.put("hybrid-sweep", dev.glasscart.eval.HybridSweep::main);
    BENCHES.put("load", LoadBench::main);
    BENCHES.put("turns", TurnBench::main);
    BENCHES.put("chaos", FaultBench::main);
    BENCHES.put("catalog-updates", CatalogUpdateBench::main);
    BENCHES.put("nodes", NodesBench::main);
  }

  private BenchCommand() {}

  public static int run(String[] args) throws Exception {
    Bench bench = args.length == 0 ? null : BENCHES.get(args[0]);
    if (bench == null) {
      System.err.println("usage: glasscart bench " + String.join("|", BENCHES.keySet()) + " [args]");
      return 2;
    }
    bench.run(Arrays.copyOfRange(args, 1, args.length));
    return 0;
  }
}
