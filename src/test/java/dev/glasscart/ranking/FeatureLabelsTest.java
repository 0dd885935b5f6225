package dev.glasscart.ranking;

import static dev.glasscart.ranking.Fixtures.product;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.glasscart.catalog.Product;
import dev.glasscart.retrieval.Candidate;
import dev.glasscart.retrieval.lexical.ProductAnalyzer;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

final class FeatureLabelsTest {
  private final FeatureLabels labels = new FeatureLabels();
  private final ProductAnalyzer analyzer = ProductAnalyzer.standard();

  /** Matched terms as the lexical retriever reports them: analyzed query terms found in the analyzed field. */
  private Set<String> matched(RankingQuery q, String fieldText) {
    Set<String> out = new LinkedHashSet<>(q.terms());
    out.retainAll(analyzer.terms("title", fieldText));
    return out;
  }

  @Test
  void should_show_matched_terms_in_the_words_the_shopper_typed() {
    // Given a query of which the lexical analysis stems "hiking" to "hike"
    RankingQuery q = RankingQuery.of("waterproof hiking boots", List.of(), QueryTerms.lexical());
    Product p = product("p", "Waterproof Boots for Hikes", "", "hiking boots", 90, 0, 0, 1);
    Candidate c = new Candidate("p", 1, Map.of("bm25_title", 2.0, "bm25_category", 1.0),
        Map.of("title", matched(q, p.title()), "category", matched(q, p.category())));

    // When the title and category matches are labelled
    String title = labels.label(Feature.TITLE_MATCH, 2.0, q, c, p);
    String category = labels.label(Feature.CATEGORY_MATCH, 1.0, q, c, p);

    // Then the labels quote the typed words, not the stems
    assertEquals(true, q.terms().contains("hike"), "precondition: the analyzer stems 'hiking' to 'hike'");
    assertEquals("title matches 'boots', 'hiking', 'waterproof'", title);
    assertEquals("category matches 'boots', 'hiking'", category);
  }

  @Test
  void should_quote_each_typed_word_once_when_several_words_share_a_stem() {
    // Given a query that repeats a word and types two forms of the same stem
    RankingQuery q = RankingQuery.of("hiking boots, hiking and hike", List.of(), QueryTerms.lexical());
    Product p = product("p", "hike boots", "", "", 90, 0, 0, 1);
    Candidate c = new Candidate("p", 1, Map.of("bm25_title", 2.0), Map.of("title", matched(q, p.title())));

    // When the title match is labelled
    String title = labels.label(Feature.TITLE_MATCH, 2.0, q, c, p);

    // Then each typed form shows once, without the trailing comma
    assertEquals("title matches 'boots', 'hike', 'hiking'", title);
  }

  @Test
  void should_fall_back_to_the_analyzed_term_when_no_typed_word_produced_it() {
    // Given a candidate reporting a term that the query's words do not produce
    RankingQuery q = RankingQuery.of("red dress", List.of(), QueryTerms.lexical());
    Product p = product("p", "red gown", "", "", 90, 0, 0, 1);
    Candidate c = new Candidate("p", 1, Map.of("bm25_title", 2.0), Map.of("title", Set.of("gown", "red")));

    // Then the unknown term is shown as is, the known one as typed
    assertEquals("title matches 'gown', 'red'", labels.label(Feature.TITLE_MATCH, 2.0, q, c, p));
  }

  @Test
  void should_weigh_peer_similarity_against_a_typical_top_match_and_say_which_side_it_is_on() {
    // Given a product much like the other top matches, one less like them, and one without the signal
    RankingQuery q = RankingQuery.of("hiking boots", List.of(), QueryTerms.lexical());
    Product p = product("p", "Hiking boots", "", "", 90, 0, 0, 1);
    Candidate c = new Candidate("p", 1, Map.of(), Map.of());

    // Then the model input is relative to the typical top match, absence stays 0, and the words follow the side
    assertEquals(0.93 - Feature.TYPICAL_PEER_SIMILARITY, Feature.PEER_SIMILARITY.transform(0.93), 1e-12);
    assertEquals(0.42 - Feature.TYPICAL_PEER_SIMILARITY, Feature.PEER_SIMILARITY.transform(0.42), 1e-12);
    assertEquals(0, Feature.PEER_SIMILARITY.transform(0));
    assertEquals("much like the other top matches (similarity 0.93)", labels.label(Feature.PEER_SIMILARITY, 0.93, q, c, p));
    assertEquals("less like the other top matches (similarity 0.42)", labels.label(Feature.PEER_SIMILARITY, 0.42, q, c, p));
  }
}
