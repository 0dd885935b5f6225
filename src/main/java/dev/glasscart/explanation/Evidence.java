package dev.glasscart.explanation;

import dev.glasscart.catalog.graph.Edge;
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
 * shop's categories to offer; {@code related}: product-graph edges to shown products, each with its
 * reason (a RELATED turn's, or "goes with" a product the shopper looked at), with {@code anchors} the
 * products they start from; for "what do you know about me?" the shopper's {@code profile}. Nothing
 * outside this record may reach the shopper.
 */
public record Evidence(String userText, Understanding understanding, List<RankedProduct> shown, List<String> notes,
    Answer answer, List<String> categories, List<Edge> related, List<dev.glasscart.catalog.Product> anchors,
    ShopperProfile profile) {

  public Evidence {
    shown = List.copyOf(shown);
    notes = List.copyOf(notes);
    categories = List.copyOf(categories);
    related = related == null ? List.of() : List.copyOf(related);
    anchors = anchors == null ? List.of() : List.copyOf(anchors);
    profile = profile == null ? ShopperProfile.EMPTY : profile;
  }

  /** Evidence without product-graph edges or the shopper's profile. */
  public Evidence(String userText, Understanding understanding, List<RankedProduct> shown, List<String> notes,
      Answer answer, List<String> categories) {
    this(userText, understanding, shown, notes, answer, categories, List.of(), List.of(), ShopperProfile.EMPTY);
  }

  /** Evidence with product-graph edges, without the shopper's profile (every turn but "what do you know about me?"). */
  public Evidence(String userText, Understanding understanding, List<RankedProduct> shown, List<String> notes,
      Answer answer, List<String> categories, List<Edge> related, List<dev.glasscart.catalog.Product> anchors) {
    this(userText, understanding, shown, notes, answer, categories, related, anchors, ShopperProfile.EMPTY);
  }

  /** Evidence of "what do you know about me?": the shopper's {@code profile}, no edges. */
  public Evidence(String userText, Understanding understanding, List<RankedProduct> shown, List<String> notes,
      Answer answer, List<String> categories, ShopperProfile profile) {
    this(userText, understanding, shown, notes, answer, categories, List.of(), List.of(), profile);
  }

  /** The edges to shown product {@code productId}. */
  public List<Edge> relatedTo(String productId) {
    return related.stream().filter(e -> e.to().equals(productId)).toList();
  }

  /** The anchor product an edge starts from, if it is among the anchors. */
  public Optional<dev.glasscart.catalog.Product> anchor(String productId) {
    return anchors.stream().filter(p -> p.id().equals(productId)).findFirst();
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
