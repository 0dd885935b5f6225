package dev.glasscart.conversation;

import io.vertx.core.Future;
import java.util.List;

/**
 * The trust measures of docs/trust.md (usefulness, reliability, safety, fairness) over the stored
 * turns and feedback of a recent window. Implemented by storage; {@link #load} never blocks the
 * calling event loop, while a {@link Window}'s figures are CPU work for a worker.
 */
public interface TrustStore {
  /** The measures' names, in the order of the answer; each is also a CSV export. */
  List<String> MEASURES = List.of("usefulness", "reliability", "safety", "fairness");

  /** The turns and feedback of the last {@code days} days (1 to 3650); fails for other values. */
  Future<Window> load(int days);

  /** What was read for one computation. Its methods compute: call them off the event loop. */
  interface Window {
    /** Every measure with the window it covers, as a JSON document (docs/trust.md). */
    String json();

    /** One of {@link #MEASURES} as CSV: its rows over time, then its breakdown rows. */
    String csv(String measure);
  }
}
