package dev.glasscart;

import dev.glasscart.catalog.Catalog;
import dev.glasscart.catalog.CatalogSnapshot;
import dev.glasscart.catalog.DemoCatalog;
import dev.glasscart.catalog.ImportResult;
import dev.glasscart.catalog.Product;
import dev.glasscart.catalog.RowError;
import dev.glasscart.catalog.graph.ComplementRules;
import dev.glasscart.catalog.graph.ProductGraph;
import dev.glasscart.conversation.CatalogMeanings;
import dev.glasscart.query.Language;
import dev.glasscart.conversation.CatalogVocabulary;
import dev.glasscart.conversation.ConstraintProposer;
import dev.glasscart.conversation.ConversationService;
import dev.glasscart.conversation.OllamaConstraintProposer;
import dev.glasscart.conversation.Understander;
import dev.glasscart.explanation.Explainer;
import dev.glasscart.explanation.Explainers;
import dev.glasscart.explanation.FallbackExplainer;
import dev.glasscart.observability.AppMetrics;
import dev.glasscart.ranking.AdditiveRanker;
import dev.glasscart.retrieval.UpgradingRetriever;
import dev.glasscart.retrieval.dense.ExecutionDevice;
import dev.glasscart.retrieval.dense.IndexingProgress;
import dev.glasscart.retrieval.dense.OnnxEmbedder;
import dev.glasscart.retrieval.CatalogIndex;
import dev.glasscart.retrieval.Retriever;
import dev.glasscart.retrieval.dense.Embedder;
import dev.glasscart.retrieval.engine.SolrBm25Retriever;
import dev.glasscart.retrieval.engine.SolrCatalogIndex;
import dev.glasscart.retrieval.hybrid.HybridRetriever;
import dev.glasscart.retrieval.lexical.LexicalIndex;
import dev.glasscart.retrieval.lexical.ProductAnalyzer;
import dev.glasscart.retrieval.stack.RetrievalStack;
import dev.glasscart.server.GlasscartServer;
import dev.glasscart.storage.Database;
import dev.glasscart.storage.FeedbackRepository;
import dev.glasscart.storage.PgCatalogRepository;
import dev.glasscart.storage.PgConversationRepository;
import dev.glasscart.storage.PgShopperRepository;
import dev.glasscart.storage.SecretFile;
import dev.glasscart.storage.PgRelationRepository;
import dev.glasscart.storage.TrustRepository;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.function.Function;
import java.util.concurrent.CompletableFuture;
import java.util.logging.Logger;

/**
 * The running application: builds the object graph from an {@link AppConfig} and starts the
 * server. Start-up order: database (embedded or external) and migrations, started first and
 * meanwhile the given catalog file is read and BM25-indexed; then the catalog is stored (the file,
 * or the demo catalog into an empty database) while the rest is wired, the embeddings
 * (cached under the data dir), the ranker model, the explainer, then the HTTP/WebSocket server.
 * The server answers once the BM25 index is built; the embeddings (product texts, then titles) are
 * computed on a background thread, with progress logged and shown by {@code /health}, and hybrid
 * retrieval with the title signals replaces BM25 alone when they are done ({@link Indexer}). While
 * it runs, the catalog changes through the agent API ({@link LiveCatalog}).
 *
 * <p>{@link #start} blocks (it starts PostgreSQL and embeds the catalog): call it from a plain
 * thread such as {@code main} or a test, never from an event loop.
 */
public final class Glasscart implements AutoCloseable {
  private static final Logger LOG = Logger.getLogger(Glasscart.class.getName());
  /** Where, under the models directory, an operator drops another sentence encoder. */
  public static final String ENCODER_DIR = "encoder";
  /** The key shop customer ids are hashed with, under the data dir (generated, mode 600). */
  public static final String CUSTOMER_ID_SECRET = "shopper.secret";
  /** An operator's complement rules, under the data dir; they add to the default ones (docs/graph.md). */
  public static final String COMPLEMENT_RULES = "complements.rules";
  /** The snapshot of the last catalog file read, under the data dir ({@link CatalogSnapshot}). */
  static final String CATALOG_SNAPSHOT = "catalog-file.snapshot";
  /**
   * How often a server checks for catalog changes other servers stored, besides their
   * notifications (which a lost connection misses).
   */
  static final long CATALOG_CHECK_MS = 30_000;
  /** The alias of the catalog's collection on a search engine ({@code --search-engine solr}). */
  public static final String ENGINE_ALIAS = "glasscart";

  private final Vertx vertx;
  private final Database database;
  private final List<AutoCloseable> closeables;
  private final GlasscartServer server;
  /**
   * Server instances, one per core: a socket's frames, JSON and database callbacks run on the
   * event loop that accepted it, and one loop alone became the limit under load.
   */
  static final int EVENT_LOOP_SERVERS = Math.max(1,
      Integer.getInteger("glasscart.server.instances", Runtime.getRuntime().availableProcessors()));
  private final Explainer explainer;
  private final String agentToken;
  private final boolean tokenGenerated;
  private final List<RowError> importErrors;
  private final Indexer indexer;
  private final LiveCatalog live;
  private GraphIndexer graphs;

  private Glasscart(Vertx vertx, Database database, List<AutoCloseable> closeables, GlasscartServer server,
      Explainer explainer, String agentToken, boolean tokenGenerated, List<RowError> importErrors,
      Indexer indexer, LiveCatalog live) {
    this.vertx = vertx;
    this.database = database;
    this.closeables = closeables;
    this.server = server;
    this.explainer = explainer;
    this.agentToken = agentToken;
    this.tokenGenerated = tokenGenerated;
    this.importErrors = importErrors;
    this.indexer = indexer;
    this.live = live;
  }

  public static Glasscart start(AppConfig config) throws Exception {
    return start(config, true);
  }

  /** {@link #start(AppConfig)}; with {@code indexNow} false the embeddings wait for {@link #startIndexing} (tests). */
  static Glasscart start(AppConfig config, boolean indexNow) throws Exception {
    long t0 = System.nanoTime();
    // the dictionary and the catalog file (from the snapshot a previous start left of exactly its
    // bytes, else parsed) are read, and what needs only them is made, on threads of their own
    // while Vert.x, the metrics and the database start (FileStart)
    Path dataDir = config.files().dataDir().toAbsolutePath();
    Path snapshotFile = dataDir.resolve(CATALOG_SNAPSHOT);
    Files.createDirectories(dataDir);
    CatalogVocabulary.preloadLexicon();
    FileStart file = config.catalogFile() == null ? null
        : FileStart.begin(config.catalogFile(), snapshotFile, dataDir, config.searchEngine().inProcess());
    // the database starts (a copy of the prepared cluster on a fresh data dir) while the catalog
    // file is read and indexed, the embedded server before Vert.x and the metrics
    Database.Launch launch = Database.launch(dataDir, config.databaseUrl());
    AppMetrics metrics;
    try {
      metrics = new AppMetrics(config.jsonLogs());
    } catch (RuntimeException | Error e) {
      launch.abandon();
      if (file != null) file.abandon();
      throw e;
    }
    Vertx vertx = metrics.vertx();
    List<AutoCloseable> closeables = new ArrayList<>();
    Database database = null;
    Future<Database> starting = Database.start(vertx, launch);
    // the file's index until it is taken (a failed start abandons it)
    CompletableFuture<LexicalIndex> indexing = file == null ? null : file.index();
    try {
      ImportResult imported = null;
      Catalog fromFile = null;
      // the file catalog's facts (what answers come from), learned on a thread of their own
      CompletableFuture<ConversationService.CatalogFacts> learningFacts = null;
      CatalogVocabulary vocabulary = null;
      Understander understander = null;
      String fileDigest = null;
      LexicalIndex lexical = null;
      // a file's catalog: the version read before it is stored (changes stored from then on are
      // followed, LiveCatalog.follow), and whether it was stored now (false: it was the stored one)
      Future<Long> versionBeforeFile = null;
      Future<Boolean> fileStored = null;
      // one repository, one origin: the live catalog knows the store below as this server's own change
      Future<PgCatalogRepository> repository = starting.map(db -> new PgCatalogRepository(db.pool()));
      if (file != null) {
        FileCatalog fileCatalog = joined(file.catalog());
        CatalogSnapshot.Read read = fileCatalog.read();
        LOG.info(read.note());
        imported = read.result();
        for (RowError e : imported.errors()) LOG.warning("catalog " + config.catalogFile() + ": skipped " + e);
        fromFile = fileCatalog.catalog();
        learningFacts = file.facts();
        LOG.info("read " + imported.products().size() + " products from " + config.catalogFile() + " (" + ms(t0) + " ms since start)");
        // stored as soon as the database and the digest are ready, while the rest goes on
        List<Product> rows = imported.products();
        versionBeforeFile = repository.compose(PgCatalogRepository::version);
        fileStored = versionBeforeFile.compose(v -> Future.fromCompletionStage(file.digest())).compose(digest ->
            repository.result().storedDigest().compose(storedDigest -> {
              // the products table holds exactly these products already (stored whole, unchanged since)
              if (storedDigest.filter(digest::equals).isPresent()) return Future.succeededFuture(false);
              // else stored now: a snapshot's file whose stored copy changed since is encoded on a worker
              return Future.fromCompletionStage(file.encoding())
                  .compose(e -> e != null ? Future.succeededFuture(e) : vertx.executeBlocking(() -> PgCatalogRepository.encode(rows)))
                  .compose(repository.result()::replaceAll).map(true);
            }));
        Understanding reading = joined(file.understanding());
        vocabulary = reading.vocabulary();
        understander = reading.understander();
        if (indexing != null) {
          lexical = joined(indexing);
          indexing = null;
          closeables.add(lexical);
        }
        fileDigest = joined(file.digest());
        if (!read.fromSnapshot()) closeables.add(writeSnapshot(snapshotFile, read, fileDigest));
      }
      database = starting.await();
      LOG.info("database ready: " + database.description() + " (" + ms(t0) + " ms)");

      PgCatalogRepository catalogs = repository.await();
      // read before the catalog is: changes other servers store from here on are followed (LiveCatalog.follow)
      long catalogVersion = versionBeforeFile != null ? versionBeforeFile.await() : catalogs.version().await();
      List<RowError> importErrors = List.of();
      // what was just stored is served as is (same order, same records as a load gives); else the stored catalog
      Catalog catalog;
      // the catalog is stored while the rest is wired; the server starts once it is
      Future<Void> stored;
      String storedWhat;
      int storedCount = 0;
      // the digest of the catalog loaded from the database, when it was stored whole and is unchanged since
      String storedDigest = null;
      if (imported != null) {
        importErrors = imported.errors();
        catalog = fromFile;
        // under way since the database and the digest were ready (above); said when it is done
        stored = fileStored.mapEmpty();
        storedWhat = null;
      } else if (catalogs.count().await() == 0) {
        List<Product> demo = DemoCatalog.generate();
        stored = catalogs.replaceAll(demo);
        storedCount = demo.size();
        catalog = new Catalog(demo);
        storedWhat = "imported the demo catalog";
      } else {
        storedDigest = catalogs.storedDigest().await().orElse(null);
        catalog = catalogs.load().await();
        stored = Future.succeededFuture();
        storedWhat = null;
      }
      CatalogIndex textIndex;
      Retriever bm25;
      Function<Embedder, Retriever> hybridOnEngine = null;
      if (config.searchEngine().inProcess()) {
        if (lexical == null) {
          lexical = lexicalIndex(catalog, dataDir, System.nanoTime(), storedDigest);
          closeables.add(lexical);
        }
        textIndex = lexical;
        bm25 = RetrievalStack.bm25(lexical);
      } else {
        // the text now, the vectors when the background embedding is done (a new collection, swapped in)
        SolrCatalogIndex engine = RetrievalStack.engineIndex(config.searchEngine(), ENGINE_ALIAS);
        // every server on this database shares the collection: one builds it at a time, and the
        // next finds the alias already on the collection of this catalog and builds nothing
        EngineBuilds builds = new EngineBuilds(engine, database);
        builds.index(catalog, null);
        LOG.info("catalog search on " + config.searchEngine() + ", collection " + engine.collection() + " (" + ms(t0)
            + " ms since start)");
        textIndex = builds;
        closeables.add(engine);
        SolrBm25Retriever engineBm25 = RetrievalStack.bm25(engine);
        bm25 = engineBm25;
        hybridOnEngine = queries -> RetrievalStack.hybrid(engineBm25, RetrievalStack.dense(engine, queries),
            HybridRetriever.defaultFuser());
      }
      // BM25 answers at once; hybrid retrieval with the title signals joins when the embeddings are done
      UpgradingRetriever retriever = new UpgradingRetriever(bm25);
      Indexer indexer = new Indexer(catalog, bm25, () -> encoder(config, dataDir, catalog), dataDir, retriever,
          hybridOnEngine);
      closeables.add(indexer);
      metrics.indexing(() -> indexer.progress().snapshot());

      AdditiveRanker.Loaded loaded = AdditiveRanker.load(config.files().modelsDir().resolve("ranker.json"));
      loaded.warning().ifPresent(LOG::warning);
      AdditiveRanker ranker = loaded.ranker();

      // the product graph: the stored one of this catalog or built now, again when the embeddings
      // join (below); each read back instead when stored from the same inputs
      GraphIndexer graphs = new GraphIndexer(catalog, fileDigest != null ? fileDigest : storedDigest,
          ComplementRules.defaultsPlus(dataDir.resolve(COMPLEMENT_RULES)), new PgRelationRepository(database.pool()),
          new ProductGraph.Live());
      closeables.add(graphs);

      // the meaning mapping needs the encoder: it joins with dense retrieval (names, then tags and
      // title centroids, learned by the live catalog, which relearns them after changes); until
      // then words are read by spelling alone
      if (understander == null) {
        vocabulary = CatalogVocabulary.from(catalog);
        understander = new Understander(vocabulary, catalog, CatalogMeanings.NONE);
      }
      ConstraintProposer proposer = config.llm().configured()
          ? new OllamaConstraintProposer(config.llm().url(), config.llm().model(),
              config.timeouts().proposalLimit(),
              config.files().promptsDir())
          : ConstraintProposer.NONE;
      ConversationService.CatalogFacts facts = learningFacts != null && catalog == fromFile ? joined(learningFacts)
          : ConversationService.learnFacts(catalog);
      ConversationService conversations = new ConversationService(facts, retriever, ranker, understander, proposer);
      conversations.useGraph(graphs.live());
      LiveCatalog live = new LiveCatalog(catalog, understander, catalogs, textIndex, conversations, dataDir, metrics);
      indexer.onReady((embedder, titles) -> {
        live.denseJoined(embedder, indexer.dense(), titles);
        // the graph again, now with title similarity and the meanings the live catalog learned
        CatalogMeanings meanings = live.meanings();
        graphs.build(titles::titleVector, meanings == CatalogMeanings.NONE ? null : phrase -> meaningsOf(meanings, phrase));
      });
      closeables.add(live);
      live.follow(catalogVersion);
      closeables.add(database.listen(PgCatalogRepository.CHANNEL, live::changed).await());
      long followTimer = vertx.setPeriodic(CATALOG_CHECK_MS, id -> live.changed());
      closeables.add(() -> vertx.cancelTimer(followTimer));
      metrics.catalogSize(() -> live.catalog().size());
      Explainer explainer = Explainers.create(config.llm().url(), config.llm().model(), config.files().promptsDir(),
          new FallbackExplainer.Timeouts(config.timeouts().firstToken(), config.timeouts().stall(), config.timeouts().answer()),
          config.timeouts().request());
      if (explainer instanceof AutoCloseable c) closeables.add(c);

      stored.await();
      if (fileStored != null) { // the file's catalog: stored now, or the stored one already
        int count = imported.products().size();
        String skipped = importErrors.isEmpty() ? "" : ", skipped " + importErrors.size() + " bad rows";
        if (fileStored.result()) {
          storedCount = count;
          storedWhat = "imported " + count + " products from " + config.catalogFile() + skipped;
        } else {
          storedWhat = "the catalog in " + config.catalogFile() + " is the stored one (" + count + " products" + skipped
              + "): not stored again";
        }
      }
      if (storedWhat != null) {
        if (storedCount > 0) metrics.catalogImported(storedCount, importErrors.size());
        LOG.info(storedWhat + " (" + ms(t0) + " ms since start)");
      }

      Database db = database;
      boolean generated = config.server().agentToken() == null;
      String token = generated ? randomToken() : config.server().agentToken();
      GlasscartServer.Services services = new GlasscartServer.Services(
          // the embedded database is this process's alone: no other server stores turns in it
          conversations, new PgConversationRepository(database.pool(), database.embeddedServer().isEmpty()),
          new FeedbackRepository(database.pool()),
          explainer, token, config.files().webRoot(), Math.max(2, Runtime.getRuntime().availableProcessors()), indexer.progress(),
          () -> db.health().map(h -> new GlasscartServer.Health(h.ok(), h.reason())), config.server().allowedOrigins(),
          config.server().mcp(), metrics, new PgRelationRepository(database.pool()), new TrustRepository(database.pool()),
          new GlasscartServer.Privacy(new PgShopperRepository(database.pool()),
              HexFormat.of().parseHex(SecretFile.readOrCreate(dataDir.resolve(CUSTOMER_ID_SECRET))), config.retentionDays()),
          live);
      // one server per core, each on its own event loop, sharing the conversations (see deploy)
      GlasscartServer server = GlasscartServer.deploy(vertx, config.server().host(), config.server().port(), services,
          EVENT_LOOP_SERVERS).await();
      LOG.info("started in " + ms(t0) + " ms");
      // the graph (read back or built) and the encoder after the start, which they would slow down
      graphs.buildFirst(indexer.progress().allCached());
      if (indexNow) indexer.start();
      Glasscart app = new Glasscart(vertx, database, closeables, server, explainer, token, generated, importErrors,
          indexer, live);
      app.graphs = graphs;
      return app;
    } catch (Exception | Error e) {
      if (indexing != null) file.abandon(); // not taken yet: closed once it is built
      closeQuietly(closeables);
      // a database still starting is closed once it has (its failure is this one's consequence)
      Database started = database != null ? database : starting.transform(ar -> Future.succeededFuture(ar.result())).await();
      if (started != null) started.close().await();
      vertx.close().await();
      throw e;
    }
  }

  /** A catalog file as read (from its snapshot or parsed) and its products as a catalog. */
  private record FileCatalog(CatalogSnapshot.Read read, Catalog catalog) {}

  /** A catalog's vocabulary and the reading of messages made from it. */
  private record Understanding(CatalogVocabulary vocabulary, Understander understander) {}

  /**
   * The start's work on a catalog file that needs nothing but the file, each step on a thread of
   * its own from the moment the file is read, while Vert.x, the metrics and the database start:
   * the catalog, the facts answers come from, the vocabulary and the reading of messages, the rows
   * as stored with their digest (one pass of JSON for both; none for a snapshot's file, whose
   * digest is in the snapshot: then {@code encoding} gives null) and the BM25 index, which needs
   * the digest only to commit or to reuse a build ({@code index} is null when the search engine
   * holds the text).
   */
  private record FileStart(CompletableFuture<FileCatalog> catalog, CompletableFuture<ConversationService.CatalogFacts> facts,
      CompletableFuture<Understanding> understanding, CompletableFuture<PgCatalogRepository.Encoded> encoding,
      CompletableFuture<String> digest, CompletableFuture<LexicalIndex> index) {

    static FileStart begin(Path catalogFile, Path snapshotFile, Path dataDir, boolean indexInProcess) {
      CompletableFuture<FileCatalog> catalog = CompletableFuture.supplyAsync(() -> {
        CatalogSnapshot.Read read = CatalogSnapshot.read(catalogFile, snapshotFile);
        ImportResult imported = read.result();
        if (imported.products().isEmpty()) {
          throw new IllegalArgumentException("catalog " + catalogFile + " has no valid products ("
              + imported.errors().size() + " rows rejected)");
        }
        return new FileCatalog(read, new Catalog(imported.products()));
      }, thread("glasscart-catalog-file"));
      CompletableFuture<ConversationService.CatalogFacts> facts =
          catalog.thenApplyAsync(f -> ConversationService.learnFacts(f.catalog()), thread("glasscart-facts"));
      CompletableFuture<Understanding> understanding = catalog.thenApplyAsync(f -> {
        CatalogVocabulary vocabulary = CatalogVocabulary.from(f.catalog());
        return new Understanding(vocabulary, new Understander(vocabulary, f.catalog(), CatalogMeanings.NONE));
      }, thread("glasscart-vocabulary"));
      CompletableFuture<PgCatalogRepository.Encoded> encoding = catalog.thenApplyAsync(
          f -> f.read().fromSnapshot() ? null : PgCatalogRepository.encode(f.read().result().products()), thread("glasscart-digest"));
      CompletableFuture<String> digest = encoding.thenCombine(catalog, (e, f) -> e != null ? e.digest() : f.read().digest());
      CompletableFuture<LexicalIndex> index = !indexInProcess ? null
          : catalog.thenApplyAsync(f -> lexicalIndex(f.catalog(), dataDir, System.nanoTime(), digest::join), thread("glasscart-bm25"));
      return new FileStart(catalog, facts, understanding, encoding, digest, index);
    }

    /** The start failed before it took the index: it is closed once built. */
    void abandon() {
      if (index != null) index.thenAccept(built -> closeQuietly(List.of(built)));
    }
  }

  /** Runs each task on a new daemon platform thread named {@code name}. */
  private static java.util.concurrent.Executor thread(String name) {
    return r -> Thread.ofPlatform().name(name).daemon().start(r);
  }

  /**
   * Writes the snapshot of the catalog file just parsed on a thread of its own; closing waits for
   * it (a snapshot is a cache: a failure is logged and the next start parses the file again).
   */
  private static AutoCloseable writeSnapshot(Path snapshotFile, CatalogSnapshot.Read read, String digest) {
    CompletableFuture<Void> writing = CompletableFuture.runAsync(() -> {
      long t = System.nanoTime();
      try {
        CatalogSnapshot.write(snapshotFile, read.source(), read.result(), digest);
        LOG.info("catalog snapshot written to " + snapshotFile + " (" + ms(t) + " ms)");
      } catch (IOException | RuntimeException e) {
        LOG.warning("catalog snapshot not written to " + snapshotFile + ": " + e);
      }
    }, r -> Thread.ofPlatform().name("glasscart-catalog-snapshot").daemon().start(r));
    return () -> writing.get(1, java.util.concurrent.TimeUnit.MINUTES);
  }

  /** The result of {@code f}, its failure rethrown as it was thrown. */
  private static <T> T joined(CompletableFuture<T> f) throws Exception {
    try {
      return f.join();
    } catch (java.util.concurrent.CompletionException e) {
      if (e.getCause() instanceof Exception x) throw x;
      if (e.getCause() instanceof Error x) throw x;
      throw e;
    }
  }

  /**
   * The on-disk BM25 index of {@code catalog} (reused as a previous start left it when built from
   * the catalog with digest {@code digest}, nullable), logged with the time since {@code since}.
   */
  private static LexicalIndex lexicalIndex(Catalog catalog, Path dataDir, long since, String digest) {
    return lexicalIndex(catalog, dataDir, since, () -> digest);
  }

  /** {@link #lexicalIndex(Catalog, Path, long, String)} with a digest still in the making ({@link LexicalIndex#onDiskDigesting}). */
  private static LexicalIndex lexicalIndex(Catalog catalog, Path dataDir, long since, java.util.function.Supplier<String> digest) {
    LexicalIndex lexical = LexicalIndex.onDiskDigesting(catalog, ProductAnalyzer.standard(),
        dataDir.resolve("index").resolve("lexical"), digest);
    LOG.info("BM25 index of " + catalog.size() + " products " + (lexical.reused() ? "reused from disk" : "built") + " ("
        + ms(since) + " ms); the encoder loads and the catalog is embedded in the background");
    return lexical;
  }

  /**
   * The encoder an operator dropped into {@code <models>/encoder/} (model.onnx, tokenizer.json,
   * optional glasscart-encoder.json; see models/README.md), else for a catalog whose titles are
   * mostly Chinese the bundled Chinese encoder (bge-small-zh-v1.5, when its jar is present), else
   * the bundled default.
   */
  private static OnnxEmbedder encoder(AppConfig config, Path dataDir, Catalog catalog) {
    ExecutionDevice device = config.device();
    Path dir = config.files().modelsDir().resolve(ENCODER_DIR);
    if (Files.isRegularFile(dir.resolve("model.onnx"))) {
      LOG.info("using the encoder in " + dir.toAbsolutePath());
      return OnnxEmbedder.fromDirectory(dir, device, dataDir.resolve("native"));
    }
    if (Language.dominant(catalog.products().stream().map(Product::title).toList()) == Language.ZH) {
      if (OnnxEmbedder.chineseAvailable()) {
        LOG.info("the catalog is Chinese: using the Chinese encoder bge-small-zh-v1.5");
        return OnnxEmbedder.createChinese(device, dataDir.resolve("native"));
      }
      LOG.warning("the catalog is Chinese but the Chinese encoder's jar is missing: the default encoder reads Chinese poorly");
    }
    return OnnxEmbedder.createDefault(device, dataDir.resolve("native"));
  }

  /** The catalog categories a complement rule's phrase stands for by meaning, by the calibrated mapping. */
  private static java.util.Set<String> meaningsOf(CatalogMeanings meanings, String phrase) {
    java.util.Set<String> out = new java.util.LinkedHashSet<>();
    for (var term : meanings.categoriesOf(phrase).categories()) out.add(term.value());
    return out;
  }

  /**
   * The search engine's collection as the servers on one database share it: a whole build (at
   * start, a full import, the vectors' arrival) runs under the database's advisory lock for the
   * alias, so two servers never build or swap at once (a build drops a half-built collection of
   * its name, which would be the other's); a change of a few products goes straight through, sent
   * by the server that made it only (the others see it there: {@link #sharedByServers}).
   */
  private static final class EngineBuilds implements CatalogIndex {
    private final SolrCatalogIndex engine;
    private final Database database;

    EngineBuilds(SolrCatalogIndex engine, Database database) {
      this.engine = engine;
      this.database = database;
    }

    void index(Catalog catalog, CatalogIndex.Vectors vectors) {
      exclusively(() -> engine.index(catalog, vectors));
    }

    @Override
    public void apply(java.util.Collection<Product> upserts, java.util.Collection<String> deletes) {
      engine.apply(upserts, deletes);
    }

    @Override
    public boolean sharedByServers() {
      return true;
    }

    @Override
    public void replaceAll(Catalog catalog) {
      exclusively(() -> {
        engine.replaceAll(catalog);
        return null;
      });
    }

    @Override
    public void vectorsJoined(Catalog catalog, CatalogIndex.Vectors vectors) {
      exclusively(() -> {
        engine.vectorsJoined(catalog, vectors);
        return null;
      });
    }

    @Override
    public void close() throws java.io.IOException {
      engine.close();
    }

    private void exclusively(java.util.concurrent.Callable<?> build) {
      try {
        database.exclusively("glasscart search engine " + ENGINE_ALIAS, build);
      } catch (RuntimeException e) {
        throw e;
      } catch (Exception e) {
        throw new IllegalStateException("search engine build: " + e.getMessage(), e);
      }
    }
  }

  private static long ms(long since) {
    return (System.nanoTime() - since) / 1_000_000;
  }

  private static String randomToken() {
    byte[] b = new byte[24];
    new SecureRandom().nextBytes(b);
    return HexFormat.of().formatHex(b);
  }

  /**
   * Waits until the catalog's embeddings are built and dense retrieval has joined (or the build
   * failed, which is logged and leaves BM25 serving); false when {@code timeout} passed first.
   */
  public boolean awaitIndexed(Duration timeout) throws InterruptedException {
    return indexer.await(timeout);
  }

  /**
   * Waits until the product graph builds queued so far are stored and in use (after
   * {@link #awaitIndexed}, the one with title similarity); false when {@code timeout} passed first.
   */
  public boolean awaitGraph(Duration timeout) throws InterruptedException {
    return graphs.await(timeout);
  }

  /** The product graph in use now (empty until the first build or read back is done). */
  dev.glasscart.catalog.graph.ProductGraph graph() {
    return graphs.live().get();
  }

  /** Starts the background embedding if {@link #start(AppConfig, boolean)} held it back; idempotent. */
  void startIndexing() {
    indexer.start();
  }

  /** How far the background embedding is. */
  public IndexingProgress.Snapshot indexing() {
    return indexer.progress().snapshot();
  }

  public int port() {
    return server.actualPort();
  }

  /** The HTTP routes the server mounts, as {@code METHOD path} ({@code GET /api/products/:id}). */
  public List<String> routes() {
    return server.routes();
  }

  /** The catalog served now (live changes included). */
  Catalog catalog() {
    return live.catalog();
  }

  /** The live catalog (tests). */
  LiveCatalog live() {
    return live;
  }

  /** Products in the catalog now (live changes included). */
  public int catalogSize() {
    return live.catalog().size();
  }

  /**
   * The sentence encoder in use, e.g. {@code all-minilm-l6-v2-q@afdb6f1a0e45/mean/norm/96}; empty
   * until the background indexing has loaded it ({@link #awaitIndexed}).
   */
  public String encoderName() {
    return indexer.encoderName();
  }

  public String explainerName() {
    return explainer.name();
  }

  public String agentToken() {
    return agentToken;
  }

  public boolean tokenGenerated() {
    return tokenGenerated;
  }

  /** Rows of the imported catalog file that were rejected (empty without --catalog). */
  public List<RowError> importErrors() {
    return importErrors;
  }

  /** Stops the server, closes indexes and models, then the database. Idempotent enough for a shutdown hook. */
  @Override
  public synchronized void close() {
    for (String id : vertx.deploymentIDs()) {
      try {
        vertx.undeploy(id).await();
      } catch (RuntimeException e) {
        LOG.warning("undeploy failed: " + e.getMessage());
      }
    }
    closeQuietly(closeables);
    closeables.clear();
    try {
      database.close().await();
    } catch (RuntimeException e) {
      LOG.warning("database close failed: " + e.getMessage());
    }
    vertx.close().await();
  }

  private static void closeQuietly(List<AutoCloseable> list) {
    for (int i = list.size() - 1; i >= 0; i--) {
      try {
        list.get(i).close();
      } catch (Exception e) {
        LOG.warning("close failed: " + e.getMessage());
      }
    }
  }
}
