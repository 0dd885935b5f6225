package dev.glasscart.observability;

import dev.glasscart.explanation.GroundingReport;
import dev.glasscart.retrieval.dense.IndexingProgress;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.Timer;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.vertx.core.Vertx;
import io.vertx.core.VertxOptions;
import io.vertx.micrometer.MicrometerMetricsFactory;
import io.vertx.micrometer.MicrometerMetricsOptions;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.IntSupplier;
import java.util.function.Supplier;

/**
 * The metrics of one running server, in one Prometheus registry: Vert.x's own (HTTP requests and
 * responses, open WebSocket connections as {@code vertx_http_server_active_ws_connections}, worker
 * pools; through {@link #vertx()}), the JVM's, and Glasscart's (docs/deployment.md lists them):
 *
 * <ul>
 *   <li>{@code glasscart_turn_results_seconds}, {@code glasscart_turn_first_token_seconds},
 *       {@code glasscart_turn_done_seconds}: histograms of when a turn's results, first token and
 *       {@code done} went out, from the message's arrival;
 *   <li>{@code glasscart_turns_total{intent,explainer}}, {@code glasscart_turns_cancelled_total},
 *       {@code glasscart_turns_unsaved_total}, {@code glasscart_turns_failed_total};
 *   <li>{@code glasscart_explainer_fallbacks_total{reason}};
 *   <li>{@code glasscart_grounding_claims_checked_total}, {@code ..._claims_supported_total},
 *       {@code ..._sentences_checked_total}, {@code ..._sentences_withheld_total};
 *   <li>{@code glasscart_chat_slow_reader_disconnects_total{reason}};
 *   <li>{@code glasscart_database_retries_total}, {@code glasscart_database_gave_up_total};
 *   <li>{@code glasscart_catalog_products}, {@code glasscart_catalog_import_rows_total{result}},
 *       {@code glasscart_indexing_texts{state}}, {@code glasscart_indexing_finished},
 *       {@code glasscart_indexing_failed}, {@code glasscart_indexing_texts_per_second}.
 * </ul>
 *
 * <p>Thread-safe. Recording never blocks; {@link #scrape} reads every gauge (some take a short
 * lock, e.g. the indexing progress), so the server runs it on a worker thread.
 */
public final class AppMetrics implements ChatMetrics {
  /** Histogram buckets of the turn latencies: from a warm in-memory turn to an LLM's slow answer. */
  private static final Duration[] LATENCY_BUCKETS = {
      Duration.ofMillis(5), Duration.ofMillis(10), Duration.ofMillis(25), Duration.ofMillis(50), Duration.ofMillis(100),
      Duration.ofMillis(250), Duration.ofMillis(500), Duration.ofSeconds(1), Duration.ofMillis(2500), Duration.ofSeconds(5),
      Duration.ofSeconds(10), Duration.ofSeconds(30), Duration.ofSeconds(60)};

  private final PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
  private final Timer results = latency("glasscart.turn.results", "from a message's arrival to its results event");
  private final Timer firstToken = latency("glasscart.turn.first.token", "from a message's arrival to its first explanation token");
  private final Timer done = latency("glasscart.turn.done", "from a message's arrival to its done event");
  private final Counter cancelled = counter("glasscart.turns.cancelled", "turns cancelled by the shopper or a closed socket");
  private final Counter unsaved = counter("glasscart.turns.unsaved", "turns that could not be stored (done with saved: false)");
  private final Counter failed = counter("glasscart.turns.failed", "turns that ended with an internal error before their results");
  private final Counter claimsChecked = counter("glasscart.grounding.claims.checked", "claims in model sentences the grounding guard checked");
  private final Counter claimsSupported = counter("glasscart.grounding.claims.supported", "checked claims the evidence supports");
  private final Counter sentencesChecked = counter("glasscart.grounding.sentences.checked", "model sentences the grounding guard checked");
  private final Counter sentencesWithheld = counter("glasscart.grounding.sentences.withheld",
      "model sentences withheld from the shopper for an unsupported claim");
  private final Counter retries = counter("glasscart.database.retries", "database calls of the chat path tried again after a failure");
  private final Counter gaveUp = counter("glasscart.database.gave.up", "database calls of the chat path given up after their deadline");
  private final ChatMetrics chat;
  private final List<Object> gaugeOwners = new ArrayList<>();

  /** @param logTurns whether each finished turn is also logged as a structured record ({@link TurnLog}) */
  public AppMetrics(boolean logTurns) {
    chat = logTurns ? ChatMetrics.all(List.of(this, new TurnLog())) : this;
  }

  /**
   * A Vert.x instance whose own meters (HTTP server, WebSocket connections, pools, event loops)
   * and the JVM's go to this registry.
   */
  public Vertx vertx() {
    MicrometerMetricsOptions options = new MicrometerMetricsOptions().setEnabled(true).setJvmMetricsEnabled(true);
    return Vertx.builder().with(new VertxOptions().setMetricsOptions(options))
        .withMetrics(new MicrometerMetricsFactory(registry)).build();
  }

  /** Where the chat path reports: these metrics, and the turn log when it is on. */
  public ChatMetrics chat() {
    return chat;
  }

  /** Everything, in the Prometheus text format (version 0.0.4). Reads every gauge: call it off the event loop. */
  public String scrape() {
    return registry.scrape();
  }

  /** The content type of {@link #scrape}'s text. */
  public static final String CONTENT_TYPE = "text/plain; version=0.0.4; charset=utf-8";

  /** Counts an import's rows: {@code accepted} stored, {@code rejected} reported and skipped. */
  public void catalogImported(int accepted, int rejected) {
    registry.counter("glasscart.catalog.import.rows", "result", "accepted").increment(accepted);
    registry.counter("glasscart.catalog.import.rows", "result", "rejected").increment(rejected);
  }

  /** The catalog size as a gauge, read at each scrape. */
  public void catalogSize(IntSupplier products) {
    gaugeOwners.add(products);
    Gauge.builder("glasscart.catalog.products", products, p -> p.getAsInt())
        .description("products in the catalog being served").register(registry);
  }

  /** The background embedding's progress as gauges, read at each scrape. */
  public void indexing(Supplier<IndexingProgress.Snapshot> progress) {
    gaugeOwners.add(progress);
    Gauge.builder("glasscart.indexing.texts", progress, p -> p.get().done()).tag("state", "done")
        .description("catalog texts embedded or read from the cache so far").register(registry);
    Gauge.builder("glasscart.indexing.texts", progress, p -> p.get().total()).tag("state", "total")
        .description("catalog texts to embed (product texts plus titles)").register(registry);
    Gauge.builder("glasscart.indexing.finished", progress, p -> p.get().finished() ? 1 : 0)
        .description("1 once the embeddings are built (or their build failed)").register(registry);
    Gauge.builder("glasscart.indexing.failed", progress, p -> p.get().failure() != null ? 1 : 0)
        .description("1 when the embeddings could not be built and BM25 serves alone").register(registry);
    Gauge.builder("glasscart.indexing.texts.per.second", progress, p -> p.get().perSecond())
        .description("texts embedded per second since indexing started").register(registry);
  }

  @Override
  public void results(String turnId, long ms) {
    results.record(ms, TimeUnit.MILLISECONDS);
  }

  @Override
  public void firstToken(String turnId, long ms) {
    firstToken.record(ms, TimeUnit.MILLISECONDS);
  }

  @Override
  public void done(TurnDone turn) {
    done.record(turn.totalMs(), TimeUnit.MILLISECONDS);
    registry.counter("glasscart.turns", "intent", turn.intent(), "explainer", turn.explainer()).increment();
    if (turn.cancelled()) cancelled.increment();
    if (!turn.saved()) unsaved.increment();
    if (turn.fallback() != null) registry.counter("glasscart.explainer.fallbacks", "reason", turn.fallback()).increment();
    GroundingReport g = turn.grounding();
    claimsChecked.increment(g.claims());
    claimsSupported.increment(g.supported());
    sentencesChecked.increment(g.sentencesChecked());
    sentencesWithheld.increment(g.sentencesDropped());
  }

  @Override
  public void failed(String turnId) {
    failed.increment();
  }

  @Override
  public void slowReaderDisconnected(String reason) {
    registry.counter("glasscart.chat.slow.reader.disconnects", "reason", reason).increment();
  }

  @Override
  public void storageRetried() {
    retries.increment();
  }

  @Override
  public void storageGaveUp() {
    gaveUp.increment();
  }

  private Timer latency(String name, String description) {
    return Timer.builder(name).description(description).serviceLevelObjectives(LATENCY_BUCKETS).register(registry);
  }

  private Counter counter(String name, String description) {
    return Counter.builder(name).description(description).register(registry);
  }
}
