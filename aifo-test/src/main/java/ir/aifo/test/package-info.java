/**
 * An in-process simulator of the AiFO, TokenHub and MyAIHub endpoints, for tests and for running the
 * samples without an API key.
 */
@NullMarked
package ir.aifo.test;

import org.jspecify.annotations.NullMarked;
