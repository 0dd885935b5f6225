package dev.glasscart.explanation;

import dev.glasscart.catalog.AttributeNames;
import dev.glasscart.catalog.Money;
import dev.glasscart.catalog.Product;
import dev.glasscart.catalog.graph.Edge;
import dev.glasscart.catalog.graph.EdgeReasons;
import dev.glasscart.catalog.graph.Relation;
import dev.glasscart.explanation.Answer.Finding;
import dev.glasscart.query.Constraint;
import dev.glasscart.query.Intent;
import dev.glasscart.query.Language;
import dev.glasscart.query.Question;
import dev.glasscart.query.Question.Aspect;
import dev.glasscart.ranking.RankedProduct;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The built-in answer in Chinese, for a shopper who wrote in Chinese: the same evidence and the
 * same structure as the English composers (notes, then per intent the top picks, a product's
 * reasons, a contrast, a side-by-side, the answer to a question, small talk), each sentence a
 * {@link Claim} on the facts it states. Amounts as a Chinese shopper reads them
 * ({@link Money#formatChinese}); titles and brands as the catalog spells them. The pipeline's notes
 * come in the shopper's language and lead the answer, as in English; the score contributions are
 * said with their Chinese labels ({@link dev.glasscart.ranking.Contribution#label(Language)}); the
 * product graph's edges with their reasons worded from the same facts the graph's reason is made
 * of (relation, brand, category, price difference, shared attribute values). Pure, stateless and
 * thread-safe.
 */
final class ChineseComposer {
  private ChineseComposer() {}

  static List<Claim> compose(Evidence e) {
    List<Claim> claims = new ArrayList<>();
    for (String note : e.notes()) {
      // the pipeline's notes are in the shopper's language (ConversationService words them so)
      if (!note.isBlank()) claims.add(Claim.of(note.strip() + (note.strip().endsWith("。") ? "" : "。"), Fact.of("", "note", note)));
    }
    switch (e.understanding().intent()) {
      case CHAT -> {
        claims.addAll(chat(e));
        return claims;
      }
      case QUESTION -> {
        if (e.answered().isPresent()) {
          claims.addAll(answer(e, e.answered().get()));
          return claims;
        }
      }
      default -> { }
    }
    if (e.shown().isEmpty()) {
      boolean search = e.understanding().intent() == Intent.SEARCH || e.understanding().intent() == Intent.MORE;
      if (search || claims.isEmpty()) {
        claims.add(Claim.of("抱歉，没有找到符合条件的商品。您可以换个说法，或放宽价格、品牌等条件。", Fact.of("", "shown", 0)));
      }
      return claims;
    }
    switch (e.understanding().intent()) {
      case WHY -> claims.addAll(why(e));
      case WHY_NOT -> claims.addAll(whyNot(e));
      case COMPARE -> claims.addAll(compare(e));
      case RELATED -> claims.addAll(related(e));
      default -> claims.addAll(picks(e, !claims.isEmpty()));
    }
    return claims;
  }

  private static String price(Product p) {
    return Money.formatChinese(p.price(), p.currency());
  }

  private static String rating(Product p) {
    return p.reviewCount() == 0 ? "暂无评价" : "评分" + Wording.rating(p.rating()) + "星（" + p.reviewCount() + "条评价）";
  }

  private static String stock(Product p) {
    return p.inStock() ? "有货" : "暂时缺货";
  }

  private static Fact[] basics(Product p) {
    return new Fact[] {ClaimComposer.fact(p, "title", p.title()), ClaimComposer.fact(p, "price", p.price()),
        ClaimComposer.fact(p, "rating", p.rating()), ClaimComposer.fact(p, "reviewCount", p.reviewCount()),
        ClaimComposer.fact(p, "stock", p.stock())};
  }

  /** The top picks; {@code noted}: a note already said why nothing fits exactly. */
  private static List<Claim> picks(Evidence e, boolean noted) {
    List<Claim> claims = new ArrayList<>();
    List<RankedProduct> top = e.shown().subList(0, Math.min(ClaimComposer.TOP, e.shown().size()));
    boolean relaxed = top.stream().anyMatch(r -> !e.understanding().constraints().stream().allMatch(c -> c.test(r.product())));
    String lead = relaxed ? (noted ? "以下是最接近的选择：" : "没有完全符合您全部要求的商品，以下是最接近的选择：")
        : e.shown().size() == 1 ? "为您找到1件符合条件的商品：" : "为您找到" + e.shown().size() + "件商品，最推荐的是：";
    claims.add(Claim.of(lead, Fact.of("", "shown", e.shown().size())));
    for (int i = 0; i < top.size(); i++) {
      RankedProduct r = top.get(i);
      Product p = r.product();
      claims.add(Claim.of(p.title() + "，售价" + price(p) + "，" + rating(p) + "，" + stock(p) + "。", basics(p)));
      goesWith(r, e).ifPresent(claims::add);
      if (i == 0) ClaimComposer.reasonsClaim(r, 2, "它排在最前，最主要的因素：", Language.ZH).ifPresent(claims::add);
    }
    return claims;
  }

  /** "它和您看过的X搭配（理由）。": a shown product that goes with one the shopper looked at. */
  private static Optional<Claim> goesWith(RankedProduct r, Evidence e) {
    for (Edge edge : e.relatedTo(r.product().id())) {
      Optional<Product> anchor = e.anchor(edge.from());
      if (anchor.isEmpty() || edge.relation() != Relation.COMPLEMENTARY) continue;
      return Optional.of(Claim.of("它可以和您看过的" + anchor.get().title() + "搭配（" + reason(edge, anchor.get(), r.product()) + "）。",
          ClaimComposer.fact(anchor.get(), "title", anchor.get().title()),
          ClaimComposer.fact(r.product(), "relation:" + edge.relation().wire(), edge.reason())));
    }
    return Optional.empty();
  }

  /**
   * A RELATED turn in Chinese, as {@code ClaimComposer.related} in English: what the products are to
   * the anchor, then for each of the first {@link ClaimComposer#TOP} its price and its edge's reason.
   */
  private static List<Claim> related(Evidence e) {
    List<Claim> claims = new ArrayList<>();
    Product anchor = e.anchors().isEmpty() ? null : e.anchors().get(0);
    if (anchor != null) {
      String lead = switch (e.understanding().related()) {
        case COMPLEMENTARY -> "这些商品可以和" + anchor.title() + "搭配：";
        case SIMILAR -> "这些商品和" + anchor.title() + "相似：";
        case CHEAPER_ALTERNATIVE -> "这些商品和" + anchor.title() + "相似，价格低于它的" + price(anchor) + "：";
        case SAME_BRAND -> anchor.title() + "的品牌" + anchor.brand() + "还有这些商品：";
      };
      claims.add(Claim.of(lead, ClaimComposer.fact(anchor, "title", anchor.title()), ClaimComposer.fact(anchor, "brand", anchor.brand()),
          ClaimComposer.fact(anchor, "price", anchor.price()), Fact.of("", "relation", e.understanding().related().wire())));
    }
    List<RankedProduct> top = e.shown().subList(0, Math.min(ClaimComposer.TOP, e.shown().size()));
    for (RankedProduct r : top) {
      Product p = r.product();
      claims.add(Claim.of(p.title() + "，售价" + price(p) + "。", ClaimComposer.fact(p, "title", p.title()), ClaimComposer.fact(p, "price", p.price())));
      for (Edge edge : e.relatedTo(p.id())) {
        Product from = e.anchor(edge.from()).orElse(anchor);
        if (from == null) break;
        claims.add(Claim.of("理由：" + reason(edge, from, p) + "。", ClaimComposer.fact(p, "relation:" + edge.relation().wire(), edge.reason()),
            ClaimComposer.fact(from, "price", from.price()), ClaimComposer.fact(p, "brand", p.brand())));
        break;
      }
    }
    return claims;
  }

  /** An edge's reason in Chinese ({@link EdgeReasons#chinese}), from the same facts as its stored reason. */
  private static String reason(Edge edge, Product from, Product to) {
    return EdgeReasons.chinese(edge.relation(), from, to);
  }

  private static Optional<RankedProduct> referenced(Evidence e, int i) {
    List<String> ids = e.understanding().referencedProductIds();
    if (i < ids.size()) {
      for (RankedProduct r : e.shown()) if (r.product().id().equals(ids.get(i))) return Optional.of(r);
    }
    return i < e.shown().size() && ids.isEmpty() ? Optional.of(e.shown().get(i)) : Optional.empty();
  }

  private static List<Claim> why(Evidence e) {
    RankedProduct r = referenced(e, 0).orElse(e.shown().get(0));
    Product p = r.product();
    List<Claim> claims = new ArrayList<>();
    claims.add(Claim.of("推荐" + p.title() + "，它排在第" + r.rank() + "位：" + rating(p) + "，售价" + price(p) + "，" + stock(p) + "。",
        basics(p)));
    List<String> met = new ArrayList<>();
    List<Fact> basis = new ArrayList<>();
    for (Constraint c : e.understanding().constraints()) {
      if (c.kind() != Constraint.Kind.SORT && c.test(p)) {
        met.add(wish(c, p));
        basis.add(ClaimComposer.constraintFact(c));
      }
    }
    if (!met.isEmpty()) {
      basis.add(ClaimComposer.fact(p, "id", p.id()));
      claims.add(new Claim("它符合您的要求：" + String.join("、", met) + "。", basis));
    }
    ClaimComposer.reasonsClaim(r, 3, "最主要的因素：", Language.ZH).ifPresent(claims::add);
    return claims;
  }

  private static List<Claim> whyNot(Evidence e) {
    Optional<RankedProduct> asked = referenced(e, 0);
    if (asked.isEmpty()) return List.of(Claim.of("抱歉，我不确定您指的是哪件商品。", Fact.of("", "referenced", 0)));
    RankedProduct r = asked.get();
    Product p = r.product();
    List<Claim> claims = new ArrayList<>();
    for (Constraint c : e.understanding().constraints()) {
      if (c.kind() != Constraint.Kind.SORT && !c.test(p)) {
        claims.add(Claim.of(p.title() + "不符合您的要求：" + wish(c, p) + "。", ClaimComposer.constraintFact(c), ClaimComposer.fact(p, "id", p.id())));
      }
    }
    RankedProduct first = e.shown().get(0);
    if (first != r) {
      claims.add(Claim.of(p.title() + "排在第" + r.rank() + "位，" + first.product().title() + "排在第" + first.rank() + "位："
          + p.title() + rating(p) + "，" + first.product().title() + rating(first.product()) + "。",
          ClaimComposer.fact(p, "rank", r.rank()), ClaimComposer.fact(first.product(), "rank", first.rank()),
          ClaimComposer.fact(p, "rating", p.rating()), ClaimComposer.fact(first.product(), "rating", first.product().rating())));
    } else if (claims.isEmpty()) {
      claims.add(Claim.of(p.title() + "已经排在第" + r.rank() + "位。", ClaimComposer.fact(p, "rank", r.rank())));
    }
    return claims;
  }

  private static List<Claim> compare(Evidence e) {
    List<RankedProduct> ps = new ArrayList<>();
    for (int i = 0; i < e.understanding().referencedProductIds().size(); i++) referenced(e, i).ifPresent(ps::add);
    for (RankedProduct r : e.shown()) if (ps.size() < 2 && !ps.contains(r)) ps.add(r);
    List<Claim> claims = new ArrayList<>();
    for (RankedProduct r : ps) {
      Product p = r.product();
      claims.add(Claim.of(p.title() + "：售价" + price(p) + "，" + rating(p) + "，" + stock(p) + "。", basics(p)));
    }
    if (ps.size() >= 2) {
      Product a = ps.get(0).product();
      Product b = ps.get(1).product();
      Product cheaper = a.price() <= b.price() ? a : b;
      Product better = a.rating() >= b.rating() ? a : b;
      String contrast = cheaper == better ? cheaper.title() + "更便宜，评分也更高。" : cheaper.title() + "更便宜，" + better.title() + "评分更高。";
      claims.add(Claim.of(contrast, ClaimComposer.fact(a, "price", a.price()),
          ClaimComposer.fact(b, "price", b.price()), ClaimComposer.fact(a, "rating", a.rating()), ClaimComposer.fact(b, "rating", b.rating())));
    }
    return claims;
  }

  private static List<Claim> answer(Evidence e, Answer a) {
    Map<String, Product> byId = new HashMap<>();
    for (RankedProduct r : e.shown()) byId.put(r.product().id(), r.product());
    List<Finding> findings = a.findings().stream().filter(f -> byId.containsKey(f.productId())).toList();
    Question q = a.question();
    if (findings.isEmpty()) return List.of(Claim.of("目前还没有展示商品，请先告诉我您想找什么。", Fact.of("", "shown", 0)));
    if (a.unstated()) return List.of(Claim.of("商品信息中没有注明" + what(q) + "。", Fact.of("", "unstated", what(q))));
    List<Claim> claims = new ArrayList<>();
    if (q.kind() == Question.Kind.SUPERLATIVE) {
      Product first = byId.get(findings.get(0).productId());
      claims.add(Claim.of("其中" + superlative(q) + "的是" + first.title() + "，" + stated(q, first) + "。", basics(first)));
      if (findings.size() > 1) {
        Product next = byId.get(findings.get(1).productId());
        claims.add(Claim.of("其次是" + next.title() + "，" + stated(q, next) + "。", basics(next)));
      }
      return claims;
    }
    if (q.pick() != null) {
      Product p = byId.get(findings.get(0).productId());
      claims.add(Claim.of(superlative(q.pick()) + "的是" + p.title() + "。", basics(p)));
    }
    if (q.aspect() == Aspect.TEXT && findings.stream().noneMatch(Finding::found)) {
      claims.add(Claim.of("商品信息中没有提到“" + String.join("、", q.words()) + "”。", Fact.of("", "unstated", String.join(" ", q.words()))));
      return claims;
    }
    boolean free = e.userText().contains("免费");
    for (Finding f : findings.subList(0, Math.min(AnswerComposer.MAX, findings.size()))) {
      Product p = byId.get(f.productId());
      if (!f.found()) {
        if (q.aspect() != Aspect.TEXT) claims.add(Claim.of("商品信息中没有注明" + p.title() + "的" + what(q) + "。", ClaimComposer.fact(p, "unstated", what(q))));
        continue;
      }
      String text = switch (q.aspect()) {
        case PRICE -> (free && p.price() > 0 ? "不是免费的：" : "") + p.title() + "售价" + price(p) + "。";
        case RATING -> p.title() + rating(p) + "。";
        case REVIEWS -> p.title() + "共有" + p.reviewCount() + "条评价。";
        case STOCK -> f.fact().equals("stock") ? (p.inStock() ? p.title() + "有货，库存" + p.stock() + "件。" : p.title() + "暂时缺货。")
            : p.title() + "：" + f.value() + "。";
        case ATTRIBUTE -> p.title() + "：" + f.value() + "。";
        case TEXT -> p.title() + "：“" + f.value() + "”";
      };
      claims.add(Claim.of(text, ClaimComposer.fact(p, f.fact(), f.value()), ClaimComposer.fact(p, "price", p.price())));
    }
    return claims;
  }

  private static String superlative(Question q) {
    return switch (q.aspect()) {
      case PRICE -> q.highest() ? "最贵" : "最便宜";
      case RATING -> q.highest() ? "评分最高" : "评分最低";
      case REVIEWS -> q.highest() ? "评价最多" : "评价最少";
      case STOCK -> q.highest() ? "库存最多" : "库存最少";
      case ATTRIBUTE -> (q.highest() ? "最高的" : "最低的") + AttributeNames.inWords(q.attribute());
      case TEXT -> "最符合";
    };
  }

  private static String stated(Question q, Product p) {
    return switch (q.aspect()) {
      case PRICE -> "售价" + price(p);
      case RATING, REVIEWS -> rating(p);
      case STOCK -> "库存" + p.stock() + "件";
      case ATTRIBUTE -> AttributeNames.inWords(q.attribute()) + "：" + (p.attribute(q.attribute()) == null ? "未注明" : p.attribute(q.attribute()));
      case TEXT -> "";
    };
  }

  private static String what(Question q) {
    return switch (q.aspect()) {
      case PRICE -> "价格";
      case RATING, REVIEWS -> "评分和评价";
      case STOCK -> "库存";
      case ATTRIBUTE -> AttributeNames.inWords(q.attribute());
      case TEXT -> "“" + String.join("、", q.words()) + "”";
    };
  }

  /** A wish as a Chinese shopper says it ({@link Constraint#describe(String, Language)}). */
  private static String wish(Constraint c, Product p) {
    return c.kind() == Constraint.Kind.ATTRIBUTE ? c.value() : c.describe(p.currency(), Language.ZH);
  }

  private static List<Claim> chat(Evidence e) {
    String cats = String.join("、", e.categories().stream().limit(3).toList());
    String examples = cats.isEmpty() ? "" : "，比如" + cats;
    Fact basis = Fact.of("", "chat", e.understanding().chat().name());
    Fact shop = Fact.of("", "categories", String.join(", ", e.categories()));
    return switch (e.understanding().chat()) {
      case GREETING -> List.of(Claim.of("您好！我可以帮您在本店挑选商品" + examples + "。请问您想找什么？", basis, shop));
      case THANKS -> List.of(Claim.of("不客气！还需要什么随时告诉我。", basis));
      case HELP -> List.of(Claim.of("我可以帮您搜索本店商品" + examples + "，按价格、品牌或颜色筛选，并回答关于所展示商品的问题。请告诉我您需要什么。", basis, shop));
      case OFF_TOPIC -> List.of(Claim.of("抱歉，我只能帮您挑选本店的商品" + examples + "。请问您想找什么？", basis, shop));
      case HOSTILE -> List.of(Claim.of("我不能改变自己的工作方式，但很乐意帮您购物。请问您想找什么？", basis));
      case PROFILE, FORGET_PROFILE -> ProfileComposer.compose(e, true);
    };
  }
}
