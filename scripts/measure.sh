#!/usr/bin/env bash
# Measures what `go test -bench` cannot: the CPU Pit Stop burns while it
# sits on screen with a timer running, and how long a new process takes to
# show its first frame. It drives the real binary in a private tmux server.
#
#   scripts/measure.sh            # from anywhere; needs go and tmux
#   IDLE_SECONDS=30 scripts/measure.sh   # a longer CPU sample (default 15 s)
#
# Everything it makes (binary, sessions, tmux socket) lives in one temp
# directory that is removed on exit, together with its tmux server.
set -euo pipefail
cd "$(dirname "$0")/.."

idle_seconds=${IDLE_SECONDS:-15}
runs=${RUNS:-10}
items=${ITEMS:-300}

for tool in go tmux getconf awk; do
  command -v "$tool" >/dev/null || { echo "measure.sh needs $tool" >&2; exit 1; }
done

work=$(mktemp -d "${TMPDIR:-/tmp}/pitstop-measure.XXXXXX")
sock="pitstop-measure-$$"
unset TMUX TMUX_PANE
export TMUX_TMPDIR="$work" # the server's socket lives in $work too
export PITSTOP_DIR="$work/sessions" XDG_CONFIG_HOME="$work/xdg" XDG_DATA_HOME="$work/xdg"
mkdir -p "$PITSTOP_DIR" "$XDG_CONFIG_HOME"
printf 'set -g status off\nset -g default-terminal xterm-256color\n' >"$work/tmux.conf"

tmx() { tmux -L "$sock" -f "$work/tmux.conf" "$@"; }
cleanup() {
  tmx kill-server >/dev/null 2>&1 || true
  rm -rf "$work"
}
trap cleanup EXIT
trap 'exit 130' INT TERM

now_ns() { date +%s%N; }

# wait_for TARGET TEXT [SECONDS]: poll the pane every 5ms until TEXT shows.
wait_for() {
  local target=$1 text=$2 limit=${3:-10} start
  start=$(now_ns)
  until tmx capture-pane -p -t "$target" 2>/dev/null | grep -qF -- "$text"; do
    if (($(now_ns) - start > limit * 1000000000)); then
      echo "timed out waiting for '$text' in $target; the screen is:" >&2
      tmx capture-pane -p -t "$target" >&2 || true
      exit 1
    fi
    sleep 0.005
  done
}

# cpu_ticks PID: utime+stime of a process, in clock ticks.
cpu_ticks() {
  # Fields after "pid (comm)": state is the 1st, utime the 12th, stime the 13th.
  local stat
  stat=$(<"/proc/$1/stat")
  echo "${stat##*) }" | awk '{ print $12 + $13 }'
}

# gone PID: true once the process has ended (a zombie holds no lock).
gone() {
  [[ ! -e /proc/$1/stat ]] && return 0
  local stat
  stat=$(cat "/proc/$1/stat" 2>/dev/null) || return 0
  [[ $(echo "${stat##*) }" | awk '{ print $1 }') == Z ]]
}

# stop_app TARGET PID: quit with q and wait for the process to end.
stop_app() {
  local target=$1 pid=$2 start
  tmx send-keys -t "$target" -l q
  start=$(now_ns)
  until gone "$pid"; do
    if (($(now_ns) - start > 10000000000)); then
      kill -9 "$pid" 2>/dev/null || true
    fi
    sleep 0.01
  done
  tmx kill-window -t "$target" 2>/dev/null || true
}

# open_app NAME: open the session in a new window running pitstop itself
# (so the pane's pid is pitstop's), 120x40.
open_app() {
  tmx new-window -d -t hold: -n "$1" -e TERM=xterm-256color "$bin" open "$id"
}

echo "building…"
bin="$work/pitstop"
go build -o "$bin" .
id=$("$bin" new --title "Measure" --team "Bench" | awk '/^id:/ { print $2 }')
[[ -n $id ]] || { echo "pitstop new printed no id" >&2; exit 1; }
empty_id=$("$bin" new --title "Measure empty" | awk '/^id:/ { print $2 }')
go run ./scripts/gensession -dir "$PITSTOP_DIR" -id "$id" -n "$items" >/dev/null
echo "session: $id ($items items; $(go version | awk '{ print $3 }'), $(tmux -V), $(nproc) cores)"

# One session that lives throughout keeps the server up, so no measurement
# pays for starting tmux.
tmx new-session -d -s hold -x 120 -y 40 -n hold cat

# cpu_over PID SECONDS: the share of one core a process used over SECONDS.
cpu_over() {
  local pid=$1 secs=$2 hz t0 t1 s0 s1
  hz=$(getconf CLK_TCK)
  t0=$(cpu_ticks "$pid")
  s0=$(now_ns)
  sleep "$secs"
  t1=$(cpu_ticks "$pid")
  s1=$(now_ns)
  awk -v dt="$((t1 - t0))" -v hz="$hz" -v ns="$((s1 - s0))" 'BEGIN { printf "%.2f", 100 * dt / hz / (ns / 1e9) }'
}

# Idle CPU with a running timer: the stop view at 120x40, then the
# presenter view on a projector's 200x60, then the floor, a minimal
# bubbletea program with a clock at 200x60, each over the same seconds.
open_app cpu
wait_for hold:cpu "STOP 1 OF 7"
pid=$(tmx display-message -p -t hold:cpu '#{pane_pid}')
tmx send-keys -t hold:cpu Space
wait_for hold:cpu "running"
sleep 2
echo "idle CPU with a running timer, stop view at 120x40: $(cpu_over "$pid" "$idle_seconds")% of one core over ${idle_seconds}s"
stop_app hold:cpu "$pid"

tmx new-session -d -s proj -x 200 -y 60 -n hold cat
tmx new-window -d -t proj: -n cpu -e TERM=xterm-256color "$bin" open "$id"
wait_for proj:cpu "STOP 1 OF 7"
pid=$(tmx display-message -p -t proj:cpu '#{pane_pid}')
tmx send-keys -t proj:cpu p
wait_for proj:cpu "Prompt 1 of"
tmx send-keys -t proj:cpu Space # leaving paused it
wait_for proj:cpu "running"
sleep 2
presenter=$(cpu_over "$pid" "$idle_seconds")
stop_app proj:cpu "$pid"
go build -o "$work/minimaltea" ./scripts/minimaltea
tmx new-window -d -t proj: -n floor -e TERM=xterm-256color "$work/minimaltea"
wait_for proj:floor "STOP 1 OF 7"
pid=$(tmx display-message -p -t proj:floor '#{pane_pid}')
sleep 2
floor=$(cpu_over "$pid" "$idle_seconds")
stop_app proj:floor "$pid"
awk -v p="$presenter" -v f="$floor" -v secs="$idle_seconds" 'BEGIN {
  printf "idle CPU with a running timer, presenter view at 200x60: %.2f%% of one core over %ds\n", p, secs
  printf "  (floor, a minimal bubbletea program with a clock at 200x60: %.2f%%; ratio %.2f)\n", f, (f > 0 ? p / f : 0)
}'

# Process to first frame: from launching `pitstop open ID` until
# "STOP 1 OF 7" is on screen. Each poll runs tmux capture-pane, so the
# figure includes up to one poll's cost (a few ms).
first_frame() {
  local session=$1 label=$2 times=() i start end pid
  for ((i = 1; i <= runs; i++)); do
    start=$(now_ns)
    tmx new-window -d -t hold: -n ff -e TERM=xterm-256color "$bin" open "$session"
    wait_for hold:ff "STOP 1 OF 7"
    end=$(now_ns)
    times+=("$(((end - start) / 1000))")
    pid=$(tmx display-message -p -t hold:ff '#{pane_pid}')
    stop_app hold:ff "$pid"
  done
  printf '%s\n' "${times[@]}" | sort -n | awk -v label="$label" -v runs="$runs" '
    { t[NR] = $1 }
    END {
      med = (NR % 2) ? t[(NR + 1) / 2] : (t[NR / 2] + t[NR / 2 + 1]) / 2
      printf "process to first frame (%s): min %.1f ms, median %.1f ms, max %.1f ms over %d runs\n", label, t[1] / 1000, med / 1000, t[NR] / 1000, runs
    }'
}
first_frame "$id" "$items-item session"
first_frame "$empty_id" "empty session"

# What the method itself costs: a pane that prints the same text at once.
base=()
for ((i = 1; i <= runs; i++)); do
  start=$(now_ns)
  tmx new-window -d -t hold: -n base sh -c 'echo "STOP 1 OF 7"; exec cat'
  wait_for hold:base "STOP 1 OF 7"
  end=$(now_ns)
  base+=("$(((end - start) / 1000))")
  tmx kill-window -t hold:base
done
printf '%s\n' "${base[@]}" | sort -n | awk -v runs="$runs" '
  { t[NR] = $1 }
  END {
    med = (NR % 2) ? t[(NR + 1) / 2] : (t[NR / 2] + t[NR / 2 + 1]) / 2
    printf "  (baseline of the method, a pane that just echoes the text: min %.1f ms, median %.1f ms)\n", t[1] / 1000, med / 1000
  }'
