/**
 * What a hub says back when a call fails, as typed exceptions, and the rate-limit data it reports.
 */
@NullMarked
package ir.aifo.api;

import org.jspecify.annotations.NullMarked;
