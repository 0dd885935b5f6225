package dev.glasscart.retrieval.stack;

import dev.glasscart.catalog.Catalog;
import dev.glasscart.retrieval.Retriever;
import dev.glasscart.retrieval.dense.DenseRetriever;
import dev.glasscart.retrieval.dense.Embedder;
import dev.glasscart.retrieval.dense.EmbeddingCache;
import dev.glasscart.retrieval.dense.IndexingProgress;
import dev.glasscart.retrieval.dense.MemoizingEmbedder;
import dev.glasscart.retrieval.dense.OnnxEmbedder;
import dev.glasscart.retrieval.dense.TitleSimilarityRetriever;
import dev.glasscart.retrieval.dense.VectorIndexFactory;
import dev.glasscart.retrieval.hybrid.HybridRetriever;
import dev.glasscart.retrieval.lexical.Bm25Retriever;
import dev.glasscart.retrieval.lexical.FieldBoosts;
import dev.glasscart.retrieval.lexical.LexicalIndex;
import java.nio.file.Path;

/**
 * The one place the retrieval stack is put together, for the server ({@code Glasscart},
 * {@code Indexer}) and for {@code eval} / {@code train} alike, so what is measured is what is
 * served: BM25 with the tuned field boosts; dense retrieval over one memoizing query embedder;
 * their measured default fusion ({@link HybridRetriever#withDefaults}); and, for the ranker, the
 * title-only similarity signal on top ({@link TitleSimilarityRetriever}). Title embeddings are
 * cached in {@value #TITLES} under the product embeddings' cache directory.
 */
public final class RetrievalStack {
  /** The title embeddings' directory under the embedding cache. */
  public static final String TITLES = "titles";

  private RetrievalStack() {}

  /** BM25 over {@code index} with the tuned field boosts ({@link FieldBoosts#defaults}). */
  public static Bm25Retriever bm25(LexicalIndex index) {
    return new Bm25Retriever(index, FieldBoosts.defaults());
  }

  /** What embeds queries: {@code encoder} with a per-search memo, shared by dense and title similarity so a search embeds its query once. */
  public static Embedder queryEmbedder(OnnxEmbedder encoder) {
    return new MemoizingEmbedder(encoder, MemoizingEmbedder.PER_SEARCH);
  }

  /**
   * Dense retrieval over {@code catalog} with the vector index for {@code encoder}'s device.
   * {@code cacheDir} (nullable) keeps the product embeddings; {@code progress} (nullable) is told
   * how far embedding is and can stop it.
   */
  public static DenseRetriever dense(Catalog catalog, OnnxEmbedder encoder, Embedder queries, Path cacheDir,
      IndexingProgress progress) {
    return new DenseRetriever(catalog, queries, VectorIndexFactory.forDevice(encoder.device()),
        cacheDir == null ? null : new EmbeddingCache(cacheDir), progress);
  }

  /** BM25 and dense fused the measured default way. */
  public static HybridRetriever hybrid(Retriever bm25, Retriever dense) {
    return HybridRetriever.withDefaults(bm25, dense);
  }

  /**
   * {@code candidates} with the title-only similarity signal the ranker's {@code title_semantic}
   * feature reads (docs/ranking.md); the titles are embedded now, cached under
   * {@code <cacheDir>/titles} when {@code cacheDir} is given.
   */
  public static TitleSimilarityRetriever forRanking(Retriever candidates, Catalog catalog, Embedder queries, Path cacheDir,
      IndexingProgress progress) {
    return new TitleSimilarityRetriever(candidates, catalog, queries,
        cacheDir == null ? null : new EmbeddingCache(cacheDir.resolve(TITLES)), progress);
  }
}
