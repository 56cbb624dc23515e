#!/usr/bin/env bash
# Runs sqlmap against every operation and parameter of Tilsyn's OpenAPI document, signed in as the
# demo administrator, on a throw-away embedded database with the demo data. Installs sqlmap with
# apt-get when it is missing. Prints how many operations and parameters were tested and exits 1 if
# sqlmap found an injection. Slow (tens of minutes): not part of `npm test`.
#   bash scripts/security-scan.sh            # every operation
#   SCAN_FILTER=findings bash scripts/...    # only operations whose path contains "findings"
set -uo pipefail
cd "$(dirname "$0")/.."

if ! command -v sqlmap >/dev/null 2>&1; then
  echo "== installing sqlmap"
  (apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq sqlmap) >/dev/null || { echo "cannot install sqlmap"; exit 2; }
fi
[ -f dist/server/main.js ] || npm run build >/dev/null

work=$(mktemp -d /tmp/tilsyn-scan.XXXXXX)
port=$((20000 + RANDOM % 20000))
base="http://127.0.0.1:$port"
TILSYN_DATA_DIR="$work/data" PORT=$port HOST=127.0.0.1 LOG_LEVEL=warn TILSYN_LOGIN_RATE_LIMIT=100000 node dist/server/main.js >"$work/server.log" 2>&1 &
server=$!
trap 'kill $server 2>/dev/null; wait $server 2>/dev/null' EXIT
for _ in $(seq 1 60); do curl -fs "$base/healthz" >/dev/null 2>&1 && break; sleep 0.5; done
curl -fs "$base/healthz" >/dev/null || { echo "the server did not start"; cat "$work/server.log"; exit 2; }

password=$(node -e "import('./dist/server/demo/seed.js').then(m => console.log(m.DEMO_PASSWORD))")
cookie=""; csrf=""
sign_in() {
  local answer
  answer=$(curl -s -c "$work/jar" -H 'content-type: application/json' -d "{\"email\":\"admin@kk.example\",\"password\":\"$password\"}" "$base/api/v1/auth/login")
  csrf=$(node -e "console.log(JSON.parse(process.argv[1]).csrfToken)" "$answer")
  cookie="tilsyn_session=$(awk '$6 == "tilsyn_session" {print $7}' "$work/jar")"
}
sign_in
[ -n "$csrf" ] || { echo "sign-in failed"; exit 2; }
echo "== signed in as admin@kk.example"

node scripts/security-scan-targets.mjs "$base" "$cookie" "$csrf" >"$work/targets.jsonl"
[ -n "${SCAN_FILTER:-}" ] && grep -F "$SCAN_FILTER" "$work/targets.jsonl" >"$work/t" && mv "$work/t" "$work/targets.jsonl"

operations=0; parameters=0; runs=0; found=0
while IFS= read -r target; do
  method=$(node -e "console.log(JSON.parse(process.argv[1]).method)" "$target")
  path=$(node -e "console.log(JSON.parse(process.argv[1]).path)" "$target")
  url=$(node -e "console.log(JSON.parse(process.argv[1]).url)" "$target")
  data=$(node -e "const t=JSON.parse(process.argv[1]); console.log(t.data ?? '')" "$target")
  count=$(node -e "console.log(JSON.parse(process.argv[1]).params.length)" "$target")
  operations=$((operations + 1)); parameters=$((parameters + count))
  # A sign-out or password change in an earlier run ends the session: sign in again.
  [ "$(curl -s -o /dev/null -w '%{http_code}' -H "cookie: $cookie" "$base/api/v1/auth/session")" = 200 ] || sign_in
  args=(--batch --disable-coloring --flush-session --level=1 --risk=1 --threads=4 --time-sec=1 --technique=BEUST
        --method "$method" --cookie "$cookie" --headers "X-CSRF-Token: $csrf
If-Match: \"1\"" --output-dir "$work/sqlmap" --ignore-code=401,403,404,409,422,428)
  [ -n "$data" ] && args+=(--data "$data" --headers "Content-Type: application/json
X-CSRF-Token: $csrf
If-Match: \"1\"")
  echo "== $method $path ($count parameters)"
  # Pass 1: path parameters (marked with *); pass 2: query and body parameters.
  variants=()
  [[ "$url" == *"*"* ]] && variants+=("$url")
  plain="${url//\*/}"
  if [[ "$plain" == *"?"* || -n "$data" ]]; then variants+=("$plain"); fi
  for u in "${variants[@]}"; do
    runs=$((runs + 1))
    sqlmap -u "$u" "${args[@]}" >"$work/run-$runs.log" 2>&1
    if grep -qE "identified the following injection point|is vulnerable" "$work/run-$runs.log"; then
      found=$((found + 1)); echo "!! injection found: $method $path"; grep -A8 "identified the following injection point" "$work/run-$runs.log"
    fi
  done
done <"$work/targets.jsonl"

echo
echo "== sqlmap: $operations operations, $parameters parameters, $runs runs; injections found: $found (logs in $work)"
[ "$found" -eq 0 ]
