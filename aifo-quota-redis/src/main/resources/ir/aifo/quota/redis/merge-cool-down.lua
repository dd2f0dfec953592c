-- Merges one cool-down into what Redis holds for its target, atomically: the later end wins, and one
-- that has ended gives way; publishes what changed to every instance.
-- KEYS[1] the cool-down's key, KEYS[2] the index of the application's keys
-- ARGV[1] the record (see CoolDownRecord), ARGV[2] unused, ARGV[3] the writer's id, ARGV[4] the
-- channel, ARGV[5] the writer's clock in ms
-- Returns {changed (0 or 1), the record kept, whether what was there could not be read (0 or 1)}.

local function untilOf(text)
  if type(text) ~= 'string' then
    return nil
  end
  local ends = string.match(text, '^c1|[A-Z_]+|(%d+)|[01]|')
  if not ends then
    return false
  end
  return tonumber(ends)
end

local now = tonumber(ARGV[5])
local reportText = ARGV[1]
local reportEnds = untilOf(reportText)
local stored = redis.pcall('GET', KEYS[1])
local storedText = type(stored) == 'string' and stored or nil
local knownEnds = untilOf(storedText)
local unreadable = (knownEnds == false or type(stored) == 'table') and 1 or 0

if knownEnds and knownEnds > now and knownEnds >= reportEnds then
  return { 0, storedText, 0 }
end
local ttl = reportEnds - now
if ttl <= 0 then
  return { 0, storedText or '', unreadable }
end
redis.call('SET', KEYS[1], reportText, 'PX', ttl)
redis.call('SADD', KEYS[2], KEYS[1])
-- The index lives as long as the longest-lived entry it lists, and no longer.
if redis.call('PTTL', KEYS[2]) < ttl then
  redis.call('PEXPIRE', KEYS[2], ttl)
end
redis.call('PUBLISH', ARGV[4], ARGV[3] .. '\n' .. KEYS[1] .. '\n' .. reportText)
return { 1, reportText, unreadable }
