package dev.glasscart.cli;

import dev.glasscart.catalog.Catalog;
import dev.glasscart.catalog.CatalogImporter;
import dev.glasscart.catalog.DemoCatalog;
import dev.glasscart.catalog.Product;
import dev.glasscart.config.Flags;
import dev.glasscart.retrieval.dense.DenseRetriever;
import dev.glasscart.retrieval.dense.EncoderConfig;
import dev.glasscart.retrieval.dense.ExecutionDevice;
import dev.glasscart.retrieval.dense.IndexingProgress;
import dev.glasscart.retrieval.dense.OnnxEmbedder;
import dev.glasscart.retrieval.dense.TitleSimilarityRetriever;
import dev.glasscart.retrieval.lexical.Bm25Retriever;
import dev.glasscart.retrieval.lexical.LexicalIndex;
import dev.glasscart.retrieval.lexical.ProductAnalyzer;
import dev.glasscart.retrieval.stack.RetrievalStack;
import java.io.PrintStream;
import java.lang.management.ManagementFactory;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;

/**
 * Benchmark, not a test: embedding a whole catalog as a start does it in the background (the
 * {@code Indexer}'s steps: product texts for dense retrieval, then titles for the title signals),
 * with no embedding cache, so every text is the encoder's work. Prints products per second (a
 * product = its text and its title), texts per second, distinct texts (the encoder embeds each once),
 * process CPU seconds, CPU seconds per 1,000 distinct texts of each phase (the figure that depends
 * least on other load) and the load average. Usage: {@code ./glasscart bench embed [--catalog FILE |
 * --products N] [--device cpu|cuda|auto] [--max-length N] [--batch-size N] [--parallel-batches N]} (default: the load
 * bench's demo catalog, {@code DemoCatalog.generate(10000)}, 10,560 products, and {@link
 * EncoderConfig#defaults()}; the two encoder options measure settings a start does not use).
 */
final class CatalogEmbedBench {
  private CatalogEmbedBench() {}

  public static void main(String[] args) throws Exception {
    run(args, System.out);
  }

  /** Runs the bench with {@code args} (see the class comment), printing its report to {@code out}. */
  static void run(String[] args, PrintStream out) throws Exception {
    Flags f = Flags.parse(args, Set.of("--catalog", "--products", "--device", "--max-length", "--batch-size", "--parallel-batches"), Set.of(), false);
    Path file = f.path("--catalog", null);
    List<Product> products = file != null ? CatalogImporter.read(file).products()
        : DemoCatalog.generate(f.integer("--products", 10_000, 1, 1_000_000));
    Catalog catalog = new Catalog(products);
    long distinctTexts = products.stream().map(DenseRetriever::productText).distinct().count();
    long distinctTitles = products.stream().map(Product::title).distinct().count();
    out.printf("catalog: %d products (%s), %d distinct product texts, %d distinct titles, %d cores%n", products.size(),
        file != null ? file : "demo", distinctTexts, distinctTitles, Runtime.getRuntime().availableProcessors());
    EncoderConfig defaults = EncoderConfig.defaults();
    EncoderConfig config = defaults.withMaxLength(f.integer("--max-length", defaults.maxLength(), 2, 8192))
        .withBatchSize(f.integer("--batch-size", defaults.batchSize(), 1, 4096))
        .withParallelBatches(f.integer("--parallel-batches", defaults.parallelBatches(), 0, 256));
    var os = (com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();
    double load0 = os.getSystemLoadAverage();
    try (OnnxEmbedder encoder = OnnxEmbedder.createDefault(ExecutionDevice.parse(f.string("--device", "auto")),
        Path.of("target", "ort-native"), config);
        LexicalIndex lexical = LexicalIndex.inMemory(catalog, ProductAnalyzer.standard())) {
      Bm25Retriever bm25 = RetrievalStack.bm25(lexical);
      var queries = RetrievalStack.queryEmbedder(encoder);
      IndexingProgress progress = new IndexingProgress(2 * products.size());
      long cpu0 = os.getProcessCpuTime();
      long t0 = System.nanoTime();
      try (DenseRetriever dense = RetrievalStack.dense(catalog, encoder, queries, null, progress)) {
        double textsS = (System.nanoTime() - t0) / 1e9;
        double textsCpu = (os.getProcessCpuTime() - cpu0) / 1e9;
        TitleSimilarityRetriever titles = RetrievalStack.forRanking(RetrievalStack.hybrid(bm25, dense), catalog, queries, null, progress);
        double s = (System.nanoTime() - t0) / 1e9;
        double cpu = (os.getProcessCpuTime() - cpu0) / 1e9;
        out.printf("product texts %.1f s, titles %.1f s: %d products in %.1f s = %.0f products/s (%.0f texts/s, %.0f"
            + " products per CPU-second, %.1f CPU-s); load average %.1f at start, %.1f at end; %s%n", textsS, s - textsS,
            products.size(), s, products.size() / s, 2 * products.size() / s, products.size() / cpu, cpu, load0,
            os.getSystemLoadAverage(), titles.getClass().getSimpleName() + " over " + encoder.name());
        out.printf("distinct texts embedded: %d product texts in %.1f CPU-s (%.2f CPU-s per 1,000, %.0f per second"
            + " wall), %d titles in %.1f CPU-s (%.2f CPU-s per 1,000); batch %d, %d batches in flight%n", distinctTexts,
            textsCpu, 1000 * textsCpu / distinctTexts, distinctTexts / textsS, distinctTitles, cpu - textsCpu,
            1000 * (cpu - textsCpu) / distinctTitles, config.batchSize(), config.effectiveParallelBatches());
      }
    }
  }
}
