//! OLC unit tests on a hand-built world.
