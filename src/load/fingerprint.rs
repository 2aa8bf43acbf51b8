//! [`Fingerprint`]: 128 bits that stand for some bytes, to tell whether an
//! input is the one an earlier build saw (`serve` reuses what it made from
//! it). Two differently seeded hashes of the same input; each part is
//! followed by its length, so parts cannot run into each other.

use std::hash::Hasher;

use rustc_hash::FxHasher;

/// A hash being made.
pub struct Fingerprint(FxHasher, FxHasher);

impl Default for Fingerprint {
    fn default() -> Self {
        Fingerprint(FxHasher::with_seed(0x9e37_79b9), FxHasher::with_seed(0x85eb_ca6b))
    }
}

impl Fingerprint {
    /// The fingerprint of `bytes` alone.
    pub fn of(bytes: &[u8]) -> (u64, u64) {
        let mut f = Fingerprint::default();
        f.bytes(bytes);
        f.finish()
    }

    pub fn bytes(&mut self, b: &[u8]) {
        self.0.write(b);
        self.0.write_usize(b.len());
        self.1.write(b);
        self.1.write_usize(b.len());
    }

    pub fn str(&mut self, s: &str) {
        self.bytes(s.as_bytes());
    }

    pub fn num(&mut self, n: u64) {
        self.0.write_u64(n);
        self.1.write_u64(n);
    }

    pub fn finish(&self) -> (u64, u64) {
        (self.0.finish(), self.1.finish())
    }
}
