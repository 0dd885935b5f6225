package dev.glasscart.retrieval.dense;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

final class EncoderConfigTest {

  @Test
  void should_read_every_key_and_default_the_missing_ones(@TempDir Path dir) throws Exception {
    // Given a settings file naming some keys
    Files.writeString(dir.resolve(EncoderConfig.FILE_NAME), "{\"pooling\":\"cls\",\"maxLength\":64,\"parallelBatches\":3}");

    // When read
    EncoderConfig c = EncoderConfig.read(dir);

    // Then named keys are taken, the others are the defaults
    assertEquals(new EncoderConfig(Pooling.CLS, true, 64, EncoderConfig.DEFAULT_BATCH_SIZE, 3), c);
    assertEquals(3, c.effectiveParallelBatches());
  }

  @Test
  void should_run_one_batch_per_processor_by_default(@TempDir Path dir) {
    EncoderConfig c = EncoderConfig.read(dir);
    assertEquals(EncoderConfig.defaults(), c);
    assertEquals(0, c.parallelBatches());
    assertEquals(Runtime.getRuntime().availableProcessors(), c.effectiveParallelBatches());
  }

  @Test
  void should_name_the_bad_value_and_the_allowed_range() {
    var e = assertThrows(IllegalArgumentException.class, () -> EncoderConfig.defaults().withParallelBatches(-1));
    assertTrue(e.getMessage().contains("-1") && e.getMessage().contains("between 0"), e.getMessage());
    assertThrows(IllegalArgumentException.class, () -> EncoderConfig.defaults().withBatchSize(0));
    assertThrows(IllegalArgumentException.class, () -> EncoderConfig.defaults().withMaxLength(1));
  }
}
