package dev.glasscart.eval;

import dev.glasscart.catalog.Catalog;
import dev.glasscart.retrieval.Retriever;
import dev.glasscart.retrieval.dense.DenseRetriever;
import dev.glasscart.retrieval.dense.EmbeddingCache;
import dev.glasscart.retrieval.dense.OnnxEmbedder;
import dev.glasscart.retrieval.dense.VectorIndexFactory;
import dev.glasscart.retrieval.hybrid.HybridRetriever;
import dev.glasscart.retrieval.lexical.Bm25Retriever;
import dev.glasscart.retrieval.lexical.FieldBoosts;
import dev.glasscart.retrieval.lexical.LexicalIndex;
import dev.glasscart.retrieval.lexical.ProductAnalyzer;
import java.io.IOException;
import java.io.UncheckedIOException;

/**
 * The retrievers an evaluation needs, built over the dataset corpus and closed together: the BM25
 * index always, the ONNX encoder and dense index only for dense, hybrid and rerank modes. Building
 * blocks (indexing, and for dense modes, encoding the corpus); records how long each part took.
 */
final class EvalSystems implements AutoCloseable {
  private final LexicalIndex index;
  private final double lexicalSeconds;
  private final OnnxEmbedder embedder;
  private final DenseRetriever dense;
  private final double denseSeconds;
  private final EvalOptions options;

  private EvalSystems(EvalOptions options, LexicalIndex index, double lexicalSeconds, OnnxEmbedder embedder,
      DenseRetriever dense, double denseSeconds) {
    this.options = options;
    this.index = index;
    this.lexicalSeconds = lexicalSeconds;
    this.embedder = embedder;
    this.dense = dense;
    this.denseSeconds = denseSeconds;
  }

  static EvalSystems build(Catalog corpus, EvalOptions options) {
    long start = System.nanoTime();
    LexicalIndex index = LexicalIndex.inMemory(corpus, ProductAnalyzer.standard());
    double lexicalSeconds = (System.nanoTime() - start) / 1e9;
    if (options.mode() == EvalOptions.Mode.BM25) return new EvalSystems(options, index, lexicalSeconds, null, null, 0);
    start = System.nanoTime();
    OnnxEmbedder embedder = null;
    try {
      embedder = OnnxEmbedder.createDefault(options.device(), null, options.encoderConfig());
      EmbeddingCache cache = options.cache() == null ? null : new EmbeddingCache(options.cache());
      DenseRetriever dense = new DenseRetriever(corpus, embedder, VectorIndexFactory.forDevice(embedder.device()), cache);
      return new EvalSystems(options, index, lexicalSeconds, embedder, dense, (System.nanoTime() - start) / 1e9);
    } catch (RuntimeException e) {
      if (embedder != null) embedder.close();
      closeQuietly(index, e);
      throw e;
    }
  }

  /** The BM25 retriever with the tuned analyzer and field boosts. */
  Bm25Retriever bm25() {
    return new Bm25Retriever(index, FieldBoosts.defaults());
  }

  Retriever retriever(EvalOptions.Mode mode) {
    return switch (mode) {
      case BM25 -> bm25();
      case DENSE -> dense;
      case HYBRID, RERANK -> new HybridRetriever(bm25(), dense, options.fuser(), HybridRetriever.DEFAULT_DEPTH);
    };
  }

  double lexicalSeconds() {
    return lexicalSeconds;
  }

  /** Seconds spent loading the encoder and embedding the corpus (0 in bm25 mode). */
  double denseSeconds() {
    return denseSeconds;
  }

  private static void closeQuietly(LexicalIndex index, Exception cause) {
    try {
      index.close();
    } catch (IOException suppressed) {
      cause.addSuppressed(suppressed);
    }
  }

  @Override
  public void close() {
    if (dense != null) dense.close();
    if (embedder != null) embedder.close();
    try {
      index.close();
    } catch (IOException e) {
      throw new UncheckedIOException("could not close the lexical index", e);
    }
  }
}
