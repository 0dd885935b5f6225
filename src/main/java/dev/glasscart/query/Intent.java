package dev.glasscart.query;

/** What the shopper wants from this turn. */
public enum Intent {
  /** Find products (a new topic or a refinement of the current one). */
  SEARCH,
  /** Show the next page of the current results. */
  MORE,
  /** "what makes this a pick?": explain a shown product. */
  WHY,
  /** "why not the Adidas one?": contrast a product with the shown ones. */
  WHY_NOT,
  /** "put the top two side by side". */
  COMPARE,
  /**
   * A question about the products already shown ("which of them costs the least?", "does the
   * second one ship free?"): answered from their catalog facts; the shown set stays as it is.
   * The {@link Understanding#question()} says what is asked.
   */
  QUESTION,
  /**
   * Not a shopping request: a greeting, thanks, a request for help, an off-topic or hostile
   * message ({@link Understanding#chat()} says which). Answered briefly, without products.
   */
  CHAT,
  /**
   * Products related to one shown or named product by the product graph: what goes with it, what
   * is similar, similar but cheaper, or more from its brand ({@link Understanding#related()} says
   * which). The related products are shown with each edge's reason.
   */
  RELATED
}
