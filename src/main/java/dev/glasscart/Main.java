package dev.glasscart;

import dev.glasscart.cli.ServeCommand;
import java.util.Arrays;

/** Command-line entry: {@code serve | import | eval | train | replay | bench}. */
public final class Main {
  private Main() {}

  public static void main(String[] args) {
    if (args.length == 0) {
      System.err.println("usage: glasscart serve|eval|train|replay|bench|import [options]");
      System.exit(2);
    }
    String[] rest = Arrays.copyOfRange(args, 1, args.length);
    int code;
    try {
      code = switch (args[0]) {
        case "serve" -> ServeCommand.run(rest);
        default -> {
          System.err.println("glasscart: unknown command '" + args[0] + "'");
          yield 2;
        }
      };
    } catch (IllegalArgumentException e) {
      System.err.println("glasscart " + args[0] + ": " + e.getMessage());
      code = 2;
    }
    if (code != 0 || !args[0].equals("serve")) System.exit(code);
  }
}
