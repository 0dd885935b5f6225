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
  HOSTILE
}
