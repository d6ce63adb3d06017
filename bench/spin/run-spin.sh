#!/usr/bin/env bash
# Builds and runs SPIN on bench/spin/two-phase-commit.pml with N resource managers, and prints one
# JSON line for bench/run.ts:
#   {"tool":"spin","rms":N,"distinct":..,"generated":..,"depth":..,"errors":..,"cpu_s":..,"wall_s":..}
# distinct is SPIN's "states, stored", generated its "transitions" (see the .pml's header for why
# these are TLC's distinct states and states generated); depth is SPIN's depth-first depth + 1.
# cpu_s and wall_s time ./pan only: not spin -a, not gcc (we time our own runs without start-up
# either: bench/one-run.ts measures the search).
#
# Settings, chosen for an exhaustive single-core safety search, as close to ours as SPIN allows:
#   -DSAFETY      no never claim, no acceptance cycles (we check invariants only, too)
#   -DNOREDUCE    no partial-order reduction (one process: it would not reduce anything anyway)
#   full state storage (no -DBITSTATE, no -DHC, no -DCOLLAPSE): exact, like our 64-bit fingerprints
#                 but without their collision risk;
#   -w: a hash table of at least twice as many slots as TwoPhase has states, 2^N (3^N + 2^N + 1)
#                 (288 for 3 RMs), as our visited set is kept at most half full;
#   -m: a search depth far above the model's.
# Usage: bench/spin/run-spin.sh N   (installs Debian's spin with apt-get when it is missing; needs gcc)
set -euo pipefail
n=${1:?usage: run-spin.sh N (number of RMs)}
here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
if ! command -v spin >/dev/null 2>&1; then
  { apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq spin; } >&2 \
    || { echo "spin is not installed and apt-get could not install it (apt-get install -y spin)" >&2; exit 2; }
fi
command -v gcc >/dev/null || { echo "gcc is not installed" >&2; exit 2; }
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
cd "$work"
spin -DN="$n" -a "$here/two-phase-commit.pml" >spin.log || { cat spin.log >&2; exit 2; }
gcc -O2 -DSAFETY -DNOREDUCE -DMEMLIM=16384 -o pan pan.c 2>gcc.log || { cat gcc.log >&2; exit 2; }
w=$(awk -v n="$n" 'BEGIN { s = 2 * 2^n * (3^n + 2^n + 1); w = 10; while (2^w < s && w < 32) w++; print w }')
TIMEFORMAT='%R %U %S'
{ time ./pan -w"$w" -m10000 >pan.log 2>&1; } 2>time.log || true
read -r wall user sys <time.log
awk -v n="$n" -v wall="$wall" -v user="$user" -v sys="$sys" '
  /states, stored/ { stored = $1 }
  /transitions \(= stored\+matched\)/ { transitions = $1 }
  /depth reached/ { for (i = 1; i <= NF; i++) if ($i == "reached") { depth = $(i + 1); gsub(",", "", depth) } }
  /errors:/ { errors = $NF }
  END {
    if (stored == "" || transitions == "") { print "could not read pan output" > "/dev/stderr"; exit 2 }
    printf "{\"tool\":\"spin\",\"rms\":%d,\"distinct\":%.0f,\"generated\":%.0f,\"depth\":%d,\"errors\":%d,\"cpu_s\":%.3f,\"wall_s\":%s}\n",
      n, stored, transitions, depth + 1, errors, user + sys, wall
  }
' pan.log || { cat pan.log >&2; exit 2; }
