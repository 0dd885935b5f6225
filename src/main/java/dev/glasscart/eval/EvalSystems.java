package dev.glasscart.eval;

import dev.glasscart.catalog.Catalog;
import dev.glasscart.retrieval.Retriever;
import dev.glasscart.retrieval.dense.DenseRetriever;
import dev.glasscart.retrieval.dense.Embedder;
import dev.glasscart.retrieval.dense.EncoderConfig;
import dev.glasscart.retrieval.dense.ExecutionDevice;
import dev.glasscart.retrieval.dense.OnnxEmbedder;
import dev.glasscart.retrieval.dense.TitleSimilarityRetriever;
import dev.glasscart.retrieval.engine.SearchEngine;
import dev.glasscart.retrieval.engine.SolrBm25Retriever;
import dev.glasscart.retrieval.engine.SolrCatalogIndex;
import dev.glasscart.retrieval.hybrid.Fuser;
import dev.glasscart.retrieval.hybrid.HybridRetriever;
import dev.glasscart.retrieval.lexical.Bm25Retriever;
import dev.glasscart.retrieval.lexical.LexicalIndex;
import dev.glasscart.retrieval.lexical.ProductAnalyzer;
import dev.glasscart.retrieval.stack.RetrievalStack;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;

/**
 * The retrieval systems built over a dataset corpus, shared by {@code glasscart eval} and
 * {@code glasscart train} so both measure exactly the same candidates: the BM25 index (tuned
 * analyzer and field boosts) always, and with {@link #withDense} the bundled ONNX encoder and a
 * dense index, put together by {@link RetrievalStack} exactly as the server does. Closed together. Building blocks (indexing, and with dense, encoding the corpus;
 * {@code cache} keeps corpus embeddings between runs); records how long each part took.
 * Thread-safe once built.
 */
public final class EvalSystems implements AutoCloseable {
  private final LexicalIndex index;
  private final double lexicalSeconds;
  private final OnnxEmbedder embedder;
  private final Embedder queries;
  private final DenseRetriever dense;
  private final double denseSeconds;
  private final Catalog corpus;
  private final Path cache;
  private TitleSimilarityRetriever titles;
  /** The search engine's index when the eval runs there, else null. */
  private SolrCatalogIndex engine;
  private double engineSeconds;

  private EvalSystems(Catalog corpus, Path cache, LexicalIndex index, double lexicalSeconds, OnnxEmbedder embedder,
      Embedder queries, DenseRetriever dense, double denseSeconds) {
    this.corpus = corpus;
    this.cache = cache;
    this.index = index;
    this.lexicalSeconds = lexicalSeconds;
    this.embedder = embedder;
    this.queries = queries;
    this.dense = dense;
    this.denseSeconds = denseSeconds;
  }

  /** BM25 only (no encoder is loaded). */
  public static EvalSystems lexical(Catalog corpus) {
    long start = System.nanoTime();
    LexicalIndex index = LexicalIndex.inMemory(corpus, ProductAnalyzer.standard());
    return new EvalSystems(corpus, null, index, (System.nanoTime() - start) / 1e9, null, null, null, 0);
  }

  /** BM25 plus the dense retriever; {@code cache} (nullable) is the embedding cache directory. */
  public static EvalSystems withDense(Catalog corpus, ExecutionDevice device, Path cache) {
    return withDense(corpus, device, cache, EncoderConfig.defaults());
  }

  /** As {@link #withDense(Catalog, ExecutionDevice, Path)}, with the encoder driven by {@code encoder}. */
  public static EvalSystems withDense(Catalog corpus, ExecutionDevice device, Path cache, EncoderConfig encoder) {
    EvalSystems lexical = lexical(corpus);
    long start = System.nanoTime();
    OnnxEmbedder embedder = null;
    try {
      embedder = OnnxEmbedder.createDefault(device, null, encoder);
      Embedder queries = RetrievalStack.queryEmbedder(embedder);
      DenseRetriever dense = RetrievalStack.dense(corpus, embedder, queries, cache, null);
      return new EvalSystems(corpus, cache, lexical.index, lexical.lexicalSeconds, embedder, queries, dense,
          (System.nanoTime() - start) / 1e9);
    } catch (RuntimeException e) {
      if (embedder != null) embedder.close();
      closeQuietly(lexical.index, e);
      throw e;
    }
  }

  /** The systems an eval mode needs: BM25 only for {@code bm25}, dense too otherwise. */
  static EvalSystems build(Catalog corpus, EvalOptions options) {
    EvalSystems systems = options.mode() == EvalOptions.Mode.BM25
        ? lexical(corpus)
        : withDense(corpus, options.device(), options.cache(), options.encoderConfig());
    if (!options.engine().inProcess()) {
      try {
        systems.onEngine(options.engine());
      } catch (RuntimeException e) {
        systems.close();
        throw e;
      }
    }
    return systems;
  }

  /** The collection the eval searches on a search engine (its own alias: serving is left alone). */
  static final String ENGINE_ALIAS = "glasscart_eval";

  /**
   * Indexes the corpus (and, with dense, the same embeddings) on {@code engine}, whose BM25 and
   * k-NN then answer instead of the in-process indexes. Blocking.
   */
  void onEngine(SearchEngine searchEngine) {
    long start = System.nanoTime();
    SolrCatalogIndex index = RetrievalStack.engineIndex(searchEngine, ENGINE_ALIAS);
    boolean built = index.index(corpus, dense == null ? null : RetrievalStack.vectorsOf(dense));
    engine = index;
    engineSeconds = built ? (System.nanoTime() - start) / 1e9 : 0;
  }

  /** Seconds spent indexing on the search engine (0 when the eval runs in process or found the corpus indexed). */
  public double engineSeconds() {
    return engineSeconds;
  }

  /** Where BM25 and dense retrieval run: {@code lucene} or the engine's collection. */
  String searchedOn() {
    return engine == null ? "lucene (in process)" : "solr collection " + engine.collection();
  }

  /** The BM25 retriever with the tuned analyzer and field boosts. */
  public Bm25Retriever bm25() {
    return RetrievalStack.bm25(index);
  }

  /** The dense retriever; throws when built with {@link #lexical}. */
  public DenseRetriever dense() {
    if (dense == null) throw new IllegalStateException("dense retrieval was not built (lexical systems only)");
    return dense;
  }

  /** BM25 and dense fused by {@code fuser} over the top {@link HybridRetriever#DEFAULT_DEPTH} of each side. */
  public HybridRetriever hybrid(Fuser fuser) {
    return new HybridRetriever(bm25(), dense(), fuser, HybridRetriever.DEFAULT_DEPTH);
  }

  /** The measured default hybrid ({@link HybridRetriever#withDefaults}), as served and trained on. */
  public HybridRetriever hybrid() {
    return RetrievalStack.hybrid(bm25(), dense());
  }

  /**
   * What the ranker is trained on and reranks: {@code candidates} (e.g. {@link #hybrid()}) with the
   * title-only similarity signal added ({@link TitleSimilarityRetriever}). The titles are embedded
   * on the first call (cached under {@code <cache>/titles}).
   */
  public synchronized Retriever forRanking(Retriever candidates) {
    if (titles == null) {
      embedder();
      titles = RetrievalStack.forRanking(candidates, corpus, queries, cache, null);
      return titles;
    }
    return titles.over(candidates);
  }

  private OnnxEmbedder embedder() {
    if (embedder == null) throw new IllegalStateException("dense retrieval was not built (lexical systems only)");
    return embedder;
  }

  Retriever retriever(EvalOptions.Mode mode, Fuser fuser) {
    if (engine != null) {
      SolrBm25Retriever bm25 = RetrievalStack.bm25(engine);
      return switch (mode) {
        case BM25 -> bm25;
        case DENSE -> RetrievalStack.dense(engine, queries);
        case HYBRID -> RetrievalStack.hybrid(bm25, RetrievalStack.dense(engine, queries), fuser);
        case RERANK -> forRanking(RetrievalStack.hybrid(bm25, RetrievalStack.dense(engine, queries), fuser));
      };
    }
    return switch (mode) {
      case BM25 -> bm25();
      case DENSE -> dense();
      case HYBRID -> hybrid(fuser);
      case RERANK -> forRanking(hybrid(fuser));
    };
  }

  public double lexicalSeconds() {
    return lexicalSeconds;
  }

  /** Seconds spent loading the encoder and embedding the corpus (0 without dense). */
  public double denseSeconds() {
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
