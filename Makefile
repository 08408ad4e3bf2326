# GraceMUD — the two commands a new user needs are `make run` and `make test`.
CARGO ?= cargo
PORT ?= 4000
N ?= 50
BIN := target/release/gracemud

.PHONY: all build run test check copyover copyover-test bench fmt clippy clean

all: build

build:
	$(CARGO) build --release

# Build (release) and start on port $(PORT) with the bundled world in areas/.
run: build
	mkdir -p player
	$(BIN) -p $(PORT) -a areas -P player

# Build and run every test (unit, integration, and a small copyover run).
test:
	$(CARGO) test --all-targets -- --test-threads=2

# Check every area file without starting the server.
check: build
	$(BIN) --check -a areas

fmt:
	$(CARGO) fmt --all

clippy:
	$(CARGO) clippy --all-targets -- -D warnings

clean:
	$(CARGO) clean
