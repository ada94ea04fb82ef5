#!/usr/bin/env bash
# Prints the Function App's blobs_extension system key, which the Event Grid subscription of the blob
# trigger needs, waiting for it with a bound. Right after a first deployment the key is not there yet:
# the host creates it once the code runs, and that waits on role assignments that take minutes to
# propagate. Usage: blobs-extension-key.sh <resource-group> <app>
#   KEY_ATTEMPTS (default 30) and KEY_DELAY_SECONDS (default 20): at most 10 minutes by default.
set -euo pipefail
rg="$1"
app="$2"
attempts="${KEY_ATTEMPTS:-30}"
delay="${KEY_DELAY_SECONDS:-20}"

for attempt in $(seq 1 "$attempts"); do
  key=$(az functionapp keys list -g "$rg" -n "$app" --query systemKeys.blobs_extension -o tsv 2>/dev/null || true)
  if [ -n "$key" ]; then
    printf '%s\n' "$key"
    exit 0
  fi
  echo "The blobs_extension key of $app is not there yet (attempt $attempt of $attempts); trying again in ${delay} s." >&2
  [ "$attempt" -lt "$attempts" ] && sleep "$delay"
done

echo "error: the blobs_extension key of $app did not appear after $attempts attempts, $((attempts * delay)) s in all." >&2
echo "The app's role assignments may still be propagating, or the code did not start: check the app's deployment" >&2
echo "log and its Application Insights traces, then run the workflow again (every step is safe to repeat)." >&2
exit 1
