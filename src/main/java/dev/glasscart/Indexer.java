package dev.glasscart;

import dev.glasscart.catalog.Catalog;
import dev.glasscart.retrieval.UpgradingRetriever;
import dev.glasscart.retrieval.dense.DenseRetriever;
import dev.glasscart.retrieval.dense.Embedder;
import dev.glasscart.retrieval.dense.IndexingProgress;
import dev.glasscart.retrieval.dense.OnnxEmbedder;
import dev.glasscart.retrieval.dense.TitleSimilarityRetriever;
import dev.glasscart.retrieval.Retriever;
import dev.glasscart.retrieval.stack.RetrievalStack;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.function.BiConsumer;
import java.util.function.Function;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Loads the sentence encoder and builds the catalog's embeddings on a thread of its own while
 * BM25 serves: the product texts
 * (dense retrieval), then the titles (the title signals), both through the embedding cache under
 * the data dir, then upgrades the shared retriever to hybrid retrieval with title similarity, the
 * same retriever a blocking start would have built. Progress (count, rate, time left) is logged
 * every few seconds and readable through {@link #progress}. A failure is logged and leaves BM25
 * serving (an encoder that cannot be loaded included). {@link #close} stops the build between
 * chunks and waits for its thread, so the encoder is never closed under it, then frees the dense
 * index and the encoder.
 */
final class Indexer implements AutoCloseable {
  private static final Logger LOG = Logger.getLogger(Indexer.class.getName());
  /** Longest wait in {@link #close} for the indexing thread to reach a chunk boundary. */
  private static final Duration STOP_WAIT = Duration.ofSeconds(30);

  private final Catalog catalog;
  private final Retriever bm25;
  private final Function<Embedder, Retriever> hybridOnEngine;
  private final Supplier<OnnxEmbedder> encoder;
  private final Path dataDir;
  private final UpgradingRetriever target;
  private final IndexingProgress progress;
  private final CountDownLatch finished = new CountDownLatch(1);
  private Thread thread;
  private volatile DenseRetriever dense;
  private volatile OnnxEmbedder loaded;

  /** @param encoder loads the sentence encoder (blocking: native libraries, model file); called on the indexing thread */
  Indexer(Catalog catalog, Retriever bm25, Supplier<OnnxEmbedder> encoder, Path dataDir, UpgradingRetriever target) {
    this(catalog, bm25, encoder, dataDir, target, null);
  }

  /**
   * With a search engine: {@code hybridOnEngine} makes the engine's hybrid retriever (its BM25 and
   * k-NN) from the query embedder, in place of BM25 and the in-process vector search (the
   * in-process embeddings are still built: they are what the engine is given, and live changes
   * embed through them).
   */
  Indexer(Catalog catalog, Retriever bm25, Supplier<OnnxEmbedder> encoder, Path dataDir, UpgradingRetriever target,
      Function<Embedder, Retriever> hybridOnEngine) {
    this.catalog = catalog;
    this.bm25 = bm25;
    this.hybridOnEngine = hybridOnEngine;
    this.encoder = encoder;
    this.dataDir = dataDir;
    this.target = target;
    this.progress = new IndexingProgress(2 * catalog.size()); // product texts, then titles
  }

  /** The encoder's name once loaded, else empty. */
  String encoderName() {
    OnnxEmbedder e = loaded;
    return e == null ? "" : e.name();
  }

  IndexingProgress progress() {
    return progress;
  }

  /** Dense retrieval once built (set before the {@link #onReady} listeners run), else null. */
  DenseRetriever dense() {
    return dense;
  }

  private final List<BiConsumer<Embedder, TitleSimilarityRetriever>> listeners = new java.util.concurrent.CopyOnWriteArrayList<>();

  /** Called on the indexing thread once dense retrieval joined, with the encoder and the title vectors. */
  void onReady(BiConsumer<Embedder, TitleSimilarityRetriever> listener) {
    listeners.add(listener);
  }

  synchronized void start() {
    if (thread != null) return;
    thread = Thread.ofPlatform().name("glasscart-indexer").daemon().start(this::build);
  }

  private void build() {
    long t0 = System.nanoTime();
    try {
      progress.phase("loading the encoder");
      OnnxEmbedder onnx = encoder.get();
      loaded = onnx;
      LOG.info("encoder " + onnx.name() + " on " + onnx.device() + " loaded (" + (System.nanoTime() - t0) / 1_000_000 + " ms)");
      Embedder embedder = RetrievalStack.queryEmbedder(onnx);
      Path cache = dataDir.resolve("embeddings");
      DenseRetriever d = RetrievalStack.dense(catalog, onnx, embedder, cache, progress);
      dense = d;
      Retriever hybrid = hybridOnEngine == null ? RetrievalStack.hybrid(bm25, d) : hybridOnEngine.apply(embedder);
      TitleSimilarityRetriever full = RetrievalStack.forRanking(hybrid, catalog, embedder, cache, progress);
      // on a search engine the hybrid needs the collection with the vectors, which a listener (the
      // live catalog) builds and swaps in: it joins after the listeners; in process at once
      boolean onEngine = hybridOnEngine != null;
      if (!onEngine) target.upgrade(full);
      progress.phase("learning the catalog's meanings");
      for (BiConsumer<Embedder, TitleSimilarityRetriever> l : listeners) l.accept(onnx, full);
      if (onEngine) target.upgrade(full);
      progress.finish(); // after the listeners: /health says indexing until the meaning mapping has joined too
      LOG.info("dense retrieval joined: " + catalog.size() + " products embedded in " + (System.nanoTime() - t0) / 1_000_000 + " ms");
    } catch (CancellationException e) {
      LOG.info("indexing stopped at " + progress.snapshot().done() + " of " + progress.snapshot().total() + " texts");
      progress.fail(e);
    } catch (RuntimeException | Error e) {
      LOG.log(Level.SEVERE, "embedding the catalog failed; BM25 keeps serving alone", e);
      progress.fail(e);
    } finally {
      finished.countDown();
    }
  }

  /** True once the build ended (done, failed or stopped) within {@code timeout}. */
  boolean await(Duration timeout) throws InterruptedException {
    return finished.await(timeout.toMillis(), TimeUnit.MILLISECONDS);
  }

  @Override
  public void close() throws InterruptedException {
    progress.cancel();
    Thread t;
    synchronized (this) {
      t = thread;
    }
    if (t != null && !t.join(STOP_WAIT)) LOG.warning("the indexing thread did not stop within " + STOP_WAIT.toSeconds() + " s");
    DenseRetriever d = dense;
    if (d != null) d.close();
    OnnxEmbedder e = loaded;
    if (e != null) e.close();
  }
}
