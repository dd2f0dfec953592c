/**
 * A terminal chat over {@code ChatClient}: streams replies, shows the quota, switches models, attaches
 * images, and talks to the built-in hub simulator when no API key is set.
 */
@NullMarked
package ir.aifo.sample.cli;

import org.jspecify.annotations.NullMarked;
