-- Every routed request's one Redis round trip (gateway-service TieredRateLimitFilter, docs/performance.md):
--   1. the token bucket of Spring Cloud Gateway's request_rate_limiter.lua, unchanged (KEYS[1], KEYS[2]; ARGV rate,
--      capacity, now (empty: Redis TIME), requested);
--   2. for a person's token, the revocation marker user-service writes when an account is erased (KEYS[3],
--      auth:revoked:{sub} = epoch second; docs/privacy.md).
-- Returns { allowed (1/0), tokens left, revoked up to (epoch second; -1 when there is no marker) }.
redis.replicate_commands()

local tokens_key = KEYS[1]
local timestamp_key = KEYS[2]

local rate = tonumber(ARGV[1])
local capacity = tonumber(ARGV[2])
local now = tonumber(ARGV[3]) or redis.call('TIME')[1]
local requested = tonumber(ARGV[4])

local fill_time = capacity / rate
local ttl = math.floor(fill_time * 2)

local last_tokens = tonumber(redis.call("get", tokens_key)) or capacity
local last_refreshed = tonumber(redis.call("get", timestamp_key)) or 0

local delta = math.max(0, now-last_refreshed)
local filled_tokens = math.min(capacity, last_tokens+(delta*rate))
local allowed = filled_tokens >= requested
local new_tokens = allowed and filled_tokens - requested or filled_tokens

if ttl > 0 then
  redis.call("setex", tokens_key, ttl, new_tokens)
  redis.call("setex", timestamp_key, ttl, now)
end

local revoked_up_to = -1
if #KEYS >= 3 then
  local marker = redis.call("get", KEYS[3])
  if marker then
    -- an unreadable marker revokes everything, as a readable one in the future would
    revoked_up_to = tonumber(marker) or 9007199254740991
  end
end

return { allowed and 1 or 0, new_tokens, revoked_up_to }
