package dev.glasscart.retrieval.dense;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

/** The bundled Chinese encoder (bge-small-zh-v1.5) chosen for Chinese catalogs. */
final class ChineseEncoderTest {

  @Test
  void should_embed_chinese_by_meaning_and_read_latin_brand_names() {
    assertTrue(OnnxEmbedder.chineseAvailable());
    try (OnnxEmbedder zh = OnnxEmbedder.createChinese(ExecutionDevice.CPU, SharedEncoder.NATIVE_DIR)) {
      assertEquals(512, zh.dimension());
      assertTrue(zh.name().startsWith("bge-small-zh-v1.5@"), zh.name());
      int unk = zh.tokenizer().vocabId("[UNK]");
      assertTrue(zh.tokenizer().pieceIds("Apple Samsung").stream().noneMatch(id -> id == unk),
          "capitalised Latin words are lower-cased into the vocabulary");
      float[][] v = zh.embed(List.of("墨镜", "太阳镜 偏光 防紫外线", "无线耳机 蓝牙", "女士连衣裙"));
      assertTrue(dot(v[0], v[1]) > dot(v[0], v[2]) && dot(v[0], v[1]) > dot(v[0], v[3]),
          "墨镜 (shades) is nearest to sunglasses: " + dot(v[0], v[1]) + " " + dot(v[0], v[2]) + " " + dot(v[0], v[3]));
    }
  }

  private static double dot(float[] a, float[] b) {
    double s = 0;
    for (int i = 0; i < a.length; i++) s += a[i] * b[i];
    return s;
  }
}
