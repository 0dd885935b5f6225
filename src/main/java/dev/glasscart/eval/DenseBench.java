package dev.glasscart.eval;

import dev.glasscart.retrieval.dense.DenseRetriever;
import dev.glasscart.retrieval.dense.EncoderConfig;
import dev.glasscart.retrieval.dense.ExecutionDevice;
import dev.glasscart.retrieval.dense.OnnxEmbedder;
import dev.glasscart.retrieval.dense.Pooling;
import dev.glasscart.retrieval.dense.VectorIndexFactory;
import java.lang.management.ManagementFactory;
import java.nio.file.Path;
import java.util.List;

/**
 * Benchmark, not a test: dense indexing rate (batch 1 against the configured batch), query
 * encoding and retrieval latency, and dense-only quality on a dataset. Nothing is cached, so the
 * indexing rate is the encoder's. Usage: {@code ./glasscart bench dense [DATASET_DIR] [SAMPLE]
 * [MAX_LENGTH [BATCH]]} (defaults: ../shared/datasets/crowdflower, 200, the encoder defaults).
 */
public final class DenseBench {
  private DenseBench() {}

  public static void main(String[] args) throws Exception {
    Dataset dataset = Dataset.load(Path.of(args.length > 0 ? args[0] : "../shared/datasets/crowdflower"));
    int sampleSize = args.length > 1 ? Integer.parseInt(args[1]) : 200;
    int maxLength = args.length > 2 ? Integer.parseInt(args[2]) : EncoderConfig.DEFAULT_MAX_LENGTH;
    int batch = args.length > 3 ? Integer.parseInt(args[3]) : EncoderConfig.DEFAULT_BATCH_SIZE;
    List<String> texts = dataset.corpus().products().stream().map(DenseRetriever::productText).toList();
    System.out.printf("products %d, queries %d, cores %d, maxLength %d, batch %d%n", texts.size(),
        dataset.queries().size(), Runtime.getRuntime().availableProcessors(), maxLength, batch);

    try (OnnxEmbedder embedder = OnnxEmbedder.createDefault(ExecutionDevice.AUTO, Path.of("target", "ort-native"),
        new EncoderConfig(Pooling.MEAN, true, maxLength, batch))) {
      List<String> sample = texts.subList(0, Math.min(sampleSize, texts.size()));
      embedder.embed(sample.subList(0, Math.min(32, sample.size()))); // warm-up
      long t0 = System.nanoTime();
      for (String t : sample) embedder.embed(List.of(t));
      double single = sample.size() / seconds(t0);
      t0 = System.nanoTime();
      embedder.embed(sample);
      double batched = sample.size() / seconds(t0);
      System.out.printf("sample of %d: batch 1 %.0f products/s, batch %d %.0f products/s (x%.2f)%n", sample.size(), single,
          embedder.config().batchSize(), batched, batched / single);

      var os = (com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();
      long cpu0 = os.getProcessCpuTime();
      t0 = System.nanoTime();
      try (DenseRetriever dense = new DenseRetriever(dataset.corpus(), embedder, VectorIndexFactory.forDevice(embedder.device()), null)) {
        double s = seconds(t0);
        double cpu = (os.getProcessCpuTime() - cpu0) / 1e9;
        System.out.printf("full index: %d products in %.1f s = %.0f products/s (%.0f per CPU-second; load average %.1f)%n",
            texts.size(), s, texts.size() / s, texts.size() / cpu, os.getSystemLoadAverage());

        long[] encode = new long[dataset.queries().size()];
        int i = 0;
        for (String q : dataset.queries().values()) {
          long start = System.nanoTime();
          embedder.embedOne(q);
          encode[i++] = System.nanoTime() - start;
        }
        Evaluation.Report r = new Evaluation(dataset).evaluate((q, k) -> EvalCommand.hits(dense.retrieve(q, k)));
        System.out.printf("query encoding p50 %.2f ms; retrieve (encode + top-100 of %d) p50 %.2f ms p99 %.2f ms%n",
            new Latencies(encode).p50Millis(), texts.size(), r.latencies().p50Millis(), r.latencies().p99Millis());
        System.out.printf("dense only: nDCG@10 %.4f, recall@100 %.4f, MRR@10 %.4f over %d queries%n",
            r.ndcg10(), r.recall100(), r.mrr10(), r.queries());
      }
    }
  }

  private static double seconds(long start) {
    return (System.nanoTime() - start) / 1e9;
  }
}
