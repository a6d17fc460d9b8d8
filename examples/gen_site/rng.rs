//! Deterministic randomness, std only: SplitMix64 seeded from FNV-1a hashes
//! of strings, so that the same arguments give the same bytes on every
//! platform and every run (no `HashMap` order, no time, no OS entropy).

/// SplitMix64: tiny, fast, good enough for synthetic content.
#[derive(Clone, Debug)]
pub struct Rng(u64);

impl Rng {
    /// A generator for one purpose, e.g. `(seed, ["events/4031-x.md", "cs-CZ"])`.
    pub fn from_parts(seed: u64, parts: &[&str]) -> Rng {
        Rng(hash(seed, parts))
    }

    pub fn next_u64(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
        mix(self.0)
    }

    /// Uniform in `0..n` (`n > 0`).
    pub fn below(&mut self, n: usize) -> usize {
        (self.next_u64() % n as u64) as usize
    }

    /// Uniform in `[0, 1)`.
    pub fn unit(&mut self) -> f64 {
        (self.next_u64() >> 11) as f64 / (1u64 << 53) as f64
    }

    pub fn chance(&mut self, p: f64) -> bool {
        self.unit() < p
    }

    pub fn pick<'a, T>(&mut self, xs: &'a [T]) -> &'a T {
        &xs[self.below(xs.len())]
    }

    /// Picks by integer weight.
    pub fn weighted<'a, T>(&mut self, xs: &'a [(T, u32)]) -> &'a T {
        let total: u32 = xs.iter().map(|(_, w)| w).sum();
        let mut r = self.below(total as usize) as u32;
        for (x, w) in xs {
            if r < *w {
                return x;
            }
            r -= w;
        }
        &xs[xs.len() - 1].0
    }
}

fn mix(mut z: u64) -> u64 {
    z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
    z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
    z ^ (z >> 31)
}

/// FNV-1a over the seed and the parts (separated by 0x1f), finalised with
/// SplitMix64's mixer.
pub fn hash(seed: u64, parts: &[&str]) -> u64 {
    let mut h: u64 = 0xcbf2_9ce4_8422_2325;
    let mut eat = |b: u8| {
        h ^= u64::from(b);
        h = h.wrapping_mul(0x0000_0100_0000_01B3);
    };
    for b in seed.to_le_bytes() {
        eat(b);
    }
    for p in parts {
        for &b in p.as_bytes() {
            eat(b);
        }
        eat(0x1f);
    }
    mix(h)
}

/// `n` lowercase hex digits derived from the seed and the parts.
pub fn hex(seed: u64, parts: &[&str], n: usize) -> String {
    let mut rng = Rng(hash(seed, parts));
    let mut s = String::with_capacity(n + 16);
    while s.len() < n {
        s.push_str(&format!("{:016x}", rng.next_u64()));
    }
    s.truncate(n);
    s
}

/// A GUID-shaped ID (`8-4-4-4-12` hex digits), as `ms.assetid` has.
pub fn guid(seed: u64, parts: &[&str]) -> String {
    let h = hex(seed, parts, 32);
    format!("{}-{}-{}-{}-{}", &h[..8], &h[8..12], &h[12..16], &h[16..20], &h[20..])
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn same_parts_same_stream_and_parts_are_separated() {
        let a: Vec<u64> = (0..4)
            .map(|_| 0)
            .scan(Rng::from_parts(1, &["x"]), |r, _| Some(r.next_u64()))
            .collect();
        let b: Vec<u64> = (0..4)
            .map(|_| 0)
            .scan(Rng::from_parts(1, &["x"]), |r, _| Some(r.next_u64()))
            .collect();
        assert_eq!(a, b);
        assert_ne!(hash(1, &["ab", "c"]), hash(1, &["a", "bc"]));
        assert_ne!(hash(1, &["x"]), hash(2, &["x"]));
        assert_eq!(hex(7, &["p"], 5).len(), 5);
        assert_eq!(guid(7, &["p"]).len(), 36);
    }
}
