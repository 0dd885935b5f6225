package dev.glasscart.profile;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

final class PersonalDataTest {

  @Test
  void should_mask_an_email_address_and_a_phone_number_in_one_message() {
    String masked = PersonalData.mask("mail the invoice to sam.lee+shop@example.co.uk or ring +44 20 7946 0958, I need a kettle");
    assertEquals("mail the invoice to " + PersonalData.EMAIL_MASK + " or ring " + PersonalData.PHONE_MASK + ", I need a kettle", masked);
  }

  @Test
  void should_mask_phone_numbers_as_people_write_them() {
    for (String phone : new String[] {"(415) 555-0134", "415-555-0134", "415.555.0134", "13812345678", "+1 415 555 0134"}) {
      assertEquals("call " + PersonalData.PHONE_MASK + " please", PersonalData.mask("call " + phone + " please"), phone);
    }
  }

  @Test
  void should_mask_card_numbers_that_pass_the_luhn_check_only() {
    assertEquals("pay with " + PersonalData.CARD_MASK, PersonalData.mask("pay with 4111 1111 1111 1111"));
    assertEquals("pay with " + PersonalData.CARD_MASK, PersonalData.mask("pay with 5500-0000-0000-0004"));
    assertTrue(PersonalData.luhn("79927398713"));
    assertFalse(PersonalData.luhn("79927398710"));
  }

  @Test
  void should_leave_prices_sizes_ranges_and_model_numbers_alone() {
    for (String text : new String[] {"boots under $120", "between 1000-2000 yuan", "size 10 or 11", "a 27 inch 4k monitor",
        "iphone 15 with 256 gb", "price 1,299.99 max", "1000-2000元的手机", "tent for 2-3 people", "sku 12345678"}) {
      assertEquals(text, PersonalData.mask(text));
    }
    assertEquals(null, PersonalData.mask(null));
  }
}
