/** The application with the AiFO starter, of the footprint comparison. */
@NullMarked
package ir.aifo.benchmarks.apps.aifo;

import org.jspecify.annotations.NullMarked;
