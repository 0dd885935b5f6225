package dev.glasscart.replay;

import java.util.List;

/**
 * One promise a transcript makes about a turn, checked against the turn's {@link TurnEvents}.
 * Implementations are immutable records, pure and thread-safe; docs/replay.md defines each one.
 */
public interface Expectation {
  /** The transcript key this expectation was read from, e.g. {@code maxResults}. */
  String key();

  /**
   * Checks the turn.
   *
   * @return one human-readable reason per broken promise; empty when the turn satisfies it
   */
  List<String> check(TurnEvents turn);
}
