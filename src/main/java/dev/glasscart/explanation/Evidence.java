package dev.glasscart.explanation;

import dev.glasscart.query.Understanding;
import dev.glasscart.ranking.RankedProduct;
import java.util.List;

/**
 * All an explainer may talk about for one turn: what the shopper said, how it was understood, the
 * products shown (with their contributions) and notes the pipeline wants said (for example a
 * relaxation offer when nothing fits). Nothing outside this record may reach the shopper.
 */
public record Evidence(String userText, Understanding understanding, List<RankedProduct> shown, List<String> notes) {

  public Evidence {
    shown = List.copyOf(shown);
    notes = List.copyOf(notes);
  }
}
