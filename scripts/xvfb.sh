#!/usr/bin/env bash
# A virtual X display (Debian's xvfb) for the JConsole tab's tests and screenshots.
#   scripts/xvfb.sh start [display]   start Xvfb on the display (default :99) unless a server answers there
#   scripts/xvfb.sh stop [display]    stop the Xvfb this script started there
# The integration tests run with DISPLAY=:99 (-Dcheckpoint.display=:N for another) and start it themselves
# through this script when it is not running.
set -euo pipefail
cd "$(dirname "$0")/.."
usage() { echo "usage: $0 start [display] | stop [display]   (display like :99)" >&2; exit 2; }
display=${2:-:99}
[[ $display =~ ^:[0-9]+$ ]] || { echo "display must look like :99, got '$display'" >&2; exit 2; }
number=${display#:}
socket=/tmp/.X11-unix/X$number
dir=$PWD/target/xvfb
case "${1:-}" in
start)
    command -v Xvfb >/dev/null || { echo "Xvfb is not installed here; on Debian: apt-get install -y xvfb" >&2; exit 1; }
    if [ ! -S "$socket" ]; then
        mkdir -p "$dir"
        # Its own session, so that the test JVM that started it ending does not end it; wide enough for
        # JConsole's window at the size the screenshots show.
        setsid Xvfb "$display" -screen 0 1440x900x24 -nolisten tcp >"$dir/$number.log" 2>&1 < /dev/null &
        echo $! > "$dir/$number.pid"
        for _ in $(seq 200); do [ -S "$socket" ] && break; sleep 0.05; done
        [ -S "$socket" ] || { echo "Xvfb did not start on $display:" >&2; cat "$dir/$number.log" >&2; exit 1; }
    fi
    echo "DISPLAY=$display"
    ;;
stop)
    if [ -f "$dir/$number.pid" ]; then
        kill "$(cat "$dir/$number.pid")" 2>/dev/null || true
        rm -f "$dir/$number.pid"
    fi
    ;;
*) usage ;;
esac
