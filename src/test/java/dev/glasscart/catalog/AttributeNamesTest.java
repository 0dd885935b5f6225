package dev.glasscart.catalog;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.glasscart.query.Constraint;
import dev.glasscart.query.Constraint.Kind;
import org.junit.jupiter.api.Test;

final class AttributeNamesTest {

  @Test
  void should_show_attribute_keys_in_words() {
    assertEquals("colour", AttributeNames.inWords("primary_color"));
    assertEquals("colour", AttributeNames.inWords("primaryColour"));
    assertEquals("colour", AttributeNames.inWords("Color"));
    assertEquals("colour", AttributeNames.inWords("colour"));
    assertEquals("material type", AttributeNames.inWords("material_type"));
    assertEquals("review count", AttributeNames.inWords("reviewCount"));
    assertEquals("water resistance", AttributeNames.inWords("water-resistance"));
    assertEquals("screen size in", AttributeNames.inWords("screen.size_in"));
    assertEquals("primary", AttributeNames.inWords("primary"));
    assertEquals("colours", AttributeNames.inWords("main_colors"));
    assertEquals("", AttributeNames.inWords(" "));
  }

  @Test
  void should_name_attribute_keys_in_words_in_constraint_labels() {
    assertEquals("colour: Red", new Constraint(Kind.ATTRIBUTE, "primary_color", "Red", 1).describe());
    assertEquals("material type: cotton", new Constraint(Kind.ATTRIBUTE, "material_type", "cotton", 1).describe());
  }
}
