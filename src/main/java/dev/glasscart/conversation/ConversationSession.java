package dev.glasscart.conversation;

import dev.glasscart.retrieval.Candidate;
import dev.glasscart.retrieval.Retriever;
import java.util.List;

/**
 * One conversation's live state: its id, the dialogue state and the turn counter. Guarded by its
 * own monitor: {@code ConversationService} synchronizes on the session while it runs a turn, so
 * two sockets on the same conversation cannot interleave turns.
 */
public final class ConversationSession {
  private final String id;
  private final DialogueState state;
  private int lastTurn;
  /** The last retrieval of this conversation's turns (read and written under the session's monitor). */
  private Recall recall;

  /** Candidates {@code source} retrieved for {@code query} at depth {@code k}. */
  record Recall(Retriever source, String query, int k, List<Candidate> candidates) {}

  ConversationSession(String id, DialogueState state, int lastTurn) {
    this.id = id;
    this.state = state;
    this.lastTurn = lastTurn;
  }

  public String id() {
    return id;
  }

  DialogueState state() {
    return state;
  }

  /** The number of the last turn started (0 before the first). */
  public synchronized int lastTurn() {
    return lastTurn;
  }

  /** Reserves the next turn number. */
  public synchronized int nextTurn() {
    return ++lastTurn;
  }

  /** Gives back a turn that failed before anything was shown, so numbering has no gaps. */
  public synchronized void abandonTurn(int turn) {
    if (turn == lastTurn) lastTurn--;
  }

  /** The last retrieval kept by {@link #remember}, or null. */
  synchronized Recall recall() {
    return recall;
  }

  synchronized void remember(Recall r) {
    recall = r;
  }

  synchronized void restoredTurn(int turn) {
    lastTurn = Math.max(lastTurn, turn);
  }
}
