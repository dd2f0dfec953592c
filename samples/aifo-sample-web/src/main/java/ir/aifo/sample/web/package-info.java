/**
 * The web sample: a chat page whose replies stream in over server-sent events through a route of two
 * hubs, with the hub that answered, the hubs skipped and why, the quota or rate-limit figures after each
 * reply, and a panel of the hubs' state.
 */
@NullMarked
package ir.aifo.sample.web;

import org.jspecify.annotations.NullMarked;
