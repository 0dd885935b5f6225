package dev.glasscart.retrieval.stack;

import dev.glasscart.catalog.Catalog;
import dev.glasscart.retrieval.CatalogIndex;
import dev.glasscart.retrieval.Retriever;
import dev.glasscart.retrieval.dense.DenseRetriever;
import dev.glasscart.retrieval.dense.Embedder;
import dev.glasscart.retrieval.dense.EmbeddingCache;
import dev.glasscart.retrieval.dense.IndexingProgress;
import dev.glasscart.retrieval.dense.MemoizingEmbedder;
import dev.glasscart.retrieval.dense.OnnxEmbedder;
import dev.glasscart.retrieval.dense.TitleSimilarityRetriever;
import dev.glasscart.retrieval.dense.VectorIndexFactory;
import dev.glasscart.retrieval.engine.SearchEngine;
import dev.glasscart.retrieval.engine.SolrBm25Retriever;
import dev.glasscart.retrieval.engine.SolrCatalogIndex;
import dev.glasscart.retrieval.engine.SolrDenseRetriever;
import dev.glasscart.retrieval.engine.SolrNodes;
import dev.glasscart.retrieval.hybrid.Fuser;
import dev.glasscart.retrieval.hybrid.HybridRetriever;
import dev.glasscart.retrieval.lexical.Bm25Retriever;
import dev.glasscart.retrieval.lexical.FieldBoosts;
import dev.glasscart.retrieval.lexical.LexicalIndex;
import dev.glasscart.retrieval.lexical.ProductAnalyzer;
import java.nio.file.Path;
import java.time.Duration;

/**
 * The one place the retrieval stack is put together, for the server ({@code Glasscart},
 * {@code Indexer}) and for {@code eval} / {@code train} alike, so what is measured is what is
 * served: BM25 with the tuned field boosts; dense retrieval over one memoizing query embedder;
 * their measured default fusion ({@link HybridRetriever#withDefaults}); and, for the ranker, the
 * title-only similarity signal on top ({@link TitleSimilarityRetriever}). Title embeddings are
 * cached in {@value #TITLES} under the product embeddings' cache directory. With a search engine
 * ({@code --search-engine solr}), BM25 and dense retrieval run there instead ({@link #engineIndex},
 * {@link #bm25(SolrCatalogIndex)}, {@link #dense(SolrCatalogIndex, Embedder)}): the same field
 * boosts, analysis and embeddings, fused and reranked here the same way.
 */
public final class RetrievalStack {
  /** The title embeddings' directory under the embedding cache. */
  public static final String TITLES = "titles";

  private RetrievalStack() {}

  /** BM25 over {@code index} with the tuned field boosts ({@link FieldBoosts#defaults}). */
  public static Bm25Retriever bm25(LexicalIndex index) {
    return new Bm25Retriever(index, FieldBoosts.defaults());
  }

  /** How long one request to the search engine may take (a bulk batch of vectors included). */
  public static final Duration ENGINE_TIMEOUT = Duration.ofSeconds(60);

  /**
   * The catalog index on the search engine {@code engine} (not in process), behind the alias
   * {@code alias}; the cluster's other live nodes are learnt now. Blocking (one request).
   */
  public static SolrCatalogIndex engineIndex(SearchEngine engine, String alias) {
    if (engine.inProcess()) throw new IllegalArgumentException("the in-process search has no engine index");
    SolrNodes nodes = new SolrNodes(engine.urls(), ENGINE_TIMEOUT);
    nodes.discover();
    return new SolrCatalogIndex(nodes, alias, ProductAnalyzer.standard());
  }

  /** BM25 on the search engine with the tuned field boosts, the query analyzed as in process. */
  public static SolrBm25Retriever bm25(SolrCatalogIndex index) {
    return new SolrBm25Retriever(index, FieldBoosts.defaults());
  }

  /** k-NN on the search engine's vectors; {@code queries} embeds the query (as for {@link #dense(Catalog, OnnxEmbedder, Embedder, Path, IndexingProgress)}). */
  public static SolrDenseRetriever dense(SolrCatalogIndex index, Embedder queries) {
    return new SolrDenseRetriever(index, queries);
  }

  /** The vectors of {@code dense} as the engine's index takes them: the same embeddings. */
  public static CatalogIndex.Vectors vectorsOf(DenseRetriever dense) {
    return new CatalogIndex.Vectors() {
      @Override
      public int dimension() {
        return dense.dimension();
      }

      @Override
      public float[] of(String productId) {
        return dense.vector(productId);
      }
    };
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
   * The engine's BM25 and k-NN fused by {@code fuser} as in process, both asked at once (each is
   * an HTTP round trip to the engine, mostly waiting where the engine has machines of its own; on
   * the two shared cores of docs/engine.md's measurement the overlap gained nothing measurable).
   */
  public static HybridRetriever hybrid(SolrBm25Retriever bm25, SolrDenseRetriever dense, Fuser fuser) {
    return HybridRetriever.concurrent(bm25, dense, fuser, HybridRetriever.DEFAULT_DEPTH);
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
