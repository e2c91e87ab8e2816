// The V8 settings the faqlint CLI runs with, apart from the launcher so that `npm run bench` can
// give the parse floor the same ones and show what they are worth to each.

/**
 * V8 optimises a function once it has run this much bytecode; Node 20's default is 67,584 bytes.
 * A lint run is short, and each worker thread compiles its own copy of the parser, so on two
 * cores the optimising compiler's threads took time the parse needed. Optimising later took
 * 7-21% off a cold run (S, M and L, two bench runs) and left warm runs as fast (README, Performance).
 */
export const V8_FLAGS = ['--interrupt-budget=1000000'];
