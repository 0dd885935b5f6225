package dev.glasscart.retrieval.engine;

import com.fasterxml.jackson.databind.JsonNode;
import dev.glasscart.retrieval.Candidate;
import dev.glasscart.retrieval.Retriever;
import dev.glasscart.retrieval.Signals;
import java.util.AbstractMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * What the engine's retrievers share: a search of the collection behind the alias, unrestricted or
 * with the allowed ids as a filter in the engine, and the request's parameters. Blocking; thread-safe.
 */
abstract class SolrSearch implements Retriever {
  static final int MAX_K = 10_000;
  /**
   * What may separate ids in the filter's list, in order of preference: the first no allowed id
   * holds is used (the engine trims whitespace from parameters, so none of them is whitespace).
   */
  private static final List<String> ID_SEPARATORS = List.of(",", "|", "\u2063", "\u00a7", "\u00b6");

  final SolrCatalogIndex index;

  SolrSearch(SolrCatalogIndex index) {
    this.index = Objects.requireNonNull(index, "index");
  }

  /** Up to {@code k} candidates, among {@code allowed} when it is not null. */
  abstract List<Candidate> search(String query, int k, Set<String> allowed);

  @Override
  public final List<Candidate> retrieve(String query, int k) {
    return search(query, k, null);
  }

  /** The same search with the allowed ids as a filter in the engine. */
  @Override
  public final List<Candidate> retrieveAmong(String query, int k, Set<String> allowed) {
    if (allowed.isEmpty()) return List.of();
    return search(query, Math.min(k, MAX_K), allowed);
  }

  /** The hits ({@code response.docs}) of a search with {@code params}, filtered to {@code allowed} when not null. */
  final JsonNode select(List<Map.Entry<String, String>> params, Set<String> allowed) {
    params.add(param("omitHeader", "true"));
    if (allowed != null) addIdFilter(params, allowed);
    return index.nodes().postForm(index.alias() + "/select", params).path("response").path("docs");
  }

  static Map.Entry<String, String> param(String k, String v) {
    return new AbstractMap.SimpleImmutableEntry<>(k, v);
  }

  /**
   * A filter query admitting only {@code allowed} ids (not cached: each constraint set is its own).
   * The list travels in a parameter of its own name: Solr's own {@code ids} parameter fetches
   * documents by id and skips the query.
   */
  private static void addIdFilter(List<Map.Entry<String, String>> params, Set<String> allowed) {
    String separator = ID_SEPARATORS.stream().filter(sep -> allowed.stream().noneMatch(id -> id.contains(sep))).findFirst()
        .orElseThrow(() -> new IllegalArgumentException("product ids hold every separator the engine's filter can take"));
    params.add(param("fq", "{!terms f=" + Signals.ID + " cache=false separator=$gcidsep v=$gcids}"));
    params.add(param("gcidsep", separator));
    params.add(param("gcids", String.join(separator, allowed)));
  }
}
