package dev.glasscart.explanation;

import java.util.Set;

/** Capitalised words that are not names: sentence openers and words of the assistant's own voice. */
final class CommonWords {
  private static final Set<String> WORDS = Set.copyOf(java.util.List.of("I", "I'm", "I've", "I'd", "You", "Your", "You're", "We", "Our",
      "It", "Its", "It's", "This", "That", "These", "Those", "The", "A", "An", "And", "But", "Or", "So", "If", "As",
      "At", "By", "For", "From", "In", "On", "Of", "To", "With", "Both", "All", "Each", "Either", "Neither", "Here",
      "There", "Then", "Also", "However", "Overall", "Finally", "First", "Second", "Third", "Next", "Last", "Plus",
      "Meanwhile", "Otherwise", "Because", "Since", "While", "Unlike", "Like", "Compared", "If", "Yes", "No", "Note",
      "Sorry", "Unfortunately", "Great", "Good", "Nice", "Sure", "Of", "Its", "They", "Their", "Them", "He", "She",
      "What", "Which", "Why", "How", "When", "Where", "Who", "Let", "Let's", "Consider", "Choose", "Pick", "Try",
      "Option", "Options", "Price", "Rating", "Ranking", "Stock", "Brand", "Reviews", "Top", "Best", "My", "Me",
      "Hi", "Hello", "Thanks", "OK", "Okay", "Well", "Just", "Only", "Still", "Even", "More", "Most", "Less", "Least"));

  private CommonWords() {}

  static boolean contains(String word) {
    return WORDS.contains(word);
  }
}
