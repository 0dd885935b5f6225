package dev.glasscart;

import dev.glasscart.catalog.Catalog;
import dev.glasscart.catalog.CatalogImportException;
import dev.glasscart.catalog.CatalogImporter;
import dev.glasscart.catalog.CatalogRepository;
import dev.glasscart.catalog.CatalogRepository.Change;
import dev.glasscart.catalog.CatalogUpdates;
import dev.glasscart.catalog.CatalogUpdates.ImportJob.State;
import dev.glasscart.catalog.CatalogUpdates.ImportJob.Status;
import dev.glasscart.catalog.ImportResult;
import dev.glasscart.catalog.Product;
import dev.glasscart.catalog.RowError;
import dev.glasscart.conversation.CatalogMeanings;
import dev.glasscart.conversation.CatalogVocabulary;
import dev.glasscart.conversation.ConversationService;
import dev.glasscart.conversation.Understander;
import dev.glasscart.observability.AppMetrics;
import dev.glasscart.retrieval.dense.DenseRetriever;
import dev.glasscart.retrieval.dense.Embedder;
import dev.glasscart.retrieval.dense.EmbeddingCache;
import dev.glasscart.retrieval.dense.IndexingProgress;
import dev.glasscart.retrieval.dense.TitleSimilarityRetriever;
import dev.glasscart.retrieval.CatalogIndex;
import dev.glasscart.retrieval.stack.RetrievalStack;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Supplier;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * The catalog as it changes while the server runs ({@link CatalogUpdates}): an upsert, a delete
 * or a full import is stored in PostgreSQL first (one transaction; a failure changes nothing),
 * then applied to the Lucene index (committed and reopened near-real-time), the dense vectors and
 * title vectors (the changed products embedded, the matrix swapped), the vocabulary and the
 * reading of messages ({@link CatalogVocabulary}, {@link Understander}) and the conversation
 * service's snapshot, before the change's stage completes: the next search and the next turn see
 * it. Conversations keep their state across a change.
 *
 * <p>Every change runs on one thread of its own ({@code glasscart-catalog}), in arrival order, so
 * changes never interleave and nothing here runs on an event loop; a full import holds that thread
 * for its duration (changes sent meanwhile wait behind it). Before the background indexing has
 * joined ({@link Indexer}), changes reach BM25, the vocabulary and the snapshot at once and the
 * embeddings when dense retrieval joins ({@link #denseJoined}). The meaning mapping ({@link
 * CatalogMeanings}: category names, tags, brand names, title centroids) is relearned after changes on a second
 * thread, several changes coalescing into one relearning; until it is done messages are read with
 * the previous mapping.
 *
 * <p>Several servers may share one database: every stored change is numbered and announced
 * ({@link CatalogRepository#changesSince}); {@link #changed} (on each notification, on each
 * re-made subscription and periodically) has this one apply the changes the others stored, on the
 * same thread and through the same indexes, so its searches, vectors, vocabulary and snapshot follow.
 */
final class LiveCatalog implements CatalogUpdates, AutoCloseable {
  private static final Logger LOG = Logger.getLogger(LiveCatalog.class.getName());
  /** Finished import jobs remembered for {@link #job}. */
  private static final int JOBS_KEPT = 20;

  private final CatalogRepository repository;
  /** The in-process Lucene index, or the search engine's collection. */
  private final CatalogIndex lexical;
  private final ConversationService conversations;
  private final Path dataDir;
  private final AppMetrics metrics;
  private final ExecutorService updater = Executors.newSingleThreadExecutor(r -> Thread.ofPlatform()
      .name("glasscart-catalog").daemon().unstarted(r));
  private final ExecutorService learner = Executors.newSingleThreadExecutor(r -> Thread.ofPlatform()
      .name("glasscart-meanings").daemon().unstarted(r));
  private final AtomicBoolean relearnQueued = new AtomicBoolean();
  private final Map<String, JobState> jobs = new ConcurrentHashMap<>();

  // confined to the updater thread, except where volatile
  private volatile Catalog catalog;
  private volatile Understander understander;
  private volatile CatalogMeanings meanings = CatalogMeanings.NONE;
  private volatile Dense dense;
  /** Products changed before dense retrieval joined: their embeddings are brought up to date when it does. */
  private final Set<String> pending = new HashSet<>();
  /** A full import came before dense retrieval joined: it re-indexes the whole catalog when it does. */
  private boolean rebuildAll;
  /** The last stored catalog version this server's indexes reflect ({@link #catchUp}). */
  private long applied;
  private final AtomicBoolean catchUpQueued = new AtomicBoolean();

  /** The dense side once it has joined: the encoder, the product vectors and the title vectors. */
  private record Dense(Embedder embedder, DenseRetriever products, TitleSimilarityRetriever titles) {}

  LiveCatalog(Catalog initial, Understander understander, CatalogRepository repository, CatalogIndex lexical,
      ConversationService conversations, Path dataDir, AppMetrics metrics) {
    this.catalog = initial;
    this.understander = understander;
    this.repository = repository;
    this.lexical = lexical;
    this.conversations = conversations;
    this.dataDir = dataDir;
    this.metrics = metrics;
  }

  /** The catalog as of the last change. */
  Catalog catalog() {
    return catalog;
  }

  /**
   * Dense retrieval has joined (called on the indexing thread, which waits for this): the products
   * changed meanwhile are embedded, then the meaning mapping is learned for the current catalog.
   */
  void denseJoined(Embedder embedder, DenseRetriever products, TitleSimilarityRetriever titles) {
    run(() -> {
      if (rebuildAll) {
        products.replaceAll(catalog, new EmbeddingCache(dataDir.resolve("embeddings")), null);
        titles.replaceAll(catalog, new EmbeddingCache(dataDir.resolve("embeddings").resolve("titles")), null);
        LOG.info("embeddings re-indexed for the catalog imported while the first one was embedded");
      } else if (!pending.isEmpty()) {
        List<Product> upserts = new ArrayList<>();
        Set<String> deletes = new HashSet<>();
        for (String id : pending) catalog.get(id).ifPresentOrElse(upserts::add, () -> deletes.add(id));
        products.apply(upserts, deletes);
        titles.apply(upserts, deletes);
        LOG.info("embeddings caught up with " + pending.size() + " products changed while the catalog was embedded");
      }
      pending.clear();
      rebuildAll = false;
      // a search engine's collection takes the vectors now (a new collection, swapped in)
      lexical.vectorsJoined(catalog, RetrievalStack.vectorsOf(products));
      dense = new Dense(embedder, products, titles);
      learnMeanings();
      return null;
    }).toCompletableFuture().join();
  }

  @Override
  public CompletionStage<Applied> upsert(List<Product> products) {
    List<Product> given = List.copyOf(products);
    return run(() -> {
      Set<String> ids = new HashSet<>();
      for (Product p : given) {
        if (!ids.add(p.id())) throw new IllegalArgumentException("product id '" + p.id() + "' appears twice");
      }
      repository.upsert(given).await();
      Map<String, Product> next = new LinkedHashMap<>();
      for (Product p : catalog.products()) next.put(p.id(), p);
      for (Product p : given) next.put(p.id(), p); // a replaced one keeps its place, as in the database
      applyStored(new Catalog(List.copyOf(next.values())), given, Set.of(), true);
      return new Applied(given.size(), 0, catalog.size());
    });
  }

  @Override
  public CompletionStage<Applied> delete(String id) {
    return run(() -> {
      if (!repository.delete(id).await()) return new Applied(0, 0, catalog.size());
      List<Product> rest = new ArrayList<>(catalog.products());
      rest.removeIf(p -> p.id().equals(id));
      applyStored(new Catalog(rest), List.of(), Set.of(id), true);
      return new Applied(0, 1, catalog.size());
    });
  }

  /**
   * {@link #apply}, for a change already committed to the database: should the indexes fail to
   * take it, the failure says that it is stored (a restart re-indexes it) rather than lost.
   */
  private void applyStored(Catalog next, List<Product> upserts, Set<String> deletes, boolean ours) {
    try {
      apply(next, upserts, deletes, ours);
    } catch (RuntimeException e) {
      LOG.log(Level.SEVERE, "a catalog change is stored but not applied to the running indexes; a restart re-indexes it", e);
      throw new IllegalStateException("the change is stored in the database but the running indexes did not take it"
          + " (a restart re-indexes the catalog): " + e.getMessage(), e);
    }
  }

  /**
   * Applies a stored change to the indexes and the snapshot; runs on the updater thread. A change
   * another server made ({@code ours} false) is in a text index the servers share already: that
   * server applied it.
   */
  private void apply(Catalog next, List<Product> upserts, Set<String> deletes, boolean ours) {
    long t0 = System.nanoTime();
    Dense d = dense;
    if (d != null) {
      d.products().apply(upserts, deletes);
      d.titles().apply(upserts, deletes);
    } else {
      upserts.forEach(p -> pending.add(p.id()));
      pending.addAll(deletes);
    }
    long t1 = System.nanoTime();
    // after the embeddings: a search engine's collection takes the changed products' new vectors
    if (ours || !lexical.sharedByServers()) lexical.apply(upserts, deletes);
    long t2 = System.nanoTime();
    use(next);
    long t3 = System.nanoTime();
    LOG.info("catalog change applied: " + upserts.size() + " upserted, " + deletes.size() + " deleted, " + next.size()
        + " products in " + ms(t3 - t0) + " ms (embeddings " + ms(t1 - t0) + ", text index " + ms(t2 - t1)
        + ", vocabulary and snapshot " + ms(t3 - t2) + ")");
  }

  private static long ms(long nanos) {
    return nanos / 1_000_000;
  }

  /** The new snapshot and what is learned from it, for the next turn; then the meanings relearned. */
  private void use(Catalog next) {
    Understander u = new Understander(CatalogVocabulary.from(next), next, meanings);
    catalog = next;
    understander = u;
    conversations.useCatalog(next, u);
    if (dense != null) requestRelearn();
  }

  /** Relearns the meaning mapping on the learner thread; requests made while one is queued join it. */
  private void requestRelearn() {
    if (!relearnQueued.compareAndSet(false, true)) return;
    learner.execute(() -> {
      relearnQueued.set(false);
      try {
        learnMeanings();
      } catch (RuntimeException e) {
        LOG.log(Level.WARNING, "relearning the meaning mapping failed; the previous one stays", e);
      }
    });
  }

  /** The meanings learned of the current catalog; {@link CatalogMeanings#NONE} until the embeddings join (or if learning failed). */
  CatalogMeanings meanings() {
    return meanings;
  }

  /** Learns the meanings of the current catalog and hands them to its understander (and the next ones). */
  private void learnMeanings() {
    Dense d = dense;
    Catalog c = catalog;
    Understander u = understander;
    if (d == null) return;
    long t0 = System.nanoTime();
    try {
      // the understander's vocabulary when it reads this very snapshot (it does, but for a change racing this)
      CatalogMeanings m = CatalogMeanings.of(u.vocabularyOf(c).orElseGet(() -> CatalogVocabulary.from(c)), d.embedder());
      u.useMeanings(m);
      m.learnTags();
      m.learnBrands(c); // an upserted brand gets its names in other scripts too
      m.learnTitles(c, d.titles()::titleVector);
      meanings = m;
      LOG.info("meanings of " + m.categories().size() + " categories joined (" + (System.nanoTime() - t0) / 1_000_000 + " ms)");
    } catch (RuntimeException e) {
      LOG.warning("category meanings unavailable, words are read by spelling alone: " + e);
    }
  }

  @Override
  public Status startImport(String content, String fileName) {
    JobState job = new JobState(UUID.randomUUID().toString(), fileName);
    jobs.put(job.id, job);
    forgetOldJobs();
    run(() -> {
      importNow(job, content);
      return null;
    }).whenComplete((v, e) -> {
      if (e != null) job.fail(e instanceof java.util.concurrent.CompletionException ce && ce.getCause() != null ? ce.getCause() : e);
    });
    return job.status();
  }

  private void importNow(JobState job, String content) {
    job.state(State.PARSING);
    ImportResult parsed = CatalogImporter.parse(content, job.fileName);
    job.parsed(parsed.products().size(), parsed.errors());
    metrics.catalogImported(parsed.products().size(), parsed.errors().size());
    if (parsed.products().isEmpty()) {
      throw new CatalogImportException("the feed has no valid products (" + parsed.errors().size() + " rows rejected); catalog kept");
    }
    job.state(State.STORING);
    repository.replaceAll(parsed.products()).await();
    replaceWhole(new Catalog(parsed.products()), job);
    Catalog next = catalog;
    job.state(State.DONE);
    LOG.info("import " + job.id + " of " + job.fileName + ": " + next.size() + " products, " + parsed.errors().size()
        + " rows rejected");
  }

  /** Every index and the snapshot from {@code next}, a whole new catalog; {@code job} (may be null) shows the progress. */
  private void replaceWhole(Catalog next, JobState job) {
    Dense d = dense;
    if (d != null) {
      if (job != null) job.state(State.EMBEDDING);
      IndexingProgress progress = new IndexingProgress(2 * next.size());
      if (job != null) job.progress = progress;
      d.products().replaceAll(next, new EmbeddingCache(dataDir.resolve("embeddings")), progress);
      d.titles().replaceAll(next, new EmbeddingCache(dataDir.resolve("embeddings").resolve("titles")), progress);
      progress.finish();
    } else {
      rebuildAll = true;
    }
    if (job != null) job.state(State.INDEXING);
    lexical.replaceAll(next);
    use(next);
  }

  // ---- following the changes other servers store (issue 18) ----

  /**
   * From now on, the stored changes after {@code version} are followed: {@code version} is the one
   * read before the catalog this server started with was loaded (a change in between is applied
   * again, which changes nothing).
   */
  void follow(long version) {
    run(() -> {
      applied = version;
      return null;
    });
  }

  /**
   * The stored catalog changed, or may have (a notification came, the subscription was made again
   * after a lost connection, or the periodic check): queues a catch-up on the updater thread;
   * calls made while one is queued join it. Any thread; never blocks.
   */
  void changed() {
    if (!catchUpQueued.compareAndSet(false, true)) return;
    run(() -> {
      catchUpQueued.set(false);
      catchUp();
      return null;
    }).whenComplete((v, e) -> {
      if (e != null) LOG.log(Level.WARNING, "following the stored catalog failed; the next notification or check retries", e);
    });
  }

  /**
   * Applies the changes stored after {@link #applied} by other servers (this one's own are applied
   * already): the products they name are read again from the database (present: upserted, missing:
   * deleted) and go to the same indexes a change made here goes to; a whole import, or a gap (the
   * server was behind by more changes than are kept), reloads the whole catalog. On the updater thread.
   */
  private void catchUp() {
    List<Change> changes = repository.changesSince(applied).await();
    if (changes.isEmpty()) return;
    long last = changes.getLast().version();
    boolean gap = changes.getFirst().version() != applied + 1;
    List<Change> theirs = changes.stream().filter(c -> !c.origin().equals(repository.origin())).toList();
    if (theirs.isEmpty() && !gap) {
      applied = last;
      return;
    }
    long t0 = System.nanoTime();
    if (gap || theirs.stream().anyMatch(Change::fullImport)) {
      replaceWhole(repository.load().await(), null);
    } else {
      Set<String> ids = new java.util.LinkedHashSet<>();
      for (Change c : theirs) {
        ids.addAll(c.upserted());
        ids.addAll(c.deleted());
      }
      List<Product> found = repository.products(ids).await();
      Map<String, Product> next = new LinkedHashMap<>();
      for (Product p : catalog.products()) next.put(p.id(), p);
      Set<String> deletes = new HashSet<>(ids);
      for (Product p : found) {
        next.put(p.id(), p);
        deletes.remove(p.id());
      }
      deletes.retainAll(next.keySet());
      next.keySet().removeAll(deletes);
      applyStored(new Catalog(List.copyOf(next.values())), found, deletes, false);
    }
    applied = last;
    LOG.info("followed " + theirs.size() + " catalog change(s) by other servers" + (gap ? " (behind by more than kept: reloaded)" : "")
        + " up to version " + last + " in " + ms(System.nanoTime() - t0) + " ms");
  }

  /** The catalog version this server's indexes reflect (changes by others applied up to it). */
  CompletionStage<Long> appliedVersion() {
    return run(() -> applied);
  }

  private void forgetOldJobs() {
    List<JobState> finished = jobs.values().stream().filter(j -> j.finishedAt > 0)
        .sorted((a, b) -> Long.compare(a.finishedAt, b.finishedAt)).toList();
    for (int i = 0; i < finished.size() - JOBS_KEPT; i++) jobs.remove(finished.get(i).id);
  }

  @Override
  public Optional<Status> job(String id) {
    JobState j = jobs.get(id);
    return j == null ? Optional.empty() : Optional.of(j.status());
  }

  /** Runs {@code work} on the updater thread; its failure fails the stage. */
  private <T> CompletionStage<T> run(Supplier<T> work) {
    CompletableFuture<T> out = new CompletableFuture<>();
    try {
      updater.execute(() -> {
        try {
          out.complete(work.get());
        } catch (RuntimeException | Error e) {
          out.completeExceptionally(e);
        }
      });
    } catch (java.util.concurrent.RejectedExecutionException e) {
      out.completeExceptionally(new IllegalStateException("the server is stopping; the catalog takes no more changes", e));
    }
    return out;
  }

  @Override
  public void close() throws InterruptedException {
    updater.shutdown();
    learner.shutdown();
    if (!updater.awaitTermination(30, TimeUnit.SECONDS)) LOG.warning("a catalog change was still running at shutdown");
    learner.awaitTermination(30, TimeUnit.SECONDS);
  }

  /** One import job's mutable state, read by any thread through {@link #status}. */
  private static final class JobState {
    final String id;
    final String fileName;
    final long startedAt = System.currentTimeMillis();
    volatile State state = State.QUEUED;
    volatile int products;
    volatile List<RowError> errors = List.of();
    volatile IndexingProgress progress;
    volatile String failure;
    volatile long finishedAt;

    JobState(String id, String fileName) {
      this.id = id;
      this.fileName = fileName;
    }

    void state(State s) {
      state = s;
      if (s == State.DONE) finishedAt = System.currentTimeMillis();
    }

    void parsed(int n, List<RowError> rejected) {
      products = n;
      errors = List.copyOf(rejected);
    }

    void fail(Throwable e) {
      failure = String.valueOf(e.getMessage());
      state = State.FAILED;
      finishedAt = System.currentTimeMillis();
      LOG.warning("import " + id + " of " + fileName + " failed: " + failure);
    }

    Status status() {
      IndexingProgress p = progress;
      IndexingProgress.Snapshot s = p == null ? null : p.snapshot();
      return new Status(id, fileName, state, products, errors, s == null ? 0 : s.done(), s == null ? 0 : s.total(), failure,
          startedAt, finishedAt);
    }
  }
}
