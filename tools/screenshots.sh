#!/usr/bin/env bash
# The README's dashboard screenshots, from real runs of bundled scenarios, drawn off screen (no display needed).
set -euo pipefail
cd "$(dirname "$0")/.."
./bmsbench ui scenarios/charge-cccv-balancing.yaml --screenshot docs/img/dashboard-charge.png --at-s 3000
./bmsbench ui scenarios/fault-overvoltage-sensor.yaml --screenshot docs/img/dashboard-fault.png --at-s 32
