package dev.glasscart.eval;

import java.util.Arrays;

/**
 * Percentiles of per-query wall times (nearest-rank method). Immutable.
 *
 * @param nanos the measured times in nanoseconds, sorted ascending
 */
public record Latencies(long[] nanos) {

  public Latencies {
    nanos = nanos.clone();
    Arrays.sort(nanos);
  }

  /** The {@code p}-th percentile in milliseconds (nearest rank), p between 0 (exclusive) and 100. */
  public double percentileMillis(double p) {
    if (!(p > 0 && p <= 100)) throw new IllegalArgumentException("illegal percentile: " + p + ", must be in (0, 100]");
    if (nanos.length == 0) return 0;
    int rank = (int) Math.ceil(p / 100.0 * nanos.length);
    return nanos[Math.max(0, rank - 1)] / 1e6;
  }

  public double p50Millis() {
    return percentileMillis(50);
  }

  public double p99Millis() {
    return percentileMillis(99);
  }
}
