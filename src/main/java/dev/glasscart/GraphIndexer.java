package dev.glasscart;

import dev.glasscart.catalog.Catalog;
import dev.glasscart.catalog.graph.ComplementRules;
import dev.glasscart.catalog.graph.GraphBuilder;
import dev.glasscart.catalog.graph.ProductGraph;
import dev.glasscart.storage.PgCatalogRepository;
import dev.glasscart.storage.PgRelationRepository;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletionStage;
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
 * stored in PostgreSQL (replacing the last, with what it was built from: {@link GraphBuilder.Source})
 * and then becomes the {@link ProductGraph.Live} the conversation reads. Builds run one at a time,
 * in order; a failure is logged and leaves the previous graph in use.
 *
 * <p>Nothing is built twice: a build whose source equals the stored graph's reads that graph back
 * instead (a restart with the same catalog, rules, feedback and title vectors), and at start
 * ({@link #buildFirst}) the stored graph of the same catalog is used until the embeddings join;
 * without one, the build before the embeddings is skipped when they all come from the cache (they
 * join within seconds). A catalog changed live since the graph was stored has another digest at
 * the next start, so its graph is built again.
 */
final class GraphIndexer implements AutoCloseable {
  private static final Logger LOG = Logger.getLogger(GraphIndexer.class.getName());

  private final Catalog catalog;
  private final ComplementRules rules;
  private final PgRelationRepository repository;
  private final ProductGraph.Live live;
  private final ExecutorService thread = Executors.newSingleThreadExecutor(r -> Thread.ofPlatform()
      .name("glasscart-graph").daemon().unstarted(r));
  /** The catalog's digest (PgCatalogRepository.digest), computed on the graph's thread when not given. */
  private String catalogDigest;
  /** The source of the graph in use; only the graph's thread touches it. */
  private GraphBuilder.Source inUse;

  /** @param catalogDigest {@code catalog}'s digest when known (PgCatalogRepository.digest), else null */
  GraphIndexer(Catalog catalog, String catalogDigest, ComplementRules rules, PgRelationRepository repository,
      ProductGraph.Live live) {
    this.catalog = catalog;
    this.catalogDigest = catalogDigest;
    this.rules = rules;
    this.repository = repository;
    this.live = live;
  }

  ProductGraph.Live live() {
    return live;
  }

  /**
   * Queues the build before the embeddings: the stored graph when it was built from this catalog
   * (the same products, rules and liked-together pairs; its title similarity is the last run's,
   * checked again by the build when the embeddings join), else a build without title vectors,
   * unless {@code allCached} says the embeddings need no encoding (then the graph waits for them).
   */
  Future<?> buildFirst(CompletionStage<Boolean> allCached) {
    return thread.submit(() -> {
      long t0 = System.nanoTime();
      try {
        GraphBuilder builder = builder(null, null);
        String key = builder.source(digest()).catalogKey();
        if (repository.storedSource().await().filter(s -> s.catalogKey().equals(key)).isPresent()) {
          var stored = repository.load().await();
          if (stored.isPresent() && stored.get().source().catalogKey().equals(key)) {
            use(stored.get().graph(), stored.get().source(), "stored for this catalog, in use until the embeddings join", t0);
            return;
          }
        }
        if (allCached.toCompletableFuture().get()) {
          LOG.info("product graph: the embeddings all come from the cache; built when they join");
          return;
        }
        store(builder, t0, false);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt(); // closing
      } catch (RuntimeException | java.util.concurrent.ExecutionException e) {
        LOG.log(Level.WARNING, "building the product graph failed; the previous one stays in use", e);
      }
    });
  }

  /**
   * Queues a build; {@code titleVectors} and {@code meanings} may be null (before the embeddings).
   * The future completes when it is stored and in use (read back instead when the stored graph
   * has the same source; nothing done when the graph in use has it).
   */
  Future<?> build(Function<String, float[]> titleVectors, Function<String, Set<String>> meanings) {
    return thread.submit(() -> {
      long t0 = System.nanoTime();
      try {
        store(builder(titleVectors, meanings), t0, true);
      } catch (RuntimeException e) {
        LOG.log(Level.WARNING, "building the product graph failed; the previous one stays in use", e);
      }
    });
  }

  private GraphBuilder builder(Function<String, float[]> titleVectors, Function<String, Set<String>> meanings) {
    List<GraphBuilder.LikedPair> liked = repository.likedTogether().await();
    return new GraphBuilder(catalog.products(), rules).titleVectors(titleVectors).meanings(meanings).likedTogether(liked);
  }

  /** The graph of {@code builder}: kept, read back when stored with its source, else built and stored. */
  private void store(GraphBuilder builder, long t0, boolean withVectors) {
    long cpu0 = cpu();
    GraphBuilder.Source source = builder.source(digest());
    String what = withVectors ? "with title similarity" : "before the embeddings";
    if (source.equals(inUse)) {
      LOG.info("product graph " + what + ": the one in use was built from the same catalog, rules, feedback and vectors; kept");
      return;
    }
    if (repository.storedSource().await().filter(source::equals).isPresent()) {
      var stored = repository.load().await();
      if (stored.isPresent() && stored.get().source().equals(source)) {
        use(stored.get().graph(), source, what + ", stored from the same catalog, rules, feedback and vectors", t0);
        return;
      }
    }
    ProductGraph graph = builder.build();
    repository.replaceAll(graph, source).await();
    live.set(graph);
    inUse = source;
    LOG.info("product graph: " + graph.size() + " edges over " + catalog.size() + " products (" + what + ") built in "
        + (System.nanoTime() - t0) / 1_000_000 + " ms (" + (cpu() - cpu0) / 1_000_000 + " ms of CPU on this thread)");
  }

  private void use(ProductGraph graph, GraphBuilder.Source source, String what, long t0) {
    live.set(graph);
    inUse = source;
    LOG.info("product graph: " + graph.size() + " edges over " + catalog.size() + " products read back (" + what + ") in "
        + (System.nanoTime() - t0) / 1_000_000 + " ms");
  }

  private String digest() {
    if (catalogDigest == null) catalogDigest = PgCatalogRepository.digest(catalog.products());
    return catalogDigest;
  }

  private static long cpu() {
    return java.lang.management.ManagementFactory.getThreadMXBean().getCurrentThreadCpuTime();
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
