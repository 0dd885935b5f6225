package dev.glasscart.replay;

import java.util.List;
import java.util.Objects;

/**
 * The outcome of one replayed turn.
 *
 * @param transcript the transcript's name
 * @param turn 1-based turn number within the transcript
 * @param user the shopper message sent
 * @param failures reasons the turn failed; empty when it passed
 * @param millis wall time from sending the message to the turn's last event
 * @param events what the server sent for the turn (empty when the turn was not run)
 */
public record TurnVerdict(String transcript, int turn, String user, List<String> failures, long millis, TurnEvents events) {
  public TurnVerdict {
    Objects.requireNonNull(transcript, "transcript");
    failures = List.copyOf(failures);
    if (turn < 1) throw new IllegalArgumentException("illegal turn: " + turn + ", must be at least 1");
    if (millis < 0) throw new IllegalArgumentException("illegal millis: " + millis + ", must be at least 0");
  }

  public boolean passed() {
    return failures.isEmpty();
  }

  /** The console line: {@code PASS name turn 2: "text" (...)} or {@code FAIL name turn 2 "text": reasons}. */
  public String line() {
    String quoted = "\"" + TextMatch.abbreviate(user) + "\"";
    if (passed()) return "PASS " + transcript + " turn " + turn + ": " + quoted + " (" + events.items().size() + " results, " + millis + " ms)";
    return "FAIL " + transcript + " turn " + turn + " " + quoted + ": " + String.join("; ", failures);
  }
}
