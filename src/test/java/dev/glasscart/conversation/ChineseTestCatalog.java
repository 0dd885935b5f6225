package dev.glasscart.conversation;

import dev.glasscart.catalog.Catalog;
import dev.glasscart.catalog.Product;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** A small Chinese catalog built in code (titles, categories, tags and colours in Chinese, brands in Latin letters). */
final class ChineseTestCatalog {
  private ChineseTestCatalog() {}

  static Catalog build() {
    List<Product> ps = new ArrayList<>();
    add(ps, "z1", "Lenovo ThinkPad X1 轻薄笔记本电脑", "Lenovo", "笔记本电脑", 9999, 4.6, 650, "黑色", List.of("电脑", "办公"));
    add(ps, "z2", "Apple MacBook Air 13 英寸 银色", "Apple", "笔记本电脑", 7999, 4.8, 2300, "银色", List.of("电脑", "轻薄"));
    add(ps, "z3", "Dell 灵越 14 笔记本电脑", "Dell", "笔记本电脑", 4599, 4.2, 800, "银色", List.of("电脑", "学生"));
    add(ps, "z4", "Acer 传奇 笔记本电脑", "Acer", "笔记本电脑", 3299, 4.0, 1900, "白色", List.of("电脑", "学生"));
    add(ps, "e1", "Sony WH-1000XM5 无线降噪耳机", "Sony", "耳机", 2499, 4.7, 5200, "黑色", List.of("耳机", "无线"));
    add(ps, "e2", "Apple AirPods Pro 无线耳机", "Apple", "耳机", 1899, 4.6, 3100, "白色", List.of("耳机", "无线"));
    add(ps, "e3", "Anker Soundcore 头戴式耳机", "Anker", "耳机", 399, 4.4, 22000, "黑色", List.of("耳机", "头戴式"));
    add(ps, "e4", "Edifier 有线耳机", "Edifier", "耳机", 129, 4.1, 900, "白色", List.of("耳机", "有线"));
    add(ps, "r1", "Li-Ning 超轻跑步鞋", "Li-Ning", "跑步鞋", 499, 4.5, 700, "黑色", List.of("跑步", "运动"));
    add(ps, "r2", "Anta 缓震跑步鞋", "Anta", "跑步鞋", 299, 4.3, 1200, "白色", List.of("跑步", "运动"));
    add(ps, "r3", "Asics 竞速跑步鞋", "Asics", "跑步鞋", 899, 4.7, 400, "红色", List.of("跑步", "运动"));
    return new Catalog(ps);
  }

  private static void add(List<Product> ps, String id, String title, String brand, String category, double price,
      double rating, int reviews, String colour, List<String> tags) {
    ps.add(new Product(id, title, title + "，" + colour + "，品质可靠。", brand, category, price, "CNY", rating, reviews, tags,
        Map.of("colour", colour), 10, List.of("很好用"), null));
  }
}
