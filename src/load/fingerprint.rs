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

/// Feed a value's serde form into `f`: every field name, string and number
/// as serialising it would write them, with lengths and markers between, so
/// two values with the same fingerprint serialise alike.
pub fn serialize<T: serde::Serialize + ?Sized>(f: &mut Fingerprint, value: &T) {
    // Our own serializer cannot fail.
    let _ = value.serialize(Feed(f));
}

struct Feed<'a>(&'a mut Fingerprint);

/// Why feeding failed: never, but serde asks for an error type.
#[derive(Debug)]
pub struct Never;

impl std::fmt::Display for Never {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("cannot fail")
    }
}

impl std::error::Error for Never {}

impl serde::ser::Error for Never {
    fn custom<T: std::fmt::Display>(_: T) -> Self {
        Never
    }
}

macro_rules! feed_num {
    ($($name:ident: $t:ty => $tag:expr),*) => {$(
        fn $name(self, v: $t) -> Result<(), Never> {
            self.0.num($tag);
            self.0.num(v as u64);
            Ok(())
        }
    )*};
}

impl<'a> serde::Serializer for Feed<'a> {
    type Ok = ();
    type Error = Never;
    type SerializeSeq = Feed<'a>;
    type SerializeTuple = Feed<'a>;
    type SerializeTupleStruct = Feed<'a>;
    type SerializeTupleVariant = Feed<'a>;
    type SerializeMap = Feed<'a>;
    type SerializeStruct = Feed<'a>;
    type SerializeStructVariant = Feed<'a>;

    feed_num!(serialize_bool: bool => 1, serialize_i8: i8 => 2, serialize_i16: i16 => 3,
        serialize_i32: i32 => 4, serialize_i64: i64 => 5, serialize_u8: u8 => 6,
        serialize_u16: u16 => 7, serialize_u32: u32 => 8, serialize_u64: u64 => 9,
        serialize_char: char => 10);

    fn serialize_f32(self, v: f32) -> Result<(), Never> {
        self.serialize_f64(f64::from(v))
    }

    fn serialize_f64(self, v: f64) -> Result<(), Never> {
        self.0.num(11);
        self.0.num(v.to_bits());
        Ok(())
    }

    fn serialize_str(self, v: &str) -> Result<(), Never> {
        self.0.num(12);
        self.0.str(v);
        Ok(())
    }

    fn serialize_bytes(self, v: &[u8]) -> Result<(), Never> {
        self.0.num(13);
        self.0.bytes(v);
        Ok(())
    }

    fn serialize_none(self) -> Result<(), Never> {
        self.0.num(14);
        Ok(())
    }

    fn serialize_some<T: serde::Serialize + ?Sized>(self, v: &T) -> Result<(), Never> {
        self.0.num(15);
        v.serialize(self)
    }

    fn serialize_unit(self) -> Result<(), Never> {
        self.0.num(16);
        Ok(())
    }

    fn serialize_unit_struct(self, name: &'static str) -> Result<(), Never> {
        self.0.num(17);
        self.0.str(name);
        Ok(())
    }

    fn serialize_unit_variant(self, _: &'static str, _: u32, variant: &'static str) -> Result<(), Never> {
        self.0.num(18);
        self.0.str(variant);
        Ok(())
    }

    fn serialize_newtype_struct<T: serde::Serialize + ?Sized>(self, _: &'static str, v: &T) -> Result<(), Never> {
        v.serialize(self)
    }

    fn serialize_newtype_variant<T: serde::Serialize + ?Sized>(
        self,
        _: &'static str,
        _: u32,
        variant: &'static str,
        v: &T,
    ) -> Result<(), Never> {
        self.0.num(19);
        self.0.str(variant);
        v.serialize(self)
    }

    fn serialize_seq(self, _: Option<usize>) -> Result<Feed<'a>, Never> {
        self.0.num(20);
        Ok(self)
    }

    fn serialize_tuple(self, _: usize) -> Result<Feed<'a>, Never> {
        self.0.num(21);
        Ok(self)
    }

    fn serialize_tuple_struct(self, _: &'static str, _: usize) -> Result<Feed<'a>, Never> {
        self.0.num(22);
        Ok(self)
    }

    fn serialize_tuple_variant(self, _: &'static str, _: u32, v: &'static str, _: usize) -> Result<Feed<'a>, Never> {
        Ok(self.tagged(23, v))
    }

    fn serialize_map(self, _: Option<usize>) -> Result<Feed<'a>, Never> {
        self.0.num(24);
        Ok(self)
    }

    fn serialize_struct(self, _: &'static str, _: usize) -> Result<Feed<'a>, Never> {
        self.0.num(25);
        Ok(self)
    }

    fn serialize_struct_variant(self, _: &'static str, _: u32, v: &'static str, _: usize) -> Result<Feed<'a>, Never> {
        Ok(self.tagged(26, v))
    }
}

impl Feed<'_> {
    /// A compound value's start: its kind, and its variant's name.
    fn tagged(self, tag: u64, variant: &str) -> Self {
        self.0.num(tag);
        self.0.str(variant);
        self
    }

    fn item<T: serde::Serialize + ?Sized>(&mut self, v: &T) -> Result<(), Never> {
        self.0.num(30);
        v.serialize(Feed(self.0))
    }

    fn end(self) -> Result<(), Never> {
        self.0.num(31);
        Ok(())
    }
}

macro_rules! feed_compound {
    ($($tr:ident :: $m:ident),*) => {$(
        impl serde::ser::$tr for Feed<'_> {
            type Ok = ();
            type Error = Never;
            fn $m<T: serde::Serialize + ?Sized>(&mut self, v: &T) -> Result<(), Never> {
                self.item(v)
            }
            fn end(self) -> Result<(), Never> {
                Feed::end(self)
            }
        }
    )*};
}

feed_compound!(
    SerializeSeq::serialize_element,
    SerializeTuple::serialize_element,
    SerializeTupleStruct::serialize_field,
    SerializeTupleVariant::serialize_field
);

impl serde::ser::SerializeMap for Feed<'_> {
    type Ok = ();
    type Error = Never;
    fn serialize_key<T: serde::Serialize + ?Sized>(&mut self, k: &T) -> Result<(), Never> {
        self.item(k)
    }
    fn serialize_value<T: serde::Serialize + ?Sized>(&mut self, v: &T) -> Result<(), Never> {
        self.item(v)
    }
    fn end(self) -> Result<(), Never> {
        Feed::end(self)
    }
}

macro_rules! feed_struct {
    ($($tr:ident),*) => {$(
        impl serde::ser::$tr for Feed<'_> {
            type Ok = ();
            type Error = Never;
            fn serialize_field<T: serde::Serialize + ?Sized>(&mut self, key: &'static str, v: &T) -> Result<(), Never> {
                self.0.str(key);
                self.item(v)
            }
            fn end(self) -> Result<(), Never> {
                Feed::end(self)
            }
        }
    )*};
}

feed_struct!(SerializeStruct, SerializeStructVariant);
