/**
 * Quotas as hubs report them: plans, monthly per-provider request buckets, and a tracker that
 * remembers the last known figures per API key.
 */
@NullMarked
package ir.aifo.quota;

import org.jspecify.annotations.NullMarked;
