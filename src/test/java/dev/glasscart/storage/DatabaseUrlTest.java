package dev.glasscart.storage;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vertx.pgclient.PgConnectOptions;
import org.junit.jupiter.api.Test;

final class DatabaseUrlTest {

  @Test
  void should_parse_postgresql_urls() {
    // Given / When
    PgConnectOptions o = Database.connectOptions("postgresql://shop:s3cret@db.example:6543/glasscart");

    // Then
    assertEquals("shop", o.getUser());
    assertEquals("s3cret", o.getPassword());
    assertEquals("db.example", o.getHost());
    assertEquals(6543, o.getPort());
    assertEquals("glasscart", o.getDatabase());
  }

  @Test
  void should_parse_jdbc_urls_with_credentials_in_the_query() {
    // Given / When
    PgConnectOptions o = Database.connectOptions("jdbc:postgresql://localhost:5433/shop?user=app&password=pw");

    // Then
    assertEquals("app", o.getUser());
    assertEquals("pw", o.getPassword());
    assertEquals("localhost", o.getHost());
    assertEquals(5433, o.getPort());
    assertEquals("shop", o.getDatabase());
  }

  @Test
  void should_reject_other_schemes_naming_the_url() {
    // Given / When
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> Database.connectOptions("mysql://root@localhost/shop"));

    // Then
    assertTrue(e.getMessage().contains("mysql://root@localhost/shop"), e.getMessage());
  }
}
