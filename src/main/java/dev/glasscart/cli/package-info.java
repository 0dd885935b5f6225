/**
 * Command-line subcommands behind the {@code ./glasscart} launcher: serve, eval, train, replay,
 * bench. Each is a class with {@code static int run(String[] args)} returning the exit code.
 *
 * <p>{@link dev.glasscart.config.Flags} is the one argument parser every subcommand uses (also
 * {@code AppConfig.parse}, {@code eval}, {@code train} and {@code replay} from their packages): declare
 * the value and boolean flags, then read typed, range-checked values. To add a flag, add its name to
 * the command's set and read it with a getter; keep Flags free of feature types, since the feature
 * packages depend on this one.
 */
package dev.glasscart.cli;
