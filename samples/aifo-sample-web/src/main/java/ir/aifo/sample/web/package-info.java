/**
 * The web sample: a chat page whose replies stream in over server-sent events, with the model that
 * answered and the hub's quota or rate-limit figures after each reply.
 */
@NullMarked
package ir.aifo.sample.web;

import org.jspecify.annotations.NullMarked;
