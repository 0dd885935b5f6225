package dev.glasscart.retrieval.engine;

import com.fasterxml.jackson.databind.JsonNode;
import dev.glasscart.retrieval.Candidate;
import dev.glasscart.retrieval.Signals;
import dev.glasscart.retrieval.lexical.Bm25Retriever;
import dev.glasscart.retrieval.lexical.CandidateBuilder;
import dev.glasscart.retrieval.lexical.FieldBoosts;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * BM25 retrieval by the search engine, the same query the in-process {@link Bm25Retriever} runs:
 * the query's analyzed terms (Glasscart's analyzer, which is the collection's), one term query per
 * term and boosted field, summed. The terms go to the engine as they are, not analyzed again
 * ({@code {!term}} queries), and the engine's statistics are exact across shards, so a product's
 * score equals the in-process one. The per-field signals and matched terms are read from the
 * engine's explanation of each hit (computed in the same pass as the scores, so with the same
 * global statistics); they add up to the score exactly as in-process. {@link #retrieveAmong}
 * filters in the engine. Blocking; thread-safe.
 */
public final class SolrBm25Retriever extends SolrSearch {
  /** How the engine (Lucene) names a term's part of a score. */
  private static final Pattern WEIGHT = Pattern.compile("weight\\(([^:()\\s]+):(.*) in \\d+\\) \\[");

  private final Map<String, Double> boosts;

  public SolrBm25Retriever(SolrCatalogIndex index, FieldBoosts boosts) {
    super(index);
    this.boosts = Objects.requireNonNull(boosts, "boosts").byField();
  }

  @Override
  List<Candidate> search(String query, int k, Set<String> allowed) {
    if (k < 1 || k > MAX_K) throw new IllegalArgumentException("illegal k: " + k + ", must be between 1 and " + MAX_K);
    List<String> terms = Bm25Retriever.queryTerms(index.analyzer(), query);
    if (terms.isEmpty()) return List.of();
    List<Map.Entry<String, String>> params = new ArrayList<>();
    StringBuilder q = new StringBuilder();
    for (int t = 0; t < terms.size(); t++) params.add(param("t" + t, terms.get(t)));
    for (Map.Entry<String, Double> field : boosts.entrySet()) {
      String boost = Float.toString(field.getValue().floatValue());
      for (int t = 0; t < terms.size(); t++) {
        if (!q.isEmpty()) q.append(' ');
        q.append("_query_:\"{!term f=").append(field.getKey()).append(" v=$t").append(t).append("}\"^").append(boost);
      }
    }
    params.add(param("q", q.toString()));
    params.add(param("q.op", "OR"));
    params.add(param("rows", Integer.toString(k)));
    params.add(param("fl", "id,score,[explain style=nl]"));
    // scores and explanations in one pass, so both use the exact global statistics
    params.add(param("distrib.singlePass", "true"));
    JsonNode docs = select(params, allowed);
    List<Candidate> out = new ArrayList<>(docs.size());
    for (JsonNode doc : docs) {
      CandidateBuilder b = new CandidateBuilder();
      contributions(doc.path("[explain]"), b);
      out.add(b.build(doc.path(Signals.ID).asText()));
    }
    // as in-process: the double sum of the contributions orders the hits
    out.sort(Comparator.comparingDouble(Candidate::score).reversed());
    return out;
  }

  /** Adds every term's part of the score in {@code explanation} (a tree of value, description, details). */
  static void contributions(JsonNode explanation, CandidateBuilder b) {
    if (!explanation.path("match").asBoolean(true)) return;
    Matcher m = WEIGHT.matcher(explanation.path("description").asText());
    if (m.lookingAt()) {
      String field = m.group(1);
      String signal = Signals.BM25_SIGNAL_BY_FIELD.get(field);
      // the engine computes in float, as the in-process scorer does
      if (signal != null) b.add(field, signal, m.group(2), (float) explanation.path("value").asDouble());
      return;
    }
    for (JsonNode d : explanation.path("details")) contributions(d, b);
  }

  @Override
  public String toString() {
    return "solr-bm25(" + boosts + ", " + index.analyzer() + ", alias " + index.alias() + ")";
  }
}
