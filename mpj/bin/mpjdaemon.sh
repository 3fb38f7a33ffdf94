#!/usr/bin/env bash
# mpjdaemon.sh start|stop|status [PORT]
#
# Runs an MPJ Express daemon (needed by -dev niodev/hybdev runs through MPJ's starter) on
# this host. Each daemon gets its own state folder and home (daemons unpack jobs into
# ~/.mpj_users and delete it at job end, so two sharing a home would race), and its own MPJ
# home (conf/ of its own, lib/ linked to this one's): the daemon also opens a "port manager"
# on the port its conf names, 40052 as shipped, so a second daemon on the host (another port,
# another user) could not start. Here each takes a free port for it; MPJ's starter never
# connects to it.
# SECURITY: an MPJ daemon runs any java command sent to its port, unauthenticated. Start it
# only on a private network, only for the time of your jobs, and stop it afterwards.
set -euo pipefail

self=$(readlink -f "${BASH_SOURCE[0]}")
MPJ_HOME=$(cd "$(dirname "$self")/.." && pwd)
export MPJ_HOME
if [ -n "${JAVA_HOME:-}" ] && [ -x "$JAVA_HOME/bin/java" ]; then java="$JAVA_HOME/bin/java"; else java=java; fi

cmd=${1:-}
port=${2:-40055}
[[ "$port" =~ ^[0-9]+$ ]] && [ "$port" -ge 1 ] && [ "$port" -le 65535 ] || { echo "error: bad port '$port'" >&2; exit 2; }
state=${MPJ_DAEMON_STATE:-$MPJ_HOME/logs}/daemon-$port
pidfile=$state/pid

source "$(dirname "$self")/free-port.sh"
listening() { ss -ltnH "sport = :$port" 2>/dev/null | grep -q .; }
running() { [ -f "$pidfile" ] && kill -0 "$(cat "$pidfile")" 2>/dev/null; }

case "$cmd" in
  start)
    if running; then echo "daemon already running on port $port (pid $(cat "$pidfile"))" >&2; exit 0; fi
    [ -f "$MPJ_HOME/lib/daemon.jar" ] || { echo "error: $MPJ_HOME is not assembled: run 'make build'" >&2; exit 1; }
    if listening; then echo "error: port $port is already in use" >&2; exit 1; fi
    mkdir -p "$state/home" "$state/mpj/conf"
    ln -sfn "$MPJ_HOME/lib" "$state/mpj/lib"
    # MPJ's port manager, which nothing connects to, on a port of its own: two daemons coexist.
    pm_port=$(free_port "$port") || { echo "error: no free port for the daemon's port manager" >&2; exit 1; }
    sed "s/^mpjexpress.mpjdaemon.port.2=.*/mpjexpress.mpjdaemon.port.2=$pm_port/" "$MPJ_HOME/conf/mpjexpress.conf" \
      >"$state/mpj/conf/mpjexpress.conf"
    # Not probed by connecting: the daemon reads every connection as a job ticket.
    MPJ_HOME=$state/mpj nohup "$java" -Duser.home="$state/home" -jar "$state/mpj/lib/daemon.jar" "$port" \
      >"$state/daemon.log" 2>&1 </dev/null &
    echo $! >"$pidfile"
    for _ in $(seq 100); do
      listening && { echo "daemon started on port $port (pid $(cat "$pidfile"))" >&2; exit 0; }
      running || break
      sleep 0.1
    done
    echo "error: daemon did not start listening on port $port; see $state/daemon.log" >&2
    exit 1 ;;
  stop)
    if running; then
      pid=$(cat "$pidfile")
      kill "$pid" 2>/dev/null || true
      for _ in $(seq 50); do kill -0 "$pid" 2>/dev/null || break; sleep 0.1; done
      kill -9 "$pid" 2>/dev/null || true
      echo "daemon on port $port stopped" >&2
    else
      echo "no daemon running on port $port" >&2
    fi
    rm -f "$pidfile" ;;
  status)
    if running; then echo "running on port $port (pid $(cat "$pidfile"))"; else echo "not running on port $port"; exit 3; fi ;;
  *)
    echo "usage: mpjdaemon.sh start|stop|status [PORT]   (default port 40055)" >&2
    [ "$cmd" = "-h" ] || [ "$cmd" = "--help" ] && exit 0
    exit 2 ;;
esac
