package dev.glasscart.conversation;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.glasscart.catalog.Catalog;
import dev.glasscart.retrieval.Candidate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The conversations' last retrievals are kept within one bound on the candidates they hold. */
final class RecallsTest {

  private static ConversationSession.Recall recall(int candidates) {
    List<Candidate> found = new ArrayList<>();
    for (int i = 0; i < candidates; i++) found.add(new Candidate("p" + i, 1.0 / (i + 1), Map.of("bm25", 1.0), Map.of()));
    return new ConversationSession.Recall(null, new Catalog(List.of()), "query", candidates, found);
  }

  @Test
  void should_keep_recalls_within_the_bound_on_candidates_and_forget_on_request() {
    // Given a bound of 1,000 candidates and 30 conversations retrieving 99 each
    Recalls recalls = new Recalls(1_000);
    List<ConversationSession> sessions = new ArrayList<>();
    for (int i = 0; i < 30; i++) {
      ConversationSession s = new ConversationSession("c" + i, new DialogueState(), 0, recalls);
      sessions.add(s);
      recalls.keep(s, recall(99));
    }
    // Then no more than the bound is held (each recall weighs its candidates plus one), some are kept
    long held = recalls.candidatesHeld();
    assertTrue(held <= 1_000 && held >= 100, "held " + held);
    long kept = sessions.stream().filter(s -> recalls.of(s) != null).count();
    assertEquals(held / 100, kept);

    // and a conversation's own recall is what it kept, until forgotten
    ConversationSession one = new ConversationSession("one", new DialogueState(), 0, new Recalls(1_000));
    Recalls own = new Recalls(1_000);
    ConversationSession.Recall r = recall(10);
    own.keep(one, r);
    assertSame(r, own.of(one));
    own.keep(one, null);
    assertNull(own.of(one));
  }

  @Test
  void should_draft_from_the_kept_recall_and_commit_the_drafts() {
    Recalls recalls = new Recalls(1_000);
    ConversationSession s = new ConversationSession("s", new DialogueState(), 0, recalls);
    assertNull(s.draft(1).recall());
    ConversationSession.Draft d = s.draft(s.nextTurn());
    ConversationSession.Recall r = recall(5);
    d.remember(r);
    s.commit(d);
    assertSame(r, recalls.of(s));
    assertSame(r, s.draft(s.nextTurn()).recall());
  }
}
