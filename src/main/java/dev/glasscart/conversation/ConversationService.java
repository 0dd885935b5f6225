package dev.glasscart.conversation;

import dev.glasscart.catalog.Catalog;
import dev.glasscart.catalog.Money;
import dev.glasscart.catalog.Product;
import dev.glasscart.explanation.Answer;
import dev.glasscart.explanation.Evidence;
import dev.glasscart.query.Question;
import dev.glasscart.query.Constraint;
import dev.glasscart.query.Intent;
import dev.glasscart.query.Understanding;
import dev.glasscart.ranking.RankedProduct;
import dev.glasscart.ranking.Ranker;
import dev.glasscart.retrieval.Candidate;
import dev.glasscart.retrieval.Retriever;
import dev.glasscart.retrieval.Signals;
import dev.glasscart.retrieval.lexical.Bm25Retriever;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.function.Predicate;

/**
 * Runs one conversation turn up to its explanation: understand the message in context, retrieve,
 * keep only what meets every hard constraint, rank, page, and gather the evidence.
 *
 * <p>Implementation notes. Retrieval asks for {@link #CANDIDATES} candidates; when the query is
 * empty (a constraint-only message such as "something under $50") every catalog product is a
 * candidate with no retrieval signals, so constraints alone decide. When retrieval finds nothing
 * that fits but the catalog does, the fitting catalog products matching any query term are
 * added, so a hard constraint never hides a product that a looser retrieval would have found.
 * WHY / WHY_NOT / COMPARE turns rank the referenced products (plus, for WHY_NOT, the products
 * shown last) against the current query and constraints, so the explainer can contrast them; they
 * leave the shown list unchanged so "the second one" keeps its meaning.
 *
 * <p>Blocking (Lucene, ONNX): call on a worker thread. Thread-safe: a session's turns are
 * serialized on the session.
 */
public final class ConversationService {
  /** Products per page of results. */
  public static final int PAGE_SIZE = 5;
  /** Candidates retrieved per turn: enough for several pages after hard filtering. */
  static final int CANDIDATES = 200;
  /**
   * Least cosine similarity for a candidate that shares no word with the query. Dense retrieval
   * always returns its top k, related or not; with all-MiniLM-L6-v2, query-to-product cosines of
   * unrelated products sit at 0.1 to 0.3 (e.g. "lipstick" against a peeler 0.20, "laptop" against
   * a wok 0.22, measured with /api/search on the demo and dummyjson catalogs) while paraphrases
   * score 0.4 and up. Without this floor, "something cheaper" after "lipstick" would offer lemons.
   */
  static final double MIN_SEMANTIC_ONLY = 0.35;

  private final Catalog catalog;
  private final Retriever retriever;
  private final Ranker ranker;
  private final Understander understander;
  private final ConstraintFilter filter;
  private final String currency;
  private final ConstraintProposer proposer;
  private final ShownFacts facts;
  /** Some of the catalog's categories, largest first: what a greeting or "help" offers. */
  private final List<String> categories;

  public ConversationService(Catalog catalog, Retriever retriever, Ranker ranker, Understander understander) {
    this(catalog, retriever, ranker, understander, ConstraintProposer.NONE);
  }

  /** With a model that proposes constraints for each message, checked and merged with the rules. */
  public ConversationService(Catalog catalog, Retriever retriever, Ranker ranker, Understander understander,
      ConstraintProposer proposer) {
    this.catalog = Objects.requireNonNull(catalog, "catalog");
    this.retriever = Objects.requireNonNull(retriever, "retriever");
    this.ranker = Objects.requireNonNull(ranker, "ranker");
    this.understander = Objects.requireNonNull(understander, "understander");
    this.filter = new ConstraintFilter(catalog);
    this.currency = Money.dominantCurrency(catalog);
    this.proposer = Objects.requireNonNull(proposer, "proposer");
    this.facts = new ShownFacts(catalog);
    this.categories = largestCategories(catalog, 5);
  }

  private static List<String> largestCategories(Catalog catalog, int n) {
    Map<String, Integer> counts = new HashMap<>();
    for (Product p : catalog.products()) if (!p.category().isBlank()) counts.merge(p.category(), 1, Integer::sum);
    return counts.entrySet().stream()
        .sorted(Map.Entry.<String, Integer>comparingByValue().reversed().thenComparing(Map.Entry.comparingByKey()))
        .limit(n).map(Map.Entry::getKey).toList();
  }

  /** The currency most of the catalog is priced in: the one constraint labels speak in. */
  public String currency() {
    return currency;
  }

  public ConversationSession newSession(String id) {
    return new ConversationSession(id, new DialogueState(), 0);
  }

  /**
   * Rebuilds a conversation from its stored turns: each stored message is understood again in
   * order and the products it showed become the shown list, so references ("the second one") and
   * refinements continue exactly where the shopper left off.
   */
  public ConversationSession restore(String id, List<TurnRecord> turns) {
    ConversationSession s = newSession(id);
    synchronized (s) {
      for (TurnRecord t : turns) {
        Understanding u = understander.understand(s.state(), t.userText(), t.turn());
        if (u.intent() == Intent.SEARCH || u.intent() == Intent.MORE) {
          List<Product> shown = new ArrayList<>();
          JsonArray items = t.results() == null ? new JsonArray() : t.results();
          for (int i = 0; i < items.size(); i++) {
            Object item = items.getValue(i);
            if (item instanceof JsonObject o) catalog.get(o.getString("productId")).ifPresent(shown::add);
          }
          s.state().shown(shown);
        }
        s.restoredTurn(t.turn());
      }
    }
    return s;
  }

  /** Understands {@code text} as turn {@code turn} and prepares what the shopper will see. */
  public PreparedTurn prepare(ConversationSession session, String text, int turn) {
    String proposals = proposer.propose(text); // outside the lock: a model call may take seconds
    synchronized (session) {
      Understanding u = understander.understand(session.state(), text, turn, proposals);
      return run(session, text, u, turn);
    }
  }

  /** Drops {@code constraint} (as shown in an understanding event) and reruns the current search. */
  public PreparedTurn rerunWithout(ConversationSession session, Constraint constraint, int turn) {
    synchronized (session) {
      DialogueState state = session.state();
      boolean removed = state.remove(constraint);
      Understanding u = state.understanding();
      PreparedTurn p = run(session, "(removed: " + constraint.describe(currency) + ")", u, turn);
      if (removed) return p;
      String note = "'" + constraint.describe(currency) + "' was not in force; nothing changed";
      return new PreparedTurn(p.turn(), p.understanding(), p.shown(), p.total(), note,
          new Evidence(p.evidence().userText(), u, p.shown(), List.of(note)));
    }
  }

  /** Stateless ranked search for the HTTP API: the same retrieval and ranking as a conversation. */
  public List<RankedProduct> search(String query, int limit) {
    List<Candidate> candidates = retriever.retrieve(query, Math.max(limit, 50));
    List<RankedProduct> ranked = ranker.rank(query, List.of(), candidates, catalog);
    return renumber(ranked.subList(0, Math.min(limit, ranked.size())));
  }

  private PreparedTurn run(ConversationSession session, String text, Understanding u, int turn) {
    return switch (u.intent()) {
      case SEARCH, MORE -> searchTurn(session, text, u, turn);
      case WHY, COMPARE, WHY_NOT -> explainTurn(session, text, u, turn);
      case QUESTION -> questionTurn(session, text, u, turn);
      case CHAT -> new PreparedTurn(turn, u, List.of(), 0, "",
          new Evidence(text, u, List.of(), List.of(), null, categories));
    };
  }

  /**
   * A question about the shown products: they are ranked against the current reading (for their
   * contributions) and answered from their facts; the answer's products come first (the winner
   * of a superlative, the ones that have the asked property), the shown list stays as it is, and
   * "it" now means the product the answer is about.
   */
  private PreparedTurn questionTurn(ConversationSession session, String text, Understanding u, int turn) {
    DialogueState state = session.state();
    List<Product> about = new ArrayList<>();
    for (String id : u.referencedProductIds()) catalog.get(id).ifPresent(about::add);
    Answer answer = facts.answer(u.question(), about);
    Map<String, Integer> shownRank = shownRanks(state);
    List<Candidate> chosen = new ArrayList<>();
    for (Answer.Finding f : answer.findings()) chosen.add(new Candidate(f.productId(), 0, Map.of(), Map.of()));
    Map<String, RankedProduct> ranked = new HashMap<>();
    for (RankedProduct r : ranker.rank(u.query(), u.constraints(), chosen, catalog)) ranked.put(r.product().id(), r);
    List<RankedProduct> ordered = new ArrayList<>();
    for (Answer.Finding f : answer.findings()) {
      RankedProduct r = ranked.get(f.productId());
      if (r == null) continue;
      int rank = shownRank.getOrDefault(r.product().id(), r.rank());
      ordered.add(new RankedProduct(rank, r.product(), r.score(), r.contributions(), r.matchedTerms()));
    }
    List<String> subject = new ArrayList<>();
    for (Answer.Finding f : answer.findings()) {
      if (f.found() && (subject.isEmpty() || u.question().kind() == Question.Kind.FACT)) subject.add(f.productId());
    }
    if (!subject.isEmpty()) state.lastReferenced(subject);
    return new PreparedTurn(turn, u, ordered, ordered.size(), "", new Evidence(text, u, ordered, List.of(), answer, List.of()));
  }

  /** Each shown product's rank on the page it was shown on (1-based, counting earlier pages). */
  private static Map<String, Integer> shownRanks(DialogueState state) {
    Map<String, Integer> shownRank = new HashMap<>();
    for (int i = 0; i < state.shown().size(); i++) shownRank.put(state.shown().get(i).id(), state.page() * PAGE_SIZE + i + 1);
    return shownRank;
  }

  private PreparedTurn searchTurn(ConversationSession session, String text, Understanding u, int turn) {
    Map<String, Candidate> byId = candidates(session, u);
    List<Product> products = new ArrayList<>(byId.size());
    for (String id : byId.keySet()) catalog.get(id).ifPresent(products::add);
    List<Product> kept = filter.keep(products, u.constraints());
    if (kept.isEmpty() && !u.query().isBlank()) {
      // retrieval's top candidates may all break a constraint while other matching products fit
      Map<String, Candidate> wider = widen(u, byId);
      if (!wider.isEmpty()) {
        byId.putAll(wider);
        List<Product> more = new ArrayList<>(products);
        for (String id : wider.keySet()) catalog.get(id).ifPresent(more::add);
        products = more;
        kept = filter.keep(more, u.constraints());
      }
    }
    // why nothing fits (relaxing each constraint in turn) only once widening found nothing either;
    // never a dead end: the closest relaxation's products are shown, and the note says what gave
    List<String> notes = new ArrayList<>();
    if (kept.isEmpty()) {
      ConstraintFilter.Result none = filter.whyNone(products, u.constraints());
      if (!none.note().isEmpty()) notes.add(none.note());
      if (none.relaxation().isPresent()) {
        kept = none.relaxation().get().products();
        for (Product p : kept) byId.computeIfAbsent(p.id(), id -> new Candidate(id, 0, Map.of(), Map.of()));
      }
    } else {
      kept = relevant(kept, byId, session.state().topicCategories());
    }
    List<Candidate> fitting = new ArrayList<>(kept.size());
    for (Product p : kept) fitting.add(byId.get(p.id()));
    List<RankedProduct> ranked = ranker.rank(u.query(), u.constraints(), fitting, catalog);
    ranked = applySort(ranked, kept, u.constraints());
    int from = Math.min(u.page() * PAGE_SIZE, ranked.size());
    List<RankedProduct> page = renumber(ranked.subList(from, Math.min(from + PAGE_SIZE, ranked.size())), from);
    List<Product> shown = page.stream().map(RankedProduct::product).toList();
    session.state().shown(shown);
    if (!facts.hasRatings() && u.constraints().stream().anyMatch(ConversationService::needsRatings)) {
      notes.add("this shop has no ratings or reviews for its products, so I could not order or filter by them");
    }
    if (u.intent() == Intent.MORE && page.isEmpty() && !ranked.isEmpty()) notes.add("that was everything that fits: " + ranked.size() + " products");
    String note = String.join(" ", notes);
    return new PreparedTurn(turn, u, page, ranked.size(), note, new Evidence(text, u, page, notes));
  }

  private static boolean needsRatings(Constraint c) {
    return c.kind() == Constraint.Kind.RATING_MIN || (c.kind() == Constraint.Kind.SORT
        && (c.value().equals(Constraint.Sort.BEST_RATED.name()) || c.value().equals(Constraint.Sort.MOST_REVIEWED.name())));
  }

  /**
   * The relevance cut-off: products outside the conversation's topic categories are left out
   * when some are inside; then, when some candidates match the query's words in a field that
   * names the product (title, brand, category, tags, attributes), candidates that match only in
   * their description, or only by meaning, are left out unless they share a category with those
   * or are as close in meaning as the least close of them. A page then holds only what matches; fewer than five is fine. With no
   * such match at all (a query said in other words), meaning alone decides, as before.
   */
  private static List<Product> relevant(List<Product> kept, Map<String, Candidate> byId, Set<String> topic) {
    // the conversation's topic (categories its product nouns name) comes first: other
    // categories only pad the page
    if (!topic.isEmpty() && kept.stream().anyMatch(p -> topic.contains(p.category()))) {
      kept = kept.stream().filter(p -> topic.contains(p.category())).toList();
    }
    boolean anyNamed = false;
    double leastNamedMeaning = Double.MAX_VALUE;
    Set<String> namedCategories = new HashSet<>();
    for (Product p : kept) {
      Candidate c = byId.get(p.id());
      if (c != null && named(c)) {
        anyNamed = true;
        leastNamedMeaning = Math.min(leastNamedMeaning, c.signal(Signals.DENSE));
        namedCategories.add(p.category());
      }
    }
    if (!anyNamed) return kept;
    List<Product> out = new ArrayList<>(kept.size());
    for (Product p : kept) {
      Candidate c = byId.get(p.id());
      if (c == null || named(c) || namedCategories.contains(p.category()) || c.signal(Signals.DENSE) >= leastNamedMeaning) out.add(p);
    }
    return out;
  }

  /** Whether a query word matched a field that names the product, not just its description. */
  private static boolean named(Candidate c) {
    for (String field : NAMING_FIELDS) {
      if (!c.matchedTerms().getOrDefault(field, Set.of()).isEmpty()) return true;
    }
    return false;
  }

  private static final List<String> NAMING_FIELDS =
      List.of(Signals.TITLE, Signals.BRAND, Signals.CATEGORY, Signals.TAGS, Signals.ATTRIBUTES);

  /** Candidates for the understanding's query, or the whole catalog for a constraint-only turn. */
  private Map<String, Candidate> candidates(ConversationSession session, Understanding u) {
    Map<String, Candidate> byId = new LinkedHashMap<>();
    if (u.query().isBlank()) {
      for (Product p : catalog.products()) byId.put(p.id(), new Candidate(p.id(), 0, Map.of(), Map.of()));
    } else {
      for (Candidate c : retrieve(session, u.query())) {
        if (relevant(c)) byId.put(c.productId(), c);
      }
    }
    return byId;
  }

  /**
   * The top {@link #CANDIDATES} for {@code query}. A conversation's query often stays the same
   * from turn to turn (a refinement adds a constraint, a follow-up asks about what was shown), so
   * the session keeps its last retrieval and reuses it while the same retriever answers
   * (retrieval is deterministic: the candidates are those a new call would return).
   */
  private List<Candidate> retrieve(ConversationSession session, String query) {
    Retriever source = retriever.current();
    ConversationSession.Recall last = session.recall();
    if (last != null && last.source() == source && last.k() == CANDIDATES && last.query().equals(query)) {
      return last.candidates();
    }
    List<Candidate> found = List.copyOf(source.retrieve(query, CANDIDATES));
    session.remember(new ConversationSession.Recall(source, query, CANDIDATES, found));
    return found;
  }

  /** Matched a query word, or is close enough in meaning (see {@link #MIN_SEMANTIC_ONLY}). */
  private static boolean relevant(Candidate c) {
    return c.signal(Signals.BM25) > 0 || c.signal(Signals.DENSE) >= MIN_SEMANTIC_ONLY;
  }

  /**
   * The best matches among the products that meet the constraints (those not seen yet): a
   * retrieval restricted to them, so a fitting product is found however deep it ranks overall, at
   * the cost of a {@link #CANDIDATES}-deep retrieval rather than one over the whole catalog.
   */
  private Map<String, Candidate> widen(Understanding u, Map<String, Candidate> seen) {
    Map<String, Candidate> out = new LinkedHashMap<>();
    Predicate<Product> fits = ConstraintFilter.fits(u.constraints());
    Set<String> allowed = new HashSet<>();
    for (Product p : catalog.products()) {
      if (!seen.containsKey(p.id()) && fits.test(p)) allowed.add(p.id());
    }
    if (allowed.isEmpty()) return out;
    for (Candidate c : retriever.retrieveAmong(u.query(), CANDIDATES, allowed)) {
      if (relevant(c)) out.put(c.productId(), c);
    }
    return out;
  }

  /**
   * The filter already ordered {@code sortedProducts} by any SORT constraint; keep that order for
   * the ranked list (scores and contributions unchanged) when one is in force.
   */
  private static List<RankedProduct> applySort(List<RankedProduct> ranked, List<Product> sortedProducts, List<Constraint> constraints) {
    boolean sorted = constraints.stream().anyMatch(c -> c.kind() == Constraint.Kind.SORT);
    if (!sorted) return ranked;
    Map<String, RankedProduct> byId = new HashMap<>();
    for (RankedProduct r : ranked) byId.put(r.product().id(), r);
    List<RankedProduct> out = new ArrayList<>(ranked.size());
    for (Product p : sortedProducts) {
      RankedProduct r = byId.get(p.id());
      if (r != null) out.add(r);
    }
    return out;
  }

  private PreparedTurn explainTurn(ConversationSession session, String text, Understanding u, int turn) {
    DialogueState state = session.state();
    LinkedHashSet<String> ids = new LinkedHashSet<>(u.referencedProductIds());
    if (u.intent() == Intent.WHY_NOT) state.shown().forEach(s -> ids.add(s.id()));
    if (ids.isEmpty()) state.shown().forEach(s -> ids.add(s.id()));
    Map<String, Candidate> retrieved = new HashMap<>();
    if (!u.query().isBlank()) {
      for (Candidate c : retrieve(session, u.query())) retrieved.put(c.productId(), c);
    }
    List<Candidate> chosen = new ArrayList<>();
    for (String id : ids) chosen.add(retrieved.getOrDefault(id, new Candidate(id, 0, Map.of(), Map.of())));
    List<RankedProduct> ranked = ranker.rank(u.query(), u.constraints(), chosen, catalog);
    List<String> notes = new ArrayList<>();
    if (u.referencedProductIds().isEmpty()) {
      notes.add(state.shown().isEmpty()
          ? "there is nothing shown yet to explain; ask for products first"
          : "it is not clear which product you mean, so here are the ones shown");
    }
    if (u.intent() == Intent.WHY_NOT) {
      // a sort in force orders the contrast too ("best rated" lists stay by rating)
      ranked = renumber(applySort(ranked, ConstraintFilter.sorted(ranked.stream().map(RankedProduct::product).toList(),
          u.constraints()), u.constraints()));
      // the ranker's own order over the shown products plus the one asked about: its rank says
      // where it would stand, and the shown ones keep their places above it
      return new PreparedTurn(turn, u, ranked, ranked.size(), String.join(" ", notes), new Evidence(text, u, ranked, notes));
    }
    // WHY / COMPARE: the products in the order the shopper named them, each with the rank it was
    // shown at (so "the second one" is explained as #2)
    Map<String, Integer> shownRank = shownRanks(state);
    List<RankedProduct> ordered = new ArrayList<>();
    for (String id : ids) {
      for (RankedProduct r : ranked) {
        if (!r.product().id().equals(id)) continue;
        int rank = shownRank.getOrDefault(id, r.rank());
        ordered.add(new RankedProduct(rank, r.product(), r.score(), r.contributions(), r.matchedTerms()));
      }
    }
    return new PreparedTurn(turn, u, ordered, ordered.size(), String.join(" ", notes), new Evidence(text, u, ordered, notes));
  }

  private static List<RankedProduct> renumber(List<RankedProduct> list) {
    return renumber(list, 0);
  }

  private static List<RankedProduct> renumber(List<RankedProduct> list, int offset) {
    List<RankedProduct> out = new ArrayList<>(list.size());
    for (int i = 0; i < list.size(); i++) {
      RankedProduct r = list.get(i);
      out.add(r.rank() == offset + i + 1 ? r
          : new RankedProduct(offset + i + 1, r.product(), r.score(), r.contributions(), r.matchedTerms()));
    }
    return out;
  }
}
