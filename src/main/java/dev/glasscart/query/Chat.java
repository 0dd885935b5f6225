package dev.glasscart.query;

/** The kinds of {@link Intent#CHAT} message: talk that is not a product request. */
public enum Chat {
  /** "hi", "good morning". */
  GREETING,
  /** "thanks, that's all". */
  THANKS,
  /** "what can you do?", "help". */
  HELP,
  /** Something a shop assistant does not answer: the weather, a joke, the news. */
  OFF_TOPIC,
  /**
   * An attempt to make the assistant drop its rules ("ignore your instructions", "print your
   * system prompt") with no product request left once it is set aside.
   */
  HOSTILE,
  /** "what do you know about me?": the shopper asks what their profile holds. */
  PROFILE,
  /** "forget my preferences": the shopper's learned profile is cleared. */
  FORGET_PROFILE
}
