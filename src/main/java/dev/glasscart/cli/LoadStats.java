package dev.glasscart.cli;

import io.vertx.core.json.JsonObject;
import java.util.Arrays;
import java.util.Map;
import java.util.TreeMap;

/**
 * What {@code bench load} counts: latency samples per measure (first {@code results}, first
 * token, {@code done}, an HTTP search), completed operations and errors by code. Thread-safe
 * (every method synchronizes); samples are milliseconds with microsecond resolution.
 */
final class LoadStats {
  /** Latency samples of one measure; percentiles by nearest rank. */
  static final class Samples {
    private double[] values = new double[1024];
    private int size;

    synchronized void add(double ms) {
      if (size == values.length) values = Arrays.copyOf(values, size * 2);
      values[size++] = ms;
    }

    synchronized int count() {
      return size;
    }

    /** The {@code q} quantile (0 < q <= 1) by nearest rank; NaN without samples. */
    synchronized double quantile(double q) {
      if (size == 0) return Double.NaN;
      double[] sorted = Arrays.copyOf(values, size);
      Arrays.sort(sorted);
      int rank = (int) Math.ceil(q * size);
      return sorted[Math.max(0, Math.min(size, rank) - 1)];
    }

    synchronized JsonObject toJson() {
      return new JsonObject().put("n", size).put("p50", round(quantile(0.50))).put("p95", round(quantile(0.95)))
          .put("p99", round(quantile(0.99))).put("max", round(quantile(1.0)));
    }
  }

  final Samples results = new Samples();
  final Samples firstToken = new Samples();
  final Samples done = new Samples();
  private final Map<String, Integer> errors = new TreeMap<>();
  private long completed;

  synchronized void completed() {
    completed++;
  }

  synchronized long completedCount() {
    return completed;
  }

  synchronized void error(String code) {
    errors.merge(code, 1, Integer::sum);
  }

  synchronized Map<String, Integer> errors() {
    return new TreeMap<>(errors);
  }

  synchronized int errorCount() {
    return errors.values().stream().mapToInt(Integer::intValue).sum();
  }

  static Double round(double v) {
    return Double.isNaN(v) ? null : Math.round(v * 100) / 100.0;
  }
}
