package dev.glasscart.conversation;

import dev.glasscart.catalog.Catalog;
import dev.glasscart.catalog.Money;
import dev.glasscart.catalog.Product;
import dev.glasscart.catalog.graph.Edge;
import dev.glasscart.catalog.graph.ProductGraph;
import dev.glasscart.catalog.graph.Relation;
import dev.glasscart.explanation.Answer;
import dev.glasscart.explanation.Evidence;
import dev.glasscart.profile.LiveProfile;
import dev.glasscart.profile.ProfileLearner;
import dev.glasscart.profile.ShopperProfile;
import dev.glasscart.query.Chat;
import dev.glasscart.query.Question;
import dev.glasscart.query.Constraint;
import dev.glasscart.query.Intent;
import dev.glasscart.query.Language;
import dev.glasscart.query.Understanding;
import dev.glasscart.ranking.RankedProduct;
import dev.glasscart.ranking.Ranker;
import dev.glasscart.retrieval.Candidate;
import dev.glasscart.retrieval.Retriever;
import dev.glasscart.retrieval.Signals;
import dev.glasscart.retrieval.lexical.Bm25Retriever;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
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
 * <p>Blocking (Lucene, ONNX): call on a worker thread. Thread-safe and lock-free: a turn works on
 * its {@link ConversationSession.Draft} alone; running a session's turns one after another is the
 * caller's part (see {@link ConversationSession}).
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

  private final Retriever retriever;
  /** Its conversations' last retrievals, reused by their next turns within one bound ({@link Recalls}). */
  private final Recalls recalls = new Recalls();
  private final Ranker ranker;
  private final ConstraintProposer proposer;
  /** What the service knows of the catalog, swapped whole by {@link #useCatalog}; a turn reads one. */
  private volatile View view;

  /**
   * One catalog snapshot and what is learned from it: the reading of messages, the hard filter,
   * the currency labels speak in, the facts answers come from, and some of the catalog's
   * categories, largest first (what a greeting or "help" offers).
   */
  private record View(Catalog catalog, Understander understander, ConstraintFilter filter, String currency,
      ShownFacts facts, List<String> categories) {
    static View of(Catalog catalog, Understander understander) {
      return of(catalog, understander, new ShownFacts(catalog));
    }

    static View of(Catalog catalog, Understander understander, ShownFacts facts) {
      return new View(catalog, understander, new ConstraintFilter(catalog), Money.dominantCurrency(catalog), facts,
          largestCategories(catalog, 5));
    }
  }
  /** The product graph (built in the background; empty until then). */
  private volatile ProductGraph.Live graph = new ProductGraph.Live();

  public ConversationService(Catalog catalog, Retriever retriever, Ranker ranker, Understander understander) {
    this(catalog, retriever, ranker, understander, ConstraintProposer.NONE);
  }

  /** With a model that proposes constraints for each message, checked and merged with the rules. */
  public ConversationService(Catalog catalog, Retriever retriever, Ranker ranker, Understander understander,
      ConstraintProposer proposer) {
    this(learnFacts(catalog), retriever, ranker, understander, proposer);
  }

  /**
   * As {@link #ConversationService(Catalog, Retriever, Ranker, Understander, ConstraintProposer)}
   * with the catalog's facts learned ahead ({@link #learnFacts}), e.g. on another thread while
   * the start does other work.
   */
  public ConversationService(CatalogFacts facts, Retriever retriever, Ranker ranker, Understander understander,
      ConstraintProposer proposer) {
    this.retriever = Objects.requireNonNull(retriever, "retriever");
    this.ranker = Objects.requireNonNull(ranker, "ranker");
    this.proposer = Objects.requireNonNull(proposer, "proposer");
    this.view = View.of(Objects.requireNonNull(facts, "facts").catalog, Objects.requireNonNull(understander, "understander"),
        facts.facts);
  }

  /**
   * What answers about a catalog's products come from (each product's facts, how rare each word
   * is): learned once per catalog, in time linear in its text; blocking, CPU. Immutable.
   */
  public static final class CatalogFacts {
    private final Catalog catalog;
    private final ShownFacts facts;

    private CatalogFacts(Catalog catalog) {
      this.catalog = Objects.requireNonNull(catalog, "catalog");
      this.facts = new ShownFacts(catalog);
    }
  }

  /** Learns {@code catalog}'s facts for {@link #ConversationService(CatalogFacts, Retriever, Ranker, Understander, ConstraintProposer)}. */
  public static CatalogFacts learnFacts(Catalog catalog) {
    return new CatalogFacts(catalog);
  }

  /**
   * From the next turn on, the catalog is {@code catalog}, read by {@code understander} (built
   * from it): a live catalog change. A turn in progress finishes with the catalog it started
   * with; conversations keep their state, and a shown product that has gone is said to be gone
   * when referred to. The retriever is the caller's to update. Blocking (learns the facts of the
   * catalog, linear in its text): call it off the event loop.
   */
  public void useCatalog(Catalog catalog, Understander understander) {
    this.view = View.of(Objects.requireNonNull(catalog, "catalog"), Objects.requireNonNull(understander, "understander"));
  }

  /** The catalog the next turn reads. */
  public Catalog catalog() {
    return view.catalog();
  }

  private static List<String> largestCategories(Catalog catalog, int n) {
    Map<String, Integer> counts = new HashMap<>();
    for (Product p : catalog.products()) if (!p.category().isBlank()) counts.merge(p.category(), 1, Integer::sum);
    return counts.entrySet().stream()
        .sorted(Map.Entry.<String, Integer>comparingByValue().reversed().thenComparing(Map.Entry.comparingByKey()))
        .limit(n).map(Map.Entry::getKey).toList();
  }

  /** Reads related products from {@code live} from now on (the application's graph, rebuilt in the background). */
  public void useGraph(ProductGraph.Live live) {
    this.graph = Objects.requireNonNull(live, "live");
  }

  /** The currency most of the catalog is priced in: the one constraint labels speak in. */
  public String currency() {
    return view.currency();
  }

  /** Where its conversations' last retrievals are kept (tests). */
  Recalls recalls() {
    return recalls;
  }

  public ConversationSession newSession(String id) {
    return new ConversationSession(id, new DialogueState(), 0, recalls);
  }

  /**
   * Rebuilds a conversation from its stored turns: each stored message is understood again in
   * order and the products it showed become the shown list, so references ("the second one") and
   * refinements continue exactly where the shopper left off. When the last turn carries the state
   * it left ({@link TurnRecord#state}), that state is taken as it is and nothing is replayed: then
   * {@code turns} may be that last turn alone.
   */
  public ConversationSession restore(String id, List<TurnRecord> turns) {
    TurnRecord last = turns.isEmpty() ? null : turns.get(turns.size() - 1);
    if (last != null && last.state() != null) {
      // the state the last turn left, as stored with it: no replay, whichever node stored it
      return new ConversationSession(id, DialogueState.fromJson(last.state()), last.turn(), recalls);
    }
    ConversationSession s = newSession(id);
    View v = view;
    for (TurnRecord t : turns) {
      Understanding u = v.understander().understand(s.state(), t.userText(), t.turn());
      if (u.intent() == Intent.SEARCH || u.intent() == Intent.MORE || u.intent() == Intent.RELATED) {
        List<Product> shown = new ArrayList<>();
        for (String productId : t.resultIds()) v.catalog().get(productId).ifPresent(shown::add);
        s.state().shown(shown);
      }
      s.restoredTurn(t.turn());
    }
    return s;
  }

  /**
   * Understands {@code text} as turn {@code turn} and prepares what the shopper will see, changing
   * {@code session}'s state at once: for a caller that runs the session's turns on one thread
   * (benchmarks, tests). The server prepares a {@link ConversationSession.Draft} instead.
   */
  public PreparedTurn prepare(ConversationSession session, String text, int turn) {
    ConversationSession.Draft draft = session.draft(turn);
    PreparedTurn p = prepare(draft, text);
    session.commit(draft);
    return p;
  }

  /** Understands {@code text} as the draft's turn, working on the draft's own dialogue state. */
  public PreparedTurn prepare(ConversationSession.Draft draft, String text) {
    String proposals = proposer.propose(text); // a model call may take seconds
    View v = view;
    draft.state().language(Language.detect(text));
    Understanding u = v.understander().understand(draft.state(), text, draft.turn(), proposals);
    return run(v, draft, text, u).withState(draft.state().toJson());
  }

  /** {@link #rerunWithout(ConversationSession.Draft, Constraint)} committed at once (see {@link #prepare(ConversationSession, String, int)}). */
  public PreparedTurn rerunWithout(ConversationSession session, Constraint constraint, int turn) {
    ConversationSession.Draft draft = session.draft(turn);
    PreparedTurn p = rerunWithout(draft, constraint);
    session.commit(draft);
    return p;
  }

  /** Drops {@code constraint} (as shown in an understanding event) and reruns the current search. */
  public PreparedTurn rerunWithout(ConversationSession.Draft draft, Constraint constraint) {
    View v = view;
    DialogueState state = draft.state();
    boolean removed = state.remove(constraint);
    Understanding u = state.understanding();
    // answered in the language the shopper last wrote in: the turn's text says so
    boolean zh = state.language() == Language.ZH;
    String said = constraint.describe(v.currency(), state.language());
    PreparedTurn p = run(v, draft, zh ? "（已移除：" + said + "）" : "(removed: " + said + ")", u);
    if (removed) return p.withState(state.toJson());
    String note = zh ? "“" + said + "”并未生效，结果没有变化" : "'" + said + "' was not in force; nothing changed";
    return new PreparedTurn(p.turn(), p.understanding(), p.shown(), p.total(), note,
        new Evidence(p.evidence().userText(), u, p.shown(), List.of(note))).withState(state.toJson());
  }

  /** Stateless ranked search for the HTTP API: the same retrieval and ranking as a conversation. */
  public List<RankedProduct> search(String query, int limit) {
    return search(query, List.of(), limit);
  }

  /** Least retrieval depth of a stateless search: the order of its top results does not depend on a smaller limit. */
  static final int SEARCH_DEPTH = 50;

  /**
   * Stateless ranked search with hard {@code constraints} (the HTTP API, agents over MCP): the
   * same retrieval and ranking as a conversation, the top {@code limit}. Without constraints the
   * retrieved candidates are ranked as they come; with some, those breaking one are dropped and,
   * when fewer than {@code limit} remain, a retrieval restricted to the fitting products adds the
   * ones that match the query (a word, or close enough in meaning), as a turn widens. A blank
   * query ranks every product meeting the constraints. Blocking: call on a worker.
   */
  public List<RankedProduct> search(String query, List<Constraint> constraints, int limit) {
    List<RankedProduct> ranked = ranking(view, query, constraints, limit).ranked();
    return ranked.subList(0, Math.min(limit, ranked.size()));
  }

  /** A stateless search's whole order (ranks from 1) and every candidate retrieval gave, fitting or not. */
  private record Ranking(List<RankedProduct> ranked, Map<String, Candidate> retrieved, List<Candidate> fitting) {}

  private Ranking ranking(View v, String query, List<Constraint> constraints, int limit) {
    Map<String, Candidate> retrieved = new LinkedHashMap<>();
    List<Candidate> fitting = new ArrayList<>();
    Predicate<Product> fits = ConstraintFilter.fits(constraints);
    if (query.isBlank()) {
      for (Product p : v.filter().fittingInCatalog(constraints)) fitting.add(new Candidate(p.id(), 0, Map.of(), Map.of()));
    } else {
      for (Candidate c : retriever.retrieve(query, Math.max(limit, SEARCH_DEPTH))) {
        retrieved.put(c.productId(), c);
        if (constraints.isEmpty() || v.catalog().get(c.productId()).filter(fits).isPresent()) fitting.add(c);
      }
      if (!constraints.isEmpty() && fitting.size() < limit) {
        Map<String, Candidate> wider = widen(v, Understanding.search(query, constraints), retrieved);
        retrieved.putAll(wider);
        fitting.addAll(wider.values());
      }
    }
    return new Ranking(ranker.rank(query, constraints, fitting, v.catalog()), retrieved, fitting);
  }

  /**
   * Where {@code productId} stands in {@link #search(String, List, int)}'s order for the same
   * arguments, and the evidence to explain it with: a WHY over it when it is among the top
   * {@code limit}, else a WHY_NOT against them.
   *
   * @param product the product ranked for the query: as listed, or (when the constraints or
   *     retrieval left it out) scored as one more candidate, with its retrieval signals when
   *     retrieval found it and none when it did not
   * @param rank its place in the whole order, 0 when it is not in it
   * @param wouldRank for a product not in the order, the place its score would take; else its rank
   * @param total how many products the whole order holds
   * @param retrieved whether retrieval found it for the query (a blank query: true)
   * @param unmet the constraints it breaks
   * @param top the first {@code limit} of the whole order: what a caller with that limit is shown
   * @param evidence what the built-in explainer explains it from (ranks as in the whole order; a
   *     product not in it at {@code wouldRank})
   */
  public record Placement(RankedProduct product, int rank, int wouldRank, int total, boolean retrieved,
      List<Constraint> unmet, List<RankedProduct> top, Evidence evidence) {}

  /** {@link Placement} of {@code productId}; empty when the catalog has no such product. Blocking. */
  public Optional<Placement> place(String query, List<Constraint> constraints, String productId, int limit) {
    View v = view;
    Optional<Product> product = v.catalog().get(productId);
    if (product.isEmpty()) return Optional.empty();
    Ranking ranking = ranking(v, query, constraints, limit);
    List<RankedProduct> all = ranking.ranked();
    List<RankedProduct> top = all.subList(0, Math.min(limit, all.size()));
    List<Constraint> unmet = constraints.stream().filter(c -> !c.test(product.get())).toList();
    boolean retrieved = query.isBlank() || ranking.retrieved().containsKey(productId);
    RankedProduct mine = all.stream().filter(r -> r.product().id().equals(productId)).findFirst().orElse(null);
    int rank = mine == null ? 0 : mine.rank();
    int wouldRank = rank;
    if (mine == null) {
      // scored among the listed candidates (its peers); its rank is the place that score would take
      List<Candidate> with = new ArrayList<>(ranking.fitting());
      with.add(ranking.retrieved().getOrDefault(productId, new Candidate(productId, 0, Map.of(), Map.of())));
      RankedProduct scored = ranker.rank(query, constraints, with, v.catalog()).stream()
          .filter(r -> r.product().id().equals(productId)).findFirst().orElseThrow();
      wouldRank = 1 + (int) all.stream().filter(r -> r.score() > scored.score()).count();
      mine = scored.withRank(wouldRank);
    }
    Evidence evidence;
    if (rank >= 1 && rank <= limit) {
      evidence = new Evidence(query, Understanding.search(query, constraints).as(Intent.WHY, List.of(productId), null, null),
          List.of(mine), List.of());
    } else {
      List<RankedProduct> contrast = new ArrayList<>(top);
      contrast.add(mine);
      evidence = new Evidence(query, Understanding.search(query, constraints).as(Intent.WHY_NOT, List.of(productId), null, null),
          contrast, List.of());
    }
    return Optional.of(new Placement(mine, rank, wouldRank, all.size(), retrieved, unmet, top, evidence));
  }

  /**
   * The products {@code ids} (unknown ones left out) ranked against {@code query} and
   * {@code constraints}, in the order given, each with its rank among them: what a COMPARE turn
   * shows, for a caller without a conversation. Blocking.
   */
  public List<RankedProduct> compare(String query, List<Constraint> constraints, List<String> ids) {
    List<RankedProduct> ranked = rankAmong(view, query, constraints, new LinkedHashSet<>(ids), null, ShopperProfile.EMPTY);
    List<RankedProduct> ordered = new ArrayList<>();
    for (String id : new LinkedHashSet<>(ids)) {
      for (RankedProduct r : ranked) if (r.product().id().equals(id)) ordered.add(r);
    }
    return ordered;
  }

  /**
   * {@code ids} ranked against the query (and the shopper's {@code profile}), each with its
   * retrieval signals when retrieval found it, else none; a turn's {@code draft} (null without a
   * conversation) may reuse its last retrieval (the ranking itself is always computed afresh).
   */
  private List<RankedProduct> rankAmong(View v, String query, List<Constraint> constraints, Set<String> ids,
      ConversationSession.Draft draft, ShopperProfile profile) {
    Map<String, Candidate> retrieved = new HashMap<>();
    if (!query.isBlank()) {
      for (Candidate c : retrieve(v, draft, query)) retrieved.put(c.productId(), c);
    }
    List<Candidate> chosen = new ArrayList<>();
    for (String id : ids) chosen.add(retrieved.getOrDefault(id, new Candidate(id, 0, Map.of(), Map.of())));
    return ranker.rank(query, constraints, chosen, v.catalog(), profile);
  }

  private PreparedTurn run(View v, ConversationSession.Draft draft, String text, Understanding u) {
    LiveProfile live = draft.profile();
    int turn = draft.turn();
    Instant now = Instant.now();
    // what the shopper says in this turn is learned before ranking: a wish stated now is also in
    // force as a constraint (its profile feature steps aside), so it shows from the next search on
    live.update(p -> ProfileLearner.said(p, u.constraints(), turn, v.currency(), now));
    if (u.intent() == Intent.WHY) {
      for (String id : u.referencedProductIds()) {
        v.catalog().get(id).ifPresent(product -> live.update(p -> ProfileLearner.opened(p, product, now)));
      }
    }
    // one snapshot ranks the whole turn; a reused retrieval is reranked with it
    ShopperProfile profile = live.snapshot();
    return switch (u.intent()) {
      case SEARCH, MORE -> searchTurn(v, draft, profile, text, u);
      case WHY, COMPARE, WHY_NOT -> explainTurn(v, draft, profile, text, u);
      case QUESTION -> questionTurn(v, draft.state(), profile, text, u, turn);
      case RELATED -> relatedTurn(v, draft.state(), profile, text, u, turn);
      case CHAT -> chatTurn(v, live, text, u, turn);
    };
  }

  /** Small talk; "what do you know about me?" answered from the profile, "forget my preferences" clears it. */
  private PreparedTurn chatTurn(View v, LiveProfile profile, String text, Understanding u, int turn) {
    if (u.chat() == Chat.FORGET_PROFILE) profile.clear();
    ShopperProfile shown = u.chat() == Chat.PROFILE ? profile.snapshot() : ShopperProfile.EMPTY;
    return new PreparedTurn(turn, u, List.of(), 0, "", new Evidence(text, u, List.of(), List.of(), null, v.categories(), shown));
  }

  /** The shopper opened "Why this?" on {@code productId} (an unknown id is ignored). Thread-safe. */
  public void opened(LiveProfile profile, String productId) {
    Instant now = Instant.now();
    view.catalog().get(productId).ifPresent(product -> profile.update(p -> ProfileLearner.opened(p, product, now)));
  }

  /** The shopper rated {@code productId} helpful or not (an unknown id is ignored). Thread-safe. */
  public void rated(LiveProfile profile, String productId, boolean helpful) {
    Instant now = Instant.now();
    view.catalog().get(productId).ifPresent(product -> profile.update(p -> ProfileLearner.rated(p, product, helpful, now)));
  }

  /**
   * A question about the shown products: they are ranked against the current reading (for their
   * contributions) and answered from their facts; the answer's products come first (the winner
   * of a superlative, the ones that have the asked property), the shown list stays as it is, and
   * "it" now means the product the answer is about.
   */
  private PreparedTurn questionTurn(View v, DialogueState state, ShopperProfile profile, String text, Understanding u, int turn) {
    List<Product> about = new ArrayList<>();
    for (String id : u.referencedProductIds()) v.catalog().get(id).ifPresent(about::add);
    Language lang = Language.detect(text);
    List<String> gone = gone(v, state, u.referencedProductIds(), lang);
    if (about.isEmpty() && !gone.isEmpty()) {
      return new PreparedTurn(turn, u, List.of(), 0, joined(gone, lang), new Evidence(text, u, List.of(), gone));
    }
    Answer answer = v.facts().answer(u.question(), about);
    Map<String, Integer> shownRank = shownRanks(state);
    List<Candidate> chosen = new ArrayList<>();
    for (Answer.Finding f : answer.findings()) chosen.add(new Candidate(f.productId(), 0, Map.of(), Map.of()));
    Map<String, RankedProduct> ranked = new HashMap<>();
    for (RankedProduct r : ranker.rank(u.query(), u.constraints(), chosen, v.catalog(), profile)) ranked.put(r.product().id(), r);
    List<RankedProduct> ordered = new ArrayList<>();
    for (Answer.Finding f : answer.findings()) {
      RankedProduct r = ranked.get(f.productId());
      if (r == null) continue;
      int rank = shownRank.getOrDefault(r.product().id(), r.rank());
      ordered.add(r.withRank(rank));
    }
    List<String> subject = new ArrayList<>();
    for (Answer.Finding f : answer.findings()) {
      if (f.found() && (subject.isEmpty() || u.question().kind() == Question.Kind.FACT)) subject.add(f.productId());
    }
    if (!subject.isEmpty()) state.lastReferenced(subject);
    state.lookedAt(u.referencedProductIds());
    return new PreparedTurn(turn, u, ordered, ordered.size(), joined(gone, lang),
        new Evidence(text, u, ordered, gone, answer, List.of()));
  }

  /**
   * A note for each of {@code ids} that is no longer in the catalog (deleted by a live update after
   * it was shown), naming it as the shopper saw it: its title and the rank it was shown at.
   */
  private static List<String> gone(View v, DialogueState state, java.util.Collection<String> ids, Language lang) {
    List<String> notes = new ArrayList<>();
    Map<String, Integer> shownRank = shownRanks(state);
    boolean zh = lang == Language.ZH;
    for (String id : ids) {
      if (v.catalog().get(id).isPresent()) continue;
      DialogueState.ShownProduct shown = state.shown().stream().filter(p -> p.id().equals(id)).findFirst().orElse(null);
      if (zh) {
        notes.add(shown == null ? "商品" + id + "已不在商品目录中"
            : "“" + shown.title() + "”（第" + shownRank.get(id) + "个）已不在商品目录中，它在展示之后被移除了");
      } else {
        notes.add(shown == null ? "product " + id + " is no longer in the catalog"
            : "\"" + shown.title() + "\" (#" + shownRank.get(id) + ") is no longer in the catalog; it was removed after it was shown");
      }
    }
    return notes;
  }

  /** The turn's notes as one text: English notes side by side, Chinese ones as sentences of their own. */
  private static String joined(List<String> notes, Language lang) {
    if (lang != Language.ZH) return String.join(" ", notes);
    StringBuilder b = new StringBuilder();
    for (String n : notes) if (!n.isBlank()) b.append(n).append('。');
    return b.toString();
  }

  /** Each shown product's rank on the page it was shown on (1-based, counting earlier pages). */
  private static Map<String, Integer> shownRanks(DialogueState state) {
    Map<String, Integer> shownRank = new HashMap<>();
    for (int i = 0; i < state.shown().size(); i++) shownRank.put(state.shown().get(i).id(), state.page() * PAGE_SIZE + i + 1);
    return shownRank;
  }

  private PreparedTurn searchTurn(View v, ConversationSession.Draft draft, ShopperProfile profile, String text, Understanding u) {
    DialogueState state = draft.state();
    int turn = draft.turn();
    Map<String, Candidate> byId = candidates(v, draft, u);
    List<Product> products;
    if (u.query().isBlank()) {
      // every product is a candidate without retrieval signals: filter the catalog itself, and only
      // the products that stay get a candidate (below), not all of the catalog's
      products = v.catalog().products();
    } else {
      products = new ArrayList<>(byId.size());
      for (String id : byId.keySet()) v.catalog().get(id).ifPresent(products::add);
    }
    List<Product> kept = u.query().isBlank() ? v.filter().keepInCatalog(u.constraints())
        : v.filter().keep(products, u.constraints());
    if (kept.isEmpty() && !u.query().isBlank()) {
      // retrieval's top candidates may all break a constraint while other matching products fit
      Map<String, Candidate> wider = widen(v, u, byId);
      if (!wider.isEmpty()) {
        byId.putAll(wider);
        List<Product> more = new ArrayList<>(products);
        for (String id : wider.keySet()) v.catalog().get(id).ifPresent(more::add);
        products = more;
        kept = v.filter().keep(more, u.constraints());
      }
    }
    // why nothing fits (relaxing each constraint in turn) only once widening found nothing either;
    // never a dead end: the closest relaxation's products are shown, and the note says what gave
    List<String> notes = new ArrayList<>();
    Language lang = Language.detect(text);
    boolean zh = lang == Language.ZH;
    if (kept.isEmpty()) {
      ConstraintFilter.Result none = v.filter().whyNone(products, u.constraints(), lang);
      if (!none.note().isEmpty()) notes.add(none.note());
      if (none.relaxation().isPresent()) {
        kept = none.relaxation().get().products();
        for (Product p : kept) byId.computeIfAbsent(p.id(), id -> new Candidate(id, 0, Map.of(), Map.of()));
      }
    } else {
      kept = relevant(kept, byId, state.topicCategories());
      kept = withRelated(v, kept, byId, state, u);
    }
    List<Candidate> fitting = new ArrayList<>(kept.size());
    for (Product p : kept) {
      Candidate c = byId.get(p.id());
      fitting.add(c != null ? c : Candidate.unsignalled(p.id()));
    }
    List<RankedProduct> ranked = ranker.rankKnown(u.query(), u.constraints(), fitting, kept, profile);
    ranked = applySort(ranked, kept, u.constraints());
    int from = Math.min(u.page() * PAGE_SIZE, ranked.size());
    List<RankedProduct> page = renumber(ranked.subList(from, Math.min(from + PAGE_SIZE, ranked.size())), from);
    List<Product> shown = page.stream().map(RankedProduct::product).toList();
    state.shown(shown);
    if (!v.facts().hasRatings() && u.constraints().stream().anyMatch(ConversationService::needsRatings)) {
      notes.add(zh ? "本店商品没有评分和评价，所以无法按评分排序或筛选"
          : "this shop has no ratings or reviews for its products, so I could not order or filter by them");
    }
    if (u.intent() == Intent.MORE && page.isEmpty() && !ranked.isEmpty()) {
      notes.add(zh ? "符合条件的商品已经全部展示过了：共" + ranked.size() + "件" : "that was everything that fits: " + ranked.size() + " products");
    }
    String note = joined(notes, lang);
    List<Edge> goesWith = goesWithLookedAt(page, state);
    List<Product> anchors = new ArrayList<>();
    for (Edge e : goesWith) v.catalog().get(e.from()).filter(a -> !anchors.contains(a)).ifPresent(anchors::add);
    List<Product> candidates = new ArrayList<>(ranked.size());
    for (RankedProduct r : ranked) candidates.add(r.product());
    return new PreparedTurn(turn, u, page, ranked.size(), note,
        new Evidence(text, u, page, notes, null, List.of(), goesWith, anchors), Exposure.of(candidates));
  }

  /**
   * Related products as candidates where they help: when fewer than a page of products fit, the
   * products that go with one the shopper looked at (or are similar to it) and that meet every
   * constraint and share a category with what fits join the candidates. Their ranking is the
   * ranker's, like any candidate's.
   */
  private List<Product> withRelated(View v, List<Product> kept, Map<String, Candidate> byId, DialogueState state, Understanding u) {
    if (kept.size() >= PAGE_SIZE || kept.isEmpty() || state.lookedAt().isEmpty()) return kept;
    ProductGraph g = graph.get();
    Set<String> categories = new HashSet<>();
    for (Product p : kept) categories.add(p.category());
    Predicate<Product> fits = ConstraintFilter.fits(u.constraints());
    List<Product> out = new ArrayList<>(kept);
    for (String anchor : state.lookedAt()) {
      for (Edge e : g.from(anchor)) {
        if (e.relation() != Relation.COMPLEMENTARY && e.relation() != Relation.SIMILAR) continue;
        Optional<Product> p = v.catalog().get(e.to());
        if (p.isEmpty() || byId.containsKey(e.to()) && out.contains(p.get())) continue;
        if (!categories.contains(p.get().category()) || !fits.test(p.get()) || out.contains(p.get())) continue;
        out.add(p.get());
        byId.putIfAbsent(e.to(), new Candidate(e.to(), 0, Map.of(), Map.of()));
      }
    }
    return out;
  }

  /** The complementary edges from products the shopper looked at to the shown ones: "goes with the X you looked at". */
  private List<Edge> goesWithLookedAt(List<RankedProduct> page, DialogueState state) {
    List<Edge> out = new ArrayList<>();
    ProductGraph g = graph.get();
    Set<String> said = new HashSet<>();
    for (String anchor : state.lookedAt()) {
      for (RankedProduct r : page) {
        Edge e = g.edge(anchor, r.product().id(), Relation.COMPLEMENTARY);
        if (e != null && said.add(r.product().id())) out.add(e);
      }
    }
    return out;
  }

  /**
   * What the graph relates to the product the shopper refers to (what goes with it, similar,
   * similar but cheaper, more from its brand): its edges of that relation, heaviest first, that
   * meet the price, rating and stock wishes in force (categories and brands are the anchor's
   * topic, not the related products'), a page of them, each ranked for its contributions and
   * shown with the edge's reason. The anchor becomes a product the shopper looked at.
   */
  private PreparedTurn relatedTurn(View v, DialogueState state, ShopperProfile profile, String text, Understanding u, int turn) {
    Optional<Product> anchor = u.referencedProductIds().isEmpty() ? Optional.empty() : v.catalog().get(u.referencedProductIds().get(0));
    Language lang = Language.detect(text);
    boolean zh = lang == Language.ZH;
    if (anchor.isEmpty()) {
      String note = zh ? "还没有展示商品，无法查找相关商品；请先告诉我您想找什么" : "there is nothing shown yet to relate to; ask for products first";
      return new PreparedTurn(turn, u, List.of(), 0, joined(List.of(note), lang), new Evidence(text, u, List.of(), List.of(note)));
    }
    state.lookedAt(List.of(anchor.get().id()));
    List<Constraint> wishes = u.constraints().stream().filter(c -> switch (c.kind()) {
      case PRICE_MAX, PRICE_MIN, RATING_MIN, IN_STOCK -> true;
      default -> false;
    }).toList();
    Predicate<Product> fits = ConstraintFilter.fits(wishes);
    List<Edge> edges = new ArrayList<>();
    for (Edge e : graph.get().from(anchor.get().id(), u.related())) {
      Optional<Product> p = v.catalog().get(e.to());
      if (p.isPresent() && fits.test(p.get())) edges.add(e);
      if (edges.size() == PAGE_SIZE) break;
    }
    List<Candidate> chosen = new ArrayList<>();
    for (Edge e : edges) chosen.add(new Candidate(e.to(), 0, Map.of(), Map.of()));
    Map<String, RankedProduct> ranked = new HashMap<>();
    for (RankedProduct r : ranker.rank(u.query(), wishes, chosen, v.catalog(), profile)) ranked.put(r.product().id(), r);
    List<RankedProduct> page = new ArrayList<>();
    for (Edge e : edges) {
      RankedProduct r = ranked.get(e.to());
      if (r != null) page.add(r.withRank(page.size() + 1));
    }
    List<String> notes = new ArrayList<>();
    if (page.isEmpty()) {
      if (zh) {
        notes.add(graph.get().size() == 0 ? "商品之间的关系还在建立中，请稍后再问"
            : "我不知道有" + (wishes.isEmpty() ? "" : "符合您要求的") + RELATION_WORDS_ZH.get(u.related()).formatted(anchor.get().title()));
      } else {
        notes.add(graph.get().size() == 0 ? "the product relations are still being built; ask again in a moment"
            : "I know of no " + RELATION_WORDS.get(u.related()) + " " + anchor.get().title()
                + (wishes.isEmpty() ? "" : " that meets your wishes"));
      }
    }
    state.shown(page.stream().map(RankedProduct::product).toList());
    return new PreparedTurn(turn, u, page, page.size(), joined(notes, lang),
        new Evidence(text, u, page, notes, null, List.of(), edges, List.of(anchor.get())));
  }

  private static final Map<Relation, String> RELATION_WORDS = Map.of(
      Relation.SIMILAR, "products similar to", Relation.SAME_BRAND, "other products by the brand of",
      Relation.COMPLEMENTARY, "products that go with", Relation.CHEAPER_ALTERNATIVE, "cheaper products similar to");
  private static final Map<Relation, String> RELATION_WORDS_ZH = Map.of(
      Relation.SIMILAR, "与%s相似的商品", Relation.SAME_BRAND, "与%s同品牌的其他商品",
      Relation.COMPLEMENTARY, "与%s搭配的商品", Relation.CHEAPER_ALTERNATIVE, "与%s相似但更便宜的商品");

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

  /**
   * Candidates for the understanding's query; none for a constraint-only turn, where every catalog
   * product is a candidate without retrieval signals and gets one only once it meets the
   * constraints (see {@link #searchTurn}).
   */
  private Map<String, Candidate> candidates(View v, ConversationSession.Draft draft, Understanding u) {
    Map<String, Candidate> byId = new LinkedHashMap<>();
    if (!u.query().isBlank()) {
      for (Candidate c : retrieve(v, draft, u.query())) {
        if (relevant(c)) byId.put(c.productId(), c);
      }
    }
    return byId;
  }

  /**
   * The top {@link #CANDIDATES} for {@code query}. A conversation's query often stays the same
   * from turn to turn (a refinement adds a constraint, a follow-up asks about what was shown), so
   * the turn's draft carries the conversation's last retrieval and reuses it while the same
   * retriever answers over the same catalog snapshot (retrieval is deterministic: the candidates
   * are those a new call would return; a live catalog change swaps the view's catalog after the
   * indexes took it, so a retrieval from before it is never served after it). A new one goes into
   * the draft, and so into the session when the turn is committed. Without a draft (a stateless
   * call) it simply retrieves. Only retrieval is reused, never a ranking: every turn ranks the
   * candidates afresh with the catalog snapshot and the shopper's profile as they are now, so a
   * profile learned or cleared since is always in force.
   */
  private List<Candidate> retrieve(View v, ConversationSession.Draft draft, String query) {
    if (draft == null) return retriever.retrieve(query, CANDIDATES);
    Retriever source = retriever.current();
    ConversationSession.Recall last = draft.recall();
    if (last != null && last.source() == source && last.catalog() == v.catalog() && last.k() == CANDIDATES
        && last.query().equals(query)) {
      return last.candidates();
    }
    List<Candidate> found = List.copyOf(source.retrieve(query, CANDIDATES));
    draft.remember(new ConversationSession.Recall(source, v.catalog(), query, CANDIDATES, found));
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
  private Map<String, Candidate> widen(View v, Understanding u, Map<String, Candidate> seen) {
    Map<String, Candidate> out = new LinkedHashMap<>();
    Set<String> allowed = new HashSet<>();
    for (Product p : v.filter().fittingInCatalog(u.constraints())) {
      if (!seen.containsKey(p.id())) allowed.add(p.id());
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

  private PreparedTurn explainTurn(View v, ConversationSession.Draft draft, ShopperProfile profile, String text, Understanding u) {
    DialogueState state = draft.state();
    int turn = draft.turn();
    if (u.intent() != Intent.WHY_NOT) state.lookedAt(u.referencedProductIds());
    LinkedHashSet<String> ids = new LinkedHashSet<>(u.referencedProductIds());
    if (u.intent() == Intent.WHY_NOT) state.shown().forEach(s -> ids.add(s.id()));
    if (ids.isEmpty()) state.shown().forEach(s -> ids.add(s.id()));
    List<RankedProduct> ranked = rankAmong(v, u.query(), u.constraints(), ids, draft, profile);
    Language lang = Language.detect(text);
    List<String> notes = new ArrayList<>(gone(v, state, ids, lang));
    if (u.referencedProductIds().isEmpty()) {
      if (lang == Language.ZH) {
        notes.add(state.shown().isEmpty() ? "还没有展示商品可以解释；请先告诉我您想找什么" : "不清楚您指的是哪件商品，以下是已展示的商品");
      } else {
        notes.add(state.shown().isEmpty()
            ? "there is nothing shown yet to explain; ask for products first"
            : "it is not clear which product you mean, so here are the ones shown");
      }
    }
    if (u.intent() == Intent.WHY_NOT) {
      // a sort in force orders the contrast too ("best rated" lists stay by rating)
      ranked = renumber(applySort(ranked, ConstraintFilter.sorted(ranked.stream().map(RankedProduct::product).toList(),
          u.constraints()), u.constraints()));
      // the ranker's own order over the shown products plus the one asked about: its rank says
      // where it would stand, and the shown ones keep their places above it
      return new PreparedTurn(turn, u, ranked, ranked.size(), joined(notes, lang), new Evidence(text, u, ranked, notes));
    }
    // WHY / COMPARE: the products in the order the shopper named them, each with the rank it was
    // shown at (so "the second one" is explained as #2)
    Map<String, Integer> shownRank = shownRanks(state);
    List<RankedProduct> ordered = new ArrayList<>();
    for (String id : ids) {
      for (RankedProduct r : ranked) {
        if (!r.product().id().equals(id)) continue;
        int rank = shownRank.getOrDefault(id, r.rank());
        ordered.add(r.withRank(rank));
      }
    }
    return new PreparedTurn(turn, u, ordered, ordered.size(), joined(notes, lang), new Evidence(text, u, ordered, notes));
  }

  private static List<RankedProduct> renumber(List<RankedProduct> list) {
    return renumber(list, 0);
  }

  private static List<RankedProduct> renumber(List<RankedProduct> list, int offset) {
    List<RankedProduct> out = new ArrayList<>(list.size());
    for (int i = 0; i < list.size(); i++) {
      RankedProduct r = list.get(i);
      out.add(r.withRank(offset + i + 1));
    }
    return out;
  }
}
