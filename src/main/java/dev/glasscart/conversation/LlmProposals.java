package dev.glasscart.conversation;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.glasscart.conversation.CatalogVocabulary.TermKind;
import dev.glasscart.query.Constraint;
import dev.glasscart.query.Constraint.Kind;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * Merges constraints an LLM proposed for one message with the rule-based reading of it. The
 * proposal is JSON: an array of {@code {"kind","field","value"}} objects, or an object with such
 * an array under {@code constraints}. Each proposal is checked before it is trusted: brands,
 * categories and attribute values must exist in the {@link CatalogVocabulary} (and take the
 * catalog's spelling), numbers must parse and lie in range (prices >= 0, ratings 0..5), sorts
 * must name a {@link Constraint.Sort}. The rules win on conflicts: a proposal of a single-valued
 * kind (price bounds, rating, sort, stock) the rules already read is dropped, as is a
 * duplicate. Malformed JSON drops every proposal and leaves the rule reading as it was.
 *
 * <p>A pure function: stateless, thread-safe, never blocks.
 */
public final class LlmProposals {
  private static final ObjectMapper JSON = new ObjectMapper();

  /** The merged constraints, and why each dropped proposal was dropped. */
  public record Merged(List<Constraint> constraints, List<String> rejected) {
    public Merged {
      constraints = List.copyOf(constraints);
      rejected = List.copyOf(rejected);
    }
  }

  private LlmProposals() {}

  public static Merged merge(List<Constraint> rules, String proposalsJson, CatalogVocabulary vocabulary, int turn) {
    List<Constraint> out = new ArrayList<>(rules);
    List<String> rejected = new ArrayList<>();
    JsonNode root;
    try {
      root = proposalsJson == null || proposalsJson.isBlank() ? null : JSON.readTree(proposalsJson);
    } catch (JsonProcessingException e) {
      return new Merged(rules, List.of("malformed proposal JSON: " + e.getOriginalMessage()));
    }
    if (root != null && root.isObject()) root = root.get("constraints");
    if (root == null || !root.isArray()) {
      return new Merged(rules, proposalsJson == null ? List.of() : List.of("proposal is not a list of constraints"));
    }
    for (JsonNode n : root) {
      String kindText = text(n, "kind").toUpperCase(Locale.ROOT);
      Kind kind;
      try {
        kind = Kind.valueOf(kindText);
      } catch (IllegalArgumentException e) {
        rejected.add("unknown kind: " + n);
        continue;
      }
      Optional<Constraint> c = validate(kind, text(n, "field"), text(n, "value"), vocabulary, turn);
      if (c.isEmpty()) {
        rejected.add("not in the catalog or out of range: " + n);
      } else if (out.stream().anyMatch(x -> DialogueState.same(x, c.get()))) {
        rejected.add("duplicate of the rules: " + n);
      } else if (kind.singleValued() && out.stream().anyMatch(x -> x.kind() == kind)) {
        rejected.add("the rules already read a " + kind + ": " + n);
      } else {
        out.add(c.get());
      }
    }
    return new Merged(out, rejected);
  }

  private static Optional<Constraint> validate(Kind kind, String field, String value, CatalogVocabulary vocab, int turn) {
    return switch (kind) {
      case PRICE_MAX, PRICE_MIN -> number(value).filter(v -> v >= 0 && v < 1e9).map(v -> Constraint.of(kind, PhraseRules.format(v), turn));
      case RATING_MIN -> number(value).filter(v -> v >= 0 && v <= 5).map(v -> Constraint.of(kind, PhraseRules.format(v), turn));
      case IN_STOCK -> Optional.of(Constraint.of(kind, "true", turn));
      case SORT -> sort(value).map(s -> Constraint.of(kind, s.name(), turn));
      case BRAND, NOT_BRAND -> vocab.lookup(TermKind.BRAND, "", value).map(t -> Constraint.of(kind, t.value(), turn));
      case CATEGORY, NOT_CATEGORY -> vocab.lookup(TermKind.CATEGORY, "", value).map(t -> Constraint.of(kind, t.value(), turn));
      case ATTRIBUTE, NOT_ATTRIBUTE -> (field.equalsIgnoreCase("tag") ? vocab.lookup(TermKind.TAG, "tag", value)
          : vocab.lookup(TermKind.ATTRIBUTE, field, value)).map(t -> new Constraint(kind, t.field(), t.value(), turn));
    };
  }

  private static String text(JsonNode n, String name) {
    JsonNode v = n == null || !n.isObject() ? null : n.get(name);
    return v == null || v.isNull() || v.isContainerNode() ? "" : v.asText().trim();
  }

  private static Optional<Double> number(String s) {
    try {
      double v = Double.parseDouble(s.replaceAll("[$€£,\\s]", ""));
      return Double.isFinite(v) ? Optional.of(v) : Optional.empty();
    } catch (NumberFormatException e) {
      return Optional.empty();
    }
  }

  private static Optional<Constraint.Sort> sort(String s) {
    try {
      return Optional.of(Constraint.Sort.valueOf(s.toUpperCase(Locale.ROOT).replace(' ', '_')));
    } catch (IllegalArgumentException e) {
      return Optional.empty();
    }
  }
}
