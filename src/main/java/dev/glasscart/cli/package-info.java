/**
 * Command-line subcommands behind the {@code ./glasscart} launcher: serve, eval, train, replay,
 * bench. Each is a class with {@code static int run(String[] args)} returning the exit code.
 */
package dev.glasscart.cli;
