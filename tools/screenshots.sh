#!/usr/bin/env bash
# The README's screenshots (the dashboard, the report's charts), from real runs of bundled scenarios, drawn off
# screen (no display needed).
set -euo pipefail
cd "$(dirname "$0")/.."
./bmsbench ui scenarios/charge-cccv-balancing.yaml --screenshot docs/img/dashboard-charge.png --at-s 3000
./bmsbench ui scenarios/fault-overvoltage-sensor.yaml --screenshot docs/img/dashboard-fault.png --at-s 32

# The README's report charts: the PNGs embedded in a real run's report.html, picked by their titles.
runs="$(mktemp -d)"
trap 'rm -rf "$runs"' EXIT
./bmsbench run scenarios/fault-overvoltage-sensor.yaml --out "$runs" --quiet
chart() {
  grep -F "<img alt=\"$1" "$runs/fault-overvoltage-sensor/report.html" | grep -o 'base64,[^"]*' | cut -d, -f2 \
      | base64 -d >"$2"
}
chart "Cell voltages" docs/img/report-cells.png
chart "State of charge" docs/img/report-soc.png
