/**
 * Routes: a model alias served by an ordered list of hubs, each tried in turn when the one before has
 * spent its quota, limits the rate, refuses the key or fails.
 */
@NullMarked
package ir.aifo.routing;

import org.jspecify.annotations.NullMarked;
