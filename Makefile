# GraceMUD — the two commands a new user needs are `make run` and `make test`.
CARGO ?= cargo
PORT ?= 4000
# The web client's port (http://localhost:$(WEBPORT)/); empty: no web client.
WEBPORT ?= 4080
N ?= 50
BIN := target/release/gracemud

.PHONY: all build run test check copyover copyover-test bench fmt clippy clean

all: build

build:
	$(CARGO) build --release

# Build (release) and start on port $(PORT) with the bundled world in areas/,
# and the web client on http://localhost:$(WEBPORT)/ (WEBPORT= to turn it off).
run: build
	mkdir -p player
	$(BIN) -p $(PORT) $(if $(WEBPORT),-w $(WEBPORT)) -a areas -P player

# Build and run every test (unit, integration, and a small copyover run).
test:
	$(CARGO) test --all-targets -- --test-threads=2

# Copyover end to end: N players (default 50), by command and SIGUSR1, three
# in a row, the refusal and rollback paths (the new image's own and the
# guardian's: exit 3, SIGSEGV, abort, stack overflow, hang); prints the times.
copyover-test: build
	target/release/copyover-test --bin $(BIN) --areas areas -n $(N)

# Ask the server on port $(PORT) started in this directory for a copyover
# (SIGUSR1 to the pid in gracemud-$(PORT).pid). Whether it happened, was
# refused or was rolled back is in that server's log: grep for "copyover".
copyover:
	@f=gracemud-$(PORT).pid; \
	if [ ! -s "$$f" ]; then echo "make copyover: no $$f here: no server on port $(PORT) was started in this directory (make copyover PORT=...)" >&2; exit 1; fi; \
	pid=$$(cat "$$f"); \
	if ! kill -0 "$$pid" 2>/dev/null; then echo "make copyover: $$f names pid $$pid, which is not running" >&2; exit 1; fi; \
	kill -USR1 "$$pid" && echo "copyover requested of pid $$pid (port $(PORT)); its log says 'copyover complete', 'copyover refused' or 'copyover rolled back'"

# Check every area file without starting the server.
check: build
	$(BIN) --check -a areas

fmt:
	$(CARGO) fmt --all

clippy:
	$(CARGO) clippy --all-targets -- -D warnings

clean:
	$(CARGO) clean

# Build (release) and run every benchmark scenario against fresh servers;
# prints one table (target/bench.md keeps a copy for the README). Takes
# several minutes: thousands of characters are created through the login
# dialogue. BENCH_ARGS=--quick for a short run, --json for scripts.
BENCH_ARGS ?=
bench: build
	target/release/gracemud-bench --out target/bench.md $(BENCH_ARGS)

# A shorter bench (fewer players, shorter runs) while working on speed.
.PHONY: bench-quick
bench-quick: build
	target/release/gracemud-bench --quick --out target/bench-quick.md $(BENCH_ARGS)
