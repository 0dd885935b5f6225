package dev.glasscart.retrieval.dense;

import java.util.concurrent.CancellationException;
import java.util.logging.Logger;

/**
 * How far the catalog's embeddings are: texts done out of the total (cached ones count as done at
 * once), the embedding rate and the time left, logged every few seconds while it runs. Also the
 * way to stop an embedding run early: {@link #cancel} makes the next {@link #advance} throw.
 *
 * <p>Thread-safe: one indexing thread advances it, any thread reads {@link #snapshot}.
 */
public final class IndexingProgress {
  private static final Logger LOG = Logger.getLogger(IndexingProgress.class.getName());
  private static final long LOG_EVERY_NANOS = 5_000_000_000L;

  /** A consistent view: {@code done} of {@code total} texts, what is being embedded, and when it ends. */
  public record Snapshot(int done, int total, String phase, double perSecond, double secondsLeft, boolean finished,
      String failure) {}

  private final int total;
  private final long started = System.nanoTime();
  private int done;
  private int embedded;
  private String phase = "starting";
  private boolean finished;
  private String failure;
  private long lastLog = started;
  private volatile boolean cancelled;
  private final java.util.concurrent.CompletableFuture<Boolean> allCached = new java.util.concurrent.CompletableFuture<>();

  /** @param total how many texts will be embedded or read from the cache, all phases together */
  public IndexingProgress(int total) {
    this.total = total;
  }

  /** A progress that is already complete: nothing to embed, or embedding is not tracked. */
  public static IndexingProgress none() {
    IndexingProgress p = new IndexingProgress(0);
    p.finish();
    return p;
  }

  public synchronized void phase(String name) {
    phase = name;
  }

  /** {@code reused} texts came from the cache, {@code fresh} were just embedded; throws once cancelled. */
  public void advance(int reused, int fresh) {
    if (cancelled) throw new CancellationException("indexing cancelled");
    synchronized (this) {
      done += reused + fresh;
      embedded += fresh;
      if (fresh > 0) allCached.complete(false);
      long now = System.nanoTime();
      if (now - lastLog >= LOG_EVERY_NANOS) {
        lastLog = now;
        Snapshot s = snapshot();
        LOG.info(String.format(java.util.Locale.ROOT, "indexing %s: %d of %d texts", s.phase(), s.done(), s.total())
            + (Double.isFinite(s.secondsLeft()) ? String.format(java.util.Locale.ROOT, ", %.0f/s, about %.0f s left",
                s.perSecond(), s.secondsLeft()) : ""));
      }
    }
  }

  public synchronized void finish() {
    finished = true;
    phase = "done";
    allCached.complete(embedded == 0);
  }

  public synchronized void fail(Throwable e) {
    finished = true;
    failure = String.valueOf(e.getMessage());
    phase = "failed";
    allCached.complete(false);
  }

  /**
   * Whether the run needs no embedding: completes false as soon as one text had to be embedded
   * (after its chunk) or the run failed or stopped, true when it finished with every text from
   * the cache. Lets work that only matters until the embeddings join skip itself when they will
   * join within seconds.
   */
  public java.util.concurrent.CompletionStage<Boolean> allCached() {
    return allCached;
  }

  /** Stops the run at its next {@link #advance}. */
  public void cancel() {
    cancelled = true;
  }

  public boolean cancelled() {
    return cancelled;
  }

  public synchronized Snapshot snapshot() {
    double seconds = Math.max(1e-9, (System.nanoTime() - started) / 1e9);
    double rate = embedded / seconds;
    int left = Math.max(0, total - done);
    return new Snapshot(done, total, phase, rate, finished ? 0 : rate > 0 ? left / rate : Double.NaN, finished, failure);
  }
}
