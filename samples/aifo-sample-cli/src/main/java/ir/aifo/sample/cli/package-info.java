/**
 * A terminal chat over {@code ChatClient} and a route of two hubs: streams replies, says which hub
 * answered and which were skipped, shows the hubs and their quota, switches routes, attaches images,
 * and talks to the built-in hub simulator for each hub whose API key is not set.
 */
@NullMarked
package ir.aifo.sample.cli;

import org.jspecify.annotations.NullMarked;
