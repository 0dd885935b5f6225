package dev.glasscart.retrieval.engine;

import com.fasterxml.jackson.databind.JsonNode;
import dev.glasscart.retrieval.Candidate;
import dev.glasscart.retrieval.Signals;
import dev.glasscart.retrieval.dense.Embedder;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * Dense retrieval by the search engine's k-NN search (HNSW over the collection's vector field,
 * each shard's {@code k} nearest, merged): the query is embedded here, by the same encoder as the
 * catalog, and sent as a vector. The engine scores a unit-vector dot product as {@code (1 + cos) / 2};
 * the candidates carry the cosine itself, as score and {@code dense} signal, as the in-process
 * {@code DenseRetriever}'s do. Approximate where the in-process search is exact: each shard's graph
 * search is asked for {@code max(2k, }{@value #MIN_BEAM}{@code )} neighbours (HNSW's beam is that
 * count) and the best {@code k} are kept, which found the exact nearest ten where a beam of ten
 * missed some (SolrEngineTest, a catalog of near-duplicate products).
 * {@link #retrieveAmong} is a pre-filter in the engine (the nearest allowed products, however far
 * down they rank overall). Finds nothing while the collection holds no vectors yet. Blocking; thread-safe.
 */
public final class SolrDenseRetriever extends SolrSearch {
  /** The least number of neighbours each shard's graph search looks for. */
  static final int MIN_BEAM = 100;

  private final Embedder queries;

  public SolrDenseRetriever(SolrCatalogIndex index, Embedder queries) {
    super(index);
    this.queries = Objects.requireNonNull(queries, "queries");
  }

  @Override
  List<Candidate> search(String query, int k, Set<String> allowed) {
    if (query == null || query.isBlank() || k <= 0) return List.of();
    // until the catalog's embeddings are in the collection (serve indexes them in the background), k-NN finds nothing
    if (!index.hasVectors()) return List.of();
    int n = Math.min(k, MAX_K);
    float[] q = queries.embed(List.of(query))[0];
    StringBuilder v = new StringBuilder(q.length * 12).append("{!knn f=").append(SolrSchema.VECTOR)
        .append(" topK=").append(Math.min(MAX_K, Math.max(2 * n, MIN_BEAM))).append("}[");
    for (int i = 0; i < q.length; i++) {
      if (i > 0) v.append(',');
      v.append(q[i]);
    }
    v.append(']');
    List<Map.Entry<String, String>> params = new ArrayList<>();
    params.add(param("q", v.toString()));
    params.add(param("rows", Integer.toString(n)));
    params.add(param("fl", "id,score"));
    List<Candidate> out = new ArrayList<>();
    for (JsonNode doc : select(params, allowed)) {
      float cosine = 2f * (float) doc.path("score").asDouble() - 1f;
      out.add(new Candidate(doc.path(Signals.ID).asText(), cosine, Map.of(Signals.DENSE, (double) cosine), Map.of()));
    }
    return out;
  }

  @Override
  public String toString() {
    return "solr-knn(alias " + index.alias() + ")";
  }
}
