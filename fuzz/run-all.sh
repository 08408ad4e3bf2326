#!/bin/sh
# Run every fuzz target for SECONDS each (default 180), one after another,
# one job: new corpus entries go to corpus/<target>/, crashes to
# artifacts/<target>/. Needs cargo-fuzz (`cargo install cargo-fuzz`); on a
# stable toolchain RUSTC_BOOTSTRAP=1 lets it pass its nightly flags.
# Usage: fuzz/run-all.sh [SECONDS] [TARGET...]
set -u
cd "$(dirname "$0")/.." || exit 1
secs=${1:-180}
[ $# -gt 0 ] && shift
targets=${*:-"area_file player_file snapshot game_state copyover_args telnet net_subneg text"}
export RUSTC_BOOTSTRAP=1
status=0
for t in $targets; do
    extra=""
    dict=""
    case $t in
        area_file) extra="areas"; [ -d ../shared/rom-areas ] && extra="$extra ../shared/rom-areas"; dict=area ;;
        player_file) dict=player ;;
        snapshot|game_state) dict=snapshot ;;
        telnet) dict=telnet ;;
    esac
    mkdir -p "fuzz/corpus/$t"
    seeds=""
    [ -d "fuzz/seeds/$t" ] && seeds="fuzz/seeds/$t"
    dictarg=""
    [ -n "$dict" ] && dictarg="-dict=fuzz/dicts/$dict.dict"
    echo "== $t: ${secs}s"
    # shellcheck disable=SC2086
    cargo fuzz run -s none "$t" "fuzz/corpus/$t" $seeds $extra -- \
        -max_total_time="$secs" -timeout=10 -rss_limit_mb=2048 \
        -report_slow_units=1 -print_final_stats=1 $dictarg || status=1
done
exit $status
