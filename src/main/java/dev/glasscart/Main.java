package dev.glasscart;

public final class Main {
  public static void main(String[] args) {
    System.out.println("glasscart");
  }
}
