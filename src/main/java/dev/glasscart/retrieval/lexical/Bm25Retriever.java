package dev.glasscart.retrieval.lexical;

import dev.glasscart.retrieval.Candidate;
import dev.glasscart.retrieval.Retriever;
import dev.glasscart.retrieval.Signals;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import org.apache.lucene.index.LeafReaderContext;
import org.apache.lucene.index.ReaderUtil;
import org.apache.lucene.index.Term;
import org.apache.lucene.search.BooleanClause;
import org.apache.lucene.search.BooleanQuery;
import org.apache.lucene.search.BoostQuery;
import org.apache.lucene.search.IndexSearcher;
import org.apache.lucene.search.Query;
import org.apache.lucene.search.ScoreDoc;
import org.apache.lucene.search.ScoreMode;
import org.apache.lucene.search.Scorer;
import org.apache.lucene.search.TermInSetQuery;
import org.apache.lucene.search.TermQuery;
import org.apache.lucene.search.TopDocs;
import org.apache.lucene.search.Weight;
import org.apache.lucene.util.BytesRef;

/**
 * Multi-field BM25 retrieval over a {@link LexicalIndex}. The query is the disjunction of every
 * analyzed query term in every boosted field, so a product's score is the sum of its per-field,
 * per-term contributions {@code boost(field) * bm25(term, field)}.
 *
 * <p>Each candidate carries the signals {@code bm25} (the total, equal to the score),
 * {@code bm25_title}, {@code bm25_brand}, {@code bm25_category} (category and tags),
 * {@code bm25_attributes}, {@code bm25_description} (per-field contributions, which add up to
 * {@code bm25}), and the matched query terms by index field. Per-field scores are computed only for
 * the top k by advancing one term scorer per (field, term) over the sorted top documents. A query
 * of more than {@value #MAX_QUERY_TERMS} distinct terms searches its longest {@value #MAX_QUERY_TERMS}.
 *
 * <p>Blocking; thread-safe.
 */
public final class Bm25Retriever implements Retriever {
  private static final int MAX_K = 10_000;
  /**
   * Query terms searched at most: one clause per term and field, so a long message (or a topic
   * grown over many turns) stays far below Lucene's limit of 1,024 clauses per query.
   */
  public static final int MAX_QUERY_TERMS = 64;

  private final LexicalIndex index;
  private final Map<String, Double> boosts;

  public Bm25Retriever(LexicalIndex index, FieldBoosts boosts) {
    this.index = Objects.requireNonNull(index, "index");
    this.boosts = Objects.requireNonNull(boosts, "boosts").byField();
  }

  /**
   * The analyzed, distinct terms of {@code query} as the index sees them (what {@link #retrieve}
   * searches for): at most {@value #MAX_QUERY_TERMS}, the longest when there are more (the longer
   * words are the rarer, more telling ones), in query order.
   */
  List<String> queryTerms(String query) {
    return queryTerms(index.analyzer(), query);
  }

  /**
   * The terms a BM25 search for {@code query} looks for with {@code analyzer}: its distinct
   * analyzed terms, the {@value #MAX_QUERY_TERMS} longest when there are more, in query order. The
   * search engine's retriever asks the engine for exactly these.
   */
  public static List<String> queryTerms(ProductAnalyzer analyzer, String query) {
    return longest(analyzer.terms(Signals.TITLE, query), MAX_QUERY_TERMS);
  }

  /** The {@code max} longest of distinct {@code terms} (the earlier of equally long ones), in their order. */
  static List<String> longest(List<String> terms, int max) {
    if (terms.size() <= max) return terms;
    List<Integer> byLength = new ArrayList<>();
    for (int i = 0; i < terms.size(); i++) byLength.add(i);
    byLength.sort(Comparator.comparingInt((Integer i) -> -terms.get(i).length()).thenComparingInt(i -> i));
    List<Integer> kept = new ArrayList<>(byLength.subList(0, max));
    kept.sort(null);
    return kept.stream().map(terms::get).toList();
  }

  @Override
  public List<Candidate> retrieve(String query, int k) {
    return search(query, k, null);
  }

  /** The same query with the allowed ids as a filter: Lucene scores only the allowed products. */
  @Override
  public List<Candidate> retrieveAmong(String query, int k, Set<String> allowed) {
    if (allowed.isEmpty()) return List.of();
    List<BytesRef> ids = new ArrayList<>(allowed.size());
    for (String id : allowed) ids.add(new BytesRef(id));
    return search(query, Math.min(k, MAX_K), new TermInSetQuery(Signals.ID, ids));
  }

  private List<Candidate> search(String query, int k, Query filter) {
    if (k < 1 || k > MAX_K) {
      throw new IllegalArgumentException("illegal k: " + k + ", must be between 1 and " + MAX_K);
    }
    List<String> terms = queryTerms(query);
    if (terms.isEmpty()) return List.of();
    List<FieldTerm> clauses = new ArrayList<>();
    BooleanQuery.Builder all = new BooleanQuery.Builder();
    for (Map.Entry<String, Double> field : boosts.entrySet()) {
      for (String term : terms) {
        Query q = new BoostQuery(new TermQuery(new Term(field.getKey(), term)), field.getValue().floatValue());
        clauses.add(new FieldTerm(field.getKey(), term, q));
        all.add(q, BooleanClause.Occur.SHOULD);
      }
    }
    if (filter != null) {
      all.add(filter, BooleanClause.Occur.FILTER);
      all.setMinimumNumberShouldMatch(1); // with a filter clause, SHOULD clauses become optional
    }
    Query query1 = all.build();
    return index.search(searcher -> explainTop(searcher, searcher.search(query1, k), clauses, index));
  }

  @Override
  public String toString() {
    return "bm25(" + boosts + ", " + index.analyzer() + ")";
  }

  private record FieldTerm(String field, String term, Query query) {}

  private static List<Candidate> explainTop(IndexSearcher searcher, TopDocs top, List<FieldTerm> clauses,
      LexicalIndex index) throws IOException {
    ScoreDoc[] hits = top.scoreDocs;
    int n = hits.length;
    if (n == 0) return List.of();
    ScoreDoc[] byDoc = hits.clone();
    Arrays.sort(byDoc, (a, b) -> Integer.compare(a.doc, b.doc));
    Map<Integer, CandidateBuilder> builders = new HashMap<>(n * 2);
    for (ScoreDoc hit : hits) builders.put(hit.doc, new CandidateBuilder());
    List<LeafReaderContext> leaves = searcher.getIndexReader().leaves();
    for (FieldTerm clause : clauses) {
      Weight weight = searcher.createWeight(searcher.rewrite(clause.query()), ScoreMode.COMPLETE, 1f);
      String signal = Signals.BM25_SIGNAL_BY_FIELD.get(clause.field());
      int i = 0;
      while (i < n) {
        int leafIndex = ReaderUtil.subIndex(byDoc[i].doc, leaves);
        LeafReaderContext leaf = leaves.get(leafIndex);
        int end = leaf.docBase + leaf.reader().maxDoc();
        Scorer scorer = weight.scorer(leaf);
        for (; i < n && byDoc[i].doc < end; i++) {
          if (scorer == null) continue;
          int local = byDoc[i].doc - leaf.docBase;
          int current = scorer.docID();
          if (current < local) current = scorer.iterator().advance(local);
          if (current == local) {
            builders.get(byDoc[i].doc).add(clause.field(), signal, clause.term(), scorer.score());
          }
        }
      }
    }
    List<Candidate> out = new ArrayList<>(n);
    for (ScoreDoc hit : hits) out.add(builders.get(hit.doc).build(index.productId(searcher, hit.doc)));
    // the double sum of contributions may differ from Lucene's float score in the last bits
    out.sort(Comparator.comparingDouble(Candidate::score).reversed());
    return out;
  }
}
