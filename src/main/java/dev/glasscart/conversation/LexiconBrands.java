package dev.glasscart.conversation;

import dev.glasscart.catalog.Catalog;
import dev.glasscart.catalog.Product;
import dev.glasscart.conversation.CatalogVocabulary.Term;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.function.Predicate;

/**
 * The Chinese names of a catalog's Latin-spelt brands, learned at import from the catalog's brand
 * list and a {@link BilingualLexicon}: a headword whose proper-noun sense starts with the brand's
 * name (卡西欧: "Casio") names that brand, whether or not the encoder has
 * ever seen it and though the catalog never writes it. Nothing here knows a brand; three checks
 * against the catalog keep a dictionary name from taking over a word the shop uses otherwise:
 *
 * <ul>
 *   <li>the headword is not already one of the catalog's words (a category, tag or attribute value);</li>
 *   <li>when products write the headword in their own text, (almost) all of them are the brand's
 *       ({@link BrandNames#namesOnly}, as for the encoder's brand names): a name written in the title
 *       of an unbranded product is that product's word in this shop;</li>
 *   <li>when the headword also has an everyday sense (火狐: "Firefox", also "red panda"), no
 *       product in a category the brand does not sell in writes that sense in its title, category
 *       or tags: a shop selling a brand's goods and the everyday thing cannot tell which is meant.</li>
 * </ul>
 *
 * A headword and its spelling in the other script (苹果 / 蘋果) pass or fail these checks together.
 * A headword that would name two of the catalog's brands names none. Linear in the catalog size,
 * one pass over products that hold CJK text at all (none for an English catalog). Pure.
 */
final class LexiconBrands {
  private LexiconBrands() {}

  /**
   * The headwords of {@code lexicon} that name one of {@code brands} (the vocabulary's brand terms)
   * in {@code catalog}, each with its brand; {@code known} says whether a normalized phrase is
   * already a catalog word.
   */
  static Map<String, Term> learn(Catalog catalog, List<Term> brands, BilingualLexicon lexicon, Predicate<String> known) {
    Map<String, Term> candidates = new LinkedHashMap<>();
    Set<String> clashing = new HashSet<>();
    for (Term b : brands) {
      for (String head : lexicon.headwordsFor(b.value())) {
        if (known.test(Words.key(head))) continue;
        Term before = candidates.putIfAbsent(head, b);
        if (before != null && !before.equals(b)) clashing.add(head);
      }
    }
    clashing.forEach(candidates::remove);
    if (candidates.isEmpty()) return Map.of();
    List<String> heads = new ArrayList<>(candidates.keySet());
    // a headword and its spelling in the other script are one word: what the catalog writes in one guards both
    List<String> spellings = new ArrayList<>(heads);
    for (String head : heads) for (String v : lexicon.variants(head)) if (!spellings.contains(v)) spellings.add(v);
    List<Map<String, Integer>> found = BrandNames.mentions(catalog, spellings);
    Map<String, Map<String, Integer>> mentionsOf = new HashMap<>();
    for (int i = 0; i < spellings.size(); i++) mentionsOf.put(spellings.get(i), found.get(i));
    Map<String, Set<String>> brandCategories = brandCategories(catalog);
    List<Labelled> labelled = null; // built once, only when a headword has an everyday sense
    Map<String, Term> out = new LinkedHashMap<>();
    for (String head : heads) {
      Term brand = candidates.get(head);
      List<String> forms = new ArrayList<>(List.of(head));
      forms.addAll(lexicon.variants(head));
      if (forms.stream().map(mentionsOf::get).anyMatch(m -> BrandNames.total(m) > 0 && !BrandNames.namesOnly(m, brand.value()))) continue;
      List<String> senses = forms.stream().flatMap(f -> lexicon.commonSenses(f).stream()).distinct().toList();
      if (!senses.isEmpty() && labelled == null) labelled = labelled(catalog);
      if (everydayElsewhere(labelled, senses, brandCategories.getOrDefault(key(brand.value()), Set.of()))) continue;
      out.put(head, brand);
    }
    return out;
  }

  /** Whether a product outside {@code brandCategories} writes one of {@code senses} as words of its title, category or tags. */
  private static boolean everydayElsewhere(List<Labelled> products, List<String> senses, Set<String> brandCategories) {
    if (senses.isEmpty()) return false;
    List<String> keys = senses.stream().map(Words::key).filter(k -> !k.isBlank()).map(k -> " " + k + " ").toList();
    for (Labelled p : products) {
      if (brandCategories.contains(p.category())) continue;
      for (String k : keys) if (p.words().contains(k)) return true;
    }
    return false;
  }

  /** A product's category and the normalized words of its title, category and tags, space-padded. */
  private record Labelled(String category, String words) {}

  private static List<Labelled> labelled(Catalog catalog) {
    List<Labelled> out = new ArrayList<>(catalog.size());
    Map<String, String> keys = new HashMap<>(); // titles, categories and tags repeat across a catalog: each read once
    for (Product p : catalog.products()) {
      StringBuilder text = new StringBuilder(" ").append(keys.computeIfAbsent(p.title(), Words::key)).append(' ')
          .append(keys.computeIfAbsent(p.category(), Words::key)).append(' ');
      for (String tag : p.tags()) text.append(keys.computeIfAbsent(tag, Words::key)).append(' ');
      out.add(new Labelled(p.category(), text.toString()));
    }
    return out;
  }

  private static Map<String, Set<String>> brandCategories(Catalog catalog) {
    Map<String, Set<String>> out = new HashMap<>();
    for (Product p : catalog.products()) {
      if (!p.brand().isBlank()) out.computeIfAbsent(key(p.brand()), k -> new HashSet<>()).add(p.category());
    }
    return out;
  }

  private static String key(String brand) {
    return brand.trim().toLowerCase(Locale.ROOT);
  }
}
