-- Everything the application's instances have shared that has not expired: {key, value, key, value, ...}.
-- Keys that expired leave the index; a key holding something other than a string comes back with an
-- empty value, for the caller to report.
-- KEYS[1] the index of the application's keys

local found = {}
for _, key in ipairs(redis.call('SMEMBERS', KEYS[1])) do
  local value = redis.pcall('GET', key)
  if value == false then
    redis.call('SREM', KEYS[1], key)
  else
    found[#found + 1] = key
    found[#found + 1] = type(value) == 'string' and value or ''
  end
end
return found
