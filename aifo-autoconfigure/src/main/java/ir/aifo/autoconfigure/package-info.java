/**
 * Spring Boot auto-configuration of the AI hub chat model from {@code spring.ai.aifo.*} properties.
 */
@NullMarked
package ir.aifo.autoconfigure;

import org.jspecify.annotations.NullMarked;
