package dev.glasscart.fault;

import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.glasscart.cli.FaultBench;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/**
 * The fault suite against real processes (docs in {@link FaultBench}): {@code serve} in child JVMs
 * killed with kill -9 (alone and with PostgreSQL and its backends), the postmaster killed and
 * stopped under a running server. Nothing acknowledged may be lost, every first restart must
 * succeed, a killed postmaster must be back within 10 s. Prints the table to
 * {@code target/fault-suite.md}; {@code ./glasscart bench chaos --rounds 50} is the long run.
 */
final class FaultSuiteTest {

  @Test
  void should_lose_no_acknowledged_turn_and_recover_from_every_fault() throws Exception {
    // Given a fresh data dir and the project's own classes, When the faults run (2 server crashes, 1 postmaster kill, 1 SIGSTOP)
    Path root = Files.createDirectories(Path.of("target", "test-data"));
    Path dir = Files.createTempDirectory(root, "fault-");
    FaultBench.Report report = new FaultBench(dir, FaultBench.defaultJavaCommand()).run(2, 1);
    String table = report.table();
    System.out.println(table);
    Files.writeString(Path.of("target", "fault-suite.md"), table);

    // Then every row met its expectation
    assertTrue(report.passed(), table);
    assertTrue(report.rows().stream().mapToInt(FaultBench.Row::acknowledged).sum() >= 8, table);
  }
}
