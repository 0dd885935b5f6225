package dev.glasscart.query;

import dev.glasscart.catalog.graph.Relation;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * The whole current reading of the conversation after one shopper message: the free-text query
 * to retrieve with, every constraint in force (each with the turn it came from), the intent, the
 * products the message refers to (ids, for WHY / WHY_NOT / COMPARE / QUESTION), the page
 * (0-based), and for a {@link Intent#QUESTION} what is asked, for a {@link Intent#CHAT} what kind
 * of talk it is, for a {@link Intent#RELATED} which relation of the product graph is asked for.
 */
public record Understanding(
    String query, List<Constraint> constraints, Intent intent, List<String> referencedProductIds, int page,
    Question question, Chat chat, Relation related) {

  public Understanding {
    Objects.requireNonNull(intent, "intent");
    constraints = List.copyOf(constraints);
    referencedProductIds = List.copyOf(referencedProductIds);
    if (intent == Intent.QUESTION && question == null) throw new IllegalArgumentException("a QUESTION needs its question");
    if (intent == Intent.CHAT && chat == null) throw new IllegalArgumentException("a CHAT needs its kind");
    if (intent == Intent.RELATED && related == null) throw new IllegalArgumentException("a RELATED needs its relation");
  }

  /** A reading that asks for no relation: every intent but RELATED. */
  public Understanding(String query, List<Constraint> constraints, Intent intent, List<String> referencedProductIds, int page,
      Question question, Chat chat) {
    this(query, constraints, intent, referencedProductIds, page, question, chat, null);
  }

  /** A reading with neither question nor chat kind: SEARCH, MORE, WHY, WHY_NOT, COMPARE. */
  public Understanding(String query, List<Constraint> constraints, Intent intent, List<String> referencedProductIds, int page) {
    this(query, constraints, intent, referencedProductIds, page, null, null);
  }

  public static Understanding search(String query, List<Constraint> constraints) {
    return new Understanding(query, constraints, Intent.SEARCH, List.of(), 0);
  }

  /** What a {@link Intent#QUESTION} asks; empty for other intents. */
  public Optional<Question> asked() {
    return Optional.ofNullable(question);
  }

  /** The same reading as a different intent (the query, constraints and page stay). */
  public Understanding as(Intent newIntent, List<String> references, Question newQuestion, Chat newChat) {
    return new Understanding(query, constraints, newIntent, references, page, newQuestion, newChat, null);
  }
}
