package dev.glasscart.catalog;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * One instance per distinct text for the fields products share: brand, category, currency, tags,
 * attribute keys and values. A catalog of 10,000 products names a few dozen brands; read from a
 * file, each product would hold its own copy of its brand, and every comparison of two brands
 * (counting a turn's candidates per brand, testing a brand constraint) would compare their
 * characters instead of finding the same instance. One pool per read; not thread-safe.
 */
final class StringPool {
  private final Map<String, String> pool = new HashMap<>();

  /** The pooled instance equal to {@code s} (null stays null). */
  String of(String s) {
    if (s == null) return null;
    String known = pool.putIfAbsent(s, s);
    return known != null ? known : s;
  }

  /** {@code list} with its elements pooled (a new list). */
  List<String> of(List<String> list) {
    List<String> out = new ArrayList<>(list.size());
    for (String s : list) out.add(of(s));
    return out;
  }

  /** {@code map} with its keys and values pooled (a new map, same order). */
  Map<String, String> of(Map<String, String> map) {
    Map<String, String> out = new LinkedHashMap<>(Math.max(4, map.size() * 2));
    map.forEach((k, v) -> out.put(of(k), of(v)));
    return out;
  }
}
