package dev.glasscart.retrieval.dense;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.glasscart.catalog.Catalog;
import dev.glasscart.catalog.Product;
import dev.glasscart.retrieval.Candidate;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;

/**
 * Benchmark (a main, not a test): dense indexing rate, query latency and quality on the crowdflower
 * corpus. Run: {@code java --add-modules jdk.incubator.vector -cp target/classes:target/test-classes:$(cat
 * target/classpath.txt) dev.glasscart.retrieval.dense.DenseBench [dataset dir] [batch-1 sample]}.
 */
public final class DenseBench {
  private DenseBench() {}

  public static void main(String[] args) throws Exception {
    Path data = Path.of(args.length > 0 ? args[0] : "/work/shared/datasets/crowdflower");
    int singleSample = args.length > 1 ? Integer.parseInt(args[1]) : 200;
    int maxLength = args.length > 2 ? Integer.parseInt(args[2]) : EncoderConfig.DEFAULT_MAX_LENGTH;
    ObjectMapper json = new ObjectMapper();
    List<Product> products = new ArrayList<>();
    for (String line : Files.readAllLines(data.resolve("corpus.jsonl"))) {
      if (line.isBlank()) continue;
      JsonNode n = json.readTree(line);
      products.add(new Product(n.get("id").asText(), n.get("title").asText(), n.path("description").asText(""),
          "", "", 0, "USD", 0, 0, List.of(), Map.of(), 1, List.of(), null));
    }
    Catalog catalog = new Catalog(products);
    Map<String, String> queries = new HashMap<>();
    for (String line : Files.readAllLines(data.resolve("queries.tsv"))) {
      String[] f = line.split("\t");
      if (f.length == 2) queries.put(f[0], f[1]);
    }
    Map<String, Map<String, Integer>> qrels = new HashMap<>();
    for (String line : Files.readAllLines(data.resolve("qrels.tsv"))) {
      String[] f = line.trim().split("\\s+");
      if (f.length == 4) qrels.computeIfAbsent(f[0], k -> new HashMap<>()).put(f[2], Integer.parseInt(f[3]));
    }
    System.out.printf("products %d, queries %d, cores %d%n", products.size(), queries.size(),
        Runtime.getRuntime().availableProcessors());

    long t0 = System.nanoTime();
    OnnxEmbedder embedder = OnnxEmbedder.createDefault(ExecutionDevice.AUTO, Path.of("target", "ort-native"),
        new EncoderConfig(Pooling.MEAN, true, maxLength, EncoderConfig.DEFAULT_BATCH_SIZE));
    System.out.printf("encoder load %.0f ms on %s%n", ms(t0), embedder.device());
    List<String> texts = catalog.products().stream().map(DenseRetriever::productText).toList();
    int[] lens = texts.stream().mapToInt(t -> embedder.tokenizer().encode(t, 100_000).length).sorted().toArray();
    System.out.printf("maxLength %d; tokens per product text: mean %.0f, p50 %d, p95 %d; %.0f%% truncated%n", maxLength,
        Arrays.stream(lens).average().orElse(0), lens[lens.length / 2], lens[(int) (lens.length * 0.95)],
        100.0 * Arrays.stream(lens).filter(l -> l > maxLength).count() / lens.length);

    // batch 1 on a sample (a full pass one-by-one takes too long on a shared 2-core box)
    List<String> sample = texts.subList(0, Math.min(singleSample, texts.size()));
    embedder.embed(sample.subList(0, Math.min(32, sample.size()))); // warm up
    t0 = System.nanoTime();
    for (String t : sample) embedder.embed(List.of(t));
    double single = sample.size() / (ms(t0) / 1000);
    t0 = System.nanoTime();
    embedder.embed(sample);
    double batchedSample = sample.size() / (ms(t0) / 1000);
    System.out.printf("sample of %d: batch 1 %.0f products/s, batch %d %.0f products/s (x%.2f)%n", sample.size(), single,
        embedder.config().batchSize(), batchedSample, batchedSample / single);

    var os = (com.sun.management.OperatingSystemMXBean) java.lang.management.ManagementFactory.getOperatingSystemMXBean();
    long cpu0 = os.getProcessCpuTime();
    t0 = System.nanoTime();
    DenseRetriever retriever = new DenseRetriever(catalog, embedder, VectorIndexFactory.forDevice(embedder.device()), null);
    double indexMs = ms(t0);
    System.out.printf("full index (batch %d): %d products in %.1f s = %.0f products/s%n", embedder.config().batchSize(),
        texts.size(), indexMs / 1000, texts.size() / (indexMs / 1000));
    double cpuS = (os.getProcessCpuTime() - cpu0) / 1e9;
    System.out.printf("  process CPU time %.1f s = %.0f products per CPU-second; load average %.1f%n", cpuS,
        texts.size() / cpuS, os.getSystemLoadAverage());

    List<String> qids = new ArrayList<>(queries.keySet());
    qids.sort(null);
    for (String q : qids) embedder.embedOne(queries.get(q)); // warm up
    double[] enc = new double[qids.size() * 3];
    double[] full = new double[qids.size() * 3];
    for (int r = 0; r < 3; r++) {
      for (int i = 0; i < qids.size(); i++) {
        long s = System.nanoTime();
        embedder.embedOne(queries.get(qids.get(i)));
        enc[r * qids.size() + i] = ms(s);
        s = System.nanoTime();
        retriever.retrieve(queries.get(qids.get(i)), 100);
        full[r * qids.size() + i] = ms(s);
      }
    }
    VectorIndex index = retriever.index();
    Random rnd = new Random(1);
    double[] topk = new double[2000];
    for (int i = 0; i < topk.length; i++) {
      float[] q = CpuVectorIndexTest.randomUnitRows(rnd, 1, index.dimension());
      long s = System.nanoTime();
      index.topK(q, 100);
      topk[i] = ms(s);
    }
    System.out.printf("query encoding p50 %.2f ms p95 %.2f ms; topK(100) over n=%d p50 %.3f ms p95 %.3f ms;"
        + " retrieve (encode + topK) p50 %.2f ms p95 %.2f ms%n", pct(enc, 50), pct(enc, 95), index.size(),
        pct(topk, 50), pct(topk, 95), pct(full, 50), pct(full, 95));

    double ndcg = 0, recall = 0;
    for (String q : qids) {
      List<Candidate> got = retriever.retrieve(queries.get(q), 100);
      Map<String, Integer> rel = qrels.getOrDefault(q, Map.of());
      double dcg = 0;
      int found = 0;
      for (int i = 0; i < got.size(); i++) {
        int g = rel.getOrDefault(got.get(i).productId(), 0);
        if (i < 10 && g > 0) dcg += (Math.pow(2, g - 1) - 1) / (Math.log(i + 2) / Math.log(2));
        if (g > 1) found++; // grade 1 has gain 0: not relevant
      }
      double[] ideal = rel.values().stream().mapToDouble(g -> Math.pow(2, g - 1) - 1).sorted().toArray();
      double idcg = 0;
      for (int i = 0; i < Math.min(10, ideal.length); i++) idcg += ideal[ideal.length - 1 - i] / (Math.log(i + 2) / Math.log(2));
      ndcg += idcg > 0 ? dcg / idcg : 0;
      long relevant = rel.values().stream().filter(g -> g > 1).count();
      recall += relevant == 0 ? 0 : (double) found / relevant;
    }
    System.out.printf("dense only: nDCG@10 %.3f, recall@100 %.3f over %d queries%n", ndcg / qids.size(),
        recall / qids.size(), qids.size());
    retriever.close();
    embedder.close();
  }

  private static double ms(long start) {
    return (System.nanoTime() - start) / 1e6;
  }

  private static double pct(double[] v, int p) {
    double[] s = v.clone();
    Arrays.sort(s);
    return s[Math.min(s.length - 1, (int) Math.ceil(p / 100.0 * s.length) - 1)];
  }
}
