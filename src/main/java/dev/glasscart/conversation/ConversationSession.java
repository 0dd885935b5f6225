package dev.glasscart.conversation;

import dev.glasscart.profile.LiveProfile;

/**
 * One conversation's live state: its id, the dialogue state and the turn counter. Guarded by its
 * own monitor: {@code ConversationService} synchronizes on the session while it runs a turn, so
 * two sockets on the same conversation cannot interleave turns.
 */
public final class ConversationSession {
  private final String id;
  private final DialogueState state;
  private int lastTurn;
  /** The shopper's profile, shared with their other open conversations; anonymous until bound. */
  private volatile LiveProfile profile = LiveProfile.anonymous();

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

  private volatile boolean erased;

  /** The conversation was deleted from storage: it is never stored again. */
  public void erase() {
    erased = true;
  }

  public boolean erased() {
    return erased;
  }

  /** The profile this conversation learns into and ranks with. */
  public LiveProfile profile() {
    return profile;
  }

  /** Binds the conversation to its shopper's profile. */
  public void profile(LiveProfile shared) {
    this.profile = java.util.Objects.requireNonNull(shared, "profile");
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

  synchronized void restoredTurn(int turn) {
    lastTurn = Math.max(lastTurn, turn);
  }
}
