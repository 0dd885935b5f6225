package dev.glasscart.query;

/** What the shopper wants from this turn. */
public enum Intent {
  /** Find products (a new topic or a refinement of the current one). */
  SEARCH,
  /** Show the next page of the current results. */
  MORE,
  /** "why this one?": explain a shown product. */
  WHY,
  /** "why not the Adidas one?": contrast a product with the shown ones. */
  WHY_NOT,
  /** "compare the first two". */
  COMPARE
}
