package dev.glasscart.retrieval.dense;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The GPU index's ONNX graph (MatMul + TopK over an initializer) run on ORT's CPU provider: on a GPU
 * only the provider differs, so equal results here prove the graph.
 */
final class GpuVectorIndexTest {

  @BeforeAll
  static void initOrt() {
    SharedEncoder.get(); // same native-library setup as the encoder tests
  }

  @Test
  void should_match_the_vector_api_index_when_the_graph_runs_on_cpu() {
    Random rnd = new Random(3);
    for (int n : new int[] {1, 50, 2000}) {
      int d = 384;
      float[] m = CpuVectorIndexTest.randomUnitRows(rnd, n, d);
      List<String> ids = CpuVectorIndexTest.ids(n);
      CpuVectorIndex cpu = new CpuVectorIndex(ids, m, d);
      try (GpuVectorIndex graph = new GpuVectorIndex(ids, m, d, ExecutionDevice.CPU)) {
        assertEquals(ExecutionDevice.CPU, graph.device());
        for (int trial = 0; trial < 5; trial++) {
          float[] q = CpuVectorIndexTest.randomUnitRows(rnd, 1, d);
          for (int k : new int[] {1, 10, n + 5}) {
            List<VectorIndex.Hit> want = cpu.topK(q, k);
            List<VectorIndex.Hit> got = graph.topK(q, k);
            assertEquals(want.size(), got.size());
            for (int j = 0; j < want.size(); j++) {
              final int i = j;
              assertEquals(want.get(i).score(), got.get(i).score(), 1e-5, "score at " + i);
              if (want.get(i).row() != got.get(i).row()) { // only a near-tie may swap rows
                double other = CpuVectorIndexTest.naive(m, d, q, n).stream()
                    .filter(x -> x[1] == got.get(i).row()).findFirst().orElseThrow()[0];
                assertEquals(want.get(i).score(), other, 1e-5, "row at " + i + " is not a near-tie");
              }
              assertEquals("p" + got.get(i).row(), got.get(i).id());
            }
          }
        }
      }
    }
  }

  @Test
  void should_pick_the_cpu_index_unless_the_device_is_cuda() {
    float[] m = CpuVectorIndexTest.randomUnitRows(new Random(5), 3, 4);
    try (VectorIndex index = VectorIndexFactory.forDevice(ExecutionDevice.CPU).create(CpuVectorIndexTest.ids(3), m, 4)) {
      assertTrue(index instanceof CpuVectorIndex);
    }
  }
}
