package dev.glasscart.replay;

import java.nio.file.Path;
import java.util.List;
import java.util.Objects;

/**
 * One QA conversation: shopper turns played in order on one connection.
 *
 * @param name the transcript's name (defaults to the file name without {@code .json})
 * @param source the file it was read from
 * @param turns at least one turn
 */
public record Transcript(String name, Path source, List<Turn> turns) {
  /**
   * One shopper message and what its answer must satisfy.
   *
   * @param user the message text, 1..2000 characters
   * @param expectations the checks, possibly none (the turn then only has to complete)
   */
  public record Turn(String user, List<Expectation> expectations) {
    public Turn {
      Objects.requireNonNull(user, "user");
      expectations = List.copyOf(expectations);
    }
  }

  public Transcript {
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(source, "source");
    turns = List.copyOf(turns);
    if (turns.isEmpty()) throw new IllegalArgumentException("transcript " + source + " has no turns, must have at least one");
  }
}
