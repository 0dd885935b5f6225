package dev.glasscart.catalog.graph;

import dev.glasscart.catalog.AttributeNames;
import dev.glasscart.catalog.Money;
import dev.glasscart.catalog.Product;
import java.util.ArrayList;
import java.util.List;

/**
 * An edge's reason for a shopper who reads Chinese, worded from the facts {@link GraphBuilder}
 * words its stored (English) reason with: the relation, the shared brand and category, the price
 * difference and the first attribute value both products share ("同为Koala品牌，属于护理",
 * "便宜12元，同属跑步鞋，相同的colour（黑色）"). What only the stored reason knows (which
 * complement rule, how many shoppers liked both) is not repeated. Pure and thread-safe.
 */
public final class EdgeReasons {
  private EdgeReasons() {}

  /** The reason {@code to} is related to {@code from} by {@code relation}, in Chinese. */
  public static String chinese(Relation relation, Product from, Product to) {
    List<String> parts = new ArrayList<>();
    boolean sameBrand = !to.brand().isBlank() && to.brand().equalsIgnoreCase(from.brand());
    switch (relation) {
      case SAME_BRAND -> {
        parts.add("同为" + to.brand() + "品牌");
        if (!to.category().isBlank() && !to.category().equals(from.category())) parts.add("属于" + to.category());
      }
      case CHEAPER_ALTERNATIVE, SIMILAR -> {
        if (relation == Relation.CHEAPER_ALTERNATIVE && to.price() < from.price() && to.currency().equals(from.currency())) {
          parts.add("便宜" + Money.formatChinese(from.price() - to.price(), from.currency()));
        }
        parts.add(from.category().isBlank() ? "与它相似" : "同属" + from.category());
      }
      case COMPLEMENTARY -> {
        parts.add("适合与" + from.title() + "一起使用");
        if (sameBrand) parts.add("同为" + to.brand() + "品牌");
      }
    }
    List<String> shared = GraphBuilder.sharedAttributeKeys(from, to);
    if (!shared.isEmpty()) parts.add("相同的" + AttributeNames.inWords(shared.get(0)) + "（" + to.attribute(shared.get(0)) + "）");
    return String.join("，", parts);
  }
}
