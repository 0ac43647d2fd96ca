#!/bin/sh
# preStop drain of a call-routing pod (k8s/README.md, "Draining call-routing").
# Kubernetes has already taken the pod out of the SIP Service's endpoints when this runs, so no
# new calls arrive through the Service; this waits while calls are still up, i.e. while any
# `trunk_active_calls{trunk=...}` sample on /q/metrics is not 0, then returns and the pod gets
# SIGTERM. The wait is bounded by DRAIN_MAX_SECONDS (keep it below
# terminationGracePeriodSeconds). No metrics endpoint, no curl: waits DRAIN_MIN_SECONDS only.
#   DRAIN_URL          metrics URL      (default http://127.0.0.1:8083/q/metrics)
#   DRAIN_MIN_SECONDS  initial pause so endpoint removal reaches every node (default 5)
#   DRAIN_MAX_SECONDS  upper bound of the whole drain (default 870)
#   DRAIN_POLL_SECONDS poll interval (default 2)
url="${DRAIN_URL:-http://127.0.0.1:8083/q/metrics}"
min="${DRAIN_MIN_SECONDS:-5}"
max="${DRAIN_MAX_SECONDS:-870}"
poll="${DRAIN_POLL_SECONDS:-2}"

log() { echo "drain: $*"; }

# Prints the number of trunks with active calls; fails when the metrics cannot be read.
busy_trunks() {
  metrics="$(curl -fsS --max-time 2 "$url")" || return 1
  echo "$metrics" | {
    n=0
    while read -r name value _; do
      case "$name" in
        trunk_active_calls|trunk_active_calls\{*)
          case "$value" in 0|0.0|-0.0|0e0|0.0E0) ;; *) n=$((n + 1)) ;; esac ;;
      esac
    done
    echo "$n"
  }
}

sleep "$min"
waited="$min"
command -v curl >/dev/null 2>&1 || { log "no curl in the image: plain ${min}s wait"; exit 0; }
while [ "$waited" -lt "$max" ]; do
  if ! n="$(busy_trunks)"; then log "metrics unreadable at $url: stop waiting"; exit 0; fi
  if [ "$n" -eq 0 ]; then log "no active calls after ${waited}s"; exit 0; fi
  log "$n trunk(s) still have active calls (${waited}s)"
  sleep "$poll"
  waited=$((waited + poll))
done
log "calls still active after ${max}s: giving up, the remaining calls are cut"
exit 0
