package dev.glasscart.conversation;

import dev.glasscart.catalog.Catalog;
import dev.glasscart.profile.LiveProfile;
import dev.glasscart.retrieval.Candidate;
import dev.glasscart.retrieval.Retriever;
import java.util.List;

/**
 * One conversation's live state: its id, the dialogue state as the last finished turn left it,
 * and the turn counter.
 *
 * <p>Not thread-safe and never locked: the owner confines a session to one thread at a time (the
 * server: to the event-loop context that opened it) and runs its turns one after another. A turn
 * works on a {@link Draft}, a private copy of the dialogue state that a worker may change freely
 * while the owner keeps serving; {@link #commit} then makes what the turn left the session's state.
 * A turn that fails is simply not committed: the state stays as it was.
 */
public final class ConversationSession {
  private final String id;
  private DialogueState state;
  private int lastTurn;
  /** The shopper's profile, shared with their other open conversations; anonymous until bound. */
  private volatile LiveProfile profile = LiveProfile.anonymous();
  /**
   * Where the last retrieval the committed turns made is kept (a draft starts from it and a commit
   * keeps the draft's), within a bound shared by all conversations: it may be gone at any time.
   */
  private final Recalls recalls;

  /** Candidates {@code source} retrieved for {@code query} at depth {@code k} while {@code catalog} was the live one. */
  record Recall(Retriever source, Catalog catalog, String query, int k, List<Candidate> candidates) {}

  ConversationSession(String id, DialogueState state, int lastTurn, Recalls recalls) {
    this.id = id;
    this.state = state;
    this.lastTurn = lastTurn;
    this.recalls = recalls;
  }

  /** A turn in preparation: its number, its own copy of the dialogue state and the last retrieval it may reuse. */
  public static final class Draft {
    private final ConversationSession session;
    private final int turn;
    private final DialogueState base;
    private final DialogueState state;
    private Recall recall;

    private Draft(ConversationSession session, int turn, DialogueState base, Recall recall) {
      this.session = session;
      this.turn = turn;
      this.base = base;
      this.state = base.copy();
      this.recall = recall;
    }

    public int turn() {
      return turn;
    }

    DialogueState state() {
      return state;
    }

    /** The shopper's profile the turn learns into and ranks with (shared, thread-safe: not copied). */
    LiveProfile profile() {
      return session.profile;
    }

    /** The last retrieval this conversation made (by an earlier committed turn or this one), or null. */
    Recall recall() {
      return recall;
    }

    /** Keeps {@code r} as the last retrieval; the session takes it when the draft is committed. */
    void remember(Recall r) {
      recall = r;
    }
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
  public int lastTurn() {
    return lastTurn;
  }

  /** Reserves the next turn number. */
  public int nextTurn() {
    return ++lastTurn;
  }

  /** Gives back a turn that failed before anything was shown, so numbering has no gaps. */
  public void abandonTurn(int turn) {
    if (turn == lastTurn) lastTurn--;
  }

  /** A private copy of the current dialogue state for turn {@code turn} to work on. */
  public Draft draft(int turn) {
    return new Draft(this, turn, state, recalls.of(this));
  }

  /**
   * Makes what {@code draft}'s turn left the conversation's state. Fails when another turn was
   * committed since the draft was taken: a session's turns must run one after another.
   */
  public void commit(Draft draft) {
    if (draft.session != this) throw new IllegalArgumentException("a draft of another conversation");
    if (draft.base != state) throw new IllegalStateException("turn " + draft.turn + " was drafted before another turn finished");
    state = draft.state;
    recalls.keep(this, draft.recall);
  }

  /**
   * Takes the state and turn number of {@code restored} (the same conversation rebuilt from
   * storage, where another node advanced it): the next turn continues from there. Call it between
   * turns (no draft of this session outstanding: its commit would then fail).
   */
  public void adopt(ConversationSession restored) {
    if (!restored.id.equals(id)) throw new IllegalArgumentException("a session of another conversation");
    state = restored.state;
    lastTurn = restored.lastTurn;
    recalls.keep(this, null);
  }

  void restoredTurn(int turn) {
    lastTurn = Math.max(lastTurn, turn);
  }
}
