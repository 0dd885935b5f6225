package dev.glasscart.retrieval.dense;

import java.util.List;
import java.util.logging.Logger;

/** Builds a {@link VectorIndex} from ids and a row-major {@code n x dimension} matrix. */
@FunctionalInterface
public interface VectorIndexFactory {

  /**
   * @param ids one id per row
   * @param matrix row-major, {@code ids.size() * dimension} floats; the index may keep this array
   * @param dimension vector length
   */
  VectorIndex create(List<String> ids, float[] matrix, int dimension);

  /** The Vector API index, on the CPU. */
  static VectorIndexFactory cpu() {
    return CpuVectorIndex::new;
  }

  /**
   * The index for {@code device} (AUTO is resolved): the ONNX MatMul+TopK index on CUDA only when the
   * resolved device is CUDA, else the CPU index. Pass the device your encoder really runs on
   * ({@link OnnxEmbedder#device()}).
   */
  static VectorIndexFactory forDevice(ExecutionDevice device) {
    ExecutionDevice d = device.resolve();
    Logger.getLogger(VectorIndexFactory.class.getName()).info("vector index on " + d);
    if (d == ExecutionDevice.CUDA) {
      return (ids, matrix, dim) -> new GpuVectorIndex(ids, matrix, dim, ExecutionDevice.CUDA);
    }
    return cpu();
  }
}
