package dev.glasscart.ranking;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.glasscart.query.Language;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

final class ContributionTest {

  @Test
  void should_word_a_ranked_label_once_when_first_read_and_equal_the_same_contribution_given_in_words() {
    // Given a contribution whose label is worded on demand, counting the wordings
    AtomicInteger wordings = new AtomicInteger();
    Contribution worded = Contribution.worded("rating",
        language -> (language == Language.ZH ? "评分4." : "rated 4.") + wordings.incrementAndGet(), 0.25, 4.1);

    // Then nothing is worded before the label is read, value and raw value are there at once
    assertEquals(0, wordings.get());
    assertEquals(0.25, worded.value());
    assertEquals(4.1, worded.raw());
    // When it is read twice, it is worded once
    assertEquals("rated 4.1", worded.label());
    assertEquals("rated 4.1", worded.label());
    assertEquals(1, wordings.get());
    // and it equals (and hashes as) the same contribution given in words
    Contribution given = new Contribution("rating", "rated 4.1", 0.25, 4.1);
    assertEquals(given, worded);
    assertEquals(given.hashCode(), worded.hashCode());
    assertEquals(given.toString(), worded.toString());
    // and its Chinese label is worded once too, on its own first read
    assertEquals("评分4.2", worded.label(Language.ZH));
    assertEquals("评分4.2", worded.label(Language.ZH));
    assertEquals("rated 4.1", worded.label(Language.EN));
    assertEquals(2, wordings.get());
  }
}
