package dev.glasscart.profile;

import dev.glasscart.catalog.Product;
import dev.glasscart.profile.ShopperProfile.Kind;
import dev.glasscart.query.Constraint;
import java.time.Instant;
import java.util.List;

/**
 * Turns what a shopper does into profile updates. The strengths, in units of one stated wish:
 *
 * <ul>
 *   <li>said: a brand, category or attribute value asked for in this turn {@code +1}
 *       ({@link #SAID}); ruled out ("not Nike") {@code -1}; a stated budget or minimum price adds
 *       that bound to the price band with weight 1;
 *   <li>opened: "Why this?" on a product {@code +0.25} ({@link #OPENED}) for its brand and category;
 *   <li>rated: a thumbs up on a product {@code +0.5} ({@link #LIKED}) for its brand and category,
 *       and its price as a band of [2/3, 3/2] of it with weight 0.5; a thumbs down {@code -0.25}
 *       ({@link #DISLIKED}) for its brand and category.
 * </ul>
 *
 * Only constraints stated in the turn itself count (a constraint carried over from an earlier
 * turn was learned then). Pure and stateless.
 */
public final class ProfileLearner {
  public static final double SAID = 1.0;
  public static final double OPENED = 0.25;
  public static final double LIKED = 0.5;
  public static final double DISLIKED = -0.25;
  /** A liked product's price says the shopper pays about that much: this factor either side. */
  static final double LIKED_PRICE_SPREAD = 1.5;

  private ProfileLearner() {}

  /** What the constraints of {@code turn} (those with that turn number) say about the shopper. */
  public static ShopperProfile said(ShopperProfile p, List<Constraint> constraints, int turn, String currency, Instant now) {
    for (Constraint c : constraints) {
      if (c.turn() != turn) continue;
      p = switch (c.kind()) {
        case BRAND -> p.with(Kind.BRAND, "", c.value(), SAID, now);
        case NOT_BRAND -> p.with(Kind.BRAND, "", c.value(), -SAID, now);
        case CATEGORY -> p.with(Kind.CATEGORY, "", c.value(), SAID, now);
        case NOT_CATEGORY -> p.with(Kind.CATEGORY, "", c.value(), -SAID, now);
        case ATTRIBUTE -> p.with(Kind.ATTRIBUTE, c.field(), c.value(), SAID, now);
        case NOT_ATTRIBUTE -> p.with(Kind.ATTRIBUTE, c.field(), c.value(), -SAID, now);
        case PRICE_MAX -> number(c) > 0 ? p.withPrice(Double.NaN, number(c), SAID, currency, now) : p;
        case PRICE_MIN -> number(c) > 0 ? p.withPrice(number(c), Double.NaN, SAID, currency, now) : p;
        default -> p;
      };
    }
    return p;
  }

  /** The shopper opened "Why this?" on {@code product}. */
  public static ShopperProfile opened(ShopperProfile p, Product product, Instant now) {
    return brandAndCategory(p, product, OPENED, now);
  }

  /** The shopper rated {@code product} helpful (thumbs up) or not. */
  public static ShopperProfile rated(ShopperProfile p, Product product, boolean helpful, Instant now) {
    if (!helpful) return brandAndCategory(p, product, DISLIKED, now);
    ShopperProfile out = brandAndCategory(p, product, LIKED, now);
    if (product.price() > 0) {
      out = out.withPrice(product.price() / LIKED_PRICE_SPREAD, product.price() * LIKED_PRICE_SPREAD, LIKED,
          product.currency(), now);
    }
    return out;
  }

  private static ShopperProfile brandAndCategory(ShopperProfile p, Product product, double delta, Instant now) {
    return p.with(Kind.BRAND, "", product.brand(), delta, now).with(Kind.CATEGORY, "", product.category(), delta, now);
  }

  private static double number(Constraint c) {
    try {
      return c.number();
    } catch (NumberFormatException e) {
      return Double.NaN;
    }
  }
}
