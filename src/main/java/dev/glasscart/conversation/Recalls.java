package dev.glasscart.conversation;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;

/**
 * The conversations' last retrievals ({@link ConversationSession.Recall}), kept for their next
 * turns within one bound on the candidates all of them hold: beyond it the least recently used
 * are dropped, and that conversation's next turn simply retrieves again (retrieval is reused only
 * when source, catalog, query and depth are the same, so the answer is the same either way). Held
 * per session, the recalls of every conversation kept in memory (up to 10,000, 200 candidates each
 * with their signal maps) were most of a long-running server's live heap: 738,527 candidates in a
 * class histogram after a few minutes of the load bench, and the old generation's full collections
 * then paused the server for seconds. Keys are held weakly (by identity): a conversation dropped
 * from memory takes its recall with it.
 *
 * <p>Thread-safe; no caller waits on a lock (Caffeine), so event loops may use it.
 */
final class Recalls {
  /** Candidates kept for all conversations together: a thousand conversations at full depth. */
  static final long MAX_CANDIDATES = 200_000;

  private final Cache<ConversationSession, ConversationSession.Recall> kept;

  Recalls() {
    this(MAX_CANDIDATES);
  }

  Recalls(long maxCandidates) {
    kept = Caffeine.newBuilder().weakKeys().maximumWeight(maxCandidates)
        .weigher((ConversationSession s, ConversationSession.Recall r) -> r.candidates().size() + 1).build();
  }

  /** {@code session}'s last retrieval, or null (none yet, or dropped). */
  ConversationSession.Recall of(ConversationSession session) {
    return kept.getIfPresent(session);
  }

  /** Keeps {@code recall} as {@code session}'s last retrieval; null forgets it. */
  void keep(ConversationSession session, ConversationSession.Recall recall) {
    if (recall == null) {
      kept.invalidate(session);
    } else {
      kept.put(session, recall);
    }
  }

  /** Candidates held now, after pending evictions (tests). */
  long candidatesHeld() {
    kept.cleanUp();
    return kept.policy().eviction().map(e -> e.weightedSize().orElse(0L)).orElse(0L);
  }
}
