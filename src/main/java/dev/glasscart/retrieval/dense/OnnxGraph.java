package dev.glasscart.retrieval.dense;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;

/**
 * Hand-encoded ONNX {@code ModelProto} (protobuf wire format; no protobuf library is on the
 * classpath) for exact top-k search: graph inputs {@code query [q, d]} float and {@code k [1]}
 * int64, initializer {@code matrix_t [d, n]} (the catalog matrix, transposed), nodes {@code scores =
 * MatMul(query, matrix_t)} and {@code values, indices = TopK(scores, k, axis=-1, largest=1,
 * sorted=1)}. Opset 13, IR version 7. Field numbers follow onnx/onnx.proto.
 */
final class OnnxGraph {
  private static final int FLOAT = 1;
  private static final int INT64 = 7;
  private static final int ATTR_INT = 2;

  private OnnxGraph() {}

  /** The serialized model for a row-major {@code n x d} matrix. */
  static byte[] matMulTopK(float[] matrix, int n, int d) {
    ByteBuffer raw = ByteBuffer.allocate(4 * n * d).order(ByteOrder.LITTLE_ENDIAN);
    for (int j = 0; j < d; j++) {
      for (int i = 0; i < n; i++) raw.putFloat(matrix[i * d + j]);
    }
    Proto tensor = new Proto().varint(1, d).varint(1, n).varint(2, FLOAT).string(8, "matrix_t").bytes(9, raw.array());
    Proto matmul = new Proto().string(1, "query").string(1, "matrix_t").string(2, "scores").string(3, "matmul")
        .string(4, "MatMul");
    Proto topk = new Proto().string(1, "scores").string(1, "k").string(2, "values").string(2, "indices")
        .string(3, "topk").string(4, "TopK")
        .message(5, intAttr("axis", -1)).message(5, intAttr("largest", 1)).message(5, intAttr("sorted", 1));
    Proto graph = new Proto().message(1, matmul).message(1, topk).string(2, "glasscart_topk")
        .message(5, tensor)
        .message(11, valueInfo("query", FLOAT, null, d)).message(11, valueInfo("k", INT64, null, 1))
        .message(12, valueInfo("values", FLOAT, "q", -1)).message(12, valueInfo("indices", INT64, "q", -1));
    Proto opset = new Proto().string(1, "").varint(2, 13);
    return new Proto().varint(1, 7).string(2, "glasscart").message(7, graph).message(8, opset).toByteArray();
  }

  private static Proto intAttr(String name, long value) {
    return new Proto().string(1, name).varint(3, value).varint(20, ATTR_INT);
  }

  /** ValueInfoProto; first dim symbolic when {@code firstDimParam} is set, a value of -1 is symbolic "k". */
  private static Proto valueInfo(String name, int elemType, String firstDimParam, long lastDim) {
    Proto shape = new Proto();
    if (firstDimParam != null) shape.message(1, new Proto().string(2, firstDimParam));
    else if (!name.equals("k")) shape.message(1, new Proto().string(2, "q"));
    shape.message(1, lastDim < 0 ? new Proto().string(2, "k") : new Proto().varint(1, lastDim));
    Proto tensorType = new Proto().varint(1, elemType).message(2, shape);
    return new Proto().string(1, name).message(2, new Proto().message(1, tensorType));
  }

  /** Minimal protobuf writer: varint, length-delimited fields. */
  private static final class Proto {
    private final ByteArrayOutputStream out = new ByteArrayOutputStream();

    Proto varint(int field, long value) {
      tag(field, 0);
      raw(value);
      return this;
    }

    Proto string(int field, String s) {
      return bytes(field, s.getBytes(StandardCharsets.UTF_8));
    }

    Proto message(int field, Proto m) {
      return bytes(field, m.toByteArray());
    }

    Proto bytes(int field, byte[] b) {
      tag(field, 2);
      raw(b.length);
      out.writeBytes(b);
      return this;
    }

    private void tag(int field, int wire) {
      raw(((long) field << 3) | wire);
    }

    private void raw(long v) {
      while ((v & ~0x7FL) != 0) {
        out.write((int) ((v & 0x7F) | 0x80));
        v >>>= 7;
      }
      out.write((int) v);
    }

    byte[] toByteArray() {
      return out.toByteArray();
    }
  }
}
