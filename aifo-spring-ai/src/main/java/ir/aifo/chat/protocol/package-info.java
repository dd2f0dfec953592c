/**
 * Hub dialects: each turns a Spring AI prompt into its wire request and its wire replies back into
 * chat responses, knowing nothing of Spring beans or HTTP clients.
 */
@NullMarked
package ir.aifo.chat.protocol;

import org.jspecify.annotations.NullMarked;
