package dev.glasscart.conversation;

import dev.glasscart.query.Language;

import dev.glasscart.catalog.Product;
import dev.glasscart.query.Constraint;
import dev.glasscart.query.Constraint.Kind;
import dev.glasscart.query.Intent;
import dev.glasscart.query.Question;
import dev.glasscart.query.Understanding;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * The running reading of one conversation: the query, every constraint in force (each tagged with
 * the turn that stated it), the products shown last turn and the page. The query keeps its latest
 * {@value #MAX_QUERY_WORDS} words.
 *
 * <p>One instance per conversation. Mutable and <b>not thread-safe</b>: the owner must confine it
 * to one thread at a time (e.g. handle a conversation's turns one after another). Never blocks.
 *
 * <p>Context rules applied by {@link #refine}: a refinement keeps earlier constraints; a new
 * brand (or category, or attribute value of the same key) include replaces the earlier turns'
 * includes of that kind, while several includes from one message are alternatives ("Nike or
 * Adidas"); a new cap replaces the old cap (and a floor above it), a new floor the old floor;
 * a negation removes the matching include and vice versa; a message about a different category
 * (or whose product nouns never occur in the current topic's categories) starts fresh.
 * "cheaper" caps the price just below the <em>first</em> product shown (the one the answer led
 * with: "a cheaper one" than what was recommended, not than every product on the page, which
 * may have included a cheap outlier); "more expensive" / "more premium" sets the floor just above
 * it (dropping a cap below it); "cheaper than the second one" measures against the named
 * product(s); an amount stated in the same message ("pricier, over $100") wins. With nothing
 * shown they move an existing bound by 20%, or sort by price when there is none.
 */
public final class DialogueState {

  /** What the caller showed for one product last turn (the title, to name it should it leave the catalog). */
  public record ShownProduct(String id, double price, String brand, String category, String title) {}

  /** One message's own reading before context is applied (package-private plumbing). */
  record Reading(List<Constraint> constraints, PhraseRules.Relative relative, List<String> anchorIds, String query,
      Set<String> nounCategories, boolean reset) {}

  static final double RELATIVE_STEP = 0.20;
  /** Words the running query keeps at most (the latest); retrieval searches the same number of terms. */
  static final int MAX_QUERY_WORDS = 64;

  private String query = "";
  private final List<Constraint> constraints = new ArrayList<>();
  private final List<ShownProduct> shown = new ArrayList<>();
  private final Set<String> topicCategories = new LinkedHashSet<>();
  private List<String> lastReferenced = List.of();
  /** Products the shopper looked at (asked why, asked about, asked for related ones), newest first. */
  private final java.util.LinkedList<String> lookedAt = new java.util.LinkedList<>();
  static final int LOOKED_AT = 5;
  private Question lastQuestion;
  private int page;
  /** The language of the shopper's latest message: what a turn without one (a chip removed) answers in. */
  private Language language = Language.EN;

  /**
   * What is stored of a state (with the turn that left it, so any node can resume from that turn
   * alone): every field, as plain data.
   */
  record Stored(String query, List<Constraint> constraints, List<ShownProduct> shown, List<String> topicCategories,
      List<String> lastReferenced, List<String> lookedAt, Question lastQuestion, int page, Language language) {}

  private static final com.fasterxml.jackson.databind.ObjectMapper JSON = new com.fasterxml.jackson.databind.ObjectMapper()
      .configure(com.fasterxml.jackson.databind.DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES, false);

  /** This state as JSON text, to store with the turn that left it; {@link #fromJson} reads it back. */
  public String toJson() {
    try {
      return JSON.writeValueAsString(new Stored(query, List.copyOf(constraints), List.copyOf(shown),
          List.copyOf(topicCategories), lastReferenced, List.copyOf(lookedAt), lastQuestion, page, language));
    } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
      throw new IllegalStateException("cannot write the dialogue state: " + e.getMessage(), e);
    }
  }

  /** The state {@link #toJson} wrote; fails with IllegalArgumentException on text it did not write. */
  public static DialogueState fromJson(String json) {
    Stored s;
    try {
      s = JSON.readValue(json, Stored.class);
    } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
      throw new IllegalArgumentException("not a stored dialogue state: " + e.getOriginalMessage(), e);
    }
    DialogueState d = new DialogueState();
    d.query = s.query() == null ? "" : s.query();
    if (s.constraints() != null) d.constraints.addAll(s.constraints());
    if (s.shown() != null) d.shown.addAll(s.shown());
    if (s.topicCategories() != null) d.topicCategories.addAll(s.topicCategories());
    d.lastReferenced = s.lastReferenced() == null ? List.of() : List.copyOf(s.lastReferenced());
    if (s.lookedAt() != null) d.lookedAt.addAll(s.lookedAt());
    d.lastQuestion = s.lastQuestion();
    d.page = s.page();
    d.language = s.language() == null ? Language.EN : s.language();
    return d;
  }

  /** A copy to work on: changing it leaves this one as it is (and the other way round). */
  DialogueState copy() {
    DialogueState c = new DialogueState();
    c.query = query;
    c.constraints.addAll(constraints);
    c.shown.addAll(shown);
    c.topicCategories.addAll(topicCategories);
    c.lastReferenced = lastReferenced;
    c.lookedAt.addAll(lookedAt);
    c.lastQuestion = lastQuestion;
    c.page = page;
    c.language = language;
    return c;
  }

  Language language() {
    return language;
  }

  void language(Language l) {
    language = java.util.Objects.requireNonNull(l, "language");
  }

  public String query() {
    return query;
  }

  /** Constraints in force, in the order they were stated. */
  public List<Constraint> constraints() {
    return Collections.unmodifiableList(constraints);
  }

  public int page() {
    return page;
  }

  /** The products shown last turn, in rank order. */
  public List<ShownProduct> shown() {
    return Collections.unmodifiableList(shown);
  }

  /** Records what the caller showed this turn (after ranking, filtering and paging). */
  public void shown(List<Product> products) {
    shown.clear();
    for (Product p : products) shown.add(new ShownProduct(p.id(), p.price(), p.brand(), p.category(), p.title()));
  }

  /**
   * Drops the constraint equal to {@code c} in kind, field and value (case-insensitive, numbers
   * compared as numbers; the turn is ignored), as for a client's {@code remove_constraint}.
   *
   * @return whether a constraint was removed
   */
  public boolean remove(Constraint c) {
    boolean removed = constraints.removeIf(x -> same(x, c));
    if (removed) page = 0;
    return removed;
  }

  /** The current reading as a SEARCH understanding at the current page. */
  public Understanding understanding() {
    return new Understanding(query, constraints, Intent.SEARCH, List.of(), page);
  }

  /** The products the shopper looked at, newest first (at most {@link #LOOKED_AT}). */
  List<String> lookedAt() {
    return List.copyOf(lookedAt);
  }

  void lookedAt(List<String> ids) {
    for (int i = ids.size() - 1; i >= 0; i--) {
      lookedAt.remove(ids.get(i));
      lookedAt.addFirst(ids.get(i));
    }
    while (lookedAt.size() > LOOKED_AT) lookedAt.removeLast();
  }

  List<String> lastReferenced() {
    return lastReferenced;
  }

  void lastReferenced(List<String> ids) {
    lastReferenced = List.copyOf(ids);
  }

  /** The question of the last turn when it was one ("and the Velo one?" asks it again), else null. */
  Question lastQuestion() {
    return lastQuestion;
  }

  void lastQuestion(Question q) {
    lastQuestion = q;
  }

  void nextPage() {
    page++;
  }

  Set<String> topicCategories() {
    return Collections.unmodifiableSet(topicCategories);
  }

  /** Applies one message's reading with the context rules above. */
  void refine(Reading r, int turn) {
    page = 0;
    if (isNewTopic(r)) {
      constraints.clear();
      topicCategories.clear();
      query = latestWords(r.query());
      r.constraints().forEach(this::put);
      topicCategories.addAll(categoriesOf(r));
      return;
    }
    if (topicCategories.isEmpty()) topicCategories.addAll(categoriesOf(r));
    boolean brandSeen = false;
    boolean categorySeen = false;
    Set<String> attributeKeysSeen = new LinkedHashSet<>();
    for (Constraint c : r.constraints()) {
      switch (c.kind()) {
        case BRAND -> {
          if (!brandSeen) constraints.removeIf(x -> x.kind() == Kind.BRAND);
          brandSeen = true;
        }
        case CATEGORY -> {
          if (!categorySeen) constraints.removeIf(x -> x.kind() == Kind.CATEGORY);
          categorySeen = true;
        }
        case ATTRIBUTE -> {
          if (attributeKeysSeen.add(c.field())) constraints.removeIf(x -> x.kind() == Kind.ATTRIBUTE && x.field().equals(c.field()));
        }
        default -> { }
      }
      put(c);
    }
    // "pricier, over $100": the amount the shopper named wins over the relative word
    boolean statedBound = r.constraints().stream().anyMatch(c -> c.kind() == Kind.PRICE_MAX || c.kind() == Kind.PRICE_MIN);
    if (!statedBound) applyRelative(r.relative(), r.anchorIds(), turn);
    for (String w : r.query().split(" ")) {
      if (!w.isBlank() && !(" " + query + " ").contains(" " + w + " ")) query = (query + " " + w).trim();
    }
    query = latestWords(query);
  }

  /**
   * The topic's last {@value #MAX_QUERY_WORDS} words: the query is what retrieval searches, and a
   * topic that grew over long messages must neither slow every later turn nor outweigh the words
   * the shopper said last.
   */
  private static String latestWords(String text) {
    String[] words = text.strip().split(" +");
    if (words.length <= MAX_QUERY_WORDS) return text;
    return String.join(" ", Arrays.copyOfRange(words, words.length - MAX_QUERY_WORDS, words.length));
  }

  private boolean isNewTopic(Reading r) {
    if (r.reset() || (constraints.isEmpty() && query.isBlank())) return true;
    Set<String> newCats = categories(r.constraints());
    Set<String> current = categories(constraints);
    if (!newCats.isEmpty()) {
      if (!current.isEmpty()) return !current.equals(newCats) && !current.containsAll(newCats);
      return !topicCategories.isEmpty() && Collections.disjoint(newCats, topicCategories);
    }
    return !r.nounCategories().isEmpty() && !topicCategories.isEmpty() && Collections.disjoint(r.nounCategories(), topicCategories);
  }

  private static Set<String> categoriesOf(Reading r) {
    Set<String> cats = categories(r.constraints());
    return cats.isEmpty() ? r.nounCategories() : cats;
  }

  /** The values of the CATEGORY constraints among {@code cs}, in order. */
  private static Set<String> categories(List<Constraint> cs) {
    Set<String> cats = new LinkedHashSet<>();
    for (Constraint c : cs) if (c.kind() == Kind.CATEGORY) cats.add(c.value());
    return cats;
  }

  /** Adds {@code c}, first removing what it replaces or contradicts. */
  private void put(Constraint c) {
    if (c.kind().singleValued()) constraints.removeIf(x -> x.kind() == c.kind());
    switch (c.kind()) {
      case PRICE_MAX -> constraints.removeIf(x -> x.kind() == Kind.PRICE_MIN && x.number() > c.number());
      case PRICE_MIN -> constraints.removeIf(x -> x.kind() == Kind.PRICE_MAX && x.number() < c.number());
      case RATING_MIN, SORT, IN_STOCK -> { } // replaced above
      case BRAND -> constraints.removeIf(x -> x.kind() == Kind.NOT_BRAND && sameValue(x, c));
      case NOT_BRAND -> constraints.removeIf(x -> x.kind() == Kind.BRAND && sameValue(x, c));
      case CATEGORY -> constraints.removeIf(x -> x.kind() == Kind.NOT_CATEGORY && sameValue(x, c));
      case NOT_CATEGORY -> constraints.removeIf(x -> x.kind() == Kind.CATEGORY && sameValue(x, c));
      case ATTRIBUTE -> constraints.removeIf(x -> x.kind() == Kind.NOT_ATTRIBUTE && sameValue(x, c));
      case NOT_ATTRIBUTE -> constraints.removeIf(x -> x.kind() == Kind.ATTRIBUTE && sameValue(x, c));
    }
    if (constraints.stream().noneMatch(x -> same(x, c))) constraints.add(c);
  }

  private void applyRelative(PhraseRules.Relative rel, List<String> anchorIds, int turn) {
    if (rel == PhraseRules.Relative.NONE) return;
    boolean cheaper = rel == PhraseRules.Relative.CHEAPER;
    Constraint cap = find(Kind.PRICE_MAX);
    Constraint floor = find(Kind.PRICE_MIN);
    List<ShownProduct> anchors = shown.stream().filter(p -> anchorIds.contains(p.id())).toList();
    if (anchors.isEmpty() && !shown.isEmpty()) anchors = shown.subList(0, 1); // the product the answer led with
    if (!anchors.isEmpty()) {
      double bound = cheaper
          ? Math.max(0, anchors.stream().mapToDouble(ShownProduct::price).min().orElseThrow() - 0.01)
          : anchors.stream().mapToDouble(ShownProduct::price).max().orElseThrow() + 0.01;
      put(Constraint.of(cheaper ? Kind.PRICE_MAX : Kind.PRICE_MIN, PhraseRules.format(bound), turn));
    } else if (cheaper && cap != null) {
      put(Constraint.of(Kind.PRICE_MAX, PhraseRules.format(cap.number() * (1 - RELATIVE_STEP)), turn));
    } else if (!cheaper && floor != null) {
      put(Constraint.of(Kind.PRICE_MIN, PhraseRules.format(floor.number() * (1 + RELATIVE_STEP)), turn));
    } else if (!cheaper && cap != null) {
      constraints.remove(cap);
      put(Constraint.of(Kind.PRICE_MIN, cap.value(), turn));
    } else {
      put(Constraint.of(Kind.SORT, (cheaper ? Constraint.Sort.CHEAPEST : Constraint.Sort.PRICIEST).name(), turn));
    }
  }

  private Constraint find(Kind kind) {
    return constraints.stream().filter(x -> x.kind() == kind).findFirst().orElse(null);
  }

  static boolean same(Constraint a, Constraint b) {
    return a.kind() == b.kind() && a.field().equalsIgnoreCase(b.field()) && sameValue(a, b);
  }

  private static boolean sameValue(Constraint a, Constraint b) {
    if (a.value().equalsIgnoreCase(b.value())) return true;
    try {
      return Math.abs(Double.parseDouble(a.value()) - Double.parseDouble(b.value())) < 1e-9;
    } catch (NumberFormatException e) {
      return Words.key(a.value()).toLowerCase(Locale.ROOT).equals(Words.key(b.value()));
    }
  }
}
