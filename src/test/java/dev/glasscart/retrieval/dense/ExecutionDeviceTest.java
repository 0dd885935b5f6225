package dev.glasscart.retrieval.dense;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

final class ExecutionDeviceTest {

  @BeforeAll
  static void tmpdir() throws Exception {
    // @TempDir lives under java.io.tmpdir (target/tmp), which may not exist when this class runs first
    Files.createDirectories(Path.of(System.getProperty("java.io.tmpdir")));
  }

  @Test
  void should_pick_cpu_when_no_gpu_is_present(@TempDir Path root) throws Exception {
    // Given a root without /dev/nvidia0 and with an empty /proc/driver/nvidia/gpus
    Files.createDirectories(root.resolve("proc/driver/nvidia/gpus"));
    assertEquals(ExecutionDevice.CPU, ExecutionDevice.AUTO.resolve(root));
  }

  @Test
  void should_pick_cuda_when_a_gpu_device_file_or_driver_entry_exists(@TempDir Path root) throws Exception {
    Path a = Files.createDirectories(root.resolve("a/dev"));
    Files.createFile(a.resolve("nvidia0"));
    assertEquals(ExecutionDevice.CUDA, ExecutionDevice.AUTO.resolve(root.resolve("a")));
    Files.createDirectories(root.resolve("b/proc/driver/nvidia/gpus/0000:01:00.0"));
    assertEquals(ExecutionDevice.CUDA, ExecutionDevice.AUTO.resolve(root.resolve("b")));
  }

  @Test
  void should_keep_explicit_choices_and_parse_names(@TempDir Path root) {
    assertEquals(ExecutionDevice.CUDA, ExecutionDevice.CUDA.resolve(root));
    assertEquals(ExecutionDevice.CPU, ExecutionDevice.CPU.resolve(root));
    assertEquals(ExecutionDevice.AUTO, ExecutionDevice.parse(null));
    assertEquals(ExecutionDevice.CUDA, ExecutionDevice.parse(" CUDA "));
    var e = assertThrows(IllegalArgumentException.class, () -> ExecutionDevice.parse("tpu"));
    assertEquals("illegal device: tpu, must be auto, cpu or cuda", e.getMessage());
  }

  @Test
  void should_resolve_auto_to_what_this_machine_has() {
    boolean gpu = Files.exists(Path.of("/dev/nvidia0"));
    assertEquals(gpu ? ExecutionDevice.CUDA : ExecutionDevice.CPU, ExecutionDevice.AUTO.resolve());
  }
}
