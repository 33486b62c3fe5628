/**
 * engine/nn/random.ts in Python: xoshiro128** seeded through splitmix32, one stream per purpose.
 * The same 32-bit arithmetic (masked to 32 bits where JavaScript's Math.imul and >>> wrap), so
 * every stream yields the same numbers; export-script tests pin it against the engine's.
 */
import type { ExportWords } from './export-words';

export function randomCode({ doc }: ExportWords): string {
  return `MASK32 = 0xFFFFFFFF


def rotl(x, k):
    return ((x << k) | (x >> (32 - k))) & MASK32


def mix32(z):
    """${doc.mix32}"""
    z = ((z ^ (z >> 16)) * 0x85EBCA6B) & MASK32
    z = ((z ^ (z >> 13)) * 0xC2B2AE35) & MASK32
    return z ^ (z >> 16)


def fnv1a(text):
    h = 0x811C9DC5
    for ch in text:
        h = ((h ^ ord(ch)) * 0x01000193) & MASK32
    return h


class Random:
    """${doc.random}"""

    def __init__(self, state):
        self.s = [word & MASK32 for word in state]
        if not any(self.s):
            self.s[0] = 0x9E3779B9
        self.spare_normal = None

    def next_uint32(self):
        s0, s1, s2, s3 = self.s
        result = (rotl((s1 * 5) & MASK32, 7) * 9) & MASK32
        t = (s1 << 9) & MASK32
        s2 ^= s0
        s3 ^= s1
        s1 ^= s2
        s0 ^= s3
        s2 ^= t
        s3 = rotl(s3, 11)
        self.s = [s0, s1, s2, s3]
        return result

    def uniform(self):
        """${doc.uniform}"""
        high = self.next_uint32() >> 5
        low = self.next_uint32() >> 6
        return (high * 67108864 + low) / 9007199254740992

    def normal(self):
        """${doc.normal}"""
        if self.spare_normal is not None:
            spare, self.spare_normal = self.spare_normal, None
            return spare
        u1 = 1 - self.uniform()
        u2 = self.uniform()
        radius = math.sqrt(-2 * math.log(u1))
        angle = 2 * math.pi * u2
        self.spare_normal = radius * math.sin(angle)
        return radius * math.cos(angle)

    def below(self, n):
        """${doc.below}"""
        return math.floor(self.uniform() * n)

    def shuffle(self, values):
        """${doc.shuffle}"""
        for i in range(len(values) - 1, 0, -1):
            j = self.below(i + 1)
            values[i], values[j] = values[j], values[i]


def random_stream(seed, purpose):
    """${doc.stream}"""
    x = (mix32(seed & MASK32) ^ fnv1a(purpose)) & MASK32
    state = []
    for _ in range(4):
        x = (x + 0x9E3779B9) & MASK32
        state.append(mix32(x))
    return Random(state)`;
}
