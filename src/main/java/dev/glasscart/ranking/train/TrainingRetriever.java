package dev.glasscart.ranking.train;

import dev.glasscart.catalog.Catalog;
import dev.glasscart.retrieval.Retriever;
import dev.glasscart.retrieval.dense.DenseRetriever;
import dev.glasscart.retrieval.dense.EmbeddingCache;
import dev.glasscart.retrieval.dense.ExecutionDevice;
import dev.glasscart.retrieval.dense.OnnxEmbedder;
import dev.glasscart.retrieval.dense.VectorIndexFactory;
import dev.glasscart.retrieval.hybrid.HybridRetriever;
import dev.glasscart.retrieval.lexical.Bm25Retriever;
import dev.glasscart.retrieval.lexical.FieldBoosts;
import dev.glasscart.retrieval.lexical.LexicalIndex;
import dev.glasscart.retrieval.lexical.ProductAnalyzer;
import java.io.IOException;
import java.nio.file.Path;

/**
 * The retriever whose candidates the ranker is trained on, built like the eval command's: BM25
 * with the tuned boosts, and for {@code hybrid} the bundled ONNX encoder, an exact dense index and
 * {@link HybridRetriever#withDefaults}. Building blocks (indexing, embedding the corpus); close it
 * to free the index and the encoder. Thread-safe once built.
 */
final class TrainingRetriever implements AutoCloseable {
  private final LexicalIndex index;
  private final OnnxEmbedder embedder;
  private final DenseRetriever dense;
  private final Retriever retriever;
  private final String description;

  private TrainingRetriever(LexicalIndex index, OnnxEmbedder embedder, DenseRetriever dense, Retriever retriever,
      String description) {
    this.index = index;
    this.embedder = embedder;
    this.dense = dense;
    this.retriever = retriever;
    this.description = description;
  }

  static TrainingRetriever bm25(Catalog corpus) {
    LexicalIndex index = LexicalIndex.inMemory(corpus, ProductAnalyzer.standard());
    Retriever bm25 = new Bm25Retriever(index, FieldBoosts.defaults());
    return new TrainingRetriever(index, null, null, bm25, "bm25");
  }

  /** Hybrid retrieval; {@code cache} (nullable) keeps corpus embeddings between runs. */
  static TrainingRetriever hybrid(Catalog corpus, ExecutionDevice device, Path cache) {
    LexicalIndex index = LexicalIndex.inMemory(corpus, ProductAnalyzer.standard());
    OnnxEmbedder embedder = OnnxEmbedder.createDefault(device, null);
    DenseRetriever dense = new DenseRetriever(corpus, embedder, VectorIndexFactory.forDevice(embedder.device()),
        cache == null ? null : new EmbeddingCache(cache));
    HybridRetriever hybrid = HybridRetriever.withDefaults(new Bm25Retriever(index, FieldBoosts.defaults()), dense);
    return new TrainingRetriever(index, embedder, dense, hybrid, hybrid.toString());
  }

  Retriever retriever() {
    return retriever;
  }

  String description() {
    return description;
  }

  @Override
  public void close() throws IOException {
    if (dense != null) dense.close();
    if (embedder != null) embedder.close();
    index.close();
  }
}
