#!/usr/bin/env bash
# One-shot: submits the receivables job to the Flink session cluster unless it already runs, resuming from the
# newest retained checkpoint or savepoint on the shared state volume (so `docker-compose up` after a stop
# continues where the job was). Settings reach ClusterJob through the COBRANZA_* environment of this container.
set -euo pipefail
JM="${FLINK_JOBMANAGER:-jobmanager:8081}"
JAR="$(ls /jobs/streaming-*-job.jar | head -1)"
if /opt/flink/bin/flink list -r -m "$JM" 2>/dev/null | grep -q "cobranza-receivables"; then
  echo "cobranza-receivables already running on $JM: nothing to submit"
  exit 0
fi
restore=()
newest="$(ls -1dt /flink-data/savepoints/savepoint-* /flink-data/checkpoints/*/chk-* 2>/dev/null \
  | while read -r d; do [ -f "$d/_metadata" ] && echo "$d"; done | head -1 || true)"
if [ -n "$newest" ]; then
  echo "resuming from $newest"
  restore=(-s "file://$newest")
fi
exec /opt/flink/bin/flink run -d -m "$JM" "${restore[@]}" "$JAR"
