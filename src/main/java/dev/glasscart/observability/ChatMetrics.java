package dev.glasscart.observability;

import dev.glasscart.explanation.GroundingReport;
import java.util.List;
import java.util.Objects;

/**
 * What the chat path reports as it runs: the points of a turn (results sent, first token sent,
 * done sent, failed), slow readers disconnected and database retries. The server calls it on
 * event loops, so implementations must return at once: no I/O, no lock that a slow thread holds.
 */
public interface ChatMetrics {
  /** A listener that records nothing. */
  ChatMetrics NONE = new ChatMetrics() {};

  /**
   * One finished turn, as its {@code done} event reported it.
   *
   * @param turnId the turn's id in logs and the agent console ({@code ConversationRepository.turnId})
   * @param intent the understood intent, lower case ({@code search}, {@code why}, ...)
   * @param explainer the explainer whose words the shopper saw last
   * @param resultsMs when the results went out, from the message's arrival
   * @param firstTokenMs when the first explanation token went out, -1 when none did
   * @param totalMs when the turn was done
   * @param fallback why the built-in explainer took over, as the public code
   *     ({@code first_token_timeout}, ...), null when it did not
   * @param grounding what the grounding guard checked and withheld ({@link GroundingReport#NONE}
   *     when no model was asked)
   */
  record TurnDone(String turnId, String intent, String explainer, long resultsMs, long firstTokenMs, long totalMs,
      boolean cancelled, boolean saved, String fallback, GroundingReport grounding) {
    public TurnDone {
      Objects.requireNonNull(turnId, "turnId");
      Objects.requireNonNull(intent, "intent");
      Objects.requireNonNull(explainer, "explainer");
      grounding = grounding == null ? GroundingReport.NONE : grounding;
    }
  }

  /** The turn's results event went out {@code ms} after the message arrived. */
  default void results(String turnId, long ms) {}

  /** The turn's first explanation token went out {@code ms} after the message arrived. */
  default void firstToken(String turnId, long ms) {}

  /** The turn's {@code done} event went out. */
  default void done(TurnDone turn) {}

  /**
   * The turn could not be prepared (an {@code internal} error went out instead of results);
   * {@code turnId} is the conversation's log id alone when the turn had no number yet.
   */
  default void failed(String turnId) {}

  /** A socket was closed because its reader fell behind; {@code reason} is {@code too_slow} or {@code stopped_reading}. */
  default void slowReaderDisconnected(String reason) {}

  /** A database call failed and is tried again. */
  default void storageRetried() {}

  /** A database call failed for longer than its deadline: the shopper was told ({@code not_saved}, {@code unavailable}). */
  default void storageGaveUp() {}

  /** Every event goes to each of {@code listeners}, in order. */
  static ChatMetrics all(List<ChatMetrics> listeners) {
    List<ChatMetrics> ls = List.copyOf(listeners);
    if (ls.size() == 1) return ls.getFirst();
    return new ChatMetrics() {
      @Override
      public void results(String turnId, long ms) {
        for (ChatMetrics l : ls) l.results(turnId, ms);
      }

      @Override
      public void firstToken(String turnId, long ms) {
        for (ChatMetrics l : ls) l.firstToken(turnId, ms);
      }

      @Override
      public void done(TurnDone turn) {
        for (ChatMetrics l : ls) l.done(turn);
      }

      @Override
      public void failed(String turnId) {
        for (ChatMetrics l : ls) l.failed(turnId);
      }

      @Override
      public void slowReaderDisconnected(String reason) {
        for (ChatMetrics l : ls) l.slowReaderDisconnected(reason);
      }

      @Override
      public void storageRetried() {
        for (ChatMetrics l : ls) l.storageRetried();
      }

      @Override
      public void storageGaveUp() {
        for (ChatMetrics l : ls) l.storageGaveUp();
      }
    };
  }
}
