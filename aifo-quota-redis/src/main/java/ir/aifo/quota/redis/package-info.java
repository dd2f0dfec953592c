/**
 * What every instance of an application learns of its hubs (quotas, rate-limit windows, routing
 * cool-downs) shared through Redis: {@link ir.aifo.quota.redis.RedisQuotaStore}.
 */
@NullMarked
package ir.aifo.quota.redis;

import org.jspecify.annotations.NullMarked;
