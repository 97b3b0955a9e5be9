#!/usr/bin/env bash
# Issue 10 item 2: 200 parallel sign-ins against a running server, each from its
# own X-Forwarded-For address (start the server with TRUSTED_PROXIES=127.0.0.1),
# plus one real sign-in 0.3 s into the flood. Prints the status counts, the wall
# time, the real sign-in's status and time, and the server's RSS before, right
# after and 15 s after. Figures from a debug build are not representative.
#
# Usage: scripts/flood-sign-in.sh BASE_URL SERVER_PID malformed|wrong [PHONE_OFFSET]
#   malformed: {"phone":"x","password":"y"} (refused 422 before any hash)
#   wrong:     well-formed, unknown phones (each costs a hash unless refused)
# The real sign-in uses 0912345678 / "mật khẩu an toàn": register it first.
set -euo pipefail
base=$1; pid=$2; kind=$3; offset=${4:-0}
rss() { awk '/VmRSS/{print $2" kB"}' "/proc/$pid/status"; }
echo "RSS before: $(rss)"
start=$(date +%s.%N)
( sleep 0.3; curl -s -o /dev/null -w "real sign-in during the flood: %{http_code} in %{time_total}s\n" \
    -H "content-type: application/json" -H "x-forwarded-for: 198.51.100.1" \
    -d '{"phone":"0912345678","password":"mật khẩu an toàn"}' "$base/api/session/login" ) &
export kind offset base
seq 1 200 | xargs -P 200 -I{} sh -c '
  i={}
  if [ "$kind" = malformed ]; then body="{\"phone\":\"x\",\"password\":\"y\"}";
  else body="{\"phone\":\"09$(printf %08d $((i + offset)))\",\"password\":\"sai mat khau\"}"; fi
  curl -s -o /dev/null -w "%{http_code}\n" -H "content-type: application/json" \
    -H "x-forwarded-for: 10.$((i / 250)).$((i % 250)).7" -d "$body" "$base/api/session/login"' \
  | sort | uniq -c
end=$(date +%s.%N)
wait
echo "flood wall time: $(echo "$end - $start" | bc) s"
echo "RSS right after: $(rss)"
sleep 15
echo "RSS 15 s later: $(rss)"
