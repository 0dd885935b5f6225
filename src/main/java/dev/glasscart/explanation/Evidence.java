package dev.glasscart.explanation;

import dev.glasscart.profile.ShopperProfile;
import dev.glasscart.query.Understanding;
import dev.glasscart.ranking.RankedProduct;
import java.util.List;
import java.util.Optional;

/**
 * All an explainer may talk about for one turn: what the shopper said, how it was understood, the
 * products shown (with their contributions), notes the pipeline wants said (for example a
 * relaxation offer when nothing fits) and, for a question about the shown products, the facts
 * that answer it; for a greeting or a request for help, {@code categories} are some of the
 * shop's categories to offer; for "what do you know about me?" the shopper's {@code profile}. Nothing outside this record may reach the shopper.
 */
public record Evidence(String userText, Understanding understanding, List<RankedProduct> shown, List<String> notes,
    Answer answer, List<String> categories, ShopperProfile profile) {

  public Evidence {
    shown = List.copyOf(shown);
    notes = List.copyOf(notes);
    categories = List.copyOf(categories);
    profile = profile == null ? ShopperProfile.EMPTY : profile;
  }

  /** Evidence without the shopper's profile (every turn but "what do you know about me?"). */
  public Evidence(String userText, Understanding understanding, List<RankedProduct> shown, List<String> notes,
      Answer answer, List<String> categories) {
    this(userText, understanding, shown, notes, answer, categories, ShopperProfile.EMPTY);
  }

  /** Evidence without an answer or categories: searches, why, why not, compare. */
  public Evidence(String userText, Understanding understanding, List<RankedProduct> shown, List<String> notes) {
    this(userText, understanding, shown, notes, null, List.of());
  }

  /** The answer to a {@code QUESTION}; empty for other intents. */
  public Optional<Answer> answered() {
    return Optional.ofNullable(answer);
  }
}
