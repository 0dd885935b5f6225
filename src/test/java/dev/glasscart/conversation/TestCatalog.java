package dev.glasscart.conversation;

import dev.glasscart.catalog.Catalog;
import dev.glasscart.catalog.Product;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** A small realistic catalog built in code, independent of the demo catalog. */
final class TestCatalog {
  private TestCatalog() {}

  static Catalog build() {
    List<Product> ps = new ArrayList<>();
    shoe(ps, "s1", "Nike Pegasus 41 Running Shoe", "Nike", "Running Shoes", 129.99, 4.6, 812, "black", "women", "mesh");
    shoe(ps, "s2", "Nike Revolution 7", "Nike", "Running Shoes", 69.99, 4.2, 455, "grey", "women", "mesh");
    shoe(ps, "s3", "Nike Downshifter 13", "Nike", "Running Shoes", 74.50, 4.0, 120, "black", "men", "mesh");
    shoe(ps, "s4", "Adidas Ultraboost Light", "Adidas", "Running Shoes", 189.00, 4.7, 950, "white", "women", "knit");
    shoe(ps, "s5", "Adidas Duramo SL", "Adidas", "Running Shoes", 64.99, 4.1, 300, "black", "women", "mesh");
    shoe(ps, "s6", "Puma Velocity Nitro 3", "Puma", "Running Shoes", 109.95, 4.4, 210, "pink", "women", "mesh");
    shoe(ps, "s7", "Brooks Ghost 16", "Brooks", "Running Shoes", 139.95, 4.8, 1320, "blue", "women", "mesh");
    shoe(ps, "s8", "Brooks Ghost 16 Wide", "Brooks", "Running Shoes", 144.95, 4.7, 90, "black", "men", "mesh");
    shoe(ps, "b1", "The North Face Vectiv Hiking Boots", "The North Face", "Hiking Boots", 159.00, 4.5, 380, "brown", "men", "leather");
    shoe(ps, "b2", "Merrell Moab 3 Mid Waterproof", "Merrell", "Hiking Boots", 134.95, 4.6, 2100, "brown", "women", "suede");
    shoe(ps, "b3", "Salomon X Ultra 4 Mid GTX", "Salomon", "Hiking Boots", 174.95, 4.7, 640, "black", "men", "synthetic");
    shoe(ps, "b4", "Columbia Newton Ridge Plus", "Columbia", "Hiking Boots", 89.99, 4.3, 1500, "grey", "women", "leather");
    gadget(ps, "l1", "Apple MacBook Air 13 M3", "Apple", "Laptops", 1099.00, 4.8, 2300, "silver", 1);
    gadget(ps, "l2", "Dell XPS 13", "Dell", "Laptops", 999.99, 4.4, 800, "silver", 3);
    gadget(ps, "l3", "Lenovo ThinkPad X1 Carbon", "Lenovo", "Laptops", 1429.00, 4.6, 650, "black", 0);
    gadget(ps, "l4", "Acer Aspire 5", "Acer", "Laptops", 549.99, 4.1, 1900, "silver", 12);
    gadget(ps, "l5", "Samsung Galaxy Book4", "Samsung", "Laptops", 749.99, 4.2, 310, "grey", 5);
    gadget(ps, "h1", "Sony WH-1000XM5 Wireless Headphones", "Sony", "Headphones", 399.99, 4.7, 5200, "black", 9);
    gadget(ps, "h2", "Bose QuietComfort Ultra Headphones", "Bose", "Headphones", 429.00, 4.6, 1800, "white", 4);
    gadget(ps, "h3", "Apple AirPods Max", "Apple", "Headphones", 549.00, 4.5, 3100, "silver", 2);
    gadget(ps, "h4", "Samsung Galaxy Buds3 Pro", "Samsung", "Headphones", 249.99, 4.3, 900, "silver", 0);
    gadget(ps, "h5", "Anker Soundcore Q30", "Anker", "Headphones", 79.99, 4.4, 22000, "black", 30);
    return new Catalog(ps);
  }

  private static void shoe(List<Product> ps, String id, String title, String brand, String cat, double price, double rating,
      int reviews, String colour, String gender, String material) {
    List<String> tags = cat.equals("Hiking Boots") ? List.of("hiking", "outdoor", "boots") : List.of("running", "sneakers", "shoes");
    if (title.contains("Waterproof") || title.contains("GTX")) tags = List.of("hiking", "outdoor", "boots", "waterproof");
    ps.add(new Product(id, title, title + " for " + gender + ", " + colour + " " + material + ".", brand, cat, price, "USD",
        rating, reviews, tags, Map.of("colour", colour, "gender", gender, "material", material, "size", "7, 8, 9, 10"),
        id.equals("s3") ? 0 : 10, List.of("Great fit."), null));
  }

  private static void gadget(List<Product> ps, String id, String title, String brand, String cat, double price, double rating,
      int reviews, String colour, int stock) {
    List<String> tags = cat.equals("Laptops") ? List.of("laptop", "computer") : List.of("headphones", "audio", "wireless");
    ps.add(new Product(id, title, title + ".", brand, cat, price, "USD", rating, reviews, tags, Map.of("colour", colour),
        stock, List.of(), null));
  }
}
