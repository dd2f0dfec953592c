/** The bare Boot application of the footprint comparison. */
@NullMarked
package ir.aifo.benchmarks.apps.bare;

import org.jspecify.annotations.NullMarked;
