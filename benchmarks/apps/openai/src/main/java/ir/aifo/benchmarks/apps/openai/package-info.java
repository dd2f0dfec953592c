/** The application with Spring AI's OpenAI starter, of the footprint comparison. */
@NullMarked
package ir.aifo.benchmarks.apps.openai;

import org.jspecify.annotations.NullMarked;
