package dev.glasscart.explanation;

import dev.glasscart.catalog.AttributeNames;
import dev.glasscart.catalog.Product;
import dev.glasscart.explanation.Answer.Finding;
import dev.glasscart.query.Chat;
import dev.glasscart.query.Question;
import dev.glasscart.query.Question.Aspect;
import dev.glasscart.ranking.RankedProduct;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The built-in answer to a question about the shown products ({@link Answer}) and to talk that is
 * not a product request ({@link Chat}). An answer leads with the product it is about and quotes
 * the catalog's own words for the fact; when the catalog does not state the fact it says so.
 * Every sentence rests on the facts it states. Pure, stateless and thread-safe.
 */
final class AnswerComposer {
  /** Products spoken of in one answer, at most. */
  static final int MAX = 3;

  private AnswerComposer() {}

  static List<Claim> answer(Evidence e, Answer a) {
    Map<String, Product> byId = new HashMap<>();
    for (RankedProduct r : e.shown()) byId.put(r.product().id(), r.product());
    List<Claim> claims = new ArrayList<>();
    Question q = a.question();
    List<Finding> findings = a.findings().stream().filter(f -> byId.containsKey(f.productId())).toList();
    if (findings.isEmpty()) {
      claims.add(Claim.of("There is nothing shown yet that I could answer this about; tell me what you are looking for.",
          Fact.of("", "shown", 0)));
      return claims;
    }
    if (a.unstated()) {
      claims.add(Claim.of(Wording.sentence("the catalog does not state " + what(q) + " for "
          + (findings.size() == 1 ? Wording.name(byId.get(findings.get(0).productId())) : "these products")
          + (q.kind() == Question.Kind.SUPERLATIVE ? ", so I cannot tell which one is " + superlative(q) : "")),
          Fact.of("", "unstated", what(q))));
      return claims;
    }
    if (q.kind() == Question.Kind.SUPERLATIVE) return superlativeAnswer(q, findings, byId);
    if (q.pick() != null) {
      Product p = byId.get(findings.get(0).productId());
      claims.add(Claim.of(Wording.sentence(Wording.name(p) + " is the " + superlative(q.pick()) + " of them"),
          ClaimComposer.fact(p, "pick:" + q.pick().aspect(), valueOf(q.pick(), p))));
    }
    if (q.aspect() == Aspect.TEXT) return textAnswer(claims, q, findings, byId);
    for (Finding f : findings.subList(0, Math.min(MAX, findings.size()))) {
      Product p = byId.get(f.productId());
      claims.add(f.found() ? factClaim(q, f, p)
          : Claim.of(Wording.sentence("the catalog does not state " + what(q) + " for " + Wording.name(p)),
              ClaimComposer.fact(p, "unstated", what(q))));
    }
    return claims;
  }

  private static List<Claim> superlativeAnswer(Question q, List<Finding> findings, Map<String, Product> byId) {
    List<Claim> claims = new ArrayList<>();
    Product first = byId.get(findings.get(0).productId());
    String of = findings.size() == 2 ? " of the two" : findings.size() > 2 ? " of these" : "";
    claims.add(Claim.of(Wording.sentence(Wording.name(first) + " is the " + superlative(q) + of + ", " + stated(q, first)),
        ClaimComposer.fact(first, factName(q), valueOf(q, first))));
    if (findings.size() > 1) {
      Product next = byId.get(findings.get(1).productId());
      claims.add(Claim.of(Wording.sentence((findings.size() == 2 ? "the other, " : "next comes ") + Wording.name(next)
          + ", " + stated(q, next)), ClaimComposer.fact(next, factName(q), valueOf(q, next))));
    }
    return claims;
  }

  private static List<Claim> textAnswer(List<Claim> claims, Question q, List<Finding> findings, Map<String, Product> byId) {
    List<Finding> found = findings.stream().filter(Finding::found).toList();
    String asked = Wording.and(q.words().stream().map(w -> "\u201c" + w + "\u201d").toList());
    if (found.isEmpty()) {
      claims.add(Claim.of(Wording.sentence((findings.size() == 1 ? "the catalog says nothing about " + asked + " for "
              + Wording.name(byId.get(findings.get(0).productId())) : "none of these mentions " + asked + " in the catalog")),
          Fact.of("", "unstated", String.join(" ", q.words()))));
      return claims;
    }
    if (findings.size() > 1) {
      claims.add(Claim.of(found.size() == 1 ? "One of them does." : "Yes, " + found.size() + " of them do.",
          Fact.of("", "found", found.size())));
    }
    for (Finding f : found.subList(0, Math.min(MAX, found.size()))) {
      Product p = byId.get(f.productId());
      claims.add(Claim.of(Wording.sentence(Wording.name(p) + (f.fact().equals("description") ? ": \u201c" + unquoted(f.value()) + "\u201d"
              : " \u2014 " + where(f) + ": " + f.value())),
          ClaimComposer.fact(p, f.fact(), f.value())));
    }
    return claims;
  }

  private static Claim factClaim(Question q, Finding f, Product p) {
    String text = switch (q.aspect()) {
      case PRICE -> Wording.name(p) + " costs " + Wording.price(p);
      case RATING -> p.reviewCount() == 0 ? Wording.name(p) + " has no reviews yet"
          : Wording.name(p) + " is rated " + Wording.rating(p.rating()) + " stars from " + p.reviewCount()
              + (p.reviewCount() == 1 ? " review" : " reviews");
      case REVIEWS -> Wording.name(p) + " has " + p.reviewCount() + (p.reviewCount() == 1 ? " review" : " reviews");
      case STOCK -> f.fact().equals("stock")
          ? (p.inStock() ? Wording.name(p) + " is in stock, " + p.stock() + " left" : Wording.name(p) + " is out of stock")
          : Wording.name(p) + ": " + f.value();
      case ATTRIBUTE -> capitalized(AttributeNames.inWords(q.attribute())) + " for " + Wording.name(p) + ": " + f.value();
      case TEXT -> Wording.name(p) + ": " + f.value();
    };
    return Claim.of(Wording.sentence(text), ClaimComposer.fact(p, f.fact(), f.value()));
  }

  /** What a superlative ranks by, as said after "is the ...": "cheapest", "best rated", "lightest by weight". */
  static String superlative(Question q) {
    return switch (q.aspect()) {
      case PRICE -> q.highest() ? "most expensive" : "cheapest";
      case RATING -> q.highest() ? "best rated" : "lowest rated";
      case REVIEWS -> q.highest() ? "most reviewed" : "least reviewed";
      case STOCK -> q.highest() ? "most in stock" : "least in stock";
      case ATTRIBUTE -> (q.highest() ? "highest in " : "lowest in ") + AttributeNames.inWords(q.attribute());
      case TEXT -> "best match";
    };
  }

  /** The value a superlative compared, as a clause: "at $49.99", "rated 4.99 stars", "weight: 4". */
  private static String stated(Question q, Product p) {
    return switch (q.aspect()) {
      case PRICE -> "at " + Wording.price(p);
      case RATING -> "rated " + Wording.rating(p.rating()) + " stars from " + p.reviewCount() + (p.reviewCount() == 1 ? " review" : " reviews");
      case REVIEWS -> "with " + p.reviewCount() + (p.reviewCount() == 1 ? " review" : " reviews");
      case STOCK -> p.stock() + " in stock";
      case ATTRIBUTE -> AttributeNames.inWords(q.attribute()) + ": " + (p.attribute(q.attribute()) == null ? "not stated" : p.attribute(q.attribute()));
      case TEXT -> "";
    };
  }

  private static String valueOf(Question q, Product p) {
    return switch (q.aspect()) {
      case PRICE -> String.valueOf(p.price());
      case RATING -> String.valueOf(p.rating());
      case REVIEWS -> String.valueOf(p.reviewCount());
      case STOCK -> String.valueOf(p.stock());
      case ATTRIBUTE -> String.valueOf(p.attribute(q.attribute()));
      case TEXT -> "";
    };
  }

  private static String factName(Question q) {
    return switch (q.aspect()) {
      case PRICE -> "price";
      case RATING -> "rating";
      case REVIEWS -> "reviewCount";
      case STOCK -> "stock";
      case ATTRIBUTE -> "attribute:" + q.attribute();
      case TEXT -> "text";
    };
  }

  /** What was asked, as a noun phrase: "ratings", "the weight", "anything about “strap”". */
  private static String what(Question q) {
    return switch (q.aspect()) {
      case PRICE -> "a price";
      case RATING, REVIEWS -> "ratings or reviews";
      case STOCK -> "stock levels";
      case ATTRIBUTE -> "the " + AttributeNames.inWords(q.attribute());
      case TEXT -> "anything about " + String.join(" ", q.words());
    };
  }

  private static String where(Finding f) {
    return f.fact().startsWith("attribute:") ? AttributeNames.inWords(f.fact().substring("attribute:".length())) : f.fact();
  }

  private static String unquoted(String sentence) {
    String s = sentence.strip();
    return s.endsWith(".") ? s.substring(0, s.length() - 1) : s;
  }

  /** A short answer to talk that is not a product request, offering some of the shop's categories. */
  static List<Claim> chat(Evidence e, Chat kind) {
    List<String> cats = e.categories().stream().limit(3).map(AttributeNames::inWords).toList();
    Fact basis = Fact.of("", "chat", kind.name());
    Fact shop = Fact.of("", "categories", String.join(", ", e.categories()));
    String examples = cats.isEmpty() ? "" : ", for example " + orList(cats);
    return switch (kind) {
      case GREETING -> List.of(Claim.of("Hello! I can help you find products in this shop" + examples + ".", basis, shop),
          Claim.of("What are you looking for?", basis));
      case THANKS -> List.of(Claim.of("You're welcome! Just ask if you need anything else.", basis));
      case HELP -> List.of(Claim.of("I search this shop's products for you" + examples
              + ", narrow them by price, brand or colour, and answer questions about the ones I show you.", basis, shop),
          Claim.of("Tell me what you need, and a budget if you have one.", basis));
      case OFF_TOPIC -> List.of(Claim.of("I can only help with this shop's products" + examples + ".", basis, shop),
          Claim.of("What can I find for you?", basis));
      case HOSTILE -> List.of(Claim.of("I can't change how I work, but I'm glad to help you shop.", basis),
          Claim.of("What are you looking for?", basis));
      case PROFILE, FORGET_PROFILE -> ProfileComposer.compose(e, false);
    };
  }

  private static String orList(List<String> items) {
    return items.size() <= 1 ? String.join("", items)
        : String.join(", ", items.subList(0, items.size() - 1)) + " or " + items.getLast();
  }

  private static String capitalized(String s) {
    return s.isEmpty() ? s : Character.toUpperCase(s.charAt(0)) + s.substring(1);
  }
}
