//! Shared helpers for the assessment tests: indicators built in code, points,
//! and a serializer that proves no NaN or infinity hides anywhere in an output
//! (serde_json would quietly write `null` for them, so JSON cannot tell).

#![allow(dead_code)]

use gapcast_core::catalog::{Bounds, Comparator, Direction, Goal, Indicator, Milestone, Plan, Target, Unit};
use gapcast_core::series::Point;
use serde::ser::{self, Serialize};

/// An indicator of `unit` with `goal` due in 2030, default bounds, no milestones.
pub fn indicator(id: &str, unit: Unit, goal: Goal) -> Indicator {
    Indicator {
        id: id.to_string(),
        key: None,
        plan: if id.starts_with('C') { Plan::Children } else { Plan::Women },
        domain: "妇女与健康".to_string(),
        name_zh: format!("测试指标 {id}"),
        name_en: format!("Test indicator {id}"),
        aliases: vec![],
        unit,
        bounds: unit.default_bounds(),
        target: Target { goal, year: 2030 },
        milestones: vec![],
        scale: None,
        source: "test".to_string(),
        wording_zh: None,
        notes_zh: None,
        notes_en: None,
        proxy_for: None,
    }
}

pub fn compare(comparator: Comparator, value: f64) -> Goal {
    Goal::Compare { comparator, value, tolerance: None }
}

pub fn direction(direction: Direction) -> Goal {
    Goal::Direction { direction, level: None }
}

pub fn milestone(year: i32, comparator: Comparator, value: f64) -> Milestone {
    Milestone { year, comparator, value }
}

pub fn open_bounds() -> Bounds {
    Bounds { lower: None, upper: None }
}

/// Points from (year, value) pairs.
pub fn pts(values: &[(i32, f64)]) -> Vec<Point> {
    values.iter().map(|&(year, value)| Point { year, value, note: None }).collect()
}

/// `a ≈ b` to a relative 1e-9 (absolute 1e-12 near zero).
pub fn close(a: f64, b: f64) -> bool {
    (a - b).abs() <= (1e-9 * a.abs().max(b.abs())).max(1e-12)
}

/// Panics with the path of the first non-finite float in `value`.
pub fn assert_all_finite<T: Serialize>(value: &T, what: &str) {
    if let Err(FiniteError(path)) = value.serialize(FiniteCheck { path: String::new() }) {
        panic!("{what}: a non-finite number at {path}");
    }
}

#[derive(Debug)]
pub struct FiniteError(String);

impl std::fmt::Display for FiniteError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "non-finite at {}", self.0)
    }
}

impl std::error::Error for FiniteError {}

impl ser::Error for FiniteError {
    fn custom<T: std::fmt::Display>(msg: T) -> Self {
        FiniteError(msg.to_string())
    }
}

/// A serializer that only walks the value, failing on a non-finite float.
struct FiniteCheck {
    path: String,
}

impl FiniteCheck {
    fn child(&self, key: &str) -> FiniteCheck {
        FiniteCheck { path: format!("{}.{key}", self.path) }
    }
}

struct Walk {
    path: String,
    index: usize,
}

impl Walk {
    fn next(&mut self) -> FiniteCheck {
        self.index += 1;
        FiniteCheck { path: format!("{}[{}]", self.path, self.index - 1) }
    }
}

macro_rules! ok_scalars {
    ($($name:ident: $ty:ty),*) => {
        $(fn $name(self, _v: $ty) -> Result<(), FiniteError> { Ok(()) })*
    };
}

impl ser::Serializer for FiniteCheck {
    type Ok = ();
    type Error = FiniteError;
    type SerializeSeq = Walk;
    type SerializeTuple = Walk;
    type SerializeTupleStruct = Walk;
    type SerializeTupleVariant = Walk;
    type SerializeMap = Walk;
    type SerializeStruct = Walk;
    type SerializeStructVariant = Walk;

    ok_scalars!(serialize_bool: bool, serialize_i8: i8, serialize_i16: i16, serialize_i32: i32,
        serialize_i64: i64, serialize_u8: u8, serialize_u16: u16, serialize_u32: u32,
        serialize_u64: u64, serialize_char: char, serialize_str: &str, serialize_bytes: &[u8]);

    fn serialize_f32(self, v: f32) -> Result<(), FiniteError> {
        self.serialize_f64(f64::from(v))
    }
    fn serialize_f64(self, v: f64) -> Result<(), FiniteError> {
        if v.is_finite() {
            Ok(())
        } else {
            Err(FiniteError(format!("{} = {v}", self.path)))
        }
    }
    fn serialize_none(self) -> Result<(), FiniteError> {
        Ok(())
    }
    fn serialize_some<T: ?Sized + Serialize>(self, value: &T) -> Result<(), FiniteError> {
        value.serialize(self)
    }
    fn serialize_unit(self) -> Result<(), FiniteError> {
        Ok(())
    }
    fn serialize_unit_struct(self, _: &'static str) -> Result<(), FiniteError> {
        Ok(())
    }
    fn serialize_unit_variant(self, _: &'static str, _: u32, _: &'static str) -> Result<(), FiniteError> {
        Ok(())
    }
    fn serialize_newtype_struct<T: ?Sized + Serialize>(self, _: &'static str, value: &T) -> Result<(), FiniteError> {
        value.serialize(self)
    }
    fn serialize_newtype_variant<T: ?Sized + Serialize>(
        self,
        _: &'static str,
        _: u32,
        variant: &'static str,
        value: &T,
    ) -> Result<(), FiniteError> {
        value.serialize(self.child(variant))
    }
    fn serialize_seq(self, _: Option<usize>) -> Result<Walk, FiniteError> {
        Ok(Walk { path: self.path, index: 0 })
    }
    fn serialize_tuple(self, _: usize) -> Result<Walk, FiniteError> {
        Ok(Walk { path: self.path, index: 0 })
    }
    fn serialize_tuple_struct(self, _: &'static str, _: usize) -> Result<Walk, FiniteError> {
        Ok(Walk { path: self.path, index: 0 })
    }
    fn serialize_tuple_variant(self, _: &'static str, _: u32, _: &'static str, _: usize) -> Result<Walk, FiniteError> {
        Ok(Walk { path: self.path, index: 0 })
    }
    fn serialize_map(self, _: Option<usize>) -> Result<Walk, FiniteError> {
        Ok(Walk { path: self.path, index: 0 })
    }
    fn serialize_struct(self, _: &'static str, _: usize) -> Result<Walk, FiniteError> {
        Ok(Walk { path: self.path, index: 0 })
    }
    fn serialize_struct_variant(self, _: &'static str, _: u32, _: &'static str, _: usize) -> Result<Walk, FiniteError> {
        Ok(Walk { path: self.path, index: 0 })
    }
}

impl ser::SerializeSeq for Walk {
    type Ok = ();
    type Error = FiniteError;
    fn serialize_element<T: ?Sized + Serialize>(&mut self, value: &T) -> Result<(), FiniteError> {
        value.serialize(self.next())
    }
    fn end(self) -> Result<(), FiniteError> {
        Ok(())
    }
}

impl ser::SerializeTuple for Walk {
    type Ok = ();
    type Error = FiniteError;
    fn serialize_element<T: ?Sized + Serialize>(&mut self, value: &T) -> Result<(), FiniteError> {
        value.serialize(self.next())
    }
    fn end(self) -> Result<(), FiniteError> {
        Ok(())
    }
}

impl ser::SerializeTupleStruct for Walk {
    type Ok = ();
    type Error = FiniteError;
    fn serialize_field<T: ?Sized + Serialize>(&mut self, value: &T) -> Result<(), FiniteError> {
        value.serialize(self.next())
    }
    fn end(self) -> Result<(), FiniteError> {
        Ok(())
    }
}

impl ser::SerializeTupleVariant for Walk {
    type Ok = ();
    type Error = FiniteError;
    fn serialize_field<T: ?Sized + Serialize>(&mut self, value: &T) -> Result<(), FiniteError> {
        value.serialize(self.next())
    }
    fn end(self) -> Result<(), FiniteError> {
        Ok(())
    }
}

impl ser::SerializeMap for Walk {
    type Ok = ();
    type Error = FiniteError;
    fn serialize_key<T: ?Sized + Serialize>(&mut self, key: &T) -> Result<(), FiniteError> {
        key.serialize(FiniteCheck { path: format!("{}{{key}}", self.path) })
    }
    fn serialize_value<T: ?Sized + Serialize>(&mut self, value: &T) -> Result<(), FiniteError> {
        value.serialize(self.next())
    }
    fn end(self) -> Result<(), FiniteError> {
        Ok(())
    }
}

impl ser::SerializeStruct for Walk {
    type Ok = ();
    type Error = FiniteError;
    fn serialize_field<T: ?Sized + Serialize>(&mut self, key: &'static str, value: &T) -> Result<(), FiniteError> {
        value.serialize(FiniteCheck { path: format!("{}.{key}", self.path) })
    }
    fn end(self) -> Result<(), FiniteError> {
        Ok(())
    }
}

impl ser::SerializeStructVariant for Walk {
    type Ok = ();
    type Error = FiniteError;
    fn serialize_field<T: ?Sized + Serialize>(&mut self, key: &'static str, value: &T) -> Result<(), FiniteError> {
        value.serialize(FiniteCheck { path: format!("{}.{key}", self.path) })
    }
    fn end(self) -> Result<(), FiniteError> {
        Ok(())
    }
}

#[test]
fn the_finite_check_finds_a_nan() {
    #[derive(serde::Serialize)]
    struct Inner {
        x: Option<f64>,
    }
    #[derive(serde::Serialize)]
    struct Outer {
        list: Vec<Inner>,
    }
    let bad = Outer { list: vec![Inner { x: Some(1.0) }, Inner { x: Some(f64::NAN) }] };
    let err = bad.serialize(FiniteCheck { path: String::new() }).unwrap_err();
    assert_eq!(err.0, ".list[1].x = NaN");
    let good = Outer { list: vec![Inner { x: None }] };
    assert!(good.serialize(FiniteCheck { path: String::new() }).is_ok());
}
