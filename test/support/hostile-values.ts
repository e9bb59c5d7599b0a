import fc from "fast-check";

/**
 * Values a hostile or careless client sends: text that is not Unicode, controls and
 * bidi overrides, path tricks, injection attempts, huge and odd numbers, prototype keys.
 * Shared by the route fuzzer and any test that wants the same vocabulary.
 */
export const HOSTILE_STRINGS = [
  "",
  " ",
  "\ud800",
  "\udfff",
  "\udc00\ud800",
  "a\u0000b",
  "\u202Etxt.exe",
  "\u2066\u2069\u200e\u200f",
  "\u0085\u009b\u007f\u001b[31m",
  "../../etc/passwd",
  "..\\..\\windows",
  "%00",
  "%ED%A0%80",
  "'; drop table users; --",
  '" or 1=1 --',
  "<script>alert(1)</script>",
  "{{7*7}}${7*7}",
  "__proto__",
  "constructor",
  "prototype",
  "city",
  "NaN",
  "Infinity",
  "-0",
  "1e400",
  "2025",
  "😀".repeat(50),
  "中".repeat(3000),
  "x".repeat(70_000),
];

/** Code units anywhere in 0–0xFFFF, so lone surrogates and controls turn up often. */
const anyCodeUnit = fc.integer({ min: 0, max: 0xffff }).map((unit) => String.fromCharCode(unit));

export const hostileString = fc.oneof(
  { weight: 3, arbitrary: fc.constantFrom(...HOSTILE_STRINGS) },
  { weight: 2, arbitrary: fc.string({ unit: anyCodeUnit, maxLength: 40 }) },
  { weight: 2, arbitrary: fc.string({ unit: "binary", maxLength: 40 }) },
  { weight: 1, arbitrary: fc.string({ maxLength: 20 }) },
);

export const hostileNumber = fc.oneof(
  fc.constantFrom(
    0,
    -0,
    1,
    -1,
    1e308,
    -1e308,
    Number.MAX_VALUE,
    Number.MIN_VALUE,
    Number.MAX_SAFE_INTEGER + 2,
    2 ** 31,
    -(2 ** 31) - 1,
    0.1 + 0.2,
    1e-320,
  ),
  fc.double({ noNaN: true, noDefaultInfinity: true }),
  fc.integer(),
);

/** Any JSON-ish value built from hostile leaves, a few levels deep. */
export const hostileJson: fc.Arbitrary<unknown> = fc.letrec((tie) => ({
  value: fc.oneof(
    { depthSize: "small", withCrossShrink: true },
    hostileString,
    hostileNumber,
    fc.boolean(),
    fc.constant(null),
    fc.array(tie("value"), { maxLength: 4 }),
    fc.dictionary(hostileString, tie("value"), { maxKeys: 4 }),
  ),
})).value;

/** Raw request bodies that are not JSON, or JSON that is cut short or nested absurdly. */
export const malformedBody = fc.oneof(
  fc.constantFrom(
    "{",
    '{"a":',
    "[".repeat(10_000),
    '{"__proto__":{"polluted":true}}',
    '{"constructor":{"prototype":{"polluted":true}}}',
    "\u0000",
    '{"value":1e400}',
    '{"value":-1e400}',
    "null",
    "[]",
    '"text"',
    "\ufeff{}",
  ),
  fc.string({ unit: anyCodeUnit, maxLength: 60 }),
);
