package dev.glasscart;

import dev.glasscart.catalog.Catalog;
import dev.glasscart.catalog.graph.ComplementRules;
import dev.glasscart.catalog.graph.GraphBuilder;
import dev.glasscart.catalog.graph.ProductGraph;
import dev.glasscart.storage.PgRelationRepository;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Builds the product graph on a thread of its own, never on an event loop: once at start from the
 * catalog (brands, attributes, the complement rules by words, liked-together feedback), and again
 * when the embeddings join, with title similarity and the rules' phrases by meaning. Each build is
 * stored in PostgreSQL (replacing the last) and then becomes the {@link ProductGraph.Live} the
 * conversation reads. Builds run one at a time, in order; a failure is logged and leaves the
 * previous graph in use.
 */
final class GraphIndexer implements AutoCloseable {
  private static final Logger LOG = Logger.getLogger(GraphIndexer.class.getName());

  private final Catalog catalog;
  private final ComplementRules rules;
  private final PgRelationRepository repository;
  private final ProductGraph.Live live;
  private final ExecutorService thread = Executors.newSingleThreadExecutor(r -> Thread.ofPlatform()
      .name("glasscart-graph").daemon().unstarted(r));

  GraphIndexer(Catalog catalog, ComplementRules rules, PgRelationRepository repository, ProductGraph.Live live) {
    this.catalog = catalog;
    this.rules = rules;
    this.repository = repository;
    this.live = live;
  }

  ProductGraph.Live live() {
    return live;
  }

  /**
   * Queues a build; {@code titleVectors} and {@code meanings} may be null (before the embeddings).
   * The future completes when it is stored and in use.
   */
  Future<?> build(Function<String, float[]> titleVectors, Function<String, Set<String>> meanings) {
    return thread.submit(() -> {
      long t0 = System.nanoTime();
      long cpu0 = java.lang.management.ManagementFactory.getThreadMXBean().getCurrentThreadCpuTime();
      try {
        List<GraphBuilder.LikedPair> liked = repository.likedTogether().await();
        ProductGraph graph = new GraphBuilder(catalog.products(), rules).titleVectors(titleVectors).meanings(meanings)
            .likedTogether(liked).build();
        repository.replaceAll(graph).await();
        live.set(graph);
        LOG.info("product graph: " + graph.size() + " edges over " + catalog.size() + " products"
            + (titleVectors == null ? " (before the embeddings)" : " (with title similarity)") + " in "
            + (System.nanoTime() - t0) / 1_000_000 + " ms (" + (java.lang.management.ManagementFactory.getThreadMXBean()
            .getCurrentThreadCpuTime() - cpu0) / 1_000_000 + " ms of CPU on this thread)");
      } catch (RuntimeException e) {
        LOG.log(Level.WARNING, "building the product graph failed; the previous one stays in use", e);
      }
    });
  }

  /** True when every build queued so far has finished within {@code timeout}. */
  boolean await(java.time.Duration timeout) throws InterruptedException {
    try {
      thread.submit(() -> { }).get(timeout.toMillis(), TimeUnit.MILLISECONDS);
      return true;
    } catch (java.util.concurrent.ExecutionException | java.util.concurrent.TimeoutException e) {
      return false;
    }
  }

  @Override
  public void close() throws InterruptedException {
    thread.shutdownNow();
    thread.awaitTermination(10, TimeUnit.SECONDS);
  }
}
