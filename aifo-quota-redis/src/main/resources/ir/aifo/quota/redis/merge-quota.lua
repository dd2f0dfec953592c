-- Merges one quota bucket into what Redis holds for it, atomically, so that figures only move
-- towards spent whichever instance writes first; publishes what changed to every instance.
-- KEYS[1] the bucket's key, KEYS[2] the index of the application's keys
-- ARGV[1] the record (see QuotaRecord), ARGV[2] its time to live in ms, ARGV[3] the writer's id,
-- ARGV[4] the channel, ARGV[5] the writer's clock in ms
-- Returns {changed (0 or 1), the record kept, whether what was there could not be read (0 or 1)}.

local function parse(text)
  if type(text) ~= 'string' then
    return nil
  end
  local kind, period, used, limit, remaining, resets, observed, plan = string.match(text,
    '^q1|([mw])|([^|]*)|(%-?%d+)|(%-?%d+)|(%-?%d+)|(%d*)|(%d*)|(.*)$')
  if not kind then
    return false
  end
  return { kind = kind, period = period, used = tonumber(used), limit = tonumber(limit),
           remaining = tonumber(remaining), resets = tonumber(resets), observed = tonumber(observed),
           plan = plan }
end

local function format(r)
  return string.format('q1|%s|%s|%d|%d|%d|%s|%s|%s', r.kind, r.period, r.used, r.limit, r.remaining,
    r.resets and string.format('%d', r.resets) or '', r.observed and string.format('%d', r.observed) or '',
    r.plan)
end

local reportText = ARGV[1]
local report = parse(reportText)
local stored = redis.pcall('GET', KEYS[1])
local storedText = type(stored) == 'string' and stored or nil
-- Anything there that is not one of our records (another program's value, a truncated one, another type).
local known = parse(storedText)
local unreadable = (known == false or type(stored) == 'table') and 1 or 0

local keep
if not known or known.kind ~= report.kind then
  keep = reportText
elseif report.kind == 'm' then
  -- A month: an earlier month's report is stale, a later month starts clean, and within one month
  -- the count that is further along wins.
  if known.period > report.period then
    keep = storedText
  elseif known.period < report.period then
    keep = reportText
  elseif report.used > known.used or (report.used == known.used and report.remaining < known.remaining) then
    keep = reportText
  else
    keep = storedText
  end
else
  -- A rate-limit window, judged by its end and by when each figure was seen.
  if not (known.resets and report.resets and known.observed and report.observed) then
    keep = reportText
  elseif report.resets <= known.observed then
    keep = storedText
  elseif known.resets <= report.observed then
    keep = reportText
  else
    local reportIsFresher = report.remaining < known.remaining
      or (report.remaining == known.remaining and report.resets >= known.resets)
    local fresher = reportIsFresher and report or known
    local other = reportIsFresher and known or report
    if fresher.limit == 0 and other.limit > 0 then
      -- A refusal need not repeat the limit, which is still the window's.
      fresher.used = math.max(0, other.limit - fresher.remaining)
      fresher.limit = other.limit
      keep = format(fresher)
    else
      keep = reportIsFresher and reportText or storedText
    end
  end
end

if keep == storedText then
  return { 0, storedText, 0 }
end
local ttl = tonumber(ARGV[2])
local kept = parse(keep)
if kept.kind == 'w' and kept.resets then
  ttl = kept.resets - tonumber(ARGV[5])
end
if ttl <= 0 then
  return { 0, storedText or '', unreadable }
end
redis.call('SET', KEYS[1], keep, 'PX', ttl)
redis.call('SADD', KEYS[2], KEYS[1])
-- The index lives as long as the longest-lived entry it lists, and no longer.
if redis.call('PTTL', KEYS[2]) < ttl then
  redis.call('PEXPIRE', KEYS[2], ttl)
end
redis.call('PUBLISH', ARGV[4], ARGV[3] .. '\n' .. KEYS[1] .. '\n' .. keep)
return { 1, keep, unreadable }
